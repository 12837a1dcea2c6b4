"""Delivering recorded steps through core.messaging, resending unsent channels and syncing delivery state
from the outbox."""

from __future__ import annotations

import datetime

from django.utils import timezone

from collections_app import dunning
from collections_app.models import CollectionAction, CollectionCase
from collections_app.selectors import (
    ELECTRONIC,
    MANAGER_KEY,
    delivery_summary,
    expected_delivery_keys,
    outbox_rows_for,
    plan_of,
)
from collections_app.services.common import (
    CHUNK,
    DELIVERY_SYNC_DAYS,
    FEATURE,
    Delivery,
)
from core.ai.offline import money
from core.exceptions import ApplicationError
from core.messaging import send_email, send_sms
from properties.selectors import ContactWindows


def _dedupe_key(case_id, step_level: int, key: str) -> str:
    if key == MANAGER_KEY:
        return f"collections:{case_id}:step{step_level}:manager"
    return f"collections:{case_id}:step{step_level}:{key}"


def _action_deliver(
    *, action: CollectionAction, case: CollectionCase, now=None, windows: ContactWindows | None = None
) -> CollectionAction:
    """Hands a step's unsent channels to core.messaging (each under its dedupe key) and records the outcome.
    Letters have no electronic channel: they stay 'outbox' (to print and mail). The SMS carries the property's
    contact window: outside it, core.messaging schedules it for the window's opening (quiet hours)."""
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
                windows = windows or ContactWindows(on_date=now.date() if now else None)
                message = send_sms(
                    to=case.tenant.phone,
                    body=action.message_text,
                    feature=FEATURE,
                    related_object=case,
                    dedupe_key=dedupe,
                    contact_window=windows.for_property(case.property),
                    now=now,
                )
            elif key == "email":
                message = send_email(
                    to=case.tenant.email,
                    subject=action.subject,
                    text=action.message_text,
                    feature=FEATURE,
                    related_object=case,
                    dedupe_key=dedupe,
                )
            else:
                subject, text = _manager_notice(case=case, action=action)
                message = send_email(
                    to=case.property.manager_email,
                    subject=subject,
                    text=text,
                    feature=FEATURE,
                    related_object=case,
                    dedupe_key=dedupe,
                )
            ids[key], outbox[str(message.id)] = str(message.id), message
        except ApplicationError as exc:  # refused recipient: recorded, resent by the next engine run
            ids[key] = None
            errors.append(f"{key}: {exc.message}")
    action.outbox_message_ids = ids
    action.delivery_error = "\n".join(errors)
    if any(v and v not in outbox for v in ids.values()):
        outbox.update(outbox_rows_for([action]))
    state = delivery_summary(action, outbox)
    action.delivery_status, action.delivered, action.opened = (
        state["delivery_status"],
        state["delivered"],
        state["opened"],
    )
    CollectionAction.objects.filter(pk=action.pk).update(
        outbox_message_ids=ids,
        delivery_error=action.delivery_error,
        delivery_status=action.delivery_status,
        delivered=action.delivered,
        opened=action.opened,
    )
    return action


def _manager_notice(*, case, action) -> tuple[str, str]:
    """Step 5's hand-off to the property manager: the case, its history and a recommended next step."""
    plan = plan_of(case)
    steps = CollectionAction.objects.filter(case_id=case.id).exclude(pk=action.pk).order_by("sent_at", "created_at")
    history = "\n".join(
        f"- {a.sent_at:%Y-%m-%d} {a.get_action_type_display()} ({a.channel}, {a.tone_used or 'n/a'})" for a in steps
    )
    recommendation = dunning.recommended_next_step(
        risk_profile=case.tenant_risk_profile,
        balance=case.current_balance,
        monthly_rent=case.lease.monthly_rent_amount,
        plan_status=plan.status if plan else None,
    )
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
    candidates = (
        CollectionAction.objects.filter(
            step_level__isnull=False,
            delivery_status__in=[Delivery.PENDING, Delivery.FAILED],
            case__status__in=CollectionCase.UNRESOLVED,
            sent_at__gte=now - datetime.timedelta(days=DELIVERY_SYNC_DAYS),
        )
        .select_related("case__tenant", "case__property", "case__unit", "case__lease")
        .order_by("sent_at", "created_at")
    )
    resent, windows = 0, ContactWindows(on_date=now.date())
    for action in candidates:
        ids = action.outbox_message_ids or {}
        missing = [k for k in expected_delivery_keys(action) if not ids.get(k)]
        if action.step_level == dunning.MAX_LEVEL and action.case.property.manager_email and not ids.get(MANAGER_KEY):
            missing.append(MANAGER_KEY)
        if not missing:
            continue
        _action_deliver(action=action, case=action.case, now=now, windows=windows)
        resent += sum(1 for k in missing if action.outbox_message_ids.get(k))
    return resent


def collection_action_delivery_sync(*, now=None) -> int:
    """Copies the outbox's current delivery state (provider callbacks, retries) onto recent actions. Set-based:
    two queries and one bulk update."""
    now = now or timezone.now()
    actions = list(
        CollectionAction.objects.filter(
            sent_at__gte=now - datetime.timedelta(days=DELIVERY_SYNC_DAYS),
            delivery_status__in=[Delivery.PENDING, Delivery.OUTBOX, Delivery.SENT, Delivery.FAILED],
        ).only(
            "id",
            "step_level",
            "outbox_message_ids",
            "delivery_status",
            "delivery_error",
            "delivered",
            "opened",
            "sent_at",
        )
    )
    actions = [a for a in actions if a.outbox_message_ids]
    outbox = outbox_rows_for(actions)
    changed = []
    for a in actions:
        state = delivery_summary(a, outbox)
        if (state["delivery_status"], state["delivered"], state["opened"]) != (
            a.delivery_status,
            a.delivered,
            a.opened,
        ):
            a.delivery_status, a.delivered, a.opened = state["delivery_status"], state["delivered"], state["opened"]
            changed.append(a)
    CollectionAction.objects.bulk_update(changed, ["delivery_status", "delivered", "opened"], batch_size=CHUNK)
    return len(changed)
