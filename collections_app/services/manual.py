"""The manager's manual actions: escalate, send the next reminder now, add a note."""
from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from collections_app import dunning
from collections_app.models import CollectionAction, CollectionCase
from collections_app.services.common import (
    MANAGER,
    ActionType,
    Status,
    _is,
    _note,
)
from collections_app.services.escalation import _step_send
from core.exceptions import ApplicationError


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


def case_note_add(*, case: CollectionCase, text: str, actor: str, now: datetime.datetime | None = None) -> CollectionAction:
    """Adds a manager's note to the case's action log (e.g. an eviction-prep memo from the command center)."""
    text = (text or "").strip()
    if not text:
        raise ApplicationError("The note cannot be empty.")
    return _note(case, text, actor=actor, now=now or timezone.now())
