"""Portfolio import: one `ImportRun` per uploaded CSV, and `ImportKey`, the map from a file's `external_id` to
the record it created (so re-importing the same file updates, never duplicates).

The external ids live here, in one table, rather than as a column on properties, units, tenants and leases:
those apps keep their tables, and one import source's ids never collide with another kind's.
"""

from django.db import models

from core.models import BaseModel


class ImportRun(BaseModel):
    class Kind(models.TextChoices):
        PROPERTIES = "properties", "Properties"
        UNITS = "units", "Units"
        TENANTS = "tenants", "Tenants"
        LEASES = "leases", "Leases"

    class Status(models.TextChoices):
        VALIDATED = "validated", "Validated (dry run, no errors)"
        INVALID = "invalid", "Invalid (nothing written)"
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        COMMITTED = "committed", "Committed"
        FAILED = "failed", "Failed"

    kind = models.CharField(max_length=20, choices=Kind.choices)
    dry_run = models.BooleanField(default=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.QUEUED, db_index=True)
    file_name = models.CharField(max_length=255, blank=True, default="")
    total_rows = models.PositiveIntegerField(default=0)
    created_count = models.PositiveIntegerField(default=0)  # rows that create a record (would, on a dry run)
    updated_count = models.PositiveIntegerField(default=0)  # rows that update one (by external_id)
    error_count = models.PositiveIntegerField(default=0)  # rows with at least one error
    errors = models.JSONField(default=list, blank=True)  # [{row, column, message}], at most IMPORT_MAX_ERRORS
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=255, blank=True, default="")
    summary = models.JSONField(default=dict, blank=True)  # e.g. the lifecycle classification after leases
    job_id = models.UUIDField(null=True, blank=True)
    requested_by = models.CharField(max_length=150, blank=True, default="")
    content = models.TextField(blank=True, default="")  # the CSV, kept until a background commit has read it
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "import_run"
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.kind} import {self.pk} ({self.status})"


class ImportKey(models.Model):
    """`external_id` of `kind` (a column of the imported file) -> the id of the record it created."""

    kind = models.CharField(max_length=20, choices=ImportRun.Kind.choices)
    external_id = models.CharField(max_length=100)
    object_id = models.UUIDField(db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        db_table = "import_key"
        constraints = [models.UniqueConstraint(fields=["kind", "external_id"], name="import_key_unique_per_kind")]

    def __str__(self):
        return f"{self.kind}:{self.external_id}"
