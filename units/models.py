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
    """A maintenance work order on a unit."""

    Category = WorkOrderCategory

    class Priority(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"
        EMERGENCY = "emergency", "Emergency"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"
        CANCELLED = "cancelled", "Cancelled"

    work_order_number = models.CharField(max_length=20, unique=True)
    unit = models.ForeignKey(UnitsUnit, on_delete=models.CASCADE, related_name="work_orders")
    property = models.ForeignKey("properties.Properties", on_delete=models.CASCADE, related_name="work_orders")
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True, default="")
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.GENERAL, db_index=True)
    priority = models.CharField(max_length=20, choices=Priority.choices, default=Priority.MEDIUM)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True)
    requested_date = models.DateField(db_index=True)
    scheduled_date = models.DateField(null=True, blank=True)
    completed_date = models.DateField(null=True, blank=True)
    estimated_cost = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    actual_cost = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    assigned_vendor = models.ForeignKey(
        "invoices.Vendor", on_delete=models.SET_NULL, null=True, blank=True, related_name="work_orders"
    )
    reported_by = models.CharField(max_length=120, blank=True, default="")

    objects = ScopedManager()
    scope_property = "property_id"

    class Meta:
        db_table = "units_maintenance"
        ordering = ["-requested_date"]
        indexes = [models.Index(fields=["unit", "requested_date"])]
        verbose_name = "work order"

    def __str__(self):
        return f"{self.work_order_number} {self.title}"
