"""Human review: override a photo's classification; add, edit or remove its damage items (cost defaulting to the
midpoint of the spec's table for the category and severity). Totals recompute; a finalized inspection is locked
(409)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.fields import parse_money
from inspections import costs
from inspections.models import InspectionDamageItem, InspectionPhoto
from inspections.services._common import Classification, check_editable, inspection_totals_refresh, lock
from units.useful_life import LIFE_TABLE

COST_MAX = Decimal("50000.00")
AGE_MAX = Decimal("100")
REVIEWABLE = (Classification.CLEAN, Classification.NORMAL_WEAR, Classification.DAMAGE, Classification.NEEDS_REVIEW)


def photo_review(*, photo: InspectionPhoto, classification: str, actor: str) -> InspectionPhoto:
    """Sets the reviewer's classification. A photo with damage items stays `damage` (remove its items first)."""
    if classification not in REVIEWABLE:
        raise ApplicationError(
            f"Unknown classification '{classification}'; one of: {', '.join(REVIEWABLE)}.",
            extra={"field": "human_classification"},
        )
    with transaction.atomic():
        inspection = lock(photo.inspection)
        check_editable(inspection)
        if classification != Classification.DAMAGE and photo.damage_items.exists():
            raise ApplicationError(
                "This photo has damage items: remove them before classifying it as something other than damage.",
                extra={"field": "human_classification"},
            )
        InspectionPhoto.objects.filter(pk=photo.pk).update(
            human_classification=classification,
            human_override=True,
            reviewed_by=actor[:100],
            reviewed_at=timezone.now(),
        )
        inspection_totals_refresh(inspection)
    photo.refresh_from_db()
    return photo


def _money(value, field: str) -> Decimal:
    try:
        return parse_money(value, label="The cost", max_value=COST_MAX)
    except ApplicationError as exc:
        raise ApplicationError(exc.message, extra={"field": field}) from exc


def _clean(*, category, severity, item, location, estimated_cost, life_item, item_age_years) -> dict:
    if category not in costs.CATEGORIES:
        raise ApplicationError(f"Unknown category '{category}'.", extra={"field": "category"})
    if severity not in costs.SEVERITIES:
        raise ApplicationError(f"Unknown severity '{severity}'.", extra={"field": "severity"})
    item = (item or "").strip()
    if not item:
        raise ApplicationError("Describe the damage.", extra={"field": "item"})
    if len(item) > 200:
        raise ApplicationError("The description can be at most 200 characters.", extra={"field": "item"})
    if estimated_cost is None:
        estimated_cost = costs.default_cost(category, severity)
        if estimated_cost is None:
            raise ApplicationError(
                "The cost table has no range for 'other': give the estimated cost.", extra={"field": "estimated_cost"}
            )
    else:
        estimated_cost = _money(estimated_cost, "estimated_cost")
    life_item = life_item or ""
    if life_item and life_item not in LIFE_TABLE:
        raise ApplicationError(f"Unknown useful-life item '{life_item}'.", extra={"field": "life_item"})
    if bool(life_item) != (item_age_years is not None):
        raise ApplicationError(
            "A replacement with a useful life needs both the item and its age.", extra={"field": "item_age_years"}
        )
    age = None
    if item_age_years is not None:
        age = Decimal(str(item_age_years))
        if not age.is_finite() or age < 0 or age > AGE_MAX or age != age.quantize(Decimal("0.01")):
            raise ApplicationError(
                "The item's age must be 0 to 100 years, at most 2 decimals.", extra={"field": "item_age_years"}
            )
    return {
        "category": category,
        "severity": severity,
        "item": item,
        "location": (location or "").strip()[:200],
        "estimated_cost": estimated_cost,
        "life_item": life_item,
        "item_age_years": age,
    }


def damage_item_add(
    *,
    photo: InspectionPhoto,
    item: str,
    category: str,
    severity: str,
    actor: str,
    location: str = "",
    estimated_cost=None,
    life_item: str = "",
    item_age_years=None,
) -> InspectionDamageItem:
    """Adds a reviewer's damage item; the photo becomes `damage` (the reviewer's classification)."""
    fields = _clean(
        category=category,
        severity=severity,
        item=item,
        location=location,
        estimated_cost=estimated_cost,
        life_item=life_item,
        item_age_years=item_age_years,
    )
    with transaction.atomic():
        inspection = lock(photo.inspection)
        check_editable(inspection)
        row = InspectionDamageItem.objects.create(photo=photo, ai_detected=False, edited_by=actor[:100], **fields)
        if photo.classification != Classification.DAMAGE:
            InspectionPhoto.objects.filter(pk=photo.pk).update(
                human_classification=Classification.DAMAGE,
                human_override=True,
                reviewed_by=actor[:100],
                reviewed_at=timezone.now(),
            )
        inspection_totals_refresh(inspection)
    return row


UNSET = object()


def damage_item_update(*, item: InspectionDamageItem, actor: str, **changes) -> InspectionDamageItem:
    """Edits an item (any of item, category, severity, location, estimated_cost, life_item, item_age_years). A
    change of category or severity without a cost re-defaults the cost to the table's midpoint."""
    current = {
        "category": item.category,
        "severity": item.severity,
        "item": item.item,
        "location": item.location,
        "estimated_cost": item.estimated_cost,
        "life_item": item.life_item,
        "item_age_years": item.item_age_years,
    }
    merged = {**current, **changes}
    if ("category" in changes or "severity" in changes) and "estimated_cost" not in changes:
        merged["estimated_cost"] = None  # back to the table's midpoint for the new category/severity
    fields = _clean(**merged)
    with transaction.atomic():
        inspection = lock(item.photo.inspection)
        check_editable(inspection)
        InspectionDamageItem.objects.filter(pk=item.pk).update(
            edited_by=actor[:100], updated_at=timezone.now(), **fields
        )
        inspection_totals_refresh(inspection)
    item.refresh_from_db()
    return item


def damage_item_delete(*, item: InspectionDamageItem) -> None:
    with transaction.atomic():
        inspection = lock(item.photo.inspection)
        check_editable(inspection)
        InspectionDamageItem.objects.filter(pk=item.pk).delete()
        inspection_totals_refresh(inspection)
