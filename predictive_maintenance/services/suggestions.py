"""A manager's decision on a preventive suggestion: approve (the work order is opened through units.services and
linked back) or dismiss (who and why are kept)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from predictive_maintenance import risk
from predictive_maintenance.models import PreventiveWorkOrderSuggestion
from units.services import work_order_create

Status = PreventiveWorkOrderSuggestion.Status
DISMISS_REASON_MAX = 500


def _locked(suggestion: PreventiveWorkOrderSuggestion) -> PreventiveWorkOrderSuggestion:
    locked = (
        PreventiveWorkOrderSuggestion._base_manager.select_for_update(of=("self",))
        .select_related("unit")
        .get(pk=suggestion.pk)
    )
    if locked.status != Status.SUGGESTED:
        done = {
            Status.WORK_ORDER_CREATED: f"already approved (work order {getattr(locked.work_order, 'work_order_number', '')})",
            Status.APPROVED: "already approved",
            Status.DISMISSED: "dismissed",
        }[locked.status]
        raise ApplicationError(f"This suggestion was {done.strip()}.", status_code=409)
    return locked


def suggestion_approve(
    *,
    suggestion: PreventiveWorkOrderSuggestion,
    actor: str,
    actor_name: str | None = None,
    today: datetime.date | None = None,
) -> PreventiveWorkOrderSuggestion:
    """Opens the preventive work order (units.services.work_order_create: the suggestion's title, category, the
    description with the reasoning, estimated cost, scheduled on the suggested date or today if that has passed;
    priority urgent -> high, high -> medium) and links it. Only a pending suggestion; 409 otherwise."""
    today = today or timezone.localdate()
    with transaction.atomic():
        s = _locked(suggestion)
        wo = work_order_create(
            unit=s.unit,
            title=s.title,
            category=s.category if s.category else "general",
            priority=risk.WORK_ORDER_PRIORITY.get(s.priority, "medium"),
            description=f"{s.description}\n\nWhy: {s.reasoning}",
            scheduled_date=max(s.suggested_date, today),
            estimated_cost=s.estimated_cost,
            reported_by="Predictive maintenance",
            actor=actor,
            actor_name=actor_name,
            today=today,
        )
        s.status = Status.WORK_ORDER_CREATED
        s.work_order = wo
        s.decided_by = actor[:100]
        s.decided_at = timezone.now()
        s.save(update_fields=["status", "work_order", "decided_by", "decided_at"])
    return s


def suggestion_dismiss(
    *, suggestion: PreventiveWorkOrderSuggestion, reason: str, actor: str
) -> PreventiveWorkOrderSuggestion:
    """Dismisses a pending suggestion with the reason (1-500 characters); 409 if it was already decided."""
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise ApplicationError("Say why the suggestion is dismissed.", extra={"field": "reason"})
    if len(reason) > DISMISS_REASON_MAX:
        raise ApplicationError(f"The reason can be at most {DISMISS_REASON_MAX} characters.", extra={"field": "reason"})
    with transaction.atomic():
        s = _locked(suggestion)
        s.status = Status.DISMISSED
        s.dismiss_reason = reason
        s.decided_by = actor[:100]
        s.decided_at = timezone.now()
        s.save(update_fields=["status", "dismiss_reason", "decided_by", "decided_at"])
    return s
