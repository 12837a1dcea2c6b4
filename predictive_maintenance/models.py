from django.db import models

from core.models import BaseModel
from core.scoping import ScopedManager


class Equipment(BaseModel):
    class EquipmentType(models.TextChoices):
        HVAC = "hvac", "HVAC system"
        WATER_HEATER = "water_heater", "Water heater"
        REFRIGERATOR = "refrigerator", "Refrigerator"
        DISHWASHER = "dishwasher", "Dishwasher"
        WASHER = "washer", "Washer"
        DRYER = "dryer", "Dryer"
        RANGE = "range", "Range / oven"
        BOILER = "boiler", "Boiler"
        ROOF = "roof", "Roof"
        ELEVATOR = "elevator", "Elevator"

    property_ref = models.ForeignKey("properties.Properties", on_delete=models.CASCADE, related_name="equipment")
    unit = models.ForeignKey(
        "units.UnitsUnit", on_delete=models.CASCADE, null=True, blank=True, related_name="equipment"
    )
    # Where it stands: a unit (and that unit's building), a building without a unit (boilers, roofs, elevators),
    # or neither (property-wide: a pool heater, the site's irrigation).
    building = models.CharField(max_length=20, blank=True, default="")
    equipment_type = models.CharField(max_length=30, choices=EquipmentType.choices, db_index=True)
    name = models.CharField(max_length=120)
    manufacturer = models.CharField(max_length=100, blank=True, default="")
    model_number = models.CharField(max_length=60, blank=True, default="")
    serial_number = models.CharField(max_length=60, blank=True, default="")
    install_date = models.DateField()
    # Stored for set-based risk aggregation (spec 2.3 averages age_years / expected_lifespan_years): set by the
    # equipment services and the seed, kept current by equipment_ages_recompute (predictive_maintenance.rules).
    age_years = models.FloatField(default=0)
    expected_lifespan_years = models.PositiveSmallIntegerField(default=12)
    warranty_provider = models.CharField(max_length=120, blank=True, default="")
    warranty_expiration = models.DateField(null=True, blank=True)
    last_service_date = models.DateField(null=True, blank=True)
    condition = models.CharField(
        max_length=10, choices=[("good", "Good"), ("fair", "Fair"), ("poor", "Poor")], default="good"
    )
    replacement_cost = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)

    objects = ScopedManager()
    scope_property = "property_ref_id"

    class Meta:
        db_table = "equipment"
        ordering = ["property_ref__name", "equipment_type"]
        verbose_name_plural = "equipment"

    def __str__(self):
        return self.name


class MaintenancePrediction(BaseModel):
    class RiskLevel(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"
        CRITICAL = "critical", "Critical"

    equipment = models.ForeignKey(
        Equipment, on_delete=models.CASCADE, null=True, blank=True, related_name="predictions"
    )
    unit = models.ForeignKey(
        "units.UnitsUnit", on_delete=models.CASCADE, null=True, blank=True, related_name="maintenance_predictions"
    )
    property_ref = models.ForeignKey(
        "properties.Properties", on_delete=models.CASCADE, related_name="maintenance_predictions"
    )
    predicted_issue = models.CharField(max_length=200)
    predicted_failure_date = models.DateField(null=True, blank=True)
    probability = models.FloatField(default=0)
    risk_level = models.CharField(max_length=10, choices=RiskLevel.choices, default=RiskLevel.LOW, db_index=True)
    recommended_action = models.TextField(blank=True, default="")
    estimated_cost = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    status = models.CharField(
        max_length=20,
        choices=[("open", "Open"), ("scheduled", "Scheduled"), ("resolved", "Resolved"), ("dismissed", "Dismissed")],
        default="open",
    )

    objects = ScopedManager()
    scope_property = "property_ref_id"

    class Meta:
        db_table = "maintenance_prediction"
        ordering = ["-probability"]
