# Data: the old "pending" status is "received"; each legacy attachment file moves into core/files (checked like
# any upload: sniffed, size-limited, images re-encoded without metadata). A legacy file that is missing or refused
# leaves a note on the invoice's history (its name, the reason and its storage path, whose bytes are kept) and
# its attachment row goes (0006 makes the StoredFile reference required).

import hashlib
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import migrations
from django.utils import timezone

FORMATS = {  # as core.files.services.FORMATS at the time of writing: fmt -> (kind, content type, extension)
    "jpeg": ("image", "image/jpeg", "jpg"),
    "png": ("image", "image/png", "png"),
    "webp": ("image", "image/webp", "webp"),
    "pdf": ("pdf", "application/pdf", "pdf"),
}


def pending_to_received(apps, schema_editor):
    Invoices = apps.get_model("invoices", "Invoices")
    Invoices.objects.filter(status="pending").update(status="received")


def received_to_pending(apps, schema_editor):
    Invoices = apps.get_model("invoices", "Invoices")
    Invoices.objects.filter(status="received").update(status="pending")


def _move(attachment, StoredFile):
    from core.exceptions import ApplicationError
    from core.files.services import file_check

    name = attachment.file.name if attachment.file else ""
    if not name:
        return None, "it has no file"
    try:
        with default_storage.open(name, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        return None, f"its bytes are missing ({exc.__class__.__name__})"
    upload = ContentFile(data, name=attachment.filename or name.rsplit("/", 1)[-1])
    try:
        checked, original_size, original_name = file_check(upload)
    except ApplicationError as exc:
        return None, exc.message
    if checked.fmt not in FORMATS:
        return None, f"its format ({checked.fmt}) is not one core/files stores"
    kind, content_type, ext = FORMATS[checked.fmt]
    file_id = uuid.uuid4()
    prefix = f"files/{file_id.hex[:2]}/{file_id.hex}"
    stored_name = default_storage.save(f"{prefix}.{ext}", ContentFile(checked.data))
    thumb_name = ""
    if checked.thumbnail:
        thumb_name = default_storage.save(f"{prefix}.thumb.jpg", ContentFile(checked.thumbnail))
    stored = StoredFile.objects.create(
        id=file_id,
        purpose="invoice",
        kind=kind,
        original_name=original_name,
        content_type=content_type,
        size=len(checked.data),
        original_size=original_size,
        sha256=hashlib.sha256(checked.data).hexdigest(),
        width=checked.width,
        height=checked.height,
        page_count=checked.page_count,
        captured_at=checked.captured_at,
        storage_name=stored_name,
        thumbnail_name=thumb_name,
    )
    return stored, ""


def legacy_files_to_stored_files(apps, schema_editor):
    Attachment = apps.get_model("invoices", "InvoiceAttachments")
    Event = apps.get_model("invoices", "InvoiceEvents")
    StoredFile = apps.get_model("files", "StoredFile")
    now = timezone.now()
    for attachment in Attachment.objects.filter(stored_file__isnull=True).iterator():
        stored, problem = _move(attachment, StoredFile)
        if stored is not None:
            attachment.stored_file = stored
            attachment.added_by = attachment.added_by or "system:migration"
            attachment.save(update_fields=["stored_file", "added_by"])
            continue
        path = attachment.file.name if attachment.file else ""
        Event.objects.create(
            invoice_id=attachment.invoice_id,
            at=now,
            actor="system:migration",
            kind="note",
            message=(
                f"Attachment '{attachment.filename or path}' was not moved to checked storage: {problem}."
                + (f" Its original is kept at '{path}' in file storage." if path else "")
            )[:2000],
        )
        attachment.delete()


class Migration(migrations.Migration):

    dependencies = [
        ('invoices', '0004_invoice_workflow'),
    ]

    operations = [
        migrations.RunPython(pending_to_received, received_to_pending),
        migrations.RunPython(legacy_files_to_stored_files, migrations.RunPython.noop),
    ]
