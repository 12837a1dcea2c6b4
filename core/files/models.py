from django.conf import settings
from django.db import models

from core.models import BaseModel


class StoredFile(BaseModel):
    """One uploaded file, checked by its content and stored through Django's storage API (never public).

    The owning feature says what it is for (`purpose`); a feature that attaches the file to one of its records
    keeps the link on its own side (the file knows nothing about features, `core` imports none)."""

    class Purpose(models.TextChoices):
        WORK_ORDER = "work_order", "Work order"
        INSPECTION = "inspection", "Inspection"
        INVOICE = "invoice", "Invoice"
        DOCUMENT = "document", "Document"
        APPLICATION = "application", "Application"
        OTHER = "other", "Other"

    class Kind(models.TextChoices):
        IMAGE = "image", "Image"
        PDF = "pdf", "PDF"

    purpose = models.CharField(max_length=16, choices=Purpose.choices, db_index=True)
    kind = models.CharField(max_length=8, choices=Kind.choices)
    original_name = models.CharField(max_length=255, help_text="The name the uploader's device gave it (shown only).")
    content_type = models.CharField(max_length=64, help_text="Sniffed from the bytes, not taken from the upload.")
    size = models.PositiveBigIntegerField(help_text="Bytes as stored (images after re-encoding).")
    original_size = models.PositiveBigIntegerField(help_text="Bytes as uploaded.")
    sha256 = models.CharField(max_length=64, db_index=True, help_text="SHA-256 of the stored bytes.")
    width = models.PositiveIntegerField(null=True, blank=True)
    height = models.PositiveIntegerField(null=True, blank=True)
    page_count = models.PositiveIntegerField(null=True, blank=True)
    captured_at = models.DateTimeField(
        null=True, blank=True, help_text="When the photo was taken (EXIF DateTimeOriginal), kept before stripping."
    )
    storage_name = models.CharField(max_length=255, help_text="The name in the storage backend (random, not public).")
    thumbnail_name = models.CharField(max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="stored_files"
    )

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["uploaded_by", "created_at"], name="files_uploader_created")]

    def __str__(self) -> str:
        return f"{self.original_name} ({self.content_type}, {self.size} bytes)"
