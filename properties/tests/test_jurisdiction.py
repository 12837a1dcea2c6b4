"""The law's arithmetic (pure): notice tiers, lawful effective dates, reply-by dates, late-fee caps."""

import datetime
from decimal import Decimal

import pytest

from properties import jurisdiction as law

D = datetime.date
CA_TIERS = {"tiers": [{"max_increase_pct": 10, "days": 30}, {"days": 90}]}
CHICAGO = {"tiers": [{"max_tenancy_months": 6, "days": 30}, {"max_tenancy_months": 36, "days": 60}, {"days": 120}]}


@pytest.mark.parametrize(
    ("pct", "days"), [(0, 30), (Decimal("8"), 30), (10, 30), (Decimal("10.01"), 90), (25, 90), (None, 90)]
)
def test_notice_days_by_increase_tier(pct, days):
    assert law.notice_days(CA_TIERS, increase_pct=pct) == days


@pytest.mark.parametrize(("months", "days"), [(0, 30), (5, 30), (6, 60), (35, 60), (36, 120), (None, 120)])
def test_notice_days_by_tenancy_tier(months, days):
    assert law.notice_days(CHICAGO, tenancy_months=months) == days


def test_flat_notice_and_bad_values():
    assert law.notice_days({"days": 45}) == 45
    with pytest.raises(law.RuleValueError):
        law.notice_days({})
    with pytest.raises(law.RuleValueError):
        law.notice_days({"tiers": [{"max_increase_pct": 10, "days": 30}]}, increase_pct=20)


def test_earliest_effective_date_counts_full_days_and_can_start_a_period():
    assert law.earliest_effective_date(notice_date=D(2026, 11, 28), days=30) == D(2026, 12, 28)
    assert law.earliest_effective_date(notice_date=D(2026, 11, 28), days=30, period_start=True) == D(2027, 1, 1)
    assert law.earliest_effective_date(notice_date=D(2026, 12, 2), days=30, period_start=True) == D(2027, 1, 1)


def test_the_november_28_letter_cannot_start_december_1():
    """The bug from the issue: an 8% increase served Nov 28 proposed for Dec 1 under a 30-day rule."""
    effective = law.lawful_effective_date(
        value=CA_TIERS, notice_date=D(2026, 11, 28), proposed=D(2026, 12, 1), increase_pct=8
    )
    assert effective == D(2027, 1, 1)  # Dec 28 at the earliest, rent runs by the month: Jan 1
    reply_by = law.response_deadline(notice_date=D(2026, 11, 28), effective_date=effective)
    assert D(2026, 11, 28) < reply_by < effective and reply_by == D(2026, 12, 18)


def test_a_large_increase_needs_the_long_tier():
    effective = law.lawful_effective_date(
        value=CA_TIERS, notice_date=D(2026, 11, 28), proposed=D(2026, 12, 1), increase_pct=12
    )
    assert effective == D(2027, 3, 1)  # 90 days: Feb 26, then the next 1st


def test_a_proposed_date_the_law_allows_is_kept():
    assert law.lawful_effective_date(
        value=CA_TIERS, notice_date=D(2026, 11, 1), proposed=D(2027, 2, 1), increase_pct=5
    ) == D(2027, 2, 1)


@pytest.mark.parametrize(("window", "reply_after"), [(90, 76), (30, 16), (20, 10), (3, 2), (2, 1)])
def test_response_deadline_is_strictly_between_notice_and_effective_date(window, reply_after):
    notice = D(2026, 11, 28)
    reply_by = law.response_deadline(notice_date=notice, effective_date=notice + datetime.timedelta(days=window))
    assert reply_by == notice + datetime.timedelta(days=reply_after)


def test_tenancy_months_and_increase_pct():
    assert law.tenancy_months(start=D(2024, 3, 15), on=D(2026, 3, 14)) == 23
    assert law.tenancy_months(start=D(2024, 3, 15), on=D(2026, 3, 15)) == 24
    assert law.tenancy_months(start=None, on=D(2026, 3, 15)) is None
    assert law.increase_pct(current=Decimal("1000"), new=Decimal("1080")) == Decimal("8")
    assert law.increase_pct(current=Decimal("1000"), new=Decimal("900")) == 0


@pytest.mark.parametrize(
    ("value", "rent", "cap"),
    [
        ({"cap_pct": 5}, Decimal("1500"), Decimal("75.00")),  # Maryland-style percent
        ({"cap_pct": 5, "cap_amount": "50.00", "cap_combine": "greater"}, Decimal("800"), Decimal("50.00")),
        ({"cap_pct": 5, "cap_amount": "50.00", "cap_combine": "greater"}, Decimal("1500"), Decimal("75.00")),
        ({"cap_pct": 10, "cap_amount": "100.00"}, Decimal("1500"), Decimal("100.00")),  # lesser by default
        # Chicago: $10 for the first $500 plus 5% above it
        (
            {"cap_amount": "10.00", "cap_pct": 5, "cap_pct_over": "500.00", "cap_combine": "sum"},
            Decimal("1500"),
            Decimal("60.00"),
        ),
        ({"grace_days": 5}, Decimal("1500"), None),
    ],
)
def test_late_fee_cap(value, rent, cap):
    assert law.late_fee_cap(value, rent=rent) == cap


def test_late_fee_allowed_respects_grace_and_cap():
    texas = {"grace_days": 2, "cap_pct": 10}
    assert law.late_fee_allowed(texas, fee=Decimal("200"), rent=Decimal("1500"), days_late=2) == 0
    assert law.late_fee_allowed(texas, fee=Decimal("200"), rent=Decimal("1500"), days_late=3) == Decimal("150.00")
    assert law.late_fee_allowed(texas, fee=Decimal("75"), rent=Decimal("1500"), days_late=3) == Decimal("75.00")
    assert law.late_fee_allowed({}, fee=Decimal("75"), rent=Decimal("1500"), days_late=1) == Decimal("75.00")
    assert law.late_fee_first_day(texas, due_date=D(2026, 12, 1)) == D(2026, 12, 4)


def test_notice_terms_per_tier_and_fallback():
    nov28 = D(2026, 11, 28)
    small = law.notice_terms(value=CA_TIERS, notice_date=nov28, proposed=D(2026, 12, 1), increase=8)
    large = law.notice_terms(value=CA_TIERS, notice_date=nov28, proposed=D(2026, 12, 1), increase=12)
    assert (small.notice_days, small.effective_date, small.response_deadline) == (30, D(2027, 1, 1), D(2026, 12, 18))
    assert (large.notice_days, large.effective_date, large.response_deadline) == (90, D(2027, 3, 1), D(2027, 2, 15))
    same = law.notice_terms(value=CA_TIERS, notice_date=nov28, proposed=D(2027, 1, 1), increase=0)
    assert (same.notice_days, same.effective_date) == (None, D(2027, 1, 1))
    # a fixed-term lease ending mid-month: the day after its end, if the notice has run by then
    later = law.notice_terms(value={"days": 30}, notice_date=nov28, proposed=D(2027, 1, 16), increase=5)
    assert later.effective_date == D(2027, 1, 16)
    # no rule on file: the strictest rule elsewhere applies
    unknown = law.notice_terms(
        value=None, notice_date=nov28, proposed=D(2026, 12, 1), increase=5, fallback_values=[CA_TIERS, {"days": 45}]
    )
    assert (unknown.notice_days, unknown.fallback, unknown.effective_date) == (45, True, D(2027, 2, 1))
