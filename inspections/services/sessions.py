"""Opening an inspection (a lease's unit, linked to its open turnover case when there is one) and uploading its
photos room by room through core.files (sniffed type, size limit, EXIF stripped with the capture time kept,
thumbnail)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import transaction
from django.db.models import Max

from core.exceptions import ApplicationError
from core.files.models import StoredFile
from core.files.services import FORMATS, file_delete, file_store, sniff
from inspections.models import ROOMS, InspectionPhoto, MoveOutInspection
from inspections.selectors import open_turnover_case
from inspections.services._common import check_editable, lock

MAX_PHOTOS_PER_UPLOAD = 30
ROOM_KEYS = [key for key, _ in ROOMS]


def inspection_create(
    *, lease, inspector_name: str, inspection_date: datetime.date, link_turnover_case: bool = True
) -> MoveOutInspection:
    """Opens an inspection of `lease`'s unit, linked to the lease's open turnover case when there is one (a case
    has at most one inspection). `link_turnover_case=False`: an inspection that is not the case's move-out
    inspection (the demo's earlier walk-through of the unit, to compare with)."""
    turnover_case = open_turnover_case(lease=lease) if link_turnover_case else None
    inspector_name = (inspector_name or "").strip()
    if not inspector_name:
        raise ApplicationError("Who inspects the unit?", extra={"field": "inspector_name"})
    if turnover_case is not None and MoveOutInspection.objects.filter(turnover_case=turnover_case).exists():
        raise ApplicationError(
            "This lease's turnover case already has an inspection.", extra={"field": "lease"}, status_code=409
        )
    return MoveOutInspection.objects.create(
        lease=lease,
        unit_id=lease.unit_id,
        property_id=lease.property_id,
        turnover_case=turnover_case,
        inspector_name=inspector_name[:100],
        inspection_date=inspection_date,
    )


def _check_is_image(upload) -> None:
    """Refuses what is not a photo before anything is stored: a PDF (or anything else) by its bytes, and an image
    over the size limit by its length."""
    name = getattr(upload, "name", "") or "the file"
    if hasattr(upload, "seek"):
        upload.seek(0)
    head = upload.read(1024)
    if hasattr(upload, "seek"):
        upload.seek(0)
    try:
        fmt = sniff(head)
    except ApplicationError as exc:
        raise ApplicationError(f"{name}: {exc.message}", extra={"field": "photos"}) from exc
    if FORMATS[fmt][0] != StoredFile.Kind.IMAGE:
        raise ApplicationError(
            f"{name} is a {fmt.upper()}, not a photo: upload JPEG, PNG or WebP images.", extra={"field": "photos"}
        )
    limit = settings.FILE_MAX_BYTES["image"]
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise ApplicationError(
            f"{name} is too large ({size / 1048576:.1f} MB); the limit is {limit / 1048576:.0f} MB.",
            extra={"field": "photos"},
        )


def photos_upload(*, inspection: MoveOutInspection, room: str, uploads, user) -> list[InspectionPhoto]:
    """Stores the photos of one room (all or none: a refused file stores nothing) and appends them to the room."""
    if room not in ROOM_KEYS:
        raise ApplicationError(f"Unknown room '{room}'; one of: {', '.join(ROOM_KEYS)}.", extra={"field": "room"})
    uploads = list(uploads or [])
    if not uploads:
        raise ApplicationError("Choose at least one photo.", extra={"field": "photos"})
    if len(uploads) > MAX_PHOTOS_PER_UPLOAD:
        raise ApplicationError(
            f"At most {MAX_PHOTOS_PER_UPLOAD} photos at a time ({len(uploads)} given).", extra={"field": "photos"}
        )
    check_editable(inspection)
    for upload in uploads:
        _check_is_image(upload)
    stored: list[StoredFile] = []
    try:
        for upload in uploads:
            stored.append(file_store(upload=upload, purpose=StoredFile.Purpose.INSPECTION, user=user))
        with transaction.atomic():
            locked = lock(inspection)
            check_editable(locked)
            start = (
                InspectionPhoto.objects.filter(inspection=locked, room=room).aggregate(n=Max("photo_order"))["n"] or 0
            ) + 1
            return [
                InspectionPhoto.objects.create(inspection=locked, room=room, file=f, photo_order=start + i)
                for i, f in enumerate(stored)
            ]
    except Exception:
        for f in stored:
            file_delete(stored=f)
        raise
