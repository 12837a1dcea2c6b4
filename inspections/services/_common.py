"""Shared bits of the inspection services."""

from __future__ import annotations

from django.utils import timezone

from core.exceptions import ApplicationError
from inspections.models import InspectionDamageItem, InspectionPhoto, MoveOutInspection

Status = MoveOutInspection.Status
Classification = InspectionPhoto.Classification


def lock(inspection: MoveOutInspection) -> MoveOutInspection:
    """The inspection re-read under a row lock (inside a transaction)."""
    found = MoveOutInspection.objects.select_for_update().filter(pk=inspection.pk).first()
    if found is None:
        raise ApplicationError("Inspection not found.", status_code=404)
    return found


def check_editable(inspection: MoveOutInspection) -> None:
    """Finalized inspections are locked: a further edit is a conflict (409)."""
    if inspection.status == Status.FINALIZED:
        raise ApplicationError("This inspection is finalized: it can no longer be changed.", status_code=409)


def inspection_totals_refresh(inspection: MoveOutInspection) -> None:
    """Recomputes the inspection's totals from its photos (final classification) and damage items."""
    photos = list(
        InspectionPhoto.objects.filter(inspection=inspection).only(
            "ai_classification", "human_classification", "human_override"
        )
    )
    items = list(
        InspectionDamageItem.objects.filter(photo__inspection=inspection).values_list("estimated_cost", flat=True)
    )
    wear = sum(1 for p in photos if p.classification == Classification.NORMAL_WEAR)
    total = sum(items, start=0)
    MoveOutInspection.objects.filter(pk=inspection.pk).update(
        total_damage_cost=total,
        total_wear_items=wear,
        total_damage_items=len(items),
        updated_at=timezone.now(),
    )
