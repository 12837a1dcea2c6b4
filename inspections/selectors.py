"""Inspection reads, scoped by the caller's properties (ScopedManager): the list, one inspection with its photos
and items, the earlier photos of the same rooms, and the photo evidence other features read per lease. Each a
fixed number of queries."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from core.utils import parse_uuid
from inspections.models import ROOMS, InspectionDamageItem, InspectionPhoto, MoveOutInspection
from turnover.models import TurnoverCase

ROOM_LABELS = dict(ROOMS)
Classification = InspectionPhoto.Classification


def inspection_list() -> QuerySet[MoveOutInspection]:
    """Every inspection the caller may see, with what a row shows (unit, property, tenant, photo counts)."""
    return MoveOutInspection.objects.select_related("unit", "property", "lease__tenant", "turnover_case").annotate(
        photo_count=Count("photos", distinct=True),
        analysed_count=Count("photos", filter=Q(photos__ai_analyzed=True), distinct=True),
    )


def inspection_get(*, inspection_id) -> MoveOutInspection | None:
    pk = parse_uuid(inspection_id)
    if pk is None:
        return None
    return inspection_list().filter(pk=pk).first()


def inspection_photos(inspection: MoveOutInspection) -> list[InspectionPhoto]:
    """The inspection's photos with their files, overlay, compared photo and damage items (three queries)."""
    return list(
        InspectionPhoto.objects.filter(inspection=inspection)
        .select_related("file", "overlay_file", "compared_photo__inspection", "compared_photo__file")
        .prefetch_related(Prefetch("damage_items", queryset=InspectionDamageItem.objects.order_by("created_at")))
        .order_by("room", "photo_order", "created_at")
    )


def photo_get(*, photo_id) -> InspectionPhoto | None:
    pk = parse_uuid(photo_id)
    if pk is None:
        return None
    return InspectionPhoto.objects.select_related("inspection", "file").filter(pk=pk).first()


def damage_item_get(*, photo: InspectionPhoto, item_id) -> InspectionDamageItem | None:
    pk = parse_uuid(item_id)
    if pk is None:
        return None
    return InspectionDamageItem.objects.filter(photo=photo, pk=pk).first()


def inspection_items(inspection: MoveOutInspection) -> list[InspectionDamageItem]:
    return list(
        InspectionDamageItem.objects.filter(photo__inspection=inspection)
        .select_related("photo__file")
        .order_by("photo__room", "photo__photo_order", "created_at")
    )


def earlier_photo(photo: InspectionPhoto) -> InspectionPhoto | None:
    """The latest photo of the same room of the same unit from an earlier inspection (by date, then creation):
    what this one is compared with. Unscoped on purpose: called by the analysis task."""
    inspection = photo.inspection
    return (
        InspectionPhoto.objects.filter(inspection__unit_id=inspection.unit_id, room=photo.room)
        .exclude(inspection_id=inspection.pk)
        .filter(
            Q(inspection__inspection_date__lt=inspection.inspection_date)
            | Q(
                inspection__inspection_date=inspection.inspection_date, inspection__created_at__lt=inspection.created_at
            )
        )
        .select_related("file", "inspection")
        .order_by("-inspection__inspection_date", "-inspection__created_at", "photo_order")
        .first()
    )


def open_turnover_case(*, lease):
    """The lease's open turnover case (not yet leased), which an inspection of its move-out belongs to."""
    return TurnoverCase.objects.filter(lease=lease).exclude(stage=TurnoverCase.Stage.LEASED).first()


def inspection_candidates() -> QuerySet[TurnoverCase]:
    """Open turnover cases without an inspection yet (what /inspections/new offers), those whose unit has earlier
    inspection photos (a change overlay will show) first, then by move-out."""
    earlier = InspectionPhoto.objects.filter(inspection__unit_id=OuterRef("unit_id"))
    return (
        TurnoverCase.objects.exclude(stage=TurnoverCase.Stage.LEASED)
        .filter(inspection__isnull=True)
        .select_related("unit", "property", "lease__tenant")
        .annotate(has_earlier_photos=Exists(earlier))
        .order_by("-has_earlier_photos", "expected_move_out", "unit__unit_number")
    )


def final_classification(photo: InspectionPhoto) -> str:
    return photo.classification


def counts(photos) -> dict:
    """{clean, normal_wear, damage, needs_review, pending} by final classification."""
    found = Counter(p.classification for p in photos)
    return {c: found.get(c, 0) for c in Classification.values}


def photo_evidence_for_leases(*, lease_ids) -> dict:
    """Per lease id (UUID key), evidence from that lease's latest move-out inspection that has analysed or reviewed
    photos:
    {"inspection_id": str, "inspection_date": "YYYY-MM-DD", "photos": int, "damage_type": str | None,   # most frequent damage item category
     "wear_pattern": str | None,   # e.g. "normal wear on 3 of 8 photos"
     "condition_notes": str,       # classification counts + damage items (item, severity, room)
     "damage_items": [{"item", "category", "severity", "estimated_cost", "room"}]}
    Final classification = the human override when present, else the AI's. Three queries, however many leases."""
    ids = [pk for pk in (parse_uuid(x) for x in lease_ids) if pk is not None]
    if not ids:
        return {}
    candidates = (
        MoveOutInspection.objects.filter(lease_id__in=ids)
        .filter(
            Exists(
                InspectionPhoto.objects.filter(inspection_id=OuterRef("pk")).filter(
                    Q(ai_analyzed=True) | Q(human_override=True)
                )
            )
        )
        .order_by("lease_id", "-inspection_date", "-created_at")
        .values_list("pk", "lease_id", "inspection_date")
    )
    latest: dict = {}
    dates: dict = {}
    for pk, lease_id, on in candidates:
        if lease_id not in latest:
            latest[lease_id] = pk
            dates[pk] = on
    if not latest:
        return {}
    by_inspection = {pk: lease_id for lease_id, pk in latest.items()}
    photos: dict = defaultdict(list)
    for row in InspectionPhoto.objects.filter(inspection_id__in=by_inspection).only(
        "pk", "inspection_id", "room", "ai_classification", "human_classification", "human_override", "ai_analyzed"
    ):
        photos[row.inspection_id].append(row)
    items: dict = defaultdict(list)
    for item in (
        InspectionDamageItem.objects.filter(photo__inspection_id__in=by_inspection)
        .select_related("photo")
        .order_by("photo__room", "photo__photo_order", "created_at")
    ):
        items[item.photo.inspection_id].append(item)
    out = {}
    for pk, lease_id in by_inspection.items():
        rows = photos[pk]
        found = counts(rows)
        total = len(rows)
        damage = [
            {
                "item": i.item,
                "category": i.category,
                "severity": i.severity,
                "estimated_cost": i.estimated_cost,
                "room": i.photo.room,
            }
            for i in items[pk]
        ]
        categories = Counter(d["category"] for d in damage)
        damage_type = None
        if categories:
            top = max(categories.values())
            damage_type = min(c for c, n in categories.items() if n == top)  # ties: alphabetical, stable
        wear = found["normal_wear"]
        summary = ", ".join(
            f"{n} {label}"
            for key, label in (
                ("clean", "clean"),
                ("normal_wear", "normal wear"),
                ("damage", "damage"),
                ("needs_review", "needs review"),
                ("pending", "not analysed"),
            )
            if (n := found[key])
        )
        notes = f"{total} photo{'s' if total != 1 else ''}: {summary or 'none classified'}."
        if damage:
            notes += (
                " Damage items: "
                + "; ".join(f"{d['item']} ({d['severity']}, {ROOM_LABELS.get(d['room'], d['room'])})" for d in damage)
                + "."
            )
        else:
            notes += " No damage items."
        out[lease_id] = {
            "inspection_id": str(pk),
            "inspection_date": dates[pk].isoformat(),
            "photos": total,
            "damage_type": damage_type,
            "wear_pattern": f"normal wear on {wear} of {total} photos" if wear else None,
            "condition_notes": notes,
            "damage_items": damage,
        }
    return out
