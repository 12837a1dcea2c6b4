"""Writes on units. Other apps change a unit through these functions, never through UnitsUnit directly."""

import datetime
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from units.models import UnitsMaintenance, UnitsUnit


def unit_status_set(*, unit_ids: Iterable, status: str) -> int:
    """Sets `status` on the given units in one UPDATE; returns how many units changed.

    Units already in that status are left untouched (their `updated_at` does not move). Callers pass a
    bounded batch (the lifecycle agent passes at most one chunk of ids).
    """
    if status not in UnitsUnit.Status.values:
        raise ApplicationError(f"Unknown unit status '{status}'.")
    ids = {i for i in unit_ids if i is not None}
    if not ids:
        return 0
    return UnitsUnit.objects.filter(id__in=ids).exclude(status=status).update(status=status, updated_at=timezone.now())


WORK_ORDER_PREFIX = "WO-"
_WORK_ORDER_DIGITS = 7


def _next_work_order_number() -> str:
    """WO-0000001, WO-0000002… continuing after the highest number of that shape (the demo's format)."""
    last = (
        UnitsMaintenance.objects.filter(work_order_number__regex=rf"^{WORK_ORDER_PREFIX}[0-9]{{{_WORK_ORDER_DIGITS}}}$")
        .order_by("-work_order_number")
        .values_list("work_order_number", flat=True)
        .first()
    )
    n = int(last[len(WORK_ORDER_PREFIX) :]) + 1 if last else 1
    return f"{WORK_ORDER_PREFIX}{n:0{_WORK_ORDER_DIGITS}d}"


def work_order_create(
    *,
    unit: UnitsUnit,
    title: str,
    category: str = UnitsMaintenance.Category.GENERAL,
    priority: str = UnitsMaintenance.Priority.MEDIUM,
    description: str = "",
    requested_date: datetime.date | None = None,
    scheduled_date: datetime.date | None = None,
    reported_by: str = "",
) -> UnitsMaintenance:
    """Opens a work order on `unit` with the next work-order number (retried if another writer took it)."""
    title = (title or "").strip()
    if not title:
        raise ApplicationError("A work order needs a title.")
    if category not in UnitsMaintenance.Category.values:
        raise ApplicationError(f"Unknown work order category '{category}'.")
    if priority not in UnitsMaintenance.Priority.values:
        raise ApplicationError(f"Unknown work order priority '{priority}'.")
    requested = requested_date or timezone.localdate()
    if scheduled_date is not None and scheduled_date < requested:
        raise ApplicationError("The scheduled date cannot be before the request date.")
    for attempt in range(5):
        try:
            with transaction.atomic():
                return UnitsMaintenance.objects.create(
                    work_order_number=_next_work_order_number(),
                    unit=unit,
                    property_id=unit.property_id,
                    title=title[:200],
                    description=description,
                    category=category,
                    priority=priority,
                    status=UnitsMaintenance.Status.OPEN,
                    requested_date=requested,
                    scheduled_date=scheduled_date,
                    reported_by=reported_by[:120],
                )
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")
