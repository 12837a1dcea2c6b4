"""Reads for smart collections: the case list (with the timeline strip), case detail (actions with live
delivery state from the outbox, payment plan), and the dashboard's aggregate stats."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from collections_app import dunning
from collections_app.models import CollectionAction, CollectionCase, PaymentPlanInstallment
from core.models import OutboxMessage
from core.utils import parse_uuid
from tenants.open_items import COLLECTION_CASE, PAYMENT_PLAN, OpenItem, money_label

ZERO = Decimal("0.00")
Status = CollectionCase.Status
Delivery = CollectionAction.DeliveryStatus

# Outbox status -> the action's delivery vocabulary. Worst first: an action is as good as its worst channel.
OUTBOX_TO_DELIVERY = {
    OutboxMessage.Status.QUEUED: Delivery.PENDING,
    OutboxMessage.Status.SCHEDULED: Delivery.PENDING,  # held for quiet hours: `scheduled_for`, `hold_reason`
    OutboxMessage.Status.STORED: Delivery.OUTBOX,
    OutboxMessage.Status.SENT: Delivery.SENT,
    OutboxMessage.Status.DELIVERED: Delivery.DELIVERED,
    OutboxMessage.Status.FAILED: Delivery.FAILED,
}
SEVERITY = [Delivery.FAILED, Delivery.PENDING, Delivery.OUTBOX, Delivery.SENT, Delivery.DELIVERED]
ELECTRONIC = ("sms", "email")
MANAGER_KEY = "manager_email"


# ── cases ──────────────────────────────────────────────────────────────────────────────────────────


def _step_actions_prefetch() -> Prefetch:
    return Prefetch(
        "actions",
        queryset=CollectionAction.objects.filter(step_level__isnull=False)
        .only("id", "case_id", "step_level", "sent_at", "delivery_status", "created_at")
        .order_by("step_level"),
        to_attr="step_actions",
    )


def case_list() -> QuerySet:
    """Cases with tenant, unit, property and plan joined and the five step actions prefetched (one extra query
    per page, whatever the page size)."""
    return CollectionCase.objects.select_related("tenant", "unit", "property", "payment_plan").prefetch_related(
        _step_actions_prefetch()
    )


def case_get(*, case_id) -> CollectionCase | None:
    """One case with everything the detail screen shows (4 queries: case, actions, installments, outbox rows)."""
    pk = parse_uuid(case_id)
    if pk is None:
        return None
    case = (
        CollectionCase.objects.select_related("tenant", "lease", "unit", "property", "payment_plan")
        .prefetch_related(
            Prefetch("actions", queryset=CollectionAction.objects.order_by("created_at", "id"), to_attr="all_actions")
        )
        .filter(pk=pk)
        .first()
    )
    if case is None:
        return None
    case.step_actions = sorted((a for a in case.all_actions if a.step_level), key=lambda a: a.step_level)
    plan = _plan_or_none(case)
    case.plan_installments = list(plan.installments.order_by("installment_number")) if plan else []
    case.outbox = outbox_rows_for(case.all_actions)
    return case


def case_actions(*, case: CollectionCase) -> tuple[list[CollectionAction], dict]:
    actions = list(case.actions.order_by("created_at", "id"))
    return actions, outbox_rows_for(actions)


def _plan_or_none(case):
    try:
        return case.payment_plan
    except CollectionCase.payment_plan.RelatedObjectDoesNotExist:
        return None


def plan_of(case):
    return _plan_or_none(case)


# ── timeline and next action (pure over a loaded case) ───────────────────────────────────────────


def case_timeline(case: CollectionCase) -> list[dict]:
    """The dashboard's strip: the five steps with whether each was sent and when. A step below the case's level
    that was never sent is `skipped` (the case opened, or the agent caught up, past it: only the step the days
    overdue call for is sent)."""
    by_level = {a.step_level: a for a in getattr(case, "step_actions", [])}
    out = []
    for step in dunning.SCHEDULE:
        action = by_level.get(step.level)
        out.append(
            {
                "level": step.level,
                "label": step.label,
                "day": step.day,
                "channels": list(step.channels),
                "done": action is not None,
                "skipped": action is None and step.level < case.escalation_level,
                "sent_at": action.sent_at if action else None,
                "delivery_status": action.delivery_status if action else None,
            }
        )
    return out


def legal_referral_minimums() -> tuple[Decimal, int]:
    """(minimum overdue balance, minimum days overdue) for recommending a legal referral (settings
    COLLECTIONS_LEGAL_MIN_BALANCE and COLLECTIONS_LEGAL_MIN_DAYS_OVERDUE)."""
    return Decimal(str(settings.COLLECTIONS_LEGAL_MIN_BALANCE)), int(settings.COLLECTIONS_LEGAL_MIN_DAYS_OVERDUE)


LEGAL_LABEL = "Legal referral (a manager decides)"


def case_next_action(case: CollectionCase) -> dict | None:
    """What happens next on an open case: the step its days overdue call for (due now), else the next step with
    how many days until it is due (<= 0: due now). After the automatic steps, the legal referral: awaiting the
    manager when recommended, never when dismissed."""
    if case.status != Status.OPEN:
        return None
    due = dunning.step_to_send(current_level=case.escalation_level, days_overdue=case.days_overdue)
    step = due or dunning.next_step(case.escalation_level)
    if step is None or (
        step.level == dunning.MAX_LEVEL and case.legal_referral == CollectionCase.LegalReferral.DISMISSED
    ):
        return None
    out = {
        "level": step.level,
        "label": step.label,
        "day": step.day,
        "channels": list(step.channels),
        "due_in_days": 0 if due else step.day - case.days_overdue,
    }
    if step.level == dunning.MAX_LEVEL:
        recommended = case.legal_referral == CollectionCase.LegalReferral.RECOMMENDED
        out["label"] = "Legal referral: awaiting your approval" if recommended else LEGAL_LABEL
        out["due_in_days"] = 0 if recommended else max(out["due_in_days"], 1)
    return out


def legal_referral_view(case: CollectionCase, *, min_balance: Decimal, min_days: int) -> dict:
    """The legal-referral state of a case in plain words, for the case detail screen."""
    LR = CollectionCase.LegalReferral
    state = case.legal_referral
    balance, days = case.current_balance, case.days_overdue
    rule = f"a legal referral needs at least ${min_balance:,.2f} overdue for {min_days} days and a manager's approval"
    if state == LR.RECOMMENDED and case.status == Status.OPEN:
        text = (
            f"The agent recommends a legal referral: ${balance:,.2f} is {days} days overdue and all four "
            "reminders have gone out. Nothing has been sent. Approve to mail the final notice letter and hand the "
            "case to legal, or dismiss to keep working it with the tenant."
        )
    elif state == LR.APPROVED:
        text = "A manager approved the legal referral."
    elif state == LR.DISMISSED:
        text = "A manager dismissed the legal referral; the agent will not recommend it again for this case."
    elif case.status != Status.OPEN:
        text = f"No legal referral. The agent never takes a legal step on its own: {rule}."
    elif case.escalation_level >= dunning.AUTOMATIC_MAX_LEVEL:
        text = (
            f"All four reminders have gone out. No legal referral is recommended: {rule} "
            f"(this case: ${balance:,.2f}, {days} days)."
        )
    else:
        text = f"No legal step yet. The agent sends reminders only; {rule}."
    return {
        "state": state,
        "text": text,
        "recommended_at": case.legal_referral_recommended_at,
        "decided_at": case.legal_referral_decided_at,
        "decided_by": case.legal_referral_decided_by,
        "min_balance": min_balance,
        "min_days_overdue": min_days,
        "can_decide": state == LR.RECOMMENDED and case.status == Status.OPEN,
    }


# ── delivery state ────────────────────────────────────────────────────────────────────────────────


def outbox_rows_for(actions) -> dict:
    """{outbox id (str): OutboxMessage} for every message that carries these actions (one query)."""
    ids = {parse_uuid(v) for a in actions for v in (a.outbox_message_ids or {}).values() if v}
    ids.discard(None)
    if not ids:
        return {}
    return {str(m.id): m for m in OutboxMessage.objects.filter(id__in=ids)}


def expected_delivery_keys(action: CollectionAction) -> list[str]:
    """Which electronic sends an action needs: its step's channels (+ the manager's copy at step 5 when one
    was addressed), or whatever it was sent on (manual plan offers)."""
    keys = list((action.outbox_message_ids or {}).keys())
    if action.step_level:
        for ch in dunning.step_for_level(action.step_level).channels:
            if ch in ELECTRONIC and ch not in keys:
                keys.append(ch)
    return keys


def action_deliveries(action: CollectionAction, outbox: dict) -> list[dict]:
    """Per channel: who it went to, its status and the outbox row (letters are printed and mailed: 'outbox')."""
    ids = action.outbox_message_ids or {}
    out = []
    for key in expected_delivery_keys(action):
        message_id = ids.get(key)
        message = outbox.get(str(message_id)) if message_id else None
        row = {
            "channel": "email" if key == MANAGER_KEY else key,
            "recipient": "manager" if key == MANAGER_KEY else "tenant",
            "to": message.to if message else "",
            "status": Delivery.PENDING,
            "outbox_message_id": message_id,
            "error": "",
            "retryable": False,
            "attempts": 0,
            "sent_at": None,
            "delivered_at": None,
            "opened_at": None,
            "scheduled_for": None,
            "hold_reason": "",
        }
        if message is not None:
            row.update(
                status=OUTBOX_TO_DELIVERY.get(message.status, Delivery.PENDING),
                error=message.error,
                retryable=message.retryable,
                attempts=message.attempts,
                sent_at=message.sent_at,
                delivered_at=message.delivered_at,
                opened_at=message.opened_at,
            )
            if message.status == OutboxMessage.Status.SCHEDULED:
                row.update(scheduled_for=message.not_before, hold_reason=message.hold_reason)
        elif key in ids:  # attempted, refused before an outbox row existed (e.g. no valid phone number)
            row.update(status=Delivery.FAILED, error=action.delivery_error)
        out.append(row)
    if action.step_level and "letter" in dunning.step_for_level(action.step_level).channels:
        out.append(
            {
                "channel": "letter",
                "recipient": "tenant",
                "to": "",
                "status": Delivery.OUTBOX,
                "outbox_message_id": None,
                "error": "",
                "retryable": False,
                "attempts": 0,
                "sent_at": action.sent_at,
                "delivered_at": None,
                "opened_at": None,
                "scheduled_for": None,
                "hold_reason": "",
            }
        )
    return out


def delivery_summary(action: CollectionAction, outbox: dict) -> dict:
    """{delivery_status, delivered, opened} of an action from its channels' current state."""
    rows = action_deliveries(action, outbox)
    if not rows:
        return {"delivery_status": action.delivery_status, "delivered": action.delivered, "opened": action.opened}
    electronic = [r for r in rows if r["channel"] != "letter"] or rows
    status = min((r["status"] for r in electronic), key=SEVERITY.index)
    return {
        "delivery_status": status,
        "delivered": all(r["status"] == Delivery.DELIVERED for r in electronic),
        "opened": any(r["opened_at"] for r in rows),
    }


# ── dashboard ─────────────────────────────────────────────────────────────────────────────────────


def collections_dashboard_stats(*, property_id=None, now: datetime.datetime | None = None) -> dict:
    """Totals over unresolved cases (open, payment plan, escalated) and the last seven days' collections."""
    now = now or timezone.now()
    cases = CollectionCase.objects.all()
    if property_id is not None:
        cases = cases.filter(property_id=property_id)
    unresolved = cases.filter(status__in=CollectionCase.UNRESOLVED)
    on_plan = Q(status=Status.PAYMENT_PLAN)
    totals = unresolved.aggregate(
        total_overdue=Coalesce(Sum("current_balance"), ZERO),
        open_cases=Count("id"),
        on_plan=Count("id", filter=on_plan),
        on_plan_amount=Coalesce(Sum("current_balance", filter=on_plan), ZERO),
    )
    week_ago = now - datetime.timedelta(days=7)
    payments = CollectionAction.objects.filter(
        action_type=CollectionAction.ActionType.PAYMENT_RECEIVED, sent_at__gte=week_ago
    )
    if property_id is not None:
        payments = payments.filter(case__property_id=property_id)
    paid = payments.aggregate(amount=Coalesce(Sum("amount"), ZERO), cases=Count("case_id", distinct=True))
    by_level = {str(level): 0 for level in range(dunning.MAX_LEVEL + 1)}
    by_level.update(
        {
            str(r["escalation_level"]): r["n"]
            for r in unresolved.values("escalation_level").annotate(n=Count("id")).order_by()
        }
    )
    by_tone = {t: 0 for t in CollectionCase.Tone.values}
    by_tone.update({r["tone"]: r["n"] for r in unresolved.values("tone").annotate(n=Count("id")).order_by()})
    by_risk = {p: 0 for p in CollectionCase.RiskProfile.values}
    by_risk.update(
        {
            r["tenant_risk_profile"]: r["n"]
            for r in unresolved.values("tenant_risk_profile").annotate(n=Count("id")).order_by()
        }
    )
    by_status = {s: 0 for s in Status.values}
    by_status.update({r["status"]: r["n"] for r in cases.values("status").annotate(n=Count("id")).order_by()})
    return {
        "total_overdue": totals["total_overdue"],
        "open_cases": totals["open_cases"],
        "on_plan": totals["on_plan"],
        "on_plan_amount": totals["on_plan_amount"],
        "paid_this_week": paid["amount"],
        "paid_this_week_count": paid["cases"],
        "resolved_this_week": cases.filter(status=Status.PAID, resolved_at__gte=week_ago).count(),
        "by_level": by_level,
        "by_tone": by_tone,
        "by_risk_profile": by_risk,
        "by_status": by_status,
    }


def installments_of(plan) -> list[PaymentPlanInstallment]:
    return list(plan.installments.order_by("installment_number")) if plan else []


# ── for other features (the portfolio command center) ──────────────────────────────────────────────


def unresolved_cases_by_tenant(*, tenant_ids) -> dict:
    """{tenant_id: CollectionCase} — each tenant's unresolved case (open, payment plan or escalated; at most
    one per tenant by constraint), for any number of tenants in one query."""
    ids = list(tenant_ids)
    if not ids:
        return {}
    qs = CollectionCase.objects.filter(tenant_id__in=ids, status__in=CollectionCase.UNRESOLVED).only(
        "id",
        "tenant_id",
        "lease_id",
        "unit_id",
        "status",
        "escalation_level",
        "tenant_risk_profile",
        "days_overdue",
        "current_balance",
        "due_date",
    )
    return {case.tenant_id: case for case in qs}


def unresolved_case_risk_profile(*, tenant_ref) -> QuerySet:
    """A one-column queryset (`tenant_risk_profile` of the tenant's unresolved case) to use as
    `Subquery(..., output_field=CharField())` with `tenant_ref` an OuterRef to a tenant id."""
    return CollectionCase.objects.filter(tenant_id=tenant_ref, status__in=CollectionCase.UNRESOLVED).values(
        "tenant_risk_profile"
    )[:1]


def case_is_high_risk(case: CollectionCase) -> bool:
    """The command center's "eviction prep" rule: an unresolved case at level 4+ or escalated, or a chronic
    payer with a balance still overdue."""
    if case.status not in CollectionCase.UNRESOLVED:
        return False
    if case.status == Status.ESCALATED or case.escalation_level >= 4:
        return True
    return case.tenant_risk_profile == CollectionCase.RiskProfile.CHRONIC and case.current_balance > 0


def unresolved_case_relation(tenant_path: str):
    """A FilteredRelation joining each row to its tenant's unresolved case (LEFT JOIN; at most one per tenant by
    constraint, so rows never multiply). `tenant_path` is the ORM path to the tenant, e.g. "leases__tenant":
    `qs.annotate(open_case=unresolved_case_relation("leases__tenant"))` then `F("open_case__tenant_risk_profile")`.
    Sorting or filtering a large list on it is one hash join instead of a subquery per row."""
    from django.db.models import FilteredRelation

    path = f"{tenant_path}__collection_cases"
    return FilteredRelation(path, condition=Q(**{f"{path}__status__in": list(CollectionCase.UNRESOLVED)}))


def collections_open_items(*, lease_ids, today: datetime.date) -> dict:
    """tenants.open_items provider (registered in CollectionsAppConfig.ready): {lease_id: [OpenItem]} — the
    lease's unresolved case and its payment plan when one is proposed or in force. One query."""
    qs = (
        CollectionCase.objects.filter(lease_id__in=list(lease_ids), status__in=CollectionCase.UNRESOLVED)
        .select_related("payment_plan")
        .only(
            "id",
            "lease_id",
            "status",
            "escalation_level",
            "current_balance",
            "days_overdue",
            "payment_plan__id",
            "payment_plan__status",
            "payment_plan__num_installments",
            "payment_plan__installment_amount",
            "payment_plan__start_date",
        )
    )
    live_plan = ("proposed", "accepted", "active")
    out: dict = {}
    for case in qs:
        words = case.status.replace("_", " ")
        items = out.setdefault(case.lease_id, [])
        items.append(
            OpenItem(
                kind=COLLECTION_CASE,
                lease_id=case.lease_id,
                object_id=str(case.pk),
                status=case.status,
                label=f"Collections case {words}: {money_label(case.current_balance)} overdue "
                f"({case.days_overdue} days, level {case.escalation_level})",
                amount=case.current_balance,
            )
        )
        plan = _plan_or_none(case)
        if plan is not None and plan.status in live_plan:
            items.append(
                OpenItem(
                    kind=PAYMENT_PLAN,
                    lease_id=case.lease_id,
                    object_id=str(plan.pk),
                    status=plan.status,
                    label=f"Payment plan {plan.status}: {plan.num_installments} × {money_label(plan.installment_amount)}",
                    amount=plan.installment_amount,
                    date=plan.start_date,
                )
            )
    return out
