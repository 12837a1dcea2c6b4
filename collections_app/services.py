"""Writes for smart collections: the daily scan, the escalation engine, payment plans, payments and the
manager's manual actions.

Rules (see DECISIONS.md):
* A dunning step is recorded once (`CollectionAction.step_level` is unique per case) and each of its
  electronic channels is sent once (outbox `dedupe_key = collections:{case}:step{n}:{channel}`).
* A step is recorded (and the case's level advanced) before its messages are handed to core.messaging;
  delivery is then tracked per channel. A provider failure leaves a failed, retryable outbox row (retried
  by `core.retry_failed_messages`); a refused recipient or a crash before sending leaves the channel
  unsent, and every engine run sends unsent channels again under the same dedupe key. So a step is never
  lost, never skipped and never sent twice.
* AI calls happen outside transactions; per-case writes are one short transaction holding the case row.
"""
from __future__ import annotations

import datetime
import logging
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from collections_app import dunning
from collections_app.models import CollectionAction, CollectionCase, PaymentPlan, PaymentPlanInstallment
from collections_app.prompts import COLLECTIONS_MESSAGE, SMS_MAX_CHARS
from collections_app.selectors import (
    ELECTRONIC,
    MANAGER_KEY,
    delivery_summary,
    expected_delivery_keys,
    outbox_rows_for,
    plan_of,
)
from core.ai import complete_json
from core.ai.offline import money
from core.exceptions import ApplicationError
from core.messaging import send_email, send_sms
from tenants.balances import tenant_balances
from tenants.ledger_services import ledger_payment_record, ledger_unpaid_charges
from tenants.models import TenantLease, TenantLedgerEntry
from tenants.payment_history import payment_history_counts, twelve_months_before

logger = logging.getLogger(__name__)

FEATURE = "collections"
SYSTEM = "system"
MANAGER = "manager"  # assigned_to at step 5
PLAN_DEFAULT_GRACE_DAYS = 5  # an installment unpaid more than this many days after its due date defaults the plan
DELIVERY_SYNC_DAYS = 60  # delivery state is refreshed from the outbox for actions this recent
CHUNK = 500
ZERO = Decimal("0.00")

Status = CollectionCase.Status
ActionType = CollectionAction.ActionType
Delivery = CollectionAction.DeliveryStatus
PlanStatus = PaymentPlan.Status
InstStatus = PaymentPlanInstallment.Status


STATUS_PHRASE = {"open": "open", "payment_plan": "on a payment plan", "paid": "paid", "escalated": "escalated to legal",
                 "written_off": "written off"}


def _is(case) -> str:
    return STATUS_PHRASE.get(case.status, case.status)


def _chunks(items, size=CHUNK):
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _today(now: datetime.datetime) -> datetime.date:
    return timezone.localdate(now)


# ══ daily scan ═══════════════════════════════════════════════════════════════════════════════════════


def collections_scan(*, today: datetime.date | None = None) -> str:
    """Opens a case for every tenant with an overdue balance and no unresolved case; refreshes the balance,
    days overdue and late fees of unresolved cases; closes as paid those whose tenant owes nothing overdue.
    Set-based (a handful of queries for any portfolio size) and idempotent."""
    today = today or timezone.localdate()
    now = timezone.now()
    overdue = {tid: b["overdue"] for tid, b in tenant_balances(as_of=today).items() if b["overdue"] > 0}
    unresolved = {c.tenant_id: c for c in CollectionCase.objects.filter(status__in=CollectionCase.UNRESOLVED)
                  .only("id", "tenant_id", "current_balance", "days_overdue", "due_date", "late_fee_total", "status",
                        "escalation_level")}
    unpaid: dict = {}
    for chunk in _chunks(overdue):
        unpaid.update(ledger_unpaid_charges(tenant_ids=chunk, due_before=today))

    # open --------------------------------------------------------------------------------------------
    new_ids = [tid for tid in overdue if tid not in unresolved]
    history, leases = {}, {}
    for chunk in _chunks(new_ids):
        history.update(payment_history_counts(tenant_ids=chunk, since=twelve_months_before(today), until=today))
        leases.update(_current_leases(chunk))
    new_cases, no_lease = [], 0
    for tid in new_ids:
        lease, charges = leases.get(tid), unpaid.get(tid)
        if lease is None or not charges:  # no lease to attach the case to (should not happen with real data)
            no_lease += 1
            continue
        profile = dunning.risk_profile(history.get(tid, {}).get("late_payments", 0))
        new_cases.append(CollectionCase(
            tenant_id=tid, lease_id=lease["id"], unit_id=lease["unit_id"], property_id=lease["property_id"],
            original_amount_due=overdue[tid], current_balance=overdue[tid], late_fee_total=_late_fees(charges),
            due_date=charges[0].due_date, days_overdue=dunning.days_overdue(charges[0].due_date, today),
            tenant_risk_profile=profile, tone=dunning.select_tone(profile, 0), status=Status.OPEN,
        ))

    # refresh / close ---------------------------------------------------------------------------------
    refreshed, closing, payments = [], [], []
    for tid, case in unresolved.items():
        if tid not in overdue:
            closing.append(case)
            if case.current_balance > 0:
                payments.append(_payment_seen(case, case.current_balance, now, "The ledger shows the overdue balance paid:"))
            continue
        balance, fees = overdue[tid], _late_fees(unpaid.get(tid, []))
        days = dunning.days_overdue(case.due_date, today)
        if (balance, fees, days) != (case.current_balance, case.late_fee_total, case.days_overdue):
            if balance < case.current_balance:
                payments.append(_payment_seen(case, case.current_balance - balance, now,
                                              "The ledger shows part of the overdue balance paid or credited:"))
            case.current_balance, case.late_fee_total, case.days_overdue, case.updated_at = balance, fees, days, now
            refreshed.append(case)

    with transaction.atomic():
        CollectionCase.objects.bulk_create(new_cases, batch_size=CHUNK, ignore_conflicts=True)
        # Only these columns: status and level belong to the engine and the manager's actions.
        CollectionCase.objects.bulk_update(refreshed, ["current_balance", "late_fee_total", "days_overdue", "updated_at"],
                                           batch_size=CHUNK)
        closed = 0
        for chunk in _chunks([c.id for c in closing]):
            closed += CollectionCase.objects.filter(id__in=chunk, status__in=CollectionCase.UNRESOLVED).update(
                status=Status.PAID, current_balance=ZERO, resolved_at=now, updated_at=now)
            PaymentPlan.objects.filter(case_id__in=chunk, status__in=PaymentPlan.IN_FORCE).update(
                status=PlanStatus.COMPLETED, updated_at=now)
        CollectionAction.objects.bulk_create(payments, batch_size=CHUNK)
    opened = sum(CollectionCase.objects.filter(id__in=chunk).count() for chunk in _chunks([c.id for c in new_cases]))
    total = sum(overdue.values(), ZERO)
    summary = (f"Opened {opened} cases, refreshed {len(refreshed)}, closed {closed} as paid; "
               f"{len(overdue)} tenants overdue ({money(total)}).")
    if no_lease:
        summary += f" {no_lease} overdue tenants have no lease and were skipped."
    return summary


def _late_fees(charges) -> Decimal:
    return sum((c.unpaid for c in charges if c.charge_code == TenantLedgerEntry.ChargeCode.LATE_FEE), ZERO)


def _current_leases(tenant_ids) -> dict:
    """{tenant_id: {id, unit_id, property_id}} — each tenant's most recent lease (one query)."""
    out = {}
    rows = (TenantLease.objects.filter(tenant_id__in=list(tenant_ids))
            .order_by("tenant_id", "-lease_begin_date", "-created_at")
            .values("id", "tenant_id", "unit_id", "property_id"))
    for row in rows:
        out.setdefault(row["tenant_id"], row)
    return out


def _payment_seen(case, amount, now, text) -> CollectionAction:
    return CollectionAction(
        case_id=case.id, action_type=ActionType.PAYMENT_RECEIVED, escalation_level=getattr(case, "escalation_level", 0) or 0,
        channel="system", message_text=f"{text} {money(amount)}.", tone_used="", ai_generated=False, sent_at=now,
        amount=amount, created_by=SYSTEM,
    )


# ══ escalation engine ═════════════════════════════════════════════════════════════════════════════


def collections_escalate(*, now: datetime.datetime | None = None) -> str:
    """One run of the dunning agent: defaults missed payment plans, refreshes delivery state, resends unsent
    channels, then sends every step due on every open case, in order (after downtime, all the missed ones).
    Safe to run twice or concurrently: the second run finds nothing to do."""
    now = now or timezone.now()
    today = _today(now)
    defaulted = payment_plan_check_defaults(today=today, now=now)
    collection_action_delivery_sync(now=now)
    resent = _resend_unsent(now=now)
    steps = {level: 0 for level in range(1, dunning.MAX_LEVEL + 1)}
    failures, stale = 0, []
    ids = list(CollectionCase.objects.filter(status=Status.OPEN).order_by("id").values_list("id", flat=True))
    for chunk in _chunks(ids):
        cases = CollectionCase.objects.filter(id__in=chunk, status=Status.OPEN).select_related(
            "tenant", "lease", "unit", "property", "payment_plan").order_by("id")
        for case in cases:
            days = dunning.days_overdue(case.due_date, today)
            due = dunning.steps_due(current_level=case.escalation_level, days_overdue=days)
            if not due:
                if days != case.days_overdue:
                    case.days_overdue, case.updated_at = days, now
                    stale.append(case)
                continue
            try:
                for step in due:
                    if _step_send(case=case, step=step, now=now, actor=SYSTEM) is None:
                        break  # another run (or the manager) got there first; it continues from there
                    steps[step.level] += 1
            except Exception:  # noqa: BLE001 - one bad case must not stop the run; it is retried next run
                failures += 1
                logger.exception("Collections escalation failed for case %s", case.id)
    CollectionCase.objects.bulk_update(stale, ["days_overdue", "updated_at"], batch_size=CHUNK)
    sent = sum(steps.values())
    summary = (f"Sent {sent} dunning steps on {len(ids)} open cases "
               f"({', '.join(f'L{k}: {v}' for k, v in steps.items())}); {defaulted}")
    if resent:
        summary += f" Resent {resent} unsent channels."
    if failures:
        summary += f" {failures} cases failed and will be retried."
    return summary


def _message_inputs(*, case, step, tone, days, plan_terms="") -> dict:
    return {
        "tenant_first_name": case.tenant.first_name,
        "balance": money(case.current_balance),
        "due_date": f"{case.due_date:%B} {case.due_date.day}, {case.due_date.year}",
        "days_overdue": days,
        "late_fees": money(case.late_fee_total),
        "step_level": step.level,
        "step_label": step.label,
        "channel": "+".join(step.channels),
        "tone": tone,
        "unit": case.unit.unit_number,
        "property": case.property.name,
        "office_phone": case.property.phone,
        "payment_plan": plan_terms,
    }


def _terms_text(rows) -> str:
    """[(number, amount, due)] -> "3 payments: $600.00 due December 1, 2026; ..." (what the tenant reads)."""
    parts = [f"{money(a)} due {d:%B} {d.day}, {d.year}" for _, a, d in rows]
    return f"{len(rows)} payments: " + "; ".join(parts) + f" (total {money(sum(a for _, a, _ in rows))})."


def _plan_rows(plan) -> list:
    return [(i.installment_number, i.amount, i.due_date) for i in plan.installments.order_by("installment_number")]


def _compose(*, case, step, tone, days, plan_terms="") -> tuple[str, str, str]:
    """(subject, body, provider) through the AI gateway; Claude failing falls back to the offline templates so
    a due step always has its message. Called outside any transaction."""
    result = complete_json(COLLECTIONS_MESSAGE, _message_inputs(case=case, step=step, tone=tone, days=days,
                                                                plan_terms=plan_terms), offline_fallback=True)
    subject = " ".join(result.data["subject"].split())[:255]
    body = result.data["body"].strip()
    if step.channels == ("sms",):
        body = body[:SMS_MAX_CHARS]
    return subject, body, result.provider


def _step_send(*, case: CollectionCase, step: dunning.DunningStep, now, actor: str) -> CollectionAction | None:
    """Writes, records and sends one dunning step. Returns None (and changes nothing) when the case has moved
    on meanwhile (another run or the manager recorded this step, or the case left 'open')."""
    today = _today(now)
    days = dunning.days_overdue(case.due_date, today)
    tone = dunning.select_tone(case.tenant_risk_profile, step.level - 1)
    plan, new_plan_rows, terms = plan_of(case), None, ""
    if step.level == 4:
        if plan is None or plan.status in (PlanStatus.DEFAULTED, PlanStatus.COMPLETED):
            new_plan_rows = _plan_terms(case=case, today=today)
            terms = _terms_text(new_plan_rows)
        else:
            terms = _terms_text(_plan_rows(plan))
    subject, body, provider = _compose(case=case, step=step, tone=tone, days=days, plan_terms=terms)

    with transaction.atomic():
        locked = CollectionCase.objects.select_for_update().get(pk=case.pk)
        if locked.status != Status.OPEN or locked.escalation_level != step.level - 1:
            return None
        action = CollectionAction(
            case=locked, action_type=step.action_type, escalation_level=step.level, step_level=step.level,
            channel="+".join(step.channels), subject=subject, message_text=body, tone_used=tone, ai_generated=True,
            ai_provider=provider, sent_at=now, delivery_status=Delivery.PENDING, created_by=actor,
        )
        try:
            with transaction.atomic():
                action.save()
        except IntegrityError:
            return None
        if new_plan_rows:
            plan = _plan_replace(case=locked, rows=new_plan_rows, actor=actor)
        locked.escalation_level, locked.tone, locked.days_overdue = step.level, tone, days
        fields = ["escalation_level", "tone", "days_overdue", "updated_at"]
        if step.level == dunning.MAX_LEVEL:
            locked.status, locked.assigned_to = Status.ESCALATED, MANAGER
            fields += ["status", "assigned_to"]
        locked.save(update_fields=fields)
    for f in ("escalation_level", "tone", "days_overdue", "status", "assigned_to", "updated_at"):
        setattr(case, f, getattr(locked, f))
    if plan is not None:
        case.payment_plan = plan
    _action_deliver(action=action, case=case)
    return action


def _dedupe_key(case_id, step_level: int, key: str) -> str:
    if key == MANAGER_KEY:
        return f"collections:{case_id}:step{step_level}:manager"
    return f"collections:{case_id}:step{step_level}:{key}"


def _action_deliver(*, action: CollectionAction, case: CollectionCase) -> CollectionAction:
    """Hands a step's unsent channels to core.messaging (each under its dedupe key) and records the outcome.
    Letters have no electronic channel: they stay 'outbox' (to print and mail)."""
    ids = dict(action.outbox_message_ids or {})
    errors, outbox = [], {}
    keys = [k for k in dunning.step_for_level(action.step_level).channels if k in ELECTRONIC]
    if action.step_level == dunning.MAX_LEVEL and case.property.manager_email:
        keys.append(MANAGER_KEY)
    for key in keys:
        if ids.get(key):
            continue
        dedupe = _dedupe_key(case.id, action.step_level, key)
        try:
            if key == "sms":
                message = send_sms(to=case.tenant.phone, body=action.message_text, feature=FEATURE,
                                   related_object=case, dedupe_key=dedupe)
            elif key == "email":
                message = send_email(to=case.tenant.email, subject=action.subject, text=action.message_text,
                                     feature=FEATURE, related_object=case, dedupe_key=dedupe)
            else:
                subject, text = _manager_notice(case=case, action=action)
                message = send_email(to=case.property.manager_email, subject=subject, text=text, feature=FEATURE,
                                     related_object=case, dedupe_key=dedupe)
            ids[key], outbox[str(message.id)] = str(message.id), message
        except ApplicationError as exc:  # refused recipient: recorded, resent by the next engine run
            ids[key] = None
            errors.append(f"{key}: {exc.message}")
    action.outbox_message_ids = ids
    action.delivery_error = "\n".join(errors)
    if any(v and v not in outbox for v in ids.values()):
        outbox.update(outbox_rows_for([action]))
    state = delivery_summary(action, outbox)
    action.delivery_status, action.delivered, action.opened = state["delivery_status"], state["delivered"], state["opened"]
    CollectionAction.objects.filter(pk=action.pk).update(
        outbox_message_ids=ids, delivery_error=action.delivery_error, delivery_status=action.delivery_status,
        delivered=action.delivered, opened=action.opened)
    return action


def _manager_notice(*, case, action) -> tuple[str, str]:
    """Step 5's hand-off to the property manager: the case, its history and a recommended next step."""
    plan = plan_of(case)
    steps = CollectionAction.objects.filter(case_id=case.id).exclude(pk=action.pk).order_by("sent_at", "created_at")
    history = "\n".join(f"- {a.sent_at:%Y-%m-%d} {a.get_action_type_display()} ({a.channel}, {a.tone_used or 'n/a'})"
                        for a in steps)
    recommendation = dunning.recommended_next_step(
        risk_profile=case.tenant_risk_profile, balance=case.current_balance,
        monthly_rent=case.lease.monthly_rent_amount, plan_status=plan.status if plan else None)
    subject = f"Collections escalation: {case.tenant.first_name} {case.tenant.last_name}, unit {case.unit.unit_number}"
    text = (
        f"{case.tenant.first_name} {case.tenant.last_name} (unit {case.unit.unit_number}, {case.property.name}) owes "
        f"{money(case.current_balance)}, due {case.due_date:%B} {case.due_date.day}, {case.due_date.year} and "
        f"{case.days_overdue} days overdue. Risk profile: {case.get_tenant_risk_profile_display()}. "
        f"Payment plan: {plan.get_status_display() if plan else 'none'}.\n\n"
        f"History:\n{history or '- none'}\n\nRecommended next step: {recommendation}\n\n"
        f"The final notice letter is ready to print and mail as a certified letter."
    )
    return subject[:255], text


def _resend_unsent(*, now) -> int:
    """Sends again the channels of recorded steps that never reached the outbox (recipient refused, or a crash
    between recording and sending). Same dedupe keys, so nothing is sent twice."""
    candidates = (CollectionAction.objects.filter(
        step_level__isnull=False, delivery_status__in=[Delivery.PENDING, Delivery.FAILED],
        case__status__in=CollectionCase.UNRESOLVED, sent_at__gte=now - datetime.timedelta(days=DELIVERY_SYNC_DAYS))
        .select_related("case__tenant", "case__property", "case__unit", "case__lease").order_by("sent_at", "created_at"))
    resent = 0
    for action in candidates:
        ids = action.outbox_message_ids or {}
        missing = [k for k in expected_delivery_keys(action) if not ids.get(k)]
        if action.step_level == dunning.MAX_LEVEL and action.case.property.manager_email and not ids.get(MANAGER_KEY):
            missing.append(MANAGER_KEY)
        if not missing:
            continue
        _action_deliver(action=action, case=action.case)
        resent += sum(1 for k in missing if action.outbox_message_ids.get(k))
    return resent


def collection_action_delivery_sync(*, now=None) -> int:
    """Copies the outbox's current delivery state (provider callbacks, retries) onto recent actions. Set-based:
    two queries and one bulk update."""
    now = now or timezone.now()
    actions = list(CollectionAction.objects.filter(
        sent_at__gte=now - datetime.timedelta(days=DELIVERY_SYNC_DAYS),
        delivery_status__in=[Delivery.PENDING, Delivery.OUTBOX, Delivery.SENT, Delivery.FAILED],
    ).only("id", "step_level", "outbox_message_ids", "delivery_status", "delivery_error", "delivered", "opened",
           "sent_at"))
    actions = [a for a in actions if a.outbox_message_ids]
    outbox = outbox_rows_for(actions)
    changed = []
    for a in actions:
        state = delivery_summary(a, outbox)
        if (state["delivery_status"], state["delivered"], state["opened"]) != (a.delivery_status, a.delivered, a.opened):
            a.delivery_status, a.delivered, a.opened = state["delivery_status"], state["delivered"], state["opened"]
            changed.append(a)
    CollectionAction.objects.bulk_update(changed, ["delivery_status", "delivered", "opened"], batch_size=CHUNK)
    return len(changed)


# ══ payment plans ═════════════════════════════════════════════════════════════════════════════════


def _plan_terms(*, case, today, num_installments=None, start_date=None) -> list:
    start = start_date or today + datetime.timedelta(days=dunning.PLAN_FIRST_DUE_DAYS)
    return dunning.plan_installments(balance=case.current_balance, monthly_rent=case.lease.monthly_rent_amount,
                                     start=start, count=num_installments)


def _plan_replace(*, case, rows, actor) -> PaymentPlan:
    """Creates the case's plan from [(number, amount, due)], replacing a proposed or defaulted one."""
    PaymentPlan.objects.filter(case=case).delete()
    plan = PaymentPlan.objects.create(
        case=case, total_amount=sum(a for _, a, _ in rows), num_installments=len(rows), installment_amount=rows[0][1],
        start_date=rows[0][2], status=PlanStatus.PROPOSED, offered_by=actor,
    )
    PaymentPlanInstallment.objects.bulk_create(
        [PaymentPlanInstallment(plan=plan, installment_number=n, amount=a, due_date=d) for n, a, d in rows])
    return plan


def payment_plan_offer(*, case: CollectionCase, actor: str, num_installments: int | None = None,
                       start_date: datetime.date | None = None, now: datetime.datetime | None = None) -> PaymentPlan:
    """Offers (or re-offers) a payment plan for the case's balance and emails the terms to the tenant. A plan
    already accepted, active or completed cannot be replaced; offering the same terms again changes nothing."""
    now = now or timezone.now()
    today = _today(now)
    if case.status not in (Status.OPEN, Status.ESCALATED):
        raise ApplicationError(f"A payment plan can only be offered on an open case; this one is {_is(case)}.")
    if num_installments is not None and not (dunning.PLAN_MIN_INSTALLMENTS <= num_installments <= dunning.PLAN_MAX_INSTALLMENTS):
        raise ApplicationError(f"A plan has {dunning.PLAN_MIN_INSTALLMENTS} to {dunning.PLAN_MAX_INSTALLMENTS} installments.")
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
    subject, body, provider = _compose(case=case, step=step, tone=case.tone,
                                       days=dunning.days_overdue(case.due_date, today), plan_terms=_terms_text(rows))
    with transaction.atomic():
        locked = CollectionCase.objects.select_for_update().get(pk=case.pk)
        current = PaymentPlan.objects.filter(case=locked).first()
        if current is not None and current.status not in (PlanStatus.PROPOSED, PlanStatus.DEFAULTED):
            raise ApplicationError(f"The case's payment plan is already {current.status}.")
        plan = _plan_replace(case=locked, rows=rows, actor=actor)
        action = CollectionAction.objects.create(
            case=locked, action_type=ActionType.PAYMENT_PLAN, escalation_level=locked.escalation_level,
            channel="email", subject=subject, message_text=body, tone_used=case.tone, ai_generated=True,
            ai_provider=provider, sent_at=now, delivery_status=Delivery.PENDING, created_by=actor,
        )
    ids, errors = {}, ""
    try:
        message = send_email(to=case.tenant.email, subject=subject, text=body, feature=FEATURE, related_object=case,
                             dedupe_key=f"collections:{case.id}:plan:{plan.id}:email")
        ids["email"] = str(message.id)
    except ApplicationError as exc:
        ids["email"], errors = None, f"email: {exc.message}"
    action.outbox_message_ids, action.delivery_error = ids, errors
    state = delivery_summary(action, outbox_rows_for([action]))
    CollectionAction.objects.filter(pk=action.pk).update(outbox_message_ids=ids, delivery_error=errors,
                                                         delivery_status=state["delivery_status"])
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
        locked.save(update_fields=["status", "updated_at"])
        _note(locked, f"Payment plan accepted: {plan.num_installments} installments, {money(plan.total_amount)} in total.",
              actor=actor, now=now)
    case.status = locked.status
    return plan


def payment_plan_check_defaults(*, today: datetime.date, now: datetime.datetime | None = None) -> str:
    """Marks unpaid past-due installments 'overdue' and defaults plans with one unpaid more than
    PLAN_DEFAULT_GRACE_DAYS days; their cases reopen (status 'open', or 'escalated' at level 5) so the engine
    resumes. Set-based and idempotent."""
    now = now or timezone.now()
    cutoff = today - datetime.timedelta(days=PLAN_DEFAULT_GRACE_DAYS)
    with transaction.atomic():
        PaymentPlanInstallment.objects.filter(plan__status__in=PaymentPlan.IN_FORCE, status=InstStatus.PENDING,
                                              due_date__lt=today).update(status=InstStatus.OVERDUE)
        plans = list(PaymentPlan.objects.filter(
            status__in=PaymentPlan.IN_FORCE, installments__due_date__lt=cutoff,
            installments__status__in=[InstStatus.PENDING, InstStatus.OVERDUE, InstStatus.PARTIAL],
        ).distinct().select_related("case"))
        if not plans:
            return "0 payment plans defaulted."
        PaymentPlan.objects.filter(id__in=[p.id for p in plans]).update(status=PlanStatus.DEFAULTED, defaulted_at=now,
                                                                       updated_at=now)
        reopen_open = [p.case_id for p in plans if p.case.status == Status.PAYMENT_PLAN and p.case.escalation_level < dunning.MAX_LEVEL]
        reopen_esc = [p.case_id for p in plans if p.case.status == Status.PAYMENT_PLAN and p.case.escalation_level >= dunning.MAX_LEVEL]
        CollectionCase.objects.filter(id__in=reopen_open).update(status=Status.OPEN, updated_at=now)
        CollectionCase.objects.filter(id__in=reopen_esc).update(status=Status.ESCALATED, assigned_to=MANAGER, updated_at=now)
        CollectionAction.objects.bulk_create([
            CollectionAction(case_id=p.case_id, action_type=ActionType.NOTE, escalation_level=p.case.escalation_level,
                             channel="system", tone_used="", ai_generated=False, sent_at=now, created_by=SYSTEM,
                             message_text=(f"Payment plan defaulted: an installment is more than {PLAN_DEFAULT_GRACE_DAYS} "
                                           "days overdue. Escalation resumes."))
            for p in plans
        ])
    return f"{len(plans)} payment plans defaulted."


# ══ payments ══════════════════════════════════════════════════════════════════════════════════════


def payment_record(*, case: CollectionCase, amount, actor: str, paid_on: datetime.date | None = None,
                   reference: str = "", now: datetime.datetime | None = None) -> CollectionAction:
    """Records a payment against the case: a Payment in the tenant ledger (oldest charges first), the case's
    balance reduced, plan installments paid in order; at zero the case closes as paid and the plan completes."""
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
            raise ApplicationError(f"Payment of {money(amount)} exceeds the balance of {money(locked.current_balance)}.")
        ledger_payment_record(tenant=locked.tenant, lease=locked.lease, amount=amount, trans_date=paid_on,
                              reference=reference, description="Payment - collections")
        locked.current_balance -= amount
        fields = ["current_balance", "updated_at"]
        plan = PaymentPlan.objects.filter(case=locked).first()
        plan_note = _apply_to_installments(plan, amount, paid_on) if plan and plan.status in PaymentPlan.IN_FORCE else ""
        if locked.current_balance == 0:
            locked.status, locked.resolved_at = Status.PAID, now
            fields += ["status", "resolved_at"]
            if plan is not None and plan.status in PaymentPlan.IN_FORCE:
                plan.status = PlanStatus.COMPLETED
                plan.save(update_fields=["status", "updated_at"])
        elif plan is not None and plan.status == PlanStatus.COMPLETED and locked.status == Status.PAYMENT_PLAN:
            locked.status = Status.OPEN  # the plan is paid but more has fallen overdue since: dunning resumes
            fields.append("status")
        locked.save(update_fields=fields)
        ref = f" (ref {reference})" if reference else ""
        action = CollectionAction.objects.create(
            case=locked, action_type=ActionType.PAYMENT_RECEIVED, escalation_level=locked.escalation_level,
            channel="system", message_text=(f"Payment of {money(amount)} received on {paid_on:%B} {paid_on.day}, "
                                            f"{paid_on.year}{ref}. Balance now {money(locked.current_balance)}.{plan_note}"),
            tone_used="", ai_generated=False, sent_at=now, amount=amount, created_by=actor,
        )
    for f in ("current_balance", "status", "resolved_at"):
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
    plan.save(update_fields=["status", "updated_at"])
    return f" Installments: {', '.join(touched)}." if touched else ""


# ══ manual actions ════════════════════════════════════════════════════════════════════════════════


def case_escalate(*, case: CollectionCase, actor: str, note: str = "", now: datetime.datetime | None = None) -> CollectionAction:
    """The manager escalates the case to legal now: level 5, status 'escalated', assigned to the manager."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = CollectionCase.objects.select_for_update().get(pk=case.pk)
        if locked.status == Status.ESCALATED:
            raise ApplicationError("This case is already escalated.")
        if locked.status not in CollectionCase.UNRESOLVED:
            raise ApplicationError(f"This case is {_is(locked)}; there is nothing to escalate.")
        locked.escalation_level, locked.status, locked.assigned_to = dunning.MAX_LEVEL, Status.ESCALATED, MANAGER
        locked.save(update_fields=["escalation_level", "status", "assigned_to", "updated_at"])
        text = f"Escalated to legal by {actor}." + (f"\n\n{note.strip()}" if note.strip() else "")
        action = CollectionAction.objects.create(
            case=locked, action_type=ActionType.ESCALATION, escalation_level=dunning.MAX_LEVEL, channel="system",
            message_text=text, tone_used=locked.tone, ai_generated=False, sent_at=now, created_by=actor,
        )
    for f in ("escalation_level", "status", "assigned_to"):
        setattr(case, f, getattr(locked, f))
    return action


def case_send_reminder(*, case: CollectionCase, actor: str, now: datetime.datetime | None = None) -> CollectionAction:
    """Sends the case's next dunning step now, even before it is due. It is the same step the engine would
    send (same record, same dedupe keys), so it is never sent twice."""
    now = now or timezone.now()
    if case.status != Status.OPEN:
        raise ApplicationError(f"Reminders go out on open cases only; this one is {_is(case)}.")
    step = dunning.next_step(case.escalation_level)
    if step is None:
        raise ApplicationError("All five steps have already been sent.")
    action = _step_send(case=case, step=step, now=now, actor=actor)
    if action is None:
        raise ApplicationError("This step was just sent by another run; refresh the case.", status_code=409)
    return action


def _note(case, text, *, actor, now) -> CollectionAction:
    return CollectionAction.objects.create(
        case=case, action_type=ActionType.NOTE, escalation_level=case.escalation_level, channel="system",
        message_text=text, tone_used="", ai_generated=False, sent_at=now, created_by=actor,
    )


def case_note_add(*, case: CollectionCase, text: str, actor: str, now: datetime.datetime | None = None) -> CollectionAction:
    """Adds a manager's note to the case's action log (e.g. an eviction-prep memo from the command center)."""
    text = (text or "").strip()
    if not text:
        raise ApplicationError("The note cannot be empty.")
    return _note(case, text, actor=actor, now=now or timezone.now())
