"""Shared bits of the turnover services."""

from __future__ import annotations

from core.exceptions import ApplicationError
from turnover.models import TurnoverCase, TurnoverEvent

Stage = TurnoverCase.Stage
Event = TurnoverEvent.Kind


def lock(case: TurnoverCase) -> TurnoverCase:
    """The case, re-read under a row lock (inside a transaction)."""
    found = TurnoverCase.objects.select_for_update().filter(pk=case.pk).first()
    if found is None:
        raise ApplicationError("Turnover case not found.", status_code=404)
    return found


def event(case: TurnoverCase, kind: str, *, actor: str, reason: str = "", from_stage: str = "", to_stage: str = ""):
    return TurnoverEvent.objects.create(
        case=case,
        kind=kind,
        actor=(actor or "system")[:100],
        reason=(reason or "")[:500],
        from_stage=from_stage,
        to_stage=to_stage,
    )
