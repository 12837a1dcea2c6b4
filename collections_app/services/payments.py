"""Recording a payment against a case (ledger, balance, plan installments, case status)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from collections_app.models import CollectionAction, CollectionCase, PaymentPlan
from collections_app.services.common import (
    STATUS_PHRASE,
    ActionType,
    InstStatus,
    PlanStatus,
    Status,
    _is,
    _today,
)
from collections_app.services.legal import legal_referral_withdraw_if_moot
from core.ai.offline import money
from core.exceptions import ApplicationError
from tenants.ledger_services import ledger_payment_record

# Plans a payment is applied to (a proposed plan becomes active when the tenant pays on it).
PAYABLE_PLAN = (PlanStatus.PROPOSED, *PaymentPlan.IN_FORCE)


def payment_record(
    *,
    case: CollectionCase,
    amount,
    actor: str,
    paid_on: datetime.date | None = None,
    reference: str = "",
    now: datetime.datetime | None = None,
) -> CollectionAction:
    """Records a payment against the case in one transaction: a Payment in the tenant ledger (oldest charges
    first), the case's balance reduced, the plan's installments paid in order (a payment on a proposed plan
    accepts it), and the case's status: paid at zero (the plan completes), otherwise on the plan if one is in
    force, else open (an escalated case comes back). A pending legal-referral recommendation is withdrawn when
    the balance falls below its minimum."""
    now = now or timezone.now()
    amount = Decimal(str(amount))
    if amount <= 0:
        raise ApplicationError("Payment must be greater than zero.")
    if amount != amount.quantize(Decimal("0.01")):
        raise ApplicationError("A payment cannot have fractions of a cent.")
    paid_on = paid_on or _today(now)
    if paid_on > _today(now):
        raise ApplicationError("The payment date cannot be in the future.")
    with transaction.atomic():
        locked = CollectionCase.objects.select_for_update().select_related("tenant", "lease").get(pk=case.pk)
        if locked.status not in CollectionCase.UNRESOLVED:
            raise ApplicationError(f"This case is {_is(locked)}; there is no balance to pay.")
        if amount > locked.current_balance:
            raise ApplicationError(
                f"Payment of {money(amount)} exceeds the balance of {money(locked.current_balance)}."
            )
        ledger_payment_record(
            tenant=locked.tenant,
            lease=locked.lease,
            amount=amount,
            trans_date=paid_on,
            reference=reference,
            description="Payment - collections",
        )
        locked.current_balance -= amount
        fields = ["current_balance", "updated_at"]
        plan = PaymentPlan.objects.filter(case=locked).first()
        plan_note = ""
        if plan is not None and plan.status in PAYABLE_PLAN:
            if plan.status == PlanStatus.PROPOSED:  # paying on the offered plan accepts it
                plan.accepted_at = now
                plan_note = " Paid on the offered plan, which is now active."
            plan_note += _apply_to_installments(plan, amount, paid_on)
        if locked.current_balance == 0:
            locked.status, locked.resolved_at = Status.PAID, now
            fields += ["status", "resolved_at"]
            if plan is not None and plan.status in PaymentPlan.IN_FORCE:
                plan.status = PlanStatus.COMPLETED
                plan.save(update_fields=["status", "updated_at"])
        else:
            # Money came in: an escalated case comes back, to the plan if one is in force (the engine leaves it
            # alone while the installments are kept), else to open (dunning resumes from its level).
            status = Status.PAYMENT_PLAN if plan is not None and plan.status in PaymentPlan.IN_FORCE else Status.OPEN
            if status != locked.status:
                plan_note += f" The case is now {STATUS_PHRASE[status]}."
                locked.status = status
                fields.append("status")
        fields += legal_referral_withdraw_if_moot(locked, now=now)
        locked.save(update_fields=fields)
        ref = f" (ref {reference})" if reference else ""
        action = CollectionAction.objects.create(
            case=locked,
            action_type=ActionType.PAYMENT_RECEIVED,
            escalation_level=locked.escalation_level,
            channel="system",
            message_text=(
                f"Payment of {money(amount)} received on {paid_on:%B} {paid_on.day}, "
                f"{paid_on.year}{ref}. Balance now {money(locked.current_balance)}.{plan_note}"
            ),
            tone_used="",
            ai_generated=False,
            sent_at=now,
            amount=amount,
            created_by=actor,
        )
    for f in ("current_balance", "status", "resolved_at", "legal_referral", "legal_referral_recommended_at"):
        setattr(case, f, getattr(locked, f))
    return action


def _apply_to_installments(plan: PaymentPlan, amount: Decimal, paid_on: datetime.date) -> str:
    """Applies a payment to the plan's installments in order; returns a note for the action."""
    left, touched = amount, []
    for inst in plan.installments.select_for_update().order_by("installment_number"):
        if left <= 0:
            break
        owed = inst.amount - inst.amount_paid
        if owed <= 0:
            continue
        take = min(owed, left)
        inst.amount_paid += take
        left -= take
        if inst.amount_paid == inst.amount:
            inst.status, inst.paid_date = InstStatus.PAID, paid_on
        else:
            inst.status = InstStatus.PARTIAL
        inst.save(update_fields=["amount_paid", "status", "paid_date"])
        touched.append(f"#{inst.installment_number} {inst.get_status_display().lower()}")
    plan.status = PlanStatus.ACTIVE
    if not plan.installments.exclude(status=InstStatus.PAID).exists():
        plan.status = PlanStatus.COMPLETED
    plan.save(update_fields=["status", "accepted_at", "updated_at"])
    return f" Installments: {', '.join(touched)}." if touched else ""
