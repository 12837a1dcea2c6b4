"""The manager's manual actions: approve or dismiss a legal-referral recommendation, escalate, send the next
reminder now, add a note."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from collections_app import dunning
from collections_app.models import CollectionAction, CollectionCase
from collections_app.selectors import legal_referral_minimums
from collections_app.services.common import (
    MANAGER,
    ActionType,
    LegalReferral,
    Status,
    _is,
    _note,
)
from collections_app.services.escalation import _step_send
from core.ai.offline import money
from core.exceptions import ApplicationError


def case_escalate(
    *, case: CollectionCase, actor: str, note: str = "", now: datetime.datetime | None = None
) -> CollectionAction:
    """The manager escalates the case to legal now: level 5, status 'escalated', assigned to the manager. This
    is the manager's own decision (spec: POST escalate), so it counts as approving a legal referral."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = CollectionCase.objects.select_for_update().get(pk=case.pk)
        if locked.status == Status.ESCALATED:
            raise ApplicationError("This case is already escalated.")
        if locked.status not in CollectionCase.UNRESOLVED:
            raise ApplicationError(f"This case is {_is(locked)}; there is nothing to escalate.")
        locked.escalation_level, locked.status, locked.assigned_to = dunning.MAX_LEVEL, Status.ESCALATED, MANAGER
        # The manager's own decision is the approval (with or without the agent's recommendation).
        locked.legal_referral, locked.legal_referral_decided_at = LegalReferral.APPROVED, now
        locked.legal_referral_decided_by = actor
        locked.save(
            update_fields=[
                "escalation_level",
                "status",
                "assigned_to",
                "legal_referral",
                "legal_referral_decided_at",
                "legal_referral_decided_by",
                "updated_at",
            ]
        )
        text = f"Escalated to legal by {actor}." + (f"\n\n{note.strip()}" if note.strip() else "")
        action = CollectionAction.objects.create(
            case=locked,
            action_type=ActionType.ESCALATION,
            escalation_level=dunning.MAX_LEVEL,
            channel="system",
            message_text=text,
            tone_used=locked.tone,
            ai_generated=False,
            sent_at=now,
            created_by=actor,
        )
    for f in (
        "escalation_level",
        "status",
        "assigned_to",
        "legal_referral",
        "legal_referral_decided_at",
        "legal_referral_decided_by",
    ):
        setattr(case, f, getattr(locked, f))
    return action


def legal_referral_approve(
    *, case: CollectionCase, actor: str, now: datetime.datetime | None = None
) -> CollectionAction:
    """The manager approves the agent's legal-referral recommendation: the legal step is recorded and sent
    (the final notice letter to print and mail, the hand-off email to the property manager) and the case is
    escalated. Only a pending recommendation on an open case whose balance still reaches the minimum."""
    now = now or timezone.now()
    _require_recommendation(case)
    min_balance, _ = legal_referral_minimums()
    if case.current_balance < min_balance:
        raise ApplicationError(
            f"The balance is now {money(case.current_balance)}, below the {money(min_balance)} "
            "minimum for a legal referral; dismiss the recommendation instead."
        )
    action = _step_send(case=case, step=dunning.step_for_level(dunning.MAX_LEVEL), now=now, actor=actor)
    if action is None:
        raise ApplicationError("This case changed meanwhile; refresh it.", status_code=409)
    return action


def legal_referral_dismiss(
    *, case: CollectionCase, actor: str, note: str = "", now: datetime.datetime | None = None
) -> CollectionAction:
    """The manager dismisses the recommendation: nothing is sent, the case stays open at its level and the agent
    does not recommend a referral again for this case (the manager can still escalate it)."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = CollectionCase.objects.select_for_update().get(pk=case.pk)
        _require_recommendation(locked)
        locked.legal_referral, locked.legal_referral_decided_at = LegalReferral.DISMISSED, now
        locked.legal_referral_decided_by = actor
        locked.save(
            update_fields=["legal_referral", "legal_referral_decided_at", "legal_referral_decided_by", "updated_at"]
        )
        text = f"Legal referral dismissed by {actor}; no legal step will be taken." + (
            f"\n\n{note.strip()}" if note.strip() else ""
        )
        action = CollectionAction.objects.create(
            case=locked,
            action_type=ActionType.LEGAL_REVIEW,
            escalation_level=locked.escalation_level,
            channel="system",
            message_text=text,
            tone_used="",
            ai_generated=False,
            sent_at=now,
            created_by=actor,
        )
    for f in ("legal_referral", "legal_referral_decided_at", "legal_referral_decided_by"):
        setattr(case, f, getattr(locked, f))
    return action


def _require_recommendation(case: CollectionCase) -> None:
    if case.legal_referral == LegalReferral.APPROVED:
        raise ApplicationError("The legal referral has already been approved.")
    if case.legal_referral == LegalReferral.DISMISSED:
        raise ApplicationError("The legal referral recommendation was dismissed.")
    if case.legal_referral != LegalReferral.RECOMMENDED or case.status != Status.OPEN:
        raise ApplicationError("There is no legal referral recommendation to decide on this case.")


def case_send_reminder(*, case: CollectionCase, actor: str, now: datetime.datetime | None = None) -> CollectionAction:
    """Sends the case's next dunning step now, even before it is due. It is the same step the engine would
    send (same record, same dedupe keys), so it is never sent twice."""
    now = now or timezone.now()
    if case.status != Status.OPEN:
        raise ApplicationError(f"Reminders go out on open cases only; this one is {_is(case)}.")
    step = dunning.next_step(case.escalation_level)
    if step is None:
        raise ApplicationError("All five steps have already been sent.")
    if step.level > dunning.AUTOMATIC_MAX_LEVEL:
        raise ApplicationError(
            "The next step is the legal step, which is not a reminder: a manager approves a "
            "legal referral (or escalates the case) instead."
        )
    action = _step_send(case=case, step=step, now=now, actor=actor)
    if action is None:
        raise ApplicationError("This step was just sent by another run; refresh the case.", status_code=409)
    return action


def case_note_add(
    *, case: CollectionCase, text: str, actor: str, now: datetime.datetime | None = None
) -> CollectionAction:
    """Adds a manager's note to the case's action log (e.g. an eviction-prep memo from the command center)."""
    text = (text or "").strip()
    if not text:
        raise ApplicationError("The note cannot be empty.")
    return _note(case, text, actor=actor, now=now or timezone.now())
