import uuid

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


class UnitRiskScore(models.Model):
    """A unit's maintenance risk on one day (spec 2.3): the five factors (each 0-1), the weighted 0-100 score, its
    level, and the predictions the weekly agent derives (predictive_maintenance.risk). One row per unit per day."""

    class RiskLevel(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"
        CRITICAL = "critical", "Critical"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    unit = models.ForeignKey("units.UnitsUnit", on_delete=models.CASCADE, related_name="risk_scores")
    property = models.ForeignKey("properties.Properties", on_delete=models.CASCADE, related_name="unit_risk_scores")
    score_date = models.DateField(db_index=True)

    risk_score = models.FloatField()  # 0-100
    risk_level = models.CharField(max_length=20, choices=RiskLevel.choices)

    wo_frequency_score = models.FloatField(default=0)
    wo_cost_score = models.FloatField(default=0)
    equipment_age_score = models.FloatField(default=0)
    repeat_issue_score = models.FloatField(default=0)
    seasonal_score = models.FloatField(default=0)

    predicted_next_wo_date = models.DateField(null=True)
    predicted_next_wo_type = models.CharField(max_length=100, blank=True, default="")
    predicted_cost_30_days = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    predicted_cost_90_days = models.DecimalField(max_digits=10, decimal_places=2, default=0)

    wo_count_12_months = models.IntegerField(default=0)
    total_cost_12_months = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    avg_days_between_wo = models.IntegerField(default=0)
    # What the factors rest on, for the card's bars and the suggestion's reasoning (not in the spec's list):
    # {"repeat_issues": [{"category", "keyword", "count"}], "equipment": {"type", "name", "used_pct", "life"},
    #  "peak_month": 7, "categories": {"hvac": 3, ...}}
    details = models.JSONField(default=dict, blank=True)

    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    scope_property = "property_id"

    class Meta:
        db_table = "unit_risk_score"
        unique_together = [["unit", "score_date"]]
        indexes = [models.Index(fields=["property", "score_date", "risk_level"])]

    def __str__(self):
        return f"{self.unit_id} {self.score_date} {self.risk_score}"


class PreventiveWorkOrderSuggestion(models.Model):
    """A preventive work order the agent proposes for a high or critical unit; a manager approves it (the work
    order is created through units.services and linked here) or dismisses it (who and why are kept)."""

    class Status(models.TextChoices):
        SUGGESTED = "suggested", "Suggested"
        APPROVED = "approved", "Approved"
        WORK_ORDER_CREATED = "work_order_created", "Work order created"
        DISMISSED = "dismissed", "Dismissed"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    unit = models.ForeignKey("units.UnitsUnit", on_delete=models.CASCADE, related_name="preventive_suggestions")
    risk_score = models.ForeignKey(UnitRiskScore, on_delete=models.CASCADE, related_name="suggestions")

    title = models.CharField(max_length=200)
    description = models.TextField()
    priority = models.CharField(max_length=20)  # low, medium, high, urgent
    category = models.CharField(max_length=50)  # plumbing, electrical, hvac, etc.
    estimated_cost = models.DecimalField(max_digits=10, decimal_places=2)
    reasoning = models.TextField()
    suggested_date = models.DateField()

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.SUGGESTED, db_index=True)
    work_order = models.ForeignKey("units.UnitsMaintenance", on_delete=models.SET_NULL, null=True, blank=True)
    # Not in the spec's list: the AI provider that wrote the text, and who decided and why.
    ai_provider = models.CharField(max_length=20, blank=True, default="")
    decided_by = models.CharField(max_length=100, blank=True, default="")
    decided_at = models.DateTimeField(null=True, blank=True)
    dismiss_reason = models.TextField(blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedManager()
    scope_property = "unit__property_id"

    class Meta:
        db_table = "preventive_wo_suggestion"
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["unit", "status"], name="pwo_suggestion_unit_status")]

    def __str__(self):
        return self.title
