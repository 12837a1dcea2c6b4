"""The deduction letter and finalize, through the turnover case (spec 2.1 owns the deposit: its life table, its
depreciation, its statutory deadline, its letter prompt and its sending).

- The figures: before finalize, the case's deductions plus this inspection's items (each charged, as the
  reviewer left it); after, the case's deductions (the items are among them). Either way turnover.deposit computes
  them, so the letter states to the cent what finalize writes.
- `inspection_letter_generate`: turnover's prompt and offline template (`letter_write`), stored on the inspection.
- `inspection_finalize`: locks the inspection and writes its items as approved deductions on the case
  (`ai_detected` where the model proposed them), in one transaction, once (a second finalize is a 409).
- `inspection_letter_send`: after finalize, the letter becomes the case's letter (`letter_adopt`) and is sent
  by turnover (`letter_send`: PDF, email, a balance owed on the ledger), so a case sends one statement.
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from inspections import costs
from inspections.models import MoveOutInspection
from inspections.selectors import ROOM_LABELS, inspection_items
from inspections.services._common import Status, lock
from turnover import deposit
from turnover import services as turnover
from turnover.models import TurnoverCase

LETTER_TEMPLATE = turnover.LETTER_TEMPLATE  # one template: the case's statement


def _case(inspection: MoveOutInspection) -> TurnoverCase:
    if inspection.turnover_case_id is None:
        raise ApplicationError(
            "This inspection has no turnover case: the deposit, move-out date and deadline live on the case."
        )
    return TurnoverCase.objects.select_related("lease__tenant", "unit", "property").get(pk=inspection.turnover_case_id)


def _description(item) -> str:
    room = ROOM_LABELS.get(item.photo.room, item.photo.room)
    where = f", {item.location}" if item.location else ""
    return f"{item.item} ({room}{where})"[:200]


def inspection_disposition(inspection: MoveOutInspection, case: TurnoverCase) -> deposit.Disposition:
    """The deposit's figures the letter states (see the module's docstring)."""
    rows = list(case.deductions.order_by("created_at"))
    lines = [turnover.deduction_rule(d) for d in rows]
    if inspection.status != Status.FINALIZED:
        lines += [
            deposit.Deduction(
                category=costs.deduction_category(i.category, life_item=i.life_item),
                amount=i.estimated_cost,
                approved=True,
                description=_description(i),
                life_item=i.life_item or None,
                age_years=i.item_age_years,
            )
            for i in inspection_items(inspection)
        ]
    return deposit.deposit_disposition(security_deposit=case.security_deposit, deductions=lines)


def inspection_letter_inputs(inspection: MoveOutInspection, *, today: datetime.date) -> tuple[TurnoverCase, dict]:
    case = _case(inspection)
    return case, turnover.letter_inputs(case, today=today, disposition=inspection_disposition(inspection, case))


def inspection_letter_generate(
    *, inspection: MoveOutInspection, actor: str, today: datetime.date | None = None
) -> MoveOutInspection:
    today = today or timezone.localdate()
    case, inputs = inspection_letter_inputs(inspection, today=today)
    if case.letter_sent_at is not None:
        raise ApplicationError(
            "The case's deduction letter has been sent; it can no longer be rewritten.", status_code=409
        )
    data, provider = turnover.letter_write(inputs, ref=inspection.pk)
    with transaction.atomic():
        locked = lock(inspection)
        MoveOutInspection.objects.filter(pk=locked.pk).update(
            deduction_letter=data["letter_text"].strip(),
            deduction_letter_subject=data["subject"].strip()[:200],
            deduction_letter_provider=provider[:40],
            deduction_letter_generated_at=timezone.now(),
            updated_at=timezone.now(),
        )
    inspection.refresh_from_db()
    return inspection


def inspection_letter_context(inspection: MoveOutInspection) -> dict:
    """The document's context (turnover's template): the inspection's letter with the figures it states."""
    if not inspection.deduction_letter:
        raise ApplicationError("Generate the deduction letter first.")
    case = _case(inspection)
    disposition = inspection_disposition(inspection, case)
    return turnover.letter_document_context(
        case,
        disposition=disposition,
        subject=inspection.deduction_letter_subject,
        text=inspection.deduction_letter,
        deadline=turnover.case_deadline(case, deductions=disposition.total_deductions > 0),
    )


def inspection_finalize(*, inspection: MoveOutInspection, actor: str) -> MoveOutInspection:
    """Locks the inspection and writes its damage items as the case's deductions, in one transaction, once."""
    with transaction.atomic():
        locked = lock(inspection)
        if locked.status == Status.FINALIZED:
            raise ApplicationError("This inspection is already finalized.", status_code=409)
        if locked.status == Status.AI_PROCESSING:
            raise ApplicationError("The analysis is still running; finalize when it is done.", status_code=409)
        if locked.photos.filter(ai_analyzed=False, human_override=False).exists():
            raise ApplicationError("Some photos are neither analysed nor reviewed: run the analysis first.")
        items = inspection_items(locked)
        case = None
        if locked.turnover_case_id is not None:
            case = TurnoverCase.objects.get(pk=locked.turnover_case_id)
        elif items:
            raise ApplicationError("This inspection has no turnover case to write its damage items to.")
        for item in items:
            turnover.deduction_add(
                case=case,
                category=costs.deduction_category(item.category, life_item=item.life_item),
                description=_description(item),
                amount=item.estimated_cost,
                life_item=item.life_item,
                item_age_years=item.item_age_years,
                photo=item.photo.file,
                ai_detected=item.ai_detected,
                approved=True,
            )
        MoveOutInspection.objects.filter(pk=locked.pk).update(
            status=Status.FINALIZED, finalized_at=timezone.now(), finalized_by=actor[:100], updated_at=timezone.now()
        )
    inspection.refresh_from_db()
    return inspection


def inspection_letter_send(*, inspection: MoveOutInspection, actor: str, user=None) -> MoveOutInspection:
    """Sends the letter as the case's statement (after finalize, with the figures it states still the case's)."""
    if inspection.status != Status.FINALIZED:
        raise ApplicationError("Finalize the inspection before sending the letter: its deductions must be final.")
    if not inspection.deduction_letter:
        raise ApplicationError("Generate the deduction letter first.")
    case, inputs = inspection_letter_inputs(inspection, today=timezone.localdate())
    if case.letter_sent_at is None:
        missing = turnover.letter_quotes_missing(inputs, inspection.deduction_letter)
        if missing:
            raise ApplicationError(
                f"The figures changed since the letter was written ({', '.join(missing)} not in it): generate it "
                "again.",
                status_code=409,
            )
        turnover.letter_adopt(
            case=case,
            subject=inspection.deduction_letter_subject,
            text=inspection.deduction_letter,
            provider=inspection.deduction_letter_provider or "offline",
            actor=actor,
        )
        turnover.letter_send(case=case, actor=actor, user=user)
    return inspection
