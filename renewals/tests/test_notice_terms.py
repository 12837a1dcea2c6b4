"""Renewal offers follow the notice law of the property's state and city (properties.JurisdictionRule): the
start date is never sooner than the notice the increase requires, the reply-by date sits before it, and the
letter states both with the citation. Today is pinned to the issue's Nov 28."""

import datetime
from decimal import Decimal

import pytest

from core.exceptions import ApplicationError
from core.formatting import long_date
from properties.tests.factories import PropertyFactory
from renewals import services
from renewals.models import RenewalRecommendation
from tenants.tests.factories import LeaseFactory, TenantFactory
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

D = datetime.date
NOV28 = D(2026, 11, 28)
ACTOR = "user:manager@example.com"
TENANCY_START = D(2024, 1, 1)


def place(city: str, state: str):
    return PropertyFactory(
        city=city, state=state, jurisdiction_city=city, jurisdiction_state=state, manager_email="pm@example.com"
    )


def lease_at(prop, *, rent="1000.00", market="1050.00", end=None, month_to_month=False, begin=TENANCY_START):
    kw = {"lease_status": "month_to_month", "holdover_start_date": D(2026, 9, 1)} if month_to_month else {}
    return LeaseFactory(
        tenant=TenantFactory(email="tenant@example.com"),
        unit=UnitFactory(property=prop, market_rent=Decimal(market)),
        monthly_rent_amount=Decimal(rent),
        lease_begin_date=begin,
        lease_end_date=D(2026, 8, 31) if month_to_month else end,
        **kw,
    )


def scan_rec(lease, today=NOV28) -> RenewalRecommendation:
    services.renewal_scan(today=today)
    return RenewalRecommendation.objects.select_related("lease", "property", "tenant", "unit").get(lease=lease)


def test_the_issue_letter_a_month_to_month_increase_never_starts_december_1():
    """Nov 28, +5% on a month-to-month lease in California: 30 days' notice -> Jan 1, reply by Dec 18."""
    rec = scan_rec(lease_at(place("Sacramento", "CA"), month_to_month=True))
    assert rec.recommended_rent > rec.current_rent
    assert (rec.notice_date, rec.notice_days, rec.notice_citation) == (NOV28, 30, "Cal. Civ. Code §827")
    assert (rec.recommended_lease_start, rec.response_deadline) == (D(2027, 1, 1), D(2026, 12, 18))
    assert rec.recommended_lease_end == D(2027, 12, 31)
    text = rec.renewal_letter_text
    assert text.startswith("November 28, 2026")
    assert "from January 1, 2027 through December 31, 2027" in text
    assert "no sooner than January 1, 2027, at least 30 days after the date of this notice" in text
    assert "as Cal. Civ. Code §827 requires" in text
    assert "by December 18, 2026" in text
    assert "December 1," not in text and "before" not in text


def test_a_large_increase_takes_the_90_day_tier():
    """Approving +12% (over §827's 10% tier) moves the start to the first 1st after 90 days and rewrites the
    letter with the new dates."""
    rec = scan_rec(lease_at(place("Sacramento", "CA"), month_to_month=True))
    approved = services.renewal_approve(recommendation=rec, actor=ACTOR, approved_rent="1120.00", today=NOV28)
    approved.refresh_from_db()
    assert approved.notice_days == 90
    assert (approved.recommended_lease_start, approved.response_deadline) == (D(2027, 3, 1), D(2027, 2, 15))
    assert approved.recommended_lease_end == D(2028, 2, 29)
    assert "no sooner than March 1, 2027, at least 90 days" in approved.renewal_letter_text
    assert "by February 15, 2027" in approved.renewal_letter_text
    # back to a small increase: back to the 30-day tier
    rec2 = scan_rec(lease_at(place("San Diego", "CA"), month_to_month=True))
    small = services.renewal_approve(recommendation=rec2, actor=ACTOR, approved_rent="1100.00", today=NOV28)
    assert (small.notice_days, small.recommended_lease_start) == (30, D(2027, 1, 1))


def test_a_lease_ending_after_the_notice_has_run_renews_the_day_after_it_ends():
    rec = scan_rec(lease_at(place("Sacramento", "CA"), end=D(2027, 1, 31)))
    assert (rec.recommended_lease_start, rec.notice_days) == (D(2027, 2, 1), 30)
    assert rec.response_deadline == D(2027, 1, 18)


def test_the_city_rule_overrides_the_state_rule():
    """Seattle requires 180 days' notice of any increase; Tacoma has the state's 90 days."""
    seattle = scan_rec(lease_at(place("Seattle", "WA"), end=D(2027, 1, 12)))
    tacoma = scan_rec(lease_at(place("Tacoma", "WA"), end=D(2027, 1, 12)))
    assert (seattle.notice_days, seattle.notice_citation) == (180, "Seattle Municipal Code 7.24.030")
    assert seattle.recommended_lease_start == NOV28 + datetime.timedelta(days=180) == D(2027, 5, 27)
    assert (tacoma.notice_days, tacoma.recommended_lease_start) == (90, D(2027, 2, 26))
    assert tacoma.notice_citation.startswith("RCW 59.18.140")
    # the moved start is the law's, not a changed lease: the next run neither expires nor re-offers them
    assert services.renewal_scan(today=NOV28 + datetime.timedelta(days=1)).startswith("Scanned 0 leases")
    assert RenewalRecommendation.objects.filter(status="pending").count() == 2


def test_no_increase_needs_no_notice():
    rec = scan_rec(lease_at(place("Seattle", "WA"), rent="1300.00", market="1200.00", end=D(2027, 1, 12)))
    assert rec.recommended_rent <= rec.current_rent
    assert (rec.notice_days, rec.notice_citation, rec.recommended_lease_start) == (None, "", D(2027, 1, 13))
    assert rec.response_deadline == D(2026, 12, 30)
    assert "written notice" not in rec.renewal_letter_text


def test_a_place_without_rules_gets_the_strictest_notice_on_file():
    rec = scan_rec(lease_at(place("Albany", "NY"), end=D(2027, 1, 12)))
    assert rec.notice_days == 180 and rec.notice_citation == ""  # Seattle's, the longest on file for +5%
    assert rec.recommended_lease_start == D(2027, 5, 27)


def test_a_letter_whose_reply_by_date_has_passed_cannot_be_sent_until_regenerated():
    rec = scan_rec(lease_at(place("Sacramento", "CA"), month_to_month=True))
    rec = services.renewal_approve(recommendation=rec, actor=ACTOR, today=NOV28)
    with pytest.raises(ApplicationError, match="reply by December 18, 2026"):
        services.renewal_send(recommendation=rec, actor=ACTOR, today=D(2026, 12, 18))
    # a week later it can still go out as written (the notice runs to Jan 1 from Dec 1)
    assert services.renewal_send(recommendation=rec, actor=ACTOR, today=D(2026, 12, 1)).status == "sent"


def test_sent_too_late_for_the_notice_to_run_is_refused():
    rec = scan_rec(lease_at(place("Sacramento", "CA"), month_to_month=True))
    rec = services.renewal_approve(recommendation=rec, actor=ACTOR, today=NOV28)
    with pytest.raises(ApplicationError, match="earliest lawful start is February 1, 2027"):
        services.renewal_send(recommendation=rec, actor=ACTOR, today=D(2026, 12, 5))
    fresh = services.renewal_letter_generate(recommendation=rec, today=D(2026, 12, 5))
    assert (fresh.notice_date, fresh.recommended_lease_start, fresh.response_deadline) == (
        D(2026, 12, 5),
        D(2027, 2, 1),
        D(2027, 1, 18),
    )
    assert fresh.renewal_letter_text.startswith(long_date(D(2026, 12, 5)))
    assert services.renewal_send(recommendation=fresh, actor=ACTOR, today=D(2026, 12, 5)).status == "sent"


def test_approving_an_old_pending_offer_rewrites_its_dates():
    rec = scan_rec(lease_at(place("Sacramento", "CA"), month_to_month=True))
    later = services.renewal_approve(recommendation=rec, actor=ACTOR, today=D(2026, 12, 10))
    assert (later.notice_date, later.recommended_lease_start) == (D(2026, 12, 10), D(2027, 2, 1))
    assert "by January 18, 2027" in later.renewal_letter_text


def test_the_command_center_offer_regenerates_stale_dates_before_sending():
    lease = lease_at(place("Sacramento", "CA"), month_to_month=True)
    rec = scan_rec(lease)
    services.renewal_approve(recommendation=rec, actor=ACTOR, today=NOV28)
    result = services.renewal_offer_for_leases(lease_ids=[lease.pk], actor=ACTOR, method="email", today=D(2026, 12, 5))
    assert result[lease.pk]["ok"], result
    sent = RenewalRecommendation.objects.get(pk=rec.pk)
    assert (sent.status, sent.notice_date, sent.recommended_lease_start) == ("sent", D(2026, 12, 5), D(2027, 2, 1))


def test_the_command_center_preview_shows_the_rewritten_letter():
    lease = lease_at(place("Sacramento", "CA"), month_to_month=True)
    rec = scan_rec(lease)
    prepared = services.renewal_offers_prepare(lease_ids=[lease.pk], today=D(2026, 12, 5))[lease.pk]
    assert prepared.pk == rec.pk and prepared.notice_date == D(2026, 12, 5)
    assert "from February 1, 2027" in prepared.renewal_letter_text
