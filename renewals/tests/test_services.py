import datetime
import json
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from core.ai import AIUnavailable
from core.ai.testing import TEST_MODEL, no_network, stub_claude  # noqa: F401 (fixture)
from core.exceptions import ApplicationError
from core.formatting import long_date
from core.messaging.backends import DeliveryError
from core.messaging.testing import FakeEmailBackend, FakeSmsBackend
from core.models import AICallLog, OutboxMessage
from renewals import services
from renewals.models import RenewalRecommendation
from renewals.tests.factories import RenewalRecommendationFactory
from tenants.models import LeaseStatusLog, TenantLease
from tenants.services import lease_give_notice, lease_statuses_classify
from tenants.tests.factories import LeaseFactory, TenantFactory
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
ACTOR = "user:manager@example.com"
EMPTY_SCAN = "Scanned 0 leases: created 0 recommendations (critical 0, high 0, medium 0, low 0)."


def rec_for(lease) -> RenewalRecommendation:
    return RenewalRecommendation.objects.select_related("lease", "tenant", "unit", "property").get(lease=lease)


def first_of_next_month(d: datetime.date) -> datetime.date:
    return (d.replace(day=1) + 32 * DAY).replace(day=1)


def approved(lease_or_rec=None, **kw):
    rec = lease_or_rec if isinstance(lease_or_rec, RenewalRecommendation) else RenewalRecommendationFactory(**kw)
    return services.renewal_approve(recommendation=rec, actor=ACTOR)


def sent(**kw):
    rec = approved(**kw)
    return services.renewal_send(recommendation=RenewalRecommendation.objects.get(pk=rec.pk), actor=ACTOR)


# --- the scan -----------------------------------------------------------------------------------------------


def test_scan_scores_the_candidates_and_drafts_letters(portfolio):
    summary = services.renewal_scan(today=TODAY)
    assert summary == "Scanned 3 leases: created 3 recommendations (critical 1, high 0, medium 1, low 1)."
    assert not RenewalRecommendation.objects.filter(lease=portfolio["omar"]).exists()

    maria = rec_for(portfolio["maria"])
    assert (maria.churn_risk_level, maria.rent_strategy, maria.status) == ("medium", "market_rate", "pending")
    assert maria.recommended_rent == Decimal("1785.00")  # +5%, below market $1,800
    assert maria.rent_increase_pct == 5.0
    assert (maria.current_rent, maria.market_rent) == (Decimal("1700.00"), Decimal("1800.00"))
    assert maria.recommended_lease_start == portfolio["maria"].lease_end_date + DAY
    assert (
        maria.recommended_lease_end
        == maria.recommended_lease_start.replace(year=maria.recommended_lease_start.year + 1) - DAY
    )
    assert set(maria.churn_factors) == {
        "late_payments",
        "maintenance_requests",
        "rent_gap",
        "tenure_short",
        "market_trend",
    }
    assert (maria.tenant_id, maria.unit_id, maria.property_id) == (
        portfolio["maria"].tenant_id,
        portfolio["maria"].unit_id,
        portfolio["maria"].property_id,
    )
    assert "Medium churn risk" in maria.rent_reasoning

    letter = maria.renewal_letter_text
    for text in (
        "Dear Maria Gonzalez",
        "unit A-102",
        "Harbor View",
        "$1,700.00",
        "$1,785.00",
        "$85.00 (5%)",
        "12-month",
        "Dana Reyes",
        "+12065550100",
        "dana@harborview.example",
    ):
        assert text in letter, text
    assert maria.renewal_letter_subject == "Your lease renewal offer for unit A-102 at Harbor View"
    assert "$1,785.00" in maria.renewal_sms_text and len(maria.renewal_sms_text) <= 320
    assert (maria.letter_provider, maria.letter_model) == ("offline", "offline")
    assert maria.renewal_letter_generated_at is not None
    assert AICallLog.objects.filter(feature="renewals", prompt_name="renewals.letter", provider="offline").count() == 3

    # maria's lease ends in 45 days: the 30-day notice of Cal. Civ. Code §827 (+5%) has run by then
    assert (maria.notice_date, maria.notice_days, maria.notice_citation) == (TODAY, 30, "Cal. Civ. Code §827")
    assert maria.response_deadline == maria.recommended_lease_start - 14 * DAY
    assert f"by {long_date(maria.response_deadline)}" in maria.renewal_letter_text

    james = rec_for(portfolio["james"])  # month-to-month: the first 1st after the 30-day notice has run
    assert (james.churn_risk_level, james.rent_strategy, james.recommended_rent) == (
        "low",
        "market_rate",
        Decimal("1728.00"),
    )
    assert james.recommended_lease_start == first_of_next_month(TODAY + 29 * DAY) >= TODAY + 30 * DAY
    assert "month-to-month" in james.renewal_letter_text
    assert f"no sooner than {long_date(james.recommended_lease_start)}" in james.renewal_letter_text


def test_a_hold_letter_says_the_rent_stays_the_same_and_never_mentions_the_score(portfolio):
    services.renewal_scan(today=TODAY)
    sarah = rec_for(portfolio["sarah"])
    assert (sarah.churn_risk_level, sarah.rent_strategy) == ("critical", "hold")
    assert sarah.recommended_rent == sarah.current_rent == Decimal("1750.00")
    assert sarah.rent_increase_pct == 0.0
    assert "Your monthly rent will stay the same: $1,750.00." in sarah.renewal_letter_text
    assert "rent stays the same" in sarah.renewal_sms_text
    for text in (sarah.renewal_letter_text, sarah.renewal_sms_text, sarah.renewal_letter_subject):
        assert not re.search(r"churn|risk|score|strateg|market", text, re.IGNORECASE)
        assert str(sarah.churn_score) not in text


def test_scan_is_idempotent_whatever_the_chunk_size(portfolio):
    assert services.renewal_scan(today=TODAY, chunk_size=1).startswith("Scanned 3 leases: created 3")
    assert services.renewal_scan(today=TODAY) == EMPTY_SCAN
    assert RenewalRecommendation.objects.count() == 3
    with pytest.raises(ApplicationError, match="chunk_size"):
        services.renewal_scan(today=TODAY, chunk_size=0)


def test_scan_queries_grow_only_with_the_gateway_log(harbor, django_assert_max_num_queries):
    for i in range(12):
        LeaseFactory(lease_end_date=TODAY + (40 + i) * DAY)
    # candidates, expiry, accepted-apply, the notice rules (once per run), and per chunk of 5: open rent
    # increase notices, leases, 3 inputs, bulk insert (<= 1 per 23 rows on SQLite), the inserted rows; plus one
    # AICallLog INSERT per letter
    with django_assert_max_num_queries(4 + 3 * 7 + 12):
        assert services.renewal_scan(today=TODAY, chunk_size=5).startswith("Scanned 12 leases: created 12")


def test_a_failing_letter_does_not_lose_the_recommendation(portfolio, monkeypatch):
    def unavailable(*a, **kw):
        raise AIUnavailable("Claude is down")

    monkeypatch.setattr(services.letters, "complete_json", unavailable)
    summary = services.renewal_scan(today=TODAY)
    assert summary.endswith("Also 3 letters failed (generate them from the detail page).")
    assert RenewalRecommendation.objects.filter(renewal_letter_text="").count() == 3


@pytest.fixture
def claude(settings):
    yield from stub_claude(settings)


@pytest.fixture
def one_lease(harbor):
    """Maria's lease alone: $1,700 vs market $1,800, medium risk -> $1,785.00."""
    return LeaseFactory(
        tenant=TenantFactory(first_name="Maria", last_name="Gonzalez"),
        unit=UnitFactory(property=harbor, unit_number="A-102", market_rent=Decimal("1800.00")),
        monthly_rent_amount=Decimal("1700.00"),
        lease_begin_date=TODAY - 730 * DAY,
        lease_end_date=TODAY + 45 * DAY,
    )


def claude_letter(rent: str, *, start: datetime.date | None = None, reply_by: datetime.date | None = None) -> str:
    start = start or TODAY + 46 * DAY  # one_lease ends in 45 days; 30 days' notice has run by then
    reply_by = reply_by or start - 14 * DAY
    return json.dumps(
        {
            "subject": "Your renewal at Harbor View",
            "letter_text": f"Dear Maria Gonzalez,\n\nWe would love for you to stay in unit A-102. Your new rent would be {rent} "
            f"a month for twelve months from {long_date(start)}. Please reply by {long_date(reply_by)}.\n\nDana Reyes",
            "sms_text": f"Hi Maria, your renewal offer for A-102 is {rent}/month. Details in your email.",
        }
    )


@pytest.mark.usefixtures("no_network")
def test_claude_writes_the_letter_from_the_real_figures(one_lease, claude):
    claude.add_message(claude_letter("$1,785.00"))
    services.renewal_scan(today=TODAY)
    rec = rec_for(one_lease)
    assert (rec.letter_provider, rec.letter_model) == ("anthropic", TEST_MODEL)
    assert rec.renewal_letter_text.startswith("Dear Maria Gonzalez,")
    assert rec.renewal_letter_subject == "Your renewal at Harbor View"
    sent = json.dumps(claude.requests[0].json, ensure_ascii=False)
    for figure in (
        "Offered monthly rent: $1,785.00",
        "Current monthly rent: $1,700.00",
        "Unit: A-102, Harbor View",
        f"Reply by: {long_date(TODAY + 32 * DAY)}",
        "30 days (law: Cal. Civ. Code §827)",
    ):
        assert figure in sent
    assert str(rec.churn_score) not in sent  # the score never reaches the letter writer


@pytest.mark.usefixtures("no_network")
def test_a_claude_letter_with_other_dates_is_replaced_by_the_template(one_lease, claude):
    claude.add_message(claude_letter("$1,785.00", reply_by=TODAY + 45 * DAY))  # reply by the start: not ours
    services.renewal_scan(today=TODAY)
    rec = rec_for(one_lease)
    assert rec.letter_provider == "offline"
    assert f"by {long_date(rec.response_deadline)}" in rec.renewal_letter_text


@pytest.mark.usefixtures("no_network")
def test_a_claude_letter_with_the_wrong_rent_is_replaced_by_the_template(one_lease, claude):
    claude.add_message(claude_letter("$9,999.00"))
    services.renewal_scan(today=TODAY)
    rec = rec_for(one_lease)
    assert rec.letter_provider == "offline"
    assert "$1,785.00" in rec.renewal_letter_text and "$9,999.00" not in rec.renewal_letter_text


@pytest.mark.usefixtures("no_network")
def test_when_claude_is_down_the_scan_uses_the_template(one_lease, claude):
    for _ in range(3):  # the first try and two retries
        claude.add_error(529, "overloaded_error", "Overloaded")
    assert services.renewal_scan(today=TODAY).startswith("Scanned 1 leases: created 1 recommendations")
    rec = rec_for(one_lease)
    assert rec.letter_provider == "offline" and "$1,785.00" in rec.renewal_letter_text
    assert list(AICallLog.objects.order_by("created_at").values_list("provider", "outcome")) == [
        ("anthropic", "unavailable"),
        ("offline", "success"),
    ]


# --- staleness --------------------------------------------------------------------------------------------


def test_stale_recommendations_expire_and_their_leases_are_offered_again(portfolio):
    notice = RenewalRecommendationFactory(lease=LeaseFactory(notice=True))
    mtm_lease = LeaseFactory(month_to_month=True)
    start_passed = RenewalRecommendationFactory(lease=mtm_lease, recommended_lease_start=TODAY - 2 * DAY)
    sent_in_grace = RenewalRecommendationFactory(
        lease=LeaseFactory(month_to_month=True), status="sent", recommended_lease_start=TODAY - 20 * DAY
    )
    sent_too_long = RenewalRecommendationFactory(
        lease=LeaseFactory(month_to_month=True), status="sent", recommended_lease_start=TODAY - 31 * DAY
    )
    term_changed = RenewalRecommendationFactory(
        lease=LeaseFactory(lease_end_date=TODAY + 300 * DAY), recommended_lease_start=TODAY + 61 * DAY
    )
    current = RenewalRecommendationFactory()  # start = lease end + 1, in the future: stays

    summary = services.renewal_scan(today=TODAY)
    states = {
        r: RenewalRecommendation.objects.get(pk=r.pk).status
        for r in (notice, start_passed, sent_in_grace, sent_too_long, term_changed, current)
    }
    assert states == {
        notice: "expired",
        start_passed: "expired",
        sent_in_grace: "sent",
        sent_too_long: "expired",
        term_changed: "expired",
        current: "pending",
    }
    # the month-to-month leases whose offers expired get a fresh one (+ the portfolio's three)
    assert summary.startswith("Scanned 5 leases: created 5 recommendations")
    assert "Also expired 4 stale." in summary
    fresh = RenewalRecommendation.objects.get(lease=mtm_lease, status="pending")
    assert fresh.recommended_lease_start == first_of_next_month(TODAY + 29 * DAY)  # after 30 days' notice


def test_notice_on_a_lease_expires_its_open_offer_right_away(django_capture_on_commit_callbacks):
    rec = RenewalRecommendationFactory(status="approved")
    with django_capture_on_commit_callbacks(execute=True):
        lease_give_notice(lease=rec.lease, actor=ACTOR, notice_move_out_date=TODAY + 45 * DAY)
    rec.refresh_from_db()
    assert rec.status == "expired"


# --- approve ----------------------------------------------------------------------------------------------


def test_approve_as_recommended_keeps_the_letter():
    rec = RenewalRecommendationFactory()
    letter = rec.renewal_letter_text
    result = services.renewal_approve(recommendation=rec, actor=ACTOR)
    result.refresh_from_db()
    assert (result.status, result.reviewed_by, result.approved_rent) == ("approved", ACTOR, None)
    assert result.reviewed_at is not None
    assert result.renewal_letter_text == letter
    assert AICallLog.objects.count() == 0


def test_approve_with_a_modified_rent_rewrites_the_letter(portfolio):
    services.renewal_scan(today=TODAY)
    rec = rec_for(portfolio["maria"])
    result = services.renewal_approve(recommendation=rec, actor=ACTOR, approved_rent="1750.5")
    result = rec_for(portfolio["maria"])
    assert result.approved_rent == Decimal("1750.50")
    assert result.recommended_rent == Decimal("1785.00")  # the AI's figure is kept
    assert result.get_offered_rent() == Decimal("1750.50")
    assert "$1,750.50" in result.renewal_letter_text and "$1,785.00" not in result.renewal_letter_text
    assert "$50.50 (2.97%)" in result.renewal_letter_text
    assert "$1,750.50" in result.renewal_sms_text


def test_approving_the_recommended_rent_is_not_a_modification():
    rec = RenewalRecommendationFactory()
    result = services.renewal_approve(recommendation=rec, actor=ACTOR, approved_rent="1785.00")
    assert result.approved_rent is None


def test_approve_writes_a_missing_letter(portfolio):
    rec = RenewalRecommendationFactory(
        lease=portfolio["omar"], renewal_letter_text="", recommended_rent=Decimal("1800.00")
    )
    result = services.renewal_approve(recommendation=rec, actor=ACTOR)
    assert "$1,800.00" in result.renewal_letter_text


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("abc", "The approved rent must be a number, e.g. 1850.00."),
        ("-5", "The approved rent must be greater than zero."),
        ("0", "The approved rent must be greater than zero."),
        ("12.345", "The approved rent can have at most 2 decimal places."),
        ("NaN", "The approved rent must be a number, e.g. 1850.00."),
        ("1e12", "The approved rent must be written out in full (e.g. 1850.00), not in exponent notation."),
        ("999999999999", "The approved rent must be at most 99,999,999.99."),
        (
            "100000",
            "The approved rent of $100,000.00 is outside 50% to 200% of the current rent ($1,700.00): "
            "enter an amount between $850.00 and $3,400.00.",
        ),
        (True, "The approved rent must be a number, e.g. 1850.00."),
    ],
)
def test_approve_validates_the_rent(value, message):
    rec = RenewalRecommendationFactory()
    with pytest.raises(ApplicationError, match=f"^{re.escape(message)}$"):
        services.renewal_approve(recommendation=rec, actor=ACTOR, approved_rent=value)
    rec.refresh_from_db()
    assert (rec.status, rec.approved_rent) == ("pending", None)


@pytest.mark.parametrize("value", ["1850", "1850.5", "1850.50", "1,850.00", "$1850", 1850, 1850.5])
def test_approve_accepts_ordinary_amounts(value):
    assert services.parse_rent(value) in (Decimal("1850.00"), Decimal("1850.50"))


@pytest.mark.parametrize("status", ["approved", "sent", "accepted", "declined", "expired"])
def test_only_pending_can_be_approved(status):
    rec = RenewalRecommendationFactory(status=status)
    with pytest.raises(ApplicationError, match="^Only pending recommendations can be approved.$"):
        services.renewal_approve(recommendation=rec, actor=ACTOR)


# --- send ----------------------------------------------------------------------------------------------


def outbox_for(rec):
    return OutboxMessage.objects.filter(related_type="renewals.renewalrecommendation", related_id=str(rec.pk))


def test_send_emails_and_texts_the_tenant():
    rec = approved()
    rec.property.manager_email = "Dana@HarborView.example"
    rec.property.save()
    result = services.renewal_send(recommendation=RenewalRecommendation.objects.get(pk=rec.pk), actor=ACTOR)
    assert (result.status, result.sent_by) == ("sent", ACTOR)
    assert result.sent_at is not None
    tenant = rec.tenant
    assert sorted(outbox_for(rec).values_list("channel", "to")) == [("email", tenant.email), ("sms", tenant.phone)]
    assert [(e["channel"], e["status"]) for e in result.sent_via] == [("email", "sent"), ("sms", "sent")]
    assert all(e["outbox_message_id"] for e in result.sent_via)
    email = FakeEmailBackend.sent[0]
    assert email.subject == rec.renewal_letter_subject and email.text == rec.renewal_letter_text
    assert email.html.startswith("<!doctype html>") and "$1,785.00" in email.html
    assert email.reply_to == "Dana@harborview.example"
    assert FakeSmsBackend.sent[0]["body"] == rec.renewal_sms_text


def test_sending_twice_sends_nothing_twice():
    rec = approved()
    services.renewal_send(recommendation=RenewalRecommendation.objects.get(pk=rec.pk), actor=ACTOR)
    again = services.renewal_send(recommendation=RenewalRecommendation.objects.get(pk=rec.pk), actor=ACTOR)
    assert again.status == "sent"
    assert outbox_for(rec).count() == 2
    assert (len(FakeEmailBackend.sent), len(FakeSmsBackend.sent)) == (1, 1)


def test_send_needs_an_approval_first():
    rec = RenewalRecommendationFactory()
    with pytest.raises(ApplicationError, match="^Approve the recommendation before sending it.$"):
        services.renewal_send(recommendation=rec, actor=ACTOR)
    assert outbox_for(rec).count() == 0


@pytest.mark.parametrize(
    ("status", "message"),
    [
        ("accepted", "The tenant has already accepted this offer; it cannot be sent."),
        ("declined", "The tenant has already declined this offer; it cannot be sent."),
        ("expired", "This recommendation has expired (the next scan makes a fresh offer); it cannot be sent."),
    ],
)
def test_a_closed_recommendation_cannot_be_sent(status, message):
    with pytest.raises(ApplicationError, match=f"^{re.escape(message)}$"):
        services.renewal_send(recommendation=RenewalRecommendationFactory(status=status), actor=ACTOR)


def test_an_invalid_email_still_sends_the_sms_and_a_retry_sends_only_the_email():
    rec = approved()
    tenant = rec.tenant
    tenant.email = "not-an-email"
    tenant.save()
    result = services.renewal_send(recommendation=RenewalRecommendation.objects.get(pk=rec.pk), actor=ACTOR)
    assert result.status == "sent"
    email, sms = result.sent_via
    assert (email["status"], email["outbox_message_id"]) == ("invalid", None)
    assert "not a valid email address" in email["error"]
    assert sms["status"] == "sent"

    tenant.email = "fixed@example.com"
    tenant.save()
    result = services.renewal_send(recommendation=RenewalRecommendation.objects.get(pk=rec.pk), actor=ACTOR)
    assert [e["status"] for e in result.sent_via] == ["sent", "sent"]
    assert (len(FakeEmailBackend.sent), len(FakeSmsBackend.sent)) == (1, 1)


def test_when_nothing_goes_out_the_approval_is_kept_and_each_channel_reported():
    rec = approved()
    tenant = rec.tenant
    tenant.email, tenant.phone = "nope", ""
    tenant.save()
    with pytest.raises(ApplicationError) as exc:
        services.renewal_send(recommendation=RenewalRecommendation.objects.get(pk=rec.pk), actor=ACTOR)
    assert exc.value.message.startswith("The renewal letter could not be sent (email: 'nope' is not a valid email")
    assert "sms: A phone number is required." in exc.value.message
    assert [e["status"] for e in exc.value.extra["sent_via"]] == ["invalid", "invalid"]
    rec.refresh_from_db()
    assert (rec.status, rec.sent_at) == ("approved", None)
    assert [e["status"] for e in rec.sent_via] == ["invalid", "invalid"]


def test_a_provider_failure_is_reported_and_retried_on_the_same_outbox_rows():
    rec = approved()
    FakeEmailBackend.fail_with = DeliveryError("SendGrid is down", retryable=True)
    FakeSmsBackend.fail_with = DeliveryError("Twilio is down", retryable=True)
    with pytest.raises(ApplicationError, match="email: SendGrid is down; sms: Twilio is down"):
        services.renewal_send(recommendation=RenewalRecommendation.objects.get(pk=rec.pk), actor=ACTOR)
    rec.refresh_from_db()
    assert rec.status == "approved"
    assert [e["status"] for e in rec.sent_via] == ["failed", "failed"]
    # the letter is frozen once it is in the outbox (a retry must not send another text)
    with pytest.raises(ApplicationError, match="already been handed to the outbox"):
        services.renewal_letter_update(recommendation=rec, actor=ACTOR, letter_text="Changed")

    FakeEmailBackend.fail_with = FakeSmsBackend.fail_with = None
    result = services.renewal_send(recommendation=rec, actor=ACTOR)
    assert result.status == "sent"
    assert outbox_for(rec).count() == 2
    assert set(outbox_for(rec).values_list("attempts", flat=True)) == {2}


# --- responses -----------------------------------------------------------------------------------------


def test_accepting_renews_a_month_to_month_lease_through_the_lifecycle(django_capture_on_commit_callbacks):
    lease = LeaseFactory(month_to_month=True, monthly_rent_amount=Decimal("1700.00"))
    rec = RenewalRecommendationFactory(lease=lease, recommended_lease_start=first_of_next_month(TODAY))
    rec = services.renewal_approve(recommendation=rec, actor=ACTOR, approved_rent="1760.00")
    rec = services.renewal_send(recommendation=RenewalRecommendation.objects.get(pk=rec.pk), actor=ACTOR)
    with django_capture_on_commit_callbacks(execute=True):
        result = services.renewal_record_response(recommendation=rec, accepted=True, actor=ACTOR, note="Happy to stay!")
    assert (result.status, result.tenant_response_note, result.response_recorded_by) == (
        "accepted",
        "Happy to stay!",
        ACTOR,
    )
    assert result.responded_at is not None and result.lease_renewed_at is not None
    lease.refresh_from_db()
    assert lease.lease_status == "active"
    assert lease.lease_end_date == rec.recommended_lease_end
    assert lease.monthly_rent_amount == Decimal("1760.00")
    assert lease.holdover_start_date is None
    log = LeaseStatusLog.objects.get(lease=lease)
    assert (log.previous_status, log.new_status, log.changed_by) == ("month_to_month", "active", ACTOR)
    assert log.metadata["monthly_rent_amount"] == "1760.00"
    assert log.reason.startswith("Renewal accepted: 12 months from")


def test_accepting_for_an_active_lease_waits_for_its_end_date(django_capture_on_commit_callbacks):
    rec = RenewalRecommendationFactory()
    lease = rec.lease
    end = lease.lease_end_date
    rec = services.renewal_send(recommendation=services.renewal_approve(recommendation=rec, actor=ACTOR), actor=ACTOR)
    result = services.renewal_record_response(recommendation=rec, accepted=True, actor=ACTOR)
    assert (result.status, result.lease_renewed_at) == ("accepted", None)
    lease.refresh_from_db()
    assert (lease.lease_status, lease.lease_end_date) == ("active", end)  # nothing yet
    assert lease.pk not in set(services.renewal_candidates(today=TODAY).values_list("id", flat=True))

    # The lifecycle agent turns it month-to-month the day after its end date; the renewal follows at once.
    with django_capture_on_commit_callbacks(execute=True):
        assert lease_statuses_classify(today=end + DAY) == "Transitioned 1 to MTM, 0 to vacant."
    lease.refresh_from_db()
    assert (lease.lease_status, lease.lease_end_date, lease.monthly_rent_amount) == (
        "active",
        rec.recommended_lease_end,
        Decimal("1785.00"),
    )
    assert list(
        LeaseStatusLog.objects.filter(lease=lease).order_by("created_at").values_list("new_status", flat=True)
    ) == ["month_to_month", "active"]
    assert RenewalRecommendation.objects.get(pk=rec.pk).lease_renewed_at is not None


def test_the_scan_applies_accepted_renewals_the_receiver_missed():
    rec = RenewalRecommendationFactory(status="accepted", responded_at=timezone.now(), response_recorded_by=ACTOR)
    TenantLease.objects.filter(pk=rec.lease_id).update(lease_status="month_to_month")  # as if the agent ran
    assert "applied 1 accepted renewals to their leases" in services.renewal_scan(today=TODAY)
    lease = TenantLease.objects.get(pk=rec.lease_id)
    assert (lease.lease_status, lease.lease_end_date) == ("active", rec.recommended_lease_end)
    assert services.renewal_accepted_apply() == 0


def test_declining_leaves_the_lease_alone():
    rec = sent()
    lease_before = TenantLease.objects.get(pk=rec.lease_id)
    result = services.renewal_record_response(recommendation=rec, accepted=False, actor=ACTOR, note="  Moving away ")
    assert (result.status, result.tenant_response_note) == ("declined", "Moving away")
    lease = TenantLease.objects.get(pk=rec.lease_id)
    assert (lease.lease_status, lease.lease_end_date, lease.monthly_rent_amount) == (
        lease_before.lease_status,
        lease_before.lease_end_date,
        lease_before.monthly_rent_amount,
    )
    assert not LeaseStatusLog.objects.filter(lease=lease).exists()


@pytest.mark.parametrize("status", ["pending", "approved", "accepted", "declined", "expired"])
def test_only_sent_recommendations_take_a_response(status):
    rec = RenewalRecommendationFactory(status=status)
    with pytest.raises(ApplicationError, match="^Only sent recommendations can record the tenant's response.$"):
        services.renewal_record_response(recommendation=rec, accepted=True, actor=ACTOR)


def test_a_lease_on_notice_cannot_accept_and_nothing_changes():
    rec = sent()
    TenantLease.objects.filter(pk=rec.lease_id).update(lease_status="notice")
    with pytest.raises(ApplicationError, match="^The lease is notice; the renewal cannot be accepted.$"):
        services.renewal_record_response(recommendation=rec, accepted=True, actor=ACTOR)
    assert RenewalRecommendation.objects.get(pk=rec.pk).status == "sent"


# --- letters -----------------------------------------------------------------------------------------------


def test_edit_and_regenerate_the_letter_before_it_is_sent(portfolio):
    services.renewal_scan(today=TODAY)
    rec = rec_for(portfolio["maria"])
    edited = services.renewal_letter_update(
        recommendation=rec,
        actor=ACTOR,
        letter_text="Dear Maria, ...\n\nThanks!",
        subject="Let's renew",
        sms_text="Hi Maria!",
    )
    assert (edited.renewal_letter_text, edited.renewal_letter_subject, edited.renewal_sms_text) == (
        "Dear Maria, ...\n\nThanks!",
        "Let's renew",
        "Hi Maria!",
    )
    assert edited.letter_edited_by == ACTOR and edited.letter_edited_at is not None

    regenerated = services.renewal_letter_generate(recommendation=rec_for(portfolio["maria"]))
    assert "$1,785.00" in regenerated.renewal_letter_text
    assert (regenerated.letter_edited_at, regenerated.letter_edited_by) == (None, "")

    with pytest.raises(ApplicationError, match="Give letter_text, subject or sms_text"):
        services.renewal_letter_update(recommendation=rec, actor=ACTOR)
    with pytest.raises(ApplicationError, match="single, non-empty line"):
        services.renewal_letter_update(recommendation=rec, actor=ACTOR, subject="two\nlines")


@pytest.mark.parametrize("status", ["sent", "accepted", "declined", "expired"])
def test_the_letter_is_frozen_once_sent(status):
    rec = RenewalRecommendationFactory(status=status)
    with pytest.raises(ApplicationError, match="can no longer be changed"):
        services.renewal_letter_generate(recommendation=rec)
    with pytest.raises(ApplicationError, match="can no longer be changed"):
        services.renewal_letter_update(recommendation=rec, actor=ACTOR, letter_text="x")
