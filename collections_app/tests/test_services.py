"""Payment plans, payments and the manager's manual actions."""

import datetime
from decimal import Decimal

import pytest

from collections_app import dunning
from collections_app.models import CollectionAction, CollectionCase, PaymentPlan
from collections_app.services import (
    case_escalate,
    case_send_reminder,
    collections_escalate,
    collections_scan,
    legal_referral_approve,
    legal_referral_dismiss,
    payment_plan_accept,
    payment_plan_check_defaults,
    payment_plan_offer,
    payment_record,
)
from collections_app.tests.factories import DUE, at, day, overdue_tenant
from core.exceptions import ApplicationError
from core.messaging.testing import FakeEmailBackend, FakeSmsBackend
from core.models import OutboxMessage
from tenants.balances import tenant_balances
from tenants.models import TenantLedgerEntry

pytestmark = pytest.mark.django_db
USER = "user:manager@example.com"


def _open_case(**kwargs) -> CollectionCase:
    tenant, _ = overdue_tenant(due=DUE, **kwargs)
    collections_scan(today=day(1))
    return CollectionCase.objects.select_related("tenant", "lease", "unit", "property").get(tenant=tenant)


def _fresh(case) -> CollectionCase:
    return CollectionCase.objects.select_related("tenant", "lease", "unit", "property").get(pk=case.pk)


# ── payment plans ─────────────────────────────────────────────────────────────────────────────────


def test_offer_plan_sums_to_the_cent_and_emails_the_terms():
    case = _open_case(rent=Decimal("1333.33"))
    plan = payment_plan_offer(case=case, actor=USER, num_installments=3, now=at(2))
    rows = list(plan.installments.all())
    assert [r.amount for r in rows] == [Decimal("444.44"), Decimal("444.44"), Decimal("444.45")]
    assert sum(r.amount for r in rows) == plan.total_amount == case.current_balance
    assert [r.due_date for r in rows] == [day(9), day(23), day(37)]  # first 7 days out, then every 14 days
    assert (plan.status, plan.num_installments, plan.installment_amount, plan.offered_by) == (
        "proposed",
        3,
        Decimal("444.44"),
        USER,
    )
    action = CollectionAction.objects.get(case=case, action_type="payment_plan")
    assert action.step_level is None and action.delivery_status == "sent"
    assert "$444.45 due" in action.message_text and FakeEmailBackend.sent[-1].to == case.tenant.email
    # the same terms again: nothing new; different terms replace the proposal
    assert payment_plan_offer(case=_fresh(case), actor=USER, num_installments=3, now=at(2)).id == plan.id
    assert len(FakeEmailBackend.sent) == 1
    again = payment_plan_offer(case=_fresh(case), actor=USER, num_installments=2, now=at(2))
    assert again.id != plan.id and PaymentPlan.objects.count() == 1 and len(FakeEmailBackend.sent) == 2


def test_default_installment_count_comes_from_balance_and_rent():
    case = _open_case(rent=Decimal("1700.00"))
    plan = payment_plan_offer(case=case, actor=USER, now=at(2))
    assert plan.num_installments == dunning.plan_installment_count(Decimal("1700.00"), Decimal("1700.00")) == 2


@pytest.mark.parametrize(
    "kwargs,message",
    [
        ({"num_installments": 1}, "A plan has 2 to 6 installments."),
        ({"num_installments": 7}, "A plan has 2 to 6 installments."),
        ({"start_date": datetime.date(2026, 11, 1)}, "The first installment cannot be due in the past."),
    ],
)
def test_offer_plan_rejects_bad_terms(kwargs, message):
    case = _open_case()
    with pytest.raises(ApplicationError, match=message):
        payment_plan_offer(case=case, actor=USER, now=at(2), **kwargs)


def test_accepted_plan_moves_the_case_and_pauses_dunning():
    case = _open_case()
    payment_plan_offer(case=case, actor=USER, now=at(2))
    plan = payment_plan_accept(case=_fresh(case), actor=USER, now=at(2))
    assert plan.status == "accepted" and plan.accepted_at == at(2)
    assert _fresh(case).status == "payment_plan"
    collections_escalate(now=at(10))
    assert _fresh(case).escalation_level == 0
    with pytest.raises(ApplicationError, match="only a proposed plan can be accepted"):
        payment_plan_accept(case=_fresh(case), actor=USER)
    with pytest.raises(ApplicationError, match="can only be offered on an open case; this one is on a payment plan"):
        payment_plan_offer(case=_fresh(case), actor=USER, now=at(3))
    CollectionCase.objects.filter(pk=case.pk).update(status="escalated")
    with pytest.raises(ApplicationError, match="The case's payment plan is already accepted."):
        payment_plan_offer(case=_fresh(case), actor=USER, now=at(3))


def test_accept_without_an_offer_is_refused():
    with pytest.raises(ApplicationError, match="No payment plan has been offered"):
        payment_plan_accept(case=_open_case(), actor=USER)


# ── payments ──────────────────────────────────────────────────────────────────────────────────────


def test_partial_payments_reduce_the_balance_and_pay_installments_in_order():
    case = _open_case(rent=Decimal("1800.00"))
    payment_plan_offer(case=case, actor=USER, num_installments=3, now=at(2))  # 3 x 600.00
    payment_plan_accept(case=_fresh(case), actor=USER, now=at(2))

    payment_record(
        case=_fresh(case), amount=Decimal("750.00"), actor=USER, paid_on=day(8), reference="ACH-1", now=at(8)
    )
    case = _fresh(case)
    assert (case.current_balance, case.status) == (Decimal("1050.00"), "payment_plan")
    rows = list(case.payment_plan.installments.all())
    assert [(r.status, r.amount_paid, r.paid_date) for r in rows] == [
        ("paid", Decimal("600.00"), day(8)),
        ("partial", Decimal("150.00"), None),
        ("pending", Decimal("0.00"), None),
    ]
    assert case.payment_plan.status == "active"
    # the ledger has the payment, applied to the charge; tenant_balances agrees with the case
    pay = TenantLedgerEntry.objects.get(trans_type="Payment", reference="ACH-1")
    assert pay.amount == Decimal("750.00") and pay.applies_to.due_date == DUE
    assert tenant_balances(tenant_ids=[case.tenant_id], as_of=day(8))[case.tenant_id]["overdue"] == case.current_balance
    action = CollectionAction.objects.get(case=case, action_type="payment_received")
    assert (action.amount, action.created_by) == (Decimal("750.00"), USER)
    assert "Installments: #1 paid, #2 partially paid." in action.message_text

    payment_record(case=case, amount=Decimal("1050.00"), actor=USER, paid_on=day(20), now=at(20))
    case = _fresh(case)
    assert (case.current_balance, case.status, case.resolved_at) == (Decimal("0.00"), "paid", at(20))
    assert case.payment_plan.status == "completed"
    assert {r.status for r in case.payment_plan.installments.all()} == {"paid"}
    assert collections_scan(today=day(21)).startswith("Opened 0 cases")  # the ledger agrees: nothing overdue


def test_a_payment_without_a_plan_can_close_the_case():
    case = _open_case()
    payment_record(case=case, amount="1700", actor=USER, now=at(3))
    case = _fresh(case)
    assert case.status == "paid" and case.current_balance == 0
    with pytest.raises(ApplicationError, match="This case is paid; there is no balance to pay."):
        payment_record(case=case, amount="1", actor=USER, now=at(3))


def test_a_payment_on_the_agents_plan_offer_pays_installments_and_brings_an_escalated_case_back():
    """The issue: after a payment the plan still showed $0 paid and the case stayed 'escalated'."""
    case = _open_case(rent=Decimal("1800.00"))
    for n in (1, 3, 5, 8, 30):
        collections_escalate(now=at(n))
    plan = PaymentPlan.objects.get(case=case)
    assert plan.status == "proposed" and plan.num_installments == 2  # step 4: 2 x $900.00
    legal_referral_approve(case=_fresh(case), actor=USER, now=at(30, 14))
    assert _fresh(case).status == "escalated"

    payment_record(case=_fresh(case), amount=Decimal("900.00"), actor=USER, paid_on=day(31), now=at(31))
    case, plan = _fresh(case), PaymentPlan.objects.get(case=case)
    assert (case.current_balance, case.status) == (Decimal("900.00"), "payment_plan")
    assert (plan.status, plan.accepted_at) == ("active", at(31))
    assert [(i.status, i.amount_paid) for i in plan.installments.all()] == [
        ("paid", Decimal("900.00")),
        ("pending", Decimal("0.00")),
    ]
    note = CollectionAction.objects.get(case=case, action_type="payment_received").message_text
    assert "Paid on the offered plan, which is now active." in note and "The case is now on a payment plan." in note

    payment_record(case=case, amount=Decimal("900.00"), actor=USER, paid_on=day(32), now=at(32))
    case, plan = _fresh(case), PaymentPlan.objects.get(case=case)
    assert (case.current_balance, case.status, plan.status) == (Decimal("0.00"), "paid", "completed")


def test_a_partial_payment_without_a_plan_reopens_an_escalated_case():
    case = _open_case()
    case_escalate(case=case, actor=USER, now=at(3))
    payment_record(case=_fresh(case), amount="200", actor=USER, now=at(4))
    case = _fresh(case)
    assert (case.status, case.current_balance, case.escalation_level) == ("open", Decimal("1500.00"), 5)
    assert case.legal_referral == "approved"  # the history stays; nothing is sent again


def test_a_payment_is_all_or_nothing(monkeypatch):
    """Ledger row, installments and case status are written in one transaction."""
    from collections_app.services import payments

    case = _open_case(rent=Decimal("1800.00"))
    payment_plan_offer(case=case, actor=USER, num_installments=3, now=at(2))

    def crash(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(payments.CollectionAction.objects, "create", crash)
    with pytest.raises(RuntimeError):
        payment_record(case=_fresh(case), amount="600", actor=USER, now=at(3))
    case = _fresh(case)
    assert (case.current_balance, case.status) == (Decimal("1800.00"), "open")
    assert not TenantLedgerEntry.objects.filter(trans_type="Payment", trans_date__gte=DUE).exists()
    assert {(i.status, i.amount_paid) for i in case.payment_plan.installments.all()} == {("pending", Decimal("0.00"))}
    assert case.payment_plan.status == "proposed"


# ── the legal referral ────────────────────────────────────────────────────────────────────────────


def _recommended_case(**kwargs) -> CollectionCase:
    case = _open_case(**kwargs)
    for n in (1, 3, 5, 8, 30):
        collections_escalate(now=at(n))
    case = _fresh(case)
    assert (case.escalation_level, case.legal_referral) == (4, "recommended")
    return case


def test_dismissing_the_recommendation_sends_nothing_and_it_is_not_made_again():
    case = _recommended_case()
    sent = (len(FakeSmsBackend.sent), len(FakeEmailBackend.sent))
    action = legal_referral_dismiss(case=case, actor=USER, note="Tenant called; paying Friday.", now=at(30, 15))
    case = _fresh(case)
    assert (case.legal_referral, case.legal_referral_decided_by, case.status) == ("dismissed", USER, "open")
    assert "Tenant called" in action.message_text and action.action_type == "legal_review"
    collections_escalate(now=at(40))
    assert _fresh(case).legal_referral == "dismissed" and _fresh(case).escalation_level == 4
    assert (len(FakeSmsBackend.sent), len(FakeEmailBackend.sent)) == sent
    with pytest.raises(ApplicationError, match="was dismissed"):
        legal_referral_approve(case=_fresh(case), actor=USER, now=at(40))
    case_escalate(case=_fresh(case), actor=USER, now=at(41))  # the manager can still decide to escalate
    assert _fresh(case).legal_referral == "approved"


def test_approve_needs_a_pending_recommendation():
    case = _open_case()
    collections_escalate(now=at(8))
    with pytest.raises(ApplicationError, match="no legal referral recommendation"):
        legal_referral_approve(case=_fresh(case), actor=USER, now=at(9))
    with pytest.raises(ApplicationError, match="no legal referral recommendation"):
        legal_referral_dismiss(case=_fresh(case), actor=USER, now=at(9))
    with pytest.raises(ApplicationError, match="legal step, which is not a reminder"):
        case_send_reminder(case=_fresh(case), actor=USER, now=at(9))
    assert _fresh(case).escalation_level == 4 and _fresh(case).status == "open"


def test_a_payment_below_the_minimum_withdraws_the_recommendation():
    case = _recommended_case()
    PaymentPlan.objects.filter(case=case).delete()  # (a payment on the offered plan would put the case on it)
    payment_record(case=_fresh(case), amount="1300", actor=USER, now=at(31))  # $400 left, under the $500 minimum
    case = _fresh(case)
    assert (case.legal_referral, case.status) == ("", "open")
    assert CollectionAction.objects.filter(
        case=case, message_text__startswith="Legal referral recommendation withdrawn: the balance is now below"
    ).exists()
    collections_escalate(now=at(32))
    assert _fresh(case).legal_referral == ""


def test_accepting_a_plan_withdraws_the_recommendation():
    case = _recommended_case()
    payment_plan_accept(case=case, actor=USER, now=at(31))
    assert (_fresh(case).legal_referral, _fresh(case).status) == ("", "payment_plan")


@pytest.mark.parametrize(
    "amount,message",
    [
        ("0", "Payment must be greater than zero."),
        ("-25.00", "Payment must be greater than zero."),
        ("1700.01", "Payment of $1,700.01 exceeds the balance of $1,700.00."),
        ("10.005", "A payment cannot have fractions of a cent."),
    ],
)
def test_invalid_payments_are_refused_and_change_nothing(amount, message):
    case = _open_case()
    with pytest.raises(ApplicationError) as err:
        payment_record(case=case, amount=amount, actor=USER, now=at(3))
    assert err.value.message == message
    assert not TenantLedgerEntry.objects.filter(trans_type="Payment", trans_date__gte=DUE).exists()
    assert _fresh(case).current_balance == Decimal("1700.00")


def test_payment_dated_in_the_future_is_refused():
    with pytest.raises(ApplicationError, match="cannot be in the future"):
        payment_record(case=_open_case(), amount="10", actor=USER, paid_on=day(9), now=at(3))


# ── defaults ──────────────────────────────────────────────────────────────────────────────────────


def test_a_missed_installment_defaults_the_plan_and_escalation_resumes():
    case = _open_case(rent=Decimal("1800.00"))
    collections_escalate(now=at(1))  # step 1
    payment_plan_offer(case=_fresh(case), actor=USER, num_installments=3, now=at(2))  # first due day 9
    payment_plan_accept(case=_fresh(case), actor=USER, now=at(2))
    assert payment_plan_check_defaults(today=day(14)) == "0 payment plans defaulted."  # 5 days late: grace
    plan = PaymentPlan.objects.get(case=case)
    assert plan.status == "accepted" and plan.installments.get(installment_number=1).status == "overdue"
    assert payment_plan_check_defaults(today=day(15)) == "1 payment plans defaulted."
    plan.refresh_from_db()
    assert plan.status == "defaulted" and _fresh(case).status == "open"
    assert CollectionAction.objects.filter(case=case, action_type="note", message_text__contains="defaulted").exists()
    assert payment_plan_check_defaults(today=day(16)) == "0 payment plans defaulted."  # idempotent
    # the engine resumes with the step the days call for (level 1 -> 4, never the legal step); a fresh plan
    collections_escalate(now=at(16))
    case = _fresh(case)
    assert case.escalation_level == 4 and case.status == "open"
    assert list(
        CollectionAction.objects.filter(case=case, step_level__isnull=False)
        .values_list("step_level", flat=True)
        .order_by("step_level")
    ) == [1, 4]
    new_plan = PaymentPlan.objects.get(case=case)
    assert new_plan.id != plan.id and new_plan.status == "proposed"


def test_engine_runs_the_default_check():
    case = _open_case()
    payment_plan_offer(case=case, actor=USER, num_installments=2, now=at(2))
    payment_plan_accept(case=_fresh(case), actor=USER, now=at(2))
    assert "1 payment plans defaulted." in collections_escalate(now=at(15))


# ── manual actions ────────────────────────────────────────────────────────────────────────────────


def test_send_reminder_sends_the_next_step_early_and_never_twice():
    case = _open_case()
    action = case_send_reminder(case=case, actor=USER, now=at(0, 9))
    assert (action.step_level, action.channel, action.created_by) == (1, "sms", USER)
    collections_escalate(now=at(1))  # step 1 is due now but already sent
    assert CollectionAction.objects.filter(case=case).count() == 1 and len(FakeSmsBackend.sent) == 1
    action = case_send_reminder(case=_fresh(case), actor=USER, now=at(1, 13))
    assert action.step_level == 2
    collections_escalate(now=at(3))
    assert _fresh(case).escalation_level == 2 and len(FakeEmailBackend.sent) == 1


def test_send_reminder_refusals():
    case = _open_case()
    CollectionCase.objects.filter(pk=case.pk).update(escalation_level=5)
    with pytest.raises(ApplicationError, match="All five steps have already been sent."):
        case_send_reminder(case=_fresh(case), actor=USER)
    CollectionCase.objects.filter(pk=case.pk).update(status="payment_plan")
    with pytest.raises(ApplicationError, match="open cases only"):
        case_send_reminder(case=_fresh(case), actor=USER)


def test_manual_escalation():
    case = _open_case()
    action = case_escalate(case=case, actor=USER, note="Tenant stopped answering.", now=at(4))
    case = _fresh(case)
    assert (case.escalation_level, case.status, case.assigned_to) == (5, "escalated", "manager")
    assert action.action_type == "escalation" and not action.ai_generated and action.step_level is None
    assert "Tenant stopped answering." in action.message_text and USER in action.message_text
    with pytest.raises(ApplicationError, match="already escalated"):
        case_escalate(case=case, actor=USER)
    collections_escalate(now=at(20))  # escalated cases are the manager's now: nothing more is sent
    assert not OutboxMessage.objects.exists()
