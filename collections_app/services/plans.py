"""Payment plans: offer, accept, and the daily default check."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from collections_app import dunning
from collections_app.models import CollectionAction, CollectionCase, PaymentPlan, PaymentPlanInstallment
from collections_app.selectors import (
    delivery_summary,
    outbox_rows_for,
    plan_of,
)
from collections_app.services.common import (
    FEATURE,
    MANAGER,
    PLAN_DEFAULT_GRACE_DAYS,
    SYSTEM,
    ActionType,
    Delivery,
    InstStatus,
    PlanStatus,
    Status,
    _is,
    _note,
    _today,
)
from collections_app.services.compose import _compose, _plan_rows, _terms_text
from collections_app.services.legal import legal_referral_withdraw_if_moot
from core.ai.offline import money
from core.exceptions import ApplicationError
from core.messaging import send_email


def _plan_terms(*, case, today, num_installments=None, start_date=None) -> list:
    start = start_date or today + datetime.timedelta(days=dunning.PLAN_FIRST_DUE_DAYS)
    return dunning.plan_installments(
        balance=case.current_balance, monthly_rent=case.lease.monthly_rent_amount, start=start, count=num_installments
    )


def _plan_replace(*, case, rows, actor) -> PaymentPlan:
    """Creates the case's plan from [(number, amount, due)], replacing a proposed or defaulted one."""
    PaymentPlan.objects.filter(case=case).delete()
    plan = PaymentPlan.objects.create(
        case=case,
        total_amount=sum(a for _, a, _ in rows),
        num_installments=len(rows),
        installment_amount=rows[0][1],
        start_date=rows[0][2],
        status=PlanStatus.PROPOSED,
        offered_by=actor,
    )
    PaymentPlanInstallment.objects.bulk_create(
        [PaymentPlanInstallment(plan=plan, installment_number=n, amount=a, due_date=d) for n, a, d in rows]
    )
    return plan


def payment_plan_offer(
    *,
    case: CollectionCase,
    actor: str,
    num_installments: int | None = None,
    start_date: datetime.date | None = None,
    now: datetime.datetime | None = None,
) -> PaymentPlan:
    """Offers (or re-offers) a payment plan for the case's balance and emails the terms to the tenant. A plan
    already accepted, active or completed cannot be replaced; offering the same terms again changes nothing."""
    now = now or timezone.now()
    today = _today(now)
    if case.status not in (Status.OPEN, Status.ESCALATED):
        raise ApplicationError(f"A payment plan can only be offered on an open case; this one is {_is(case)}.")
    if num_installments is not None and not (
        dunning.PLAN_MIN_INSTALLMENTS <= num_installments <= dunning.PLAN_MAX_INSTALLMENTS
    ):
        raise ApplicationError(
            f"A plan has {dunning.PLAN_MIN_INSTALLMENTS} to {dunning.PLAN_MAX_INSTALLMENTS} installments."
        )
    if start_date is not None and start_date < today:
        raise ApplicationError("The first installment cannot be due in the past.")
    if case.current_balance <= 0:
        raise ApplicationError("There is no balance to put on a plan.")
    existing = plan_of(case)
    if existing is not None and existing.status not in (PlanStatus.PROPOSED, PlanStatus.DEFAULTED):
        raise ApplicationError(f"The case's payment plan is already {existing.status}.")
    rows = _plan_terms(case=case, today=today, num_installments=num_installments, start_date=start_date)
    if existing is not None and existing.status == PlanStatus.PROPOSED and _plan_rows(existing) == rows:
        return existing
    step = dunning.step_for_level(4)
    subject, body, provider = _compose(
        case=case,
        step=step,
        tone=case.tone,
        days=dunning.days_overdue(case.due_date, today),
        plan_terms=_terms_text(rows),
    )
    with transaction.atomic():
        locked = CollectionCase.objects.select_for_update().get(pk=case.pk)
        current = PaymentPlan.objects.filter(case=locked).first()
        if current is not None and current.status not in (PlanStatus.PROPOSED, PlanStatus.DEFAULTED):
            raise ApplicationError(f"The case's payment plan is already {current.status}.")
        plan = _plan_replace(case=locked, rows=rows, actor=actor)
        action = CollectionAction.objects.create(
            case=locked,
            action_type=ActionType.PAYMENT_PLAN,
            escalation_level=locked.escalation_level,
            channel="email",
            subject=subject,
            message_text=body,
            tone_used=case.tone,
            ai_generated=True,
            ai_provider=provider,
            sent_at=now,
            delivery_status=Delivery.PENDING,
            created_by=actor,
        )
    ids, errors = {}, ""
    try:
        message = send_email(
            to=case.tenant.email,
            subject=subject,
            text=body,
            feature=FEATURE,
            related_object=case,
            dedupe_key=f"collections:{case.id}:plan:{plan.id}:email",
        )
        ids["email"] = str(message.id)
    except ApplicationError as exc:
        ids["email"], errors = None, f"email: {exc.message}"
    action.outbox_message_ids, action.delivery_error = ids, errors
    state = delivery_summary(action, outbox_rows_for([action]))
    CollectionAction.objects.filter(pk=action.pk).update(
        outbox_message_ids=ids, delivery_error=errors, delivery_status=state["delivery_status"]
    )
    case.payment_plan = plan
    return plan


def payment_plan_accept(*, case: CollectionCase, actor: str, now: datetime.datetime | None = None) -> PaymentPlan:
    """The tenant accepted the proposed plan: the case moves to 'payment_plan' (the engine leaves it alone)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = CollectionCase.objects.select_for_update().get(pk=case.pk)
        plan = PaymentPlan.objects.filter(case=locked).first()
        if plan is None:
            raise ApplicationError("No payment plan has been offered on this case.")
        if plan.status != PlanStatus.PROPOSED:
            raise ApplicationError(f"The payment plan is {plan.status}; only a proposed plan can be accepted.")
        if locked.status not in (Status.OPEN, Status.ESCALATED):
            raise ApplicationError(f"This case is {_is(locked)}.")
        plan.status, plan.accepted_at = PlanStatus.ACCEPTED, now
        plan.save(update_fields=["status", "accepted_at", "updated_at"])
        locked.status = Status.PAYMENT_PLAN
        locked.save(update_fields=["status", "updated_at", *legal_referral_withdraw_if_moot(locked, now=now)])
        _note(
            locked,
            f"Payment plan accepted: {plan.num_installments} installments, {money(plan.total_amount)} in total.",
            actor=actor,
            now=now,
        )
    case.status = locked.status
    return plan


def payment_plan_check_defaults(*, today: datetime.date, now: datetime.datetime | None = None) -> str:
    """Marks unpaid past-due installments 'overdue' and defaults plans with one unpaid more than
    PLAN_DEFAULT_GRACE_DAYS days; their cases reopen (status 'open', or 'escalated' at level 5) so the engine
    resumes. Set-based and idempotent."""
    now = now or timezone.now()
    cutoff = today - datetime.timedelta(days=PLAN_DEFAULT_GRACE_DAYS)
    with transaction.atomic():
        PaymentPlanInstallment.objects.filter(
            plan__status__in=PaymentPlan.IN_FORCE, status=InstStatus.PENDING, due_date__lt=today
        ).update(status=InstStatus.OVERDUE)
        plans = list(
            PaymentPlan.objects.filter(
                status__in=PaymentPlan.IN_FORCE,
                installments__due_date__lt=cutoff,
                installments__status__in=[InstStatus.PENDING, InstStatus.OVERDUE, InstStatus.PARTIAL],
            )
            .distinct()
            .select_related("case")
        )
        if not plans:
            return "0 payment plans defaulted."
        PaymentPlan.objects.filter(id__in=[p.id for p in plans]).update(
            status=PlanStatus.DEFAULTED, defaulted_at=now, updated_at=now
        )
        reopen_open = [
            p.case_id
            for p in plans
            if p.case.status == Status.PAYMENT_PLAN and p.case.escalation_level < dunning.MAX_LEVEL
        ]
        reopen_esc = [
            p.case_id
            for p in plans
            if p.case.status == Status.PAYMENT_PLAN and p.case.escalation_level >= dunning.MAX_LEVEL
        ]
        CollectionCase.objects.filter(id__in=reopen_open).update(status=Status.OPEN, updated_at=now)
        CollectionCase.objects.filter(id__in=reopen_esc).update(
            status=Status.ESCALATED, assigned_to=MANAGER, updated_at=now
        )
        CollectionAction.objects.bulk_create(
            [
                CollectionAction(
                    case_id=p.case_id,
                    action_type=ActionType.NOTE,
                    escalation_level=p.case.escalation_level,
                    channel="system",
                    tone_used="",
                    ai_generated=False,
                    sent_at=now,
                    created_by=SYSTEM,
                    message_text=(
                        f"Payment plan defaulted: an installment is more than {PLAN_DEFAULT_GRACE_DAYS} "
                        "days overdue. Escalation resumes."
                    ),
                )
                for p in plans
            ]
        )
    return f"{len(plans)} payment plans defaulted."
