"""Writes on units. Other apps change a unit through these functions, never through UnitsUnit directly."""
from collections.abc import Iterable

from django.utils import timezone

from core.exceptions import ApplicationError
from units.models import UnitsUnit


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
    return (
        UnitsUnit.objects.filter(id__in=ids)
        .exclude(status=status)
        .update(status=status, updated_at=timezone.now())
    )
