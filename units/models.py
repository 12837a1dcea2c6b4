from django.db import models

from core.models import BaseModel
from core.scoping import ScopedManager


class UnitsUnit(BaseModel):
    class Status(models.TextChoices):
        OCCUPIED = "occupied", "Occupied"
        VACANT = "vacant", "Vacant"
        MAINTENANCE = "maintenance", "Maintenance"
        OFFLINE = "offline", "Offline"

    property = models.ForeignKey("properties.Properties", on_delete=models.CASCADE, related_name="units")
    unit_number = models.CharField(max_length=20)
    building = models.CharField(max_length=20, default="A")
    floor = models.PositiveSmallIntegerField(default=1)
    unit_type = models.CharField(max_length=30, blank=True, default="")  # e.g. "2BR/2BA"
    bedrooms = models.PositiveSmallIntegerField(default=1)
    bathrooms = models.DecimalField(max_digits=3, decimal_places=1, default=1)
    square_feet = models.PositiveIntegerField(default=0)
    market_rent = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    current_rent = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.VACANT, db_index=True)
    amenities = models.JSONField(default=list, blank=True)

    objects = ScopedManager()
    scope_property = "property_id"

    class Meta:
        db_table = "units_unit"
        ordering = ["property__name", "building", "unit_number"]
        constraints = [
            models.UniqueConstraint(fields=["property", "unit_number"], name="unit_number_unique_per_property")
        ]
        indexes = [models.Index(fields=["property", "building", "floor"])]
        verbose_name = "unit"

    def __str__(self):
        return f"{self.unit_number}"


class WorkOrderCategory(models.TextChoices):
    """What kind of work: a work order's category and a vendor's trade (one list for both, so dispatch can match
    them). The eleven trades of the maintenance base, plus make-ready work after a move-out (turnover, 2.1)."""

    PLUMBING = "plumbing", "Plumbing"
    ELECTRICAL = "electrical", "Electrical"
    HVAC = "hvac", "HVAC"
    APPLIANCE = "appliance", "Appliance"
    STRUCTURAL = "structural", "Structural"
    PEST = "pest", "Pest control"
    CLEANING = "cleaning", "Cleaning"
    PAINTING = "painting", "Painting"
    FLOORING = "flooring", "Flooring"
    LOCKS_SECURITY = "locks_security", "Locks / security"
    GENERAL = "general", "General"
    TURNOVER = "turnover", "Turnover / make-ready"


class UnitsMaintenance(BaseModel):
    """A maintenance work order on a unit. The flow (which status may follow which, what each move needs) is
    `units.workflow`; writes go through `units.services` (work_order_create / _update / _transition)."""

    Category = WorkOrderCategory

    class Priority(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"
        EMERGENCY = "emergency", "Emergency"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        ASSIGNED = "assigned", "Assigned"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        CLOSED = "closed", "Closed"
        CANCELLED = "cancelled", "Cancelled"

    work_order_number = models.CharField(max_length=20, unique=True)
    unit = models.ForeignKey(UnitsUnit, on_delete=models.CASCADE, related_name="work_orders")
    property = models.ForeignKey("properties.Properties", on_delete=models.CASCADE, related_name="work_orders")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    technician_notes = models.TextField(
        blank=True, default="", help_text="What the technician found and did (the responsibility review reads it)."
    )
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.GENERAL, db_index=True)
    priority = models.CharField(max_length=20, choices=Priority.choices, default=Priority.MEDIUM)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    requested_date = models.DateField(db_index=True)
    scheduled_date = models.DateField(null=True, blank=True)
    completed_date = models.DateField(null=True, blank=True)
    sla_due_date = models.DateField(
        null=True, blank=True, help_text="requested_date + the priority's target days (units.workflow)."
    )
    closed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the order became final (closed, or cancelled)."
    )
    estimated_cost = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    actual_cost = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    assigned_vendor = models.ForeignKey(
        "invoices.Vendor", on_delete=models.SET_NULL, null=True, blank=True, related_name="work_orders"
    )
    reported_by = models.CharField(max_length=120, blank=True, default="")
    # The lease and tenant in occupancy of the unit on the requested date (set on create, overridable).
    lease = models.ForeignKey(
        "tenants.TenantLease", on_delete=models.SET_NULL, null=True, blank=True, related_name="work_orders"
    )
    tenant = models.ForeignKey(
        "tenants.Tenants", on_delete=models.SET_NULL, null=True, blank=True, related_name="work_orders"
    )

    # Who pays (PRP "Tenant vs Owner Responsibility"): the latest determination, then the coordinator's decision.
    # Written only through units.services.work_order_responsibility_set / _disputed_set; the full history is the
    # responsibility app's decision log.
    class Responsibility(models.TextChoices):
        OWNER = "owner", "Owner"
        TENANT = "tenant", "Tenant"
        SHARED = "shared", "Shared"

    responsibility = models.CharField(max_length=10, choices=Responsibility.choices, blank=True, default="")
    responsibility_confidence = models.PositiveSmallIntegerField(null=True, blank=True, help_text="0-100.")
    responsibility_reasoning = models.TextField(blank=True, default="")
    tenant_charge_amount = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    responsibility_evidence = models.JSONField(default=dict, blank=True)
    responsibility_disputed = models.BooleanField(default=False)

    objects = ScopedManager()
    scope_property = "property_id"

    class Meta:
        db_table = "units_maintenance"
        ordering = ["-requested_date"]
        indexes = [
            models.Index(fields=["unit", "requested_date"]),
            # the list's usual questions: a property's open work by date, and what is past its SLA
            models.Index(fields=["property", "status", "requested_date"], name="wo_property_status_requested"),
            models.Index(fields=["status", "sla_due_date"], name="wo_status_sla_due"),
            models.Index(fields=["priority", "requested_date"], name="wo_priority_requested"),
        ]
        verbose_name = "work order"

    def __str__(self):
        return f"{self.work_order_number} {self.title}"


class WorkOrderEvent(BaseModel):
    """One line of a work order's timeline: created, fields changed, a status move, a file, a note."""

    class Kind(models.TextChoices):
        CREATED = "created", "Created"
        UPDATED = "updated", "Updated"
        STATUS = "status", "Status"
        FILE = "file", "File"
        NOTE = "note", "Note"

    work_order = models.ForeignKey(UnitsMaintenance, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    from_status = models.CharField(max_length=20, blank=True, default="")
    to_status = models.CharField(max_length=20, blank=True, default="")
    message = models.TextField(blank=True, default="")
    actor = models.CharField(max_length=100, default="system", help_text="`user:<email>` or `system`.")
    actor_name = models.CharField(max_length=150, blank=True, default="", help_text="The name shown (at the time).")

    objects = ScopedManager()
    scope_property = "work_order__property_id"

    class Meta:
        db_table = "units_work_order_event"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["work_order", "-created_at"], name="wo_event_order_created")]
        verbose_name = "work-order event"

    def __str__(self):
        return f"{self.work_order_id} {self.kind} {self.message[:40]}"


class WorkOrderFile(BaseModel):
    """A photo or document on a work order: a link to a `core.files` StoredFile (the bytes live there and are
    served through signed URLs the work-order API mints after its own record check)."""

    class Kind(models.TextChoices):
        PHOTO = "photo", "Photo"
        DOCUMENT = "document", "Document"

    work_order = models.ForeignKey(UnitsMaintenance, on_delete=models.CASCADE, related_name="files")
    file = models.ForeignKey("files.StoredFile", on_delete=models.CASCADE, related_name="work_order_links")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    added_by = models.CharField(max_length=100, default="system", help_text="`user:<email>` or `system`.")

    objects = ScopedManager()
    scope_property = "work_order__property_id"

    class Meta:
        db_table = "units_work_order_file"
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["work_order", "file"], name="wo_file_once_per_order")]
        verbose_name = "work-order file"

    def __str__(self):
        return f"{self.work_order_id} {self.kind} {self.file_id}"
