"""The two agents: the daily scan and the escalation engine, driven by a moving clock (`today` / `now`)."""

from decimal import Decimal

import pytest
from django.db.models import Count

from collections_app import services
from collections_app.models import CollectionAction, CollectionCase, PaymentPlan
from collections_app.services import collections_escalate, collections_scan
from collections_app.tests.factories import DUE, RENT, at, day, overdue_tenant
from core.messaging import retry_failed_messages
from core.messaging.backends import DeliveryError
from core.messaging.testing import FakeEmailBackend, FakeSmsBackend
from core.models import Notification, OutboxMessage
from tenants.ledger_services import ledger_payment_record
from tenants.models import TenantLedgerEntry

pytestmark = pytest.mark.django_db

EXPECTED_CHANNELS = {1: "sms", 2: "email", 3: "email+letter", 4: "email", 5: "letter"}
EXPECTED_TONES = {
    "good_history": ["friendly", "friendly", "firm", "firm", "formal"],
    "chronic": ["firm", "formal", "formal", "legal", "legal"],
}


def _case(tenant) -> CollectionCase:
    return CollectionCase.objects.get(tenant=tenant)


def _snapshot():
    """Everything the engine writes, to compare two runs."""
    return (
        sorted(CollectionCase.objects.values_list("id", "escalation_level", "status", "tone")),
        sorted(CollectionAction.objects.values_list("id", "step_level", "delivery_status")),
        sorted(OutboxMessage.objects.values_list("id", "status", "attempts")),
        PaymentPlan.objects.count(),
    )


def _outbox_by_key(case):
    return dict(
        OutboxMessage.objects.filter(dedupe_key__startswith=f"collections:{case.id}:")
        .values("dedupe_key")
        .annotate(n=Count("id"))
        .values_list("dedupe_key", "n")
    )


# ── scan ─────────────────────────────────────────────────────────────────────────────────────────


def test_scan_opens_a_case_from_the_ledger():
    tenant, lease = overdue_tenant(due=DUE, late_fee=Decimal("75.00"))
    summary = collections_scan(today=day(6))
    assert summary.startswith("Opened 1 cases, refreshed 0, closed 0 as paid; 1 tenants overdue ($1,775.00)")
    case = _case(tenant)
    assert (case.lease_id, case.unit_id, case.property_id) == (lease.id, lease.unit_id, lease.property_id)
    assert case.original_amount_due == case.current_balance == Decimal("1775.00")
    assert case.late_fee_total == Decimal("75.00")
    assert (case.due_date, case.days_overdue, case.escalation_level, case.status) == (DUE, 6, 0, "open")
    assert (case.tenant_risk_profile, case.tone) == ("good_history", "friendly")


@pytest.mark.parametrize(
    "late,profile,tone",
    [
        (0, "good_history", "friendly"),
        (1, "good_history", "friendly"),
        (2, "standard", "friendly"),
        (3, "repeat_offender", "firm"),
        (6, "chronic", "firm"),
    ],
)
def test_scan_classifies_risk_from_twelve_months_of_late_payments(late, profile, tone):
    tenant, _ = overdue_tenant(due=DUE, late_payments=late, on_time=10 - late)
    collections_scan(today=day(1))
    assert (_case(tenant).tenant_risk_profile, _case(tenant).tone) == (profile, tone)


def test_scan_due_date_is_the_oldest_unpaid_charge():
    tenant, lease = overdue_tenant(due=DUE)
    older = day(-30)
    charge = TenantLedgerEntry.objects.create(
        tenant=tenant, lease=lease, trans_type="Charge", trans_date=older, due_date=older, amount=RENT
    )
    TenantLedgerEntry.objects.create(
        tenant=tenant,
        lease=lease,
        trans_type="Payment",
        trans_date=day(-20),
        due_date=older,
        amount=Decimal("1000.00"),
        applies_to=charge,
    )
    collections_scan(today=day(2))
    case = _case(tenant)
    assert (case.due_date, case.days_overdue, case.current_balance) == (older, 32, Decimal("2400.00"))


def test_scan_ignores_charges_not_yet_due_and_is_idempotent():
    overdue_tenant(due=DUE)
    assert collections_scan(today=DUE).startswith("Opened 0 cases")  # due today: not overdue yet
    collections_scan(today=day(1))
    before = _snapshot()
    assert collections_scan(today=day(1)).startswith("Opened 0 cases, refreshed 0, closed 0")
    assert _snapshot() == before and CollectionCase.objects.count() == 1


def test_scan_refreshes_and_closes_cases_from_the_ledger():
    tenant, lease = overdue_tenant(due=DUE)
    collections_scan(today=day(1))
    ledger_payment_record(tenant=tenant, lease=lease, amount=Decimal("700.00"), trans_date=day(3))
    assert "refreshed 1" in collections_scan(today=day(4))
    case = _case(tenant)
    assert (case.current_balance, case.days_overdue, case.original_amount_due) == (Decimal("1000.00"), 4, RENT)
    ledger_payment_record(tenant=tenant, lease=lease, amount=Decimal("1000.00"), trans_date=day(5))
    assert "closed 1 as paid" in collections_scan(today=day(5))
    case.refresh_from_db()
    assert case.status == "paid" and case.resolved_at is not None and case.current_balance == 0
    seen = CollectionAction.objects.filter(case=case, action_type="payment_received").order_by("created_at")
    assert [a.amount for a in seen] == [Decimal("700.00"), Decimal("1000.00")]
    # a closed case is not reopened; a new overdue balance opens a new case
    assert collections_scan(today=day(6)).startswith("Opened 0 cases")
    TenantLedgerEntry.objects.create(
        tenant=tenant, lease=lease, trans_type="Charge", trans_date=day(29), due_date=day(29), amount=RENT
    )
    assert collections_scan(today=day(31)).startswith("Opened 1 cases")
    assert CollectionCase.objects.filter(tenant=tenant).count() == 2


def test_scan_does_not_open_a_second_case_while_one_is_unresolved():
    tenant, _ = overdue_tenant(due=DUE)
    collections_scan(today=day(1))
    CollectionCase.objects.filter(tenant=tenant).update(status="escalated", escalation_level=5)
    assert collections_scan(today=day(2)).startswith("Opened 0 cases")
    assert CollectionCase.objects.filter(tenant=tenant).count() == 1


def test_scan_query_count_does_not_grow_with_the_portfolio(django_assert_max_num_queries):
    for _ in range(3):
        overdue_tenant(due=DUE)
    # +2 once per run: the properties and their late-fee rules (the law); +1: who owes three months (notifications)
    with django_assert_max_num_queries(13):
        collections_scan(today=day(1))
    for _ in range(12):
        overdue_tenant(due=DUE)
    with django_assert_max_num_queries(13):
        collections_scan(today=day(2))
    assert CollectionCase.objects.count() == 15


# ── escalation: the five steps ───────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("profile,late", [("good_history", 0), ("chronic", 7)])
def test_four_automatic_steps_on_schedule_then_the_legal_step_only_with_a_managers_approval(profile, late):
    tenant, _ = overdue_tenant(due=DUE, late_payments=late, on_time=11 - late)
    collections_scan(today=day(1))
    case = _case(tenant)
    assert case.tenant_risk_profile == profile
    schedule = {1: 1, 3: 2, 5: 3, 8: 4}  # day 12 (the legal step) is not automatic
    for n in range(0, 31):
        for hour in (2, 10, 22):  # three runs on the same day: only the first one sends anything
            collections_escalate(now=at(n, hour))
        case.refresh_from_db()
        reached = max((lvl for d, lvl in schedule.items() if n >= d), default=0)
        assert case.escalation_level == reached, f"day {n}"
        assert CollectionAction.objects.filter(case=case, step_level__isnull=False).count() == reached
        # $1,700 overdue: the legal referral is recommended on day 30 (COLLECTIONS_LEGAL_MIN_DAYS_OVERDUE)
        assert case.legal_referral == ("recommended" if n >= 30 else ""), f"day {n}"
    assert case.status == "open" and case.legal_referral_recommended_at == at(30, 2)
    review = CollectionAction.objects.get(case=case, action_type="legal_review")
    assert "Nothing has been sent" in review.message_text and "$500.00 and 30 days" in review.message_text
    assert len(FakeSmsBackend.sent) == 1 and len(FakeEmailBackend.sent) == 3  # nothing for the recommendation
    # the manager is told once (the agent ran 93 times), in the bell: one month's rent owed is not critical
    note = Notification.objects.get()
    assert (note.kind, note.severity, note.link) == ("collections.legal_referral", "warning", f"/collections/{case.id}")
    assert note.title.endswith(": 1 legal referral to decide")
    assert note.property_ref == case.property_id and "approve or dismiss each referral" in note.body

    action = services.legal_referral_approve(case=case, actor="user:manager@example.com", now=at(30, 14))
    case.refresh_from_db()
    assert (action.step_level, action.created_by) == (5, "user:manager@example.com")
    assert (case.status, case.assigned_to, case.escalation_level, case.legal_referral) == (
        "escalated",
        "manager",
        5,
        "approved",
    )
    assert case.legal_referral_decided_by == "user:manager@example.com"
    actions = list(CollectionAction.objects.filter(case=case, step_level__isnull=False).order_by("step_level"))
    assert [a.channel for a in actions] == [EXPECTED_CHANNELS[i] for i in range(1, 6)]
    assert [a.tone_used for a in actions] == EXPECTED_TONES[profile]
    assert [a.action_type for a in actions] == ["sms", "email", "formal_letter", "payment_plan", "escalation"]
    assert [a.sent_at for a in actions] == [at(d, 2) for d in (1, 3, 5, 8)] + [at(30, 14)]
    assert all(a.ai_generated and a.ai_provider == "offline" and a.delivery_status == "sent" for a in actions)
    assert all("$1,700.00" in a.message_text and "November 2, 2026" in a.message_text for a in actions)
    # exactly one outbox message per step and channel (+ the manager's hand-off at step 5)
    assert _outbox_by_key(case) == {
        f"collections:{case.id}:step1:sms": 1,
        f"collections:{case.id}:step2:email": 1,
        f"collections:{case.id}:step3:email": 1,
        f"collections:{case.id}:step4:email": 1,
        f"collections:{case.id}:step5:manager": 1,
    }
    assert len(FakeSmsBackend.sent) == 1 and len(FakeEmailBackend.sent) == 4
    assert FakeSmsBackend.sent[0]["to"] == tenant.phone and len(FakeSmsBackend.sent[0]["body"]) <= 320
    # step 4 offered a plan for the balance, summing to the cent; step 5 handed the case to the manager
    plan = PaymentPlan.objects.get(case=case)
    assert plan.status == "proposed" and sum(i.amount for i in plan.installments.all()) == case.current_balance
    assert case.tone == EXPECTED_TONES[profile][4]
    manager_mail = FakeEmailBackend.sent[-1]
    assert manager_mail.to == "manager@oakridge.example" and "Recommended next step" in manager_mail.text
    assert collections_escalate(now=at(31)).startswith("Sent 0 dunning steps on 0 open cases")


def test_no_legal_referral_below_the_minimum_balance_or_age(settings):
    small, lease = overdue_tenant(due=DUE, rent=Decimal("100.00"))
    big, _ = overdue_tenant(due=DUE)
    collections_scan(today=day(1))
    for n in (8, 29):
        collections_escalate(now=at(n))
    assert set(CollectionCase.objects.values_list("escalation_level", "legal_referral")) == {(4, "")}
    summary = collections_escalate(now=at(40))
    assert "1 legal referrals recommended" in summary
    assert (_case(small).legal_referral, _case(big).legal_referral) == ("", "recommended")
    settings.COLLECTIONS_LEGAL_MIN_BALANCE = Decimal("50.00")
    assert "1 legal referrals recommended" in collections_escalate(now=at(41))
    assert _case(small).legal_referral == "recommended"
    assert "legal referrals" not in collections_escalate(now=at(42))  # once


def test_the_agent_never_sends_the_legal_step():
    tenant, _ = overdue_tenant(due=DUE)
    collections_scan(today=day(1))
    case = CollectionCase.objects.select_related("tenant", "lease", "unit", "property").get(tenant=tenant)
    case.escalation_level = 4
    with pytest.raises(ValueError):
        services._step_send(case=case, step=services.dunning.step_for_level(5), now=at(40), actor="system")


def test_tone_specific_offline_templates():
    good, _ = overdue_tenant(due=DUE)
    chronic, _ = overdue_tenant(due=DUE, late_payments=8, on_time=3)
    collections_scan(today=day(1))
    for n in (1, 3, 5, 8, 30):
        collections_escalate(now=at(n))
    services.legal_referral_approve(case=_case(chronic), actor="user:manager@example.com", now=at(30, 14))
    text = {(a.case.tenant_id, a.step_level): a for a in CollectionAction.objects.select_related("case")}
    assert text[(good.id, 1)].message_text.startswith(f"Hi {good.first_name}, a friendly reminder")
    assert "Final notice" in text[(chronic.id, 4)].subject or "legal review" in text[(chronic.id, 4)].subject
    assert text[(chronic.id, 5)].message_text.startswith(f"Dear {chronic.first_name},\n\nFINAL NOTICE.")
    assert "Under the terms of your lease" in text[(good.id, 3)].message_text
    assert "payments:" in text[(good.id, 4)].message_text
    assert (good.id, 5) not in text


def test_downtime_catch_up_sends_only_the_current_step_once():
    tenant, _ = overdue_tenant(due=DUE)
    collections_scan(today=day(1))
    collections_escalate(now=at(0))
    assert CollectionAction.objects.count() == 0
    summary = collections_escalate(now=at(9))  # down from day 0 to day 9
    assert summary.startswith("Sent 1 dunning steps on 1 open cases (L1: 0, L2: 0, L3: 0, L4: 1)")
    actions = list(CollectionAction.objects.order_by("created_at"))
    assert [(a.step_level, a.tone_used) for a in actions] == [(4, "firm")]
    assert _case(tenant).escalation_level == 4
    before = _snapshot()
    assert collections_escalate(now=at(9, 20)).startswith("Sent 0 dunning steps")
    assert _snapshot() == before
    assert _outbox_by_key(_case(tenant)) == {f"collections:{_case(tenant).id}:step4:email": 1}


def test_a_new_case_starts_at_the_step_its_days_overdue_call_for():
    tenant, _ = overdue_tenant(due=DUE)
    collections_scan(today=day(6))
    collections_escalate(now=at(6))
    assert list(CollectionAction.objects.values_list("step_level", flat=True)) == [3]
    assert len(FakeSmsBackend.sent) == 0 and len(FakeEmailBackend.sent) == 1  # the formal notice (+ a letter)
    collections_escalate(now=at(8))
    assert sorted(CollectionAction.objects.values_list("step_level", flat=True)) == [3, 4]


def test_a_provider_failure_is_retried_by_the_outbox_not_lost_or_duplicated():
    tenant, _ = overdue_tenant(due=DUE)
    collections_scan(today=day(1))
    FakeSmsBackend.fail_with = DeliveryError("Twilio is down", retryable=True)
    collections_escalate(now=at(1))
    case = _case(tenant)
    action = CollectionAction.objects.get(case=case, step_level=1)
    assert case.escalation_level == 1  # the step is recorded; its message waits in the outbox
    assert action.delivery_status == "failed"
    message = OutboxMessage.objects.get(dedupe_key=f"collections:{case.id}:step1:sms")
    assert (message.status, message.retryable, message.body) == ("failed", True, action.message_text)

    collections_escalate(now=at(2))  # still failing: nothing new recorded or queued
    assert OutboxMessage.objects.filter(feature="collections").count() == 1
    assert CollectionAction.objects.filter(case=case).count() == 1

    FakeSmsBackend.fail_with = None
    assert "1 delivered" in retry_failed_messages()
    collections_escalate(now=at(2, 16))  # picks up the outbox's new state
    action.refresh_from_db()
    message.refresh_from_db()
    assert (action.delivery_status, message.status, message.attempts) == ("sent", "sent", 2)
    assert len(FakeSmsBackend.sent) == 1
    assert OutboxMessage.objects.filter(feature="collections").count() == 1


def test_a_refused_recipient_is_recorded_and_sent_once_fixed():
    tenant, _ = overdue_tenant(due=DUE, phone="")
    collections_scan(today=day(1))
    collections_escalate(now=at(1))
    case = _case(tenant)
    action = CollectionAction.objects.get(case=case, step_level=1)
    assert case.escalation_level == 1
    assert action.delivery_status == "failed" and action.outbox_message_ids == {"sms": None}
    assert "phone number is required" in action.delivery_error
    assert not OutboxMessage.objects.exists()
    collections_escalate(now=at(2))  # still no phone: nothing sent, nothing duplicated
    assert not OutboxMessage.objects.exists() and CollectionAction.objects.count() == 1

    tenant.phone = "+12065550199"
    tenant.save()
    assert "Resent 1 unsent channels" in collections_escalate(now=at(2, 8))
    collections_escalate(now=at(2, 12))
    action.refresh_from_db()
    assert action.delivery_status == "sent" and action.delivery_error == ""
    assert [m["to"] for m in FakeSmsBackend.sent] == ["+12065550199"]


def test_a_crash_between_recording_and_sending_is_repaired_by_the_next_run(monkeypatch):
    tenant, _ = overdue_tenant(due=DUE)
    collections_scan(today=day(1))
    real = services.escalation._action_deliver  # looked up where _step_send calls it

    def crash(**kwargs):
        raise RuntimeError("worker killed")

    monkeypatch.setattr(services.escalation, "_action_deliver", crash)
    assert "1 cases failed" in collections_escalate(now=at(1))
    action = CollectionAction.objects.get(step_level=1)
    assert action.delivery_status == "pending" and _case(tenant).escalation_level == 1
    monkeypatch.setattr(services.escalation, "_action_deliver", real)
    collections_escalate(now=at(1, 16))
    action.refresh_from_db()
    assert action.delivery_status == "sent" and len(FakeSmsBackend.sent) == 1
    collections_escalate(now=at(1, 20))
    assert len(FakeSmsBackend.sent) == 1


def test_the_same_step_cannot_be_recorded_twice():
    tenant, _ = overdue_tenant(due=DUE)
    collections_scan(today=day(1))
    case = CollectionCase.objects.select_related("tenant", "lease", "unit", "property").get(tenant=tenant)
    stale = CollectionCase.objects.select_related("tenant", "lease", "unit", "property").get(tenant=tenant)
    step = services.dunning.step_for_level(1)
    assert services._step_send(case=case, step=step, now=at(1), actor="system") is not None
    assert services._step_send(case=stale, step=step, now=at(1), actor="system") is None  # a racing run
    assert CollectionAction.objects.count() == 1 and len(FakeSmsBackend.sent) == 1


def test_engine_leaves_plan_cases_alone_and_refreshes_days_overdue():
    a, _ = overdue_tenant(due=DUE)
    b, _ = overdue_tenant(due=DUE)
    collections_scan(today=day(1))
    CollectionCase.objects.filter(tenant=a).update(status="payment_plan")
    collections_escalate(now=at(2))
    assert _case(a).escalation_level == 0 and _case(b).escalation_level == 1
    assert _case(b).days_overdue == 2


def test_engine_query_count_is_per_case_work_only(django_assert_max_num_queries):
    """Loading is constant; each step costs a bounded number of writes (AI log, action, case, outbox)."""
    for _ in range(2):
        overdue_tenant(due=DUE)
    collections_scan(today=day(1))
    collections_escalate(now=at(1))
    for _ in range(10):
        overdue_tenant(due=DUE)
    collections_scan(today=day(2))
    CollectionCase.objects.filter(escalation_level=0).update(escalation_level=1)  # nothing due for anyone
    with django_assert_max_num_queries(12):
        assert collections_escalate(now=at(2)).startswith("Sent 0 dunning steps on 12 open cases")


def test_provider_callbacks_reach_the_action():
    from core.messaging import outbox_status_update

    tenant, _ = overdue_tenant(due=DUE)
    collections_scan(today=day(1))
    collections_escalate(now=at(1))
    action = CollectionAction.objects.get(step_level=1)
    message = OutboxMessage.objects.get(id=action.outbox_message_ids["sms"])
    outbox_status_update(provider="twilio", outbox_id=str(message.id), status="delivered")
    collections_escalate(now=at(1, 16))
    action.refresh_from_db()
    assert (action.delivery_status, action.delivered) == ("delivered", True)


def test_database_backstops_one_step_record_and_one_unresolved_case_per_tenant():
    from django.db import IntegrityError, transaction

    tenant, _ = overdue_tenant(due=DUE)
    collections_scan(today=day(1))
    case = _case(tenant)
    fields = dict(action_type="sms", escalation_level=1, channel="sms", message_text="x", tone_used="friendly")
    CollectionAction.objects.create(case=case, step_level=1, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        CollectionAction.objects.create(case=case, step_level=1, **fields)
    CollectionAction.objects.create(case=case, step_level=None, **fields)  # other actions are not limited
    CollectionAction.objects.create(case=case, step_level=None, **fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        CollectionCase.objects.create(
            tenant=tenant,
            lease=case.lease,
            unit=case.unit,
            property=case.property,
            original_amount_due=1,
            current_balance=1,
            due_date=DUE,
            status="escalated",
        )
    CollectionCase.objects.create(
        tenant=tenant,
        lease=case.lease,
        unit=case.unit,
        property=case.property,
        original_amount_due=1,
        current_balance=0,
        due_date=DUE,
        status="paid",
    )
