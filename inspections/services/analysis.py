"""The analysis: queued as a Celery task (status `ai_processing`, per-photo progress), each photo measured
(quality; the change against an earlier photo of the same room, its overlay stored through core.files) and sent to
the gateway as a base64 image from our own storage with the spec's prompt. A malformed answer gets the gateway's
one corrective retry; after that, or if the model is unavailable, the photo is left `needs_review` with the reason
(never a 500). Safe to re-run: analysed photos are skipped unless forced."""

from __future__ import annotations

import io
import logging
from decimal import Decimal, InvalidOperation

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageOps

from core.ai import AIError, Image, complete_json, current_provider
from core.exceptions import ApplicationError
from core.files.models import StoredFile
from core.files.selectors import file_open
from core.files.services import file_delete, file_store
from inspections import imaging
from inspections.models import InspectionDamageItem, InspectionPhoto, MoveOutInspection
from inspections.prompts import PHOTO_ANALYSIS
from inspections.selectors import ROOM_LABELS, earlier_photo
from inspections.services._common import Classification, Status, check_editable, inspection_totals_refresh, lock

logger = logging.getLogger(__name__)

AI_SIDE = 1568  # Claude's recommended long side; also keeps every image under the gateway's 5 MB cap


def inspection_analyze_queue(*, inspection: MoveOutInspection, force: bool = False) -> MoveOutInspection:
    """Marks the inspection `ai_processing` with the number of photos to analyse and queues the task after
    commit. Nothing to analyse (every photo done, not forced): the inspection as it is."""
    from inspections.tasks import analyze_inspection

    with transaction.atomic():
        locked = lock(inspection)
        check_editable(locked)
        photos = InspectionPhoto.objects.filter(inspection=locked)
        if not photos.exists():
            raise ApplicationError("Upload photos before analysing them.")
        todo = photos.count() if force else photos.filter(ai_analyzed=False).count()
        if todo == 0:
            return locked
        MoveOutInspection.objects.filter(pk=locked.pk).update(
            status=Status.AI_PROCESSING,
            ai_processing_started_at=timezone.now(),
            ai_processing_completed_at=None,
            ai_photos_total=todo,
            ai_photos_done=0,
            updated_at=timezone.now(),
        )
        pk = str(locked.pk)
        transaction.on_commit(lambda: analyze_inspection.delay(pk, force))
    return locked


def inspection_analyze(*, inspection_id, force: bool = False) -> str:
    """The task's body: analyses each photo still to do (each committed on its own, progress counted), then
    moves the inspection to `review`. Unscoped (an agent)."""
    inspection = MoveOutInspection.objects.filter(pk=inspection_id).first()
    if inspection is None or inspection.status == Status.FINALIZED:
        return "No inspection to analyse."
    photos = InspectionPhoto.objects.filter(inspection=inspection).select_related("file", "inspection")
    if not force:
        photos = photos.filter(ai_analyzed=False)
    done = failed = 0
    for photo in photos.order_by("room", "photo_order", "created_at"):
        if photo_analyze(photo=photo):
            done += 1
        else:
            failed += 1
        MoveOutInspection.objects.filter(pk=inspection.pk).update(ai_photos_done=F("ai_photos_done") + 1)
    with transaction.atomic():
        locked = lock(inspection)
        if locked.status != Status.FINALIZED:
            MoveOutInspection.objects.filter(pk=locked.pk).update(
                status=Status.REVIEW, ai_processing_completed_at=timezone.now(), updated_at=timezone.now()
            )
        inspection_totals_refresh(locked)
    return f"Analysed {done} photos, {failed} left for review."


def _read(stored: StoredFile) -> bytes:
    handle, _ = file_open(stored=stored)
    with handle:
        return handle.read()


def _for_model(data: bytes) -> bytes:
    """The photo as a JPEG at most AI_SIDE px on its long side (our stored copy is already EXIF-free)."""
    img = ImageOps.exif_transpose(PILImage.open(io.BytesIO(data))).convert("RGB")
    img.thumbnail((AI_SIDE, AI_SIDE), PILImage.Resampling.LANCZOS)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=85)
    return buf.getvalue()


def _items(raw) -> list[dict]:
    out = []
    for item in raw or []:
        try:
            cost = Decimal(str(item["estimated_cost"])).quantize(Decimal("0.01"))
        except (InvalidOperation, KeyError, TypeError):
            continue
        out.append(
            {
                "item": str(item["item"]).strip()[:200],
                "category": item["category"],
                "severity": item["severity"],
                "estimated_cost": cost,
                "location": str(item.get("location") or "")[:200],
            }
        )
    return out


def photo_analyze(*, photo: InspectionPhoto) -> bool:
    """Measures and analyses one photo and stores the result; False when it was left for review because the
    model's answer could not be used."""
    data = _read(photo.file)
    quality = imaging.photo_quality(data)
    earlier = earlier_photo(photo)
    change = None
    if earlier is not None:
        try:
            change = imaging.room_change(_read(earlier.file), data)
        except Exception:  # noqa: BLE001 - an unreadable earlier photo only costs the comparison
            logger.warning("could not compare photo %s with %s", photo.pk, earlier.pk, exc_info=True)
    comparison = "none (no earlier photo of this room)"
    if change is not None:
        when = earlier.inspection.inspection_date.isoformat()
        comparison = (
            f"earlier photo from the inspection of {when}: structural similarity "
            f"{change.similarity:.2f}; {change.changed_share:.1%} of the frame changed in {change.regions} region"
            f"{'s' if change.regions != 1 else ''}."
        )
    measurements = (
        f"{quality.width}x{quality.height} px, brightness {quality.brightness:.0f}/255, sharpness (variance of the "
        f"Laplacian) {quality.blur_variance:.0f}"
        + (f"; problems: {'; '.join(quality.issues)}" if quality.issues else "")
    )
    images = [Image.from_bytes(_for_model(data), "image/jpeg", name="photo.jpg")]
    if change is not None:
        images.append(Image.from_bytes(_for_model(_read(earlier.file)), "image/jpeg", name="earlier.jpg"))
    inputs = {"room": ROOM_LABELS.get(photo.room, photo.room), "measurements": measurements, "comparison": comparison}
    ok = True
    error = ""
    try:
        result = complete_json(PHOTO_ANALYSIS, inputs, images=images)
        answer, provider, model = result.data, result.provider, result.model
    except AIError as exc:
        ok = False
        error = str(exc.message if hasattr(exc, "message") else exc)[:300]
        provider, model = current_provider(), ""
        answer = {
            "classification": "needs_review",
            "confidence": 0.0,
            "description": f"The analysis could not be used ({error}); a person must review this photo.",
            "damage_items": [],
        }
    offline = provider == "offline"
    classification = answer["classification"]
    if offline or not ok:
        classification = Classification.NEEDS_REVIEW  # offline never decides wear or damage on its own
    retake = bool(answer.get("retake")) or quality.retake
    items = [] if offline else _items(answer.get("damage_items"))
    overlay = None
    if change is not None and change.regions:
        overlay = file_store(
            upload=ContentFile(change.overlay_png, name=f"change-{photo.room}.png"),
            purpose=StoredFile.Purpose.INSPECTION,
            user=None,
        )
    with transaction.atomic():
        locked = InspectionPhoto.objects.select_for_update().filter(pk=photo.pk).first()
        if locked is None or locked.inspection.status == Status.FINALIZED:
            if overlay is not None:
                file_delete(stored=overlay)
            return ok
        old_overlay = locked.overlay_file
        InspectionPhoto.objects.filter(pk=photo.pk).update(
            ai_analyzed=True,
            ai_classification=classification,
            ai_confidence=None if offline or not ok else float(answer["confidence"]),
            ai_description=answer["description"][:4000],
            ai_damage_items=[{**i, "estimated_cost": float(i["estimated_cost"])} for i in items],
            ai_provider=provider[:40],
            ai_model=(model or "")[:100],
            ai_analyzed_at=timezone.now(),
            ai_error=error,
            retake=retake,
            quality={**quality.as_dict(), "retake": retake},
            compared_photo=earlier,
            change_score=None if change is None else change.changed_share,
            similarity=None if change is None else change.similarity,
            overlay_file=overlay,
        )
        # the model's earlier proposals are replaced; items a person added or edited stay
        InspectionDamageItem.objects.filter(photo_id=photo.pk, ai_detected=True, edited_by="").delete()
        InspectionDamageItem.objects.bulk_create(
            [InspectionDamageItem(photo_id=photo.pk, ai_detected=True, **i) for i in items]
        )
        if old_overlay is not None and old_overlay != overlay:
            transaction.on_commit(lambda: file_delete(stored=old_overlay))
    return ok
