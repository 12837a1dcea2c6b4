"""Inspections (spec 3.1): a walk-through of a unit with photos room by room, each photo analysed (Claude vision or
the offline quality/change measure), reviewed by a person, and the damage found itemized.

Named so that move-in inspections (phase 4) fit: the session is `MoveOutInspection` as the spec names its table,
but a photo, its damage items and the comparison with an earlier photo of the same room belong to "an inspection"
(`InspectionPhoto`, `InspectionDamageItem`). Files are `core.files` StoredFiles (never paths): the spec's
`photo_url`/`thumbnail_url` are signed URLs the serializer makes from them.
"""

from django.db import models
from django.db.models import Q

from core.models import BaseModel
from core.scoping import ScopedManager

ROOMS = [
    ("living_room", "Living room"),
    ("kitchen", "Kitchen"),
    ("bedroom_1", "Bedroom 1"),
    ("bedroom_2", "Bedroom 2"),
    ("bedroom_3", "Bedroom 3"),
    ("bathroom_1", "Bathroom 1"),
    ("bathroom_2", "Bathroom 2"),
    ("dining_room", "Dining room"),
    ("hallway", "Hallway"),
    ("laundry", "Laundry"),
    ("closet", "Closet"),
    ("balcony", "Balcony / patio"),
    ("garage", "Garage"),
    ("exterior", "Exterior"),
]


class MoveOutInspection(BaseModel):
    """Move-out inspection session: a lease's unit, who inspected it and when, its photos and totals."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        AI_PROCESSING = "ai_processing", "AI processing"
        REVIEW = "review", "Review"
        FINALIZED = "finalized", "Finalized"

    turnover_case = models.OneToOneField(
        "turnover.TurnoverCase", on_delete=models.CASCADE, related_name="inspection", null=True, blank=True
    )
    unit = models.ForeignKey("units.UnitsUnit", on_delete=models.CASCADE, related_name="inspections")
    lease = models.ForeignKey("tenants.TenantLease", on_delete=models.CASCADE, related_name="inspections")
    property = models.ForeignKey("properties.Properties", on_delete=models.CASCADE, related_name="inspections")
    inspector_name = models.CharField(max_length=100)
    inspection_date = models.DateField()

    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS, db_index=True)

    # Recomputed from the photos and damage items (inspection_totals_refresh)
    total_damage_cost = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    total_wear_items = models.IntegerField(default=0)
    total_damage_items = models.IntegerField(default=0)

    deduction_letter = models.TextField(blank=True, default="")
    deduction_letter_subject = models.CharField(max_length=200, blank=True, default="")
    deduction_letter_provider = models.CharField(max_length=40, blank=True, default="")
    deduction_letter_generated_at = models.DateTimeField(null=True, blank=True)

    ai_processing_started_at = models.DateTimeField(null=True, blank=True)
    ai_processing_completed_at = models.DateTimeField(null=True, blank=True)
    ai_photos_total = models.IntegerField(default=0, help_text="Photos queued in the current analysis run.")
    ai_photos_done = models.IntegerField(default=0, help_text="Of those, analysed so far (the progress bar).")

    finalized_at = models.DateTimeField(null=True, blank=True)
    finalized_by = models.CharField(max_length=100, blank=True, default="")

    objects = ScopedManager()
    scope_property = "property_id"

    class Meta:
        db_table = "move_out_inspection"
        ordering = ["-inspection_date", "-created_at"]
        indexes = [models.Index(fields=["lease", "inspection_date"], name="inspection_lease_date")]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_damage_cost__gte=0) & Q(total_wear_items__gte=0) & Q(total_damage_items__gte=0),
                name="inspection_totals_not_negative",
                violation_error_message="Totals cannot be negative.",
            ),
            models.CheckConstraint(
                condition=~Q(status="finalized") | Q(finalized_at__isnull=False),
                name="inspection_finalized_has_time",
                violation_error_message="A finalized inspection needs its finalization time.",
            ),
        ]
        verbose_name = "move-out inspection"

    def __str__(self):
        return f"Inspection {self.unit_id} {self.inspection_date}"


class InspectionPhoto(BaseModel):
    """One photo of an inspection, its analysis (provider, model, confidence, quality measures, the change against
    an earlier photo of the same room) and its human review."""

    class Classification(models.TextChoices):
        PENDING = "pending", "Pending"
        CLEAN = "clean", "Clean"
        NORMAL_WEAR = "normal_wear", "Normal wear"
        DAMAGE = "damage", "Damage"
        NEEDS_REVIEW = "needs_review", "Needs review"

    inspection = models.ForeignKey(MoveOutInspection, on_delete=models.CASCADE, related_name="photos")
    room = models.CharField(max_length=50, choices=ROOMS)
    file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="inspection_photos")
    photo_order = models.IntegerField(default=0)

    # AI analysis
    ai_analyzed = models.BooleanField(default=False)
    ai_classification = models.CharField(max_length=20, choices=Classification.choices, default=Classification.PENDING)
    ai_confidence = models.FloatField(null=True, blank=True)
    ai_description = models.TextField(blank=True, default="")
    ai_damage_items = models.JSONField(default=list, blank=True, help_text="The model's items, as it proposed them.")
    ai_provider = models.CharField(max_length=40, blank=True, default="")
    ai_model = models.CharField(max_length=100, blank=True, default="")
    ai_analyzed_at = models.DateTimeField(null=True, blank=True)
    ai_error = models.CharField(max_length=300, blank=True, default="")
    retake = models.BooleanField(default=False, help_text="Too blurry, dark or small to judge: take it again.")
    quality = models.JSONField(default=dict, blank=True, help_text="Measured: size, brightness, blur variance.")

    # Change against an earlier photo of the same room of the same unit
    compared_photo = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="compared_by"
    )
    change_score = models.FloatField(null=True, blank=True, help_text="Share of the aligned image that changed.")
    similarity = models.FloatField(null=True, blank=True, help_text="Structural similarity (SSIM) of the two.")
    overlay_file = models.ForeignKey(
        "files.StoredFile", on_delete=models.SET_NULL, null=True, blank=True, related_name="inspection_overlays"
    )

    # Human review
    human_classification = models.CharField(max_length=20, choices=Classification.choices, blank=True, default="")
    human_override = models.BooleanField(default=False)
    reviewed_by = models.CharField(max_length=100, blank=True, default="")
    reviewed_at = models.DateTimeField(null=True, blank=True)

    objects = ScopedManager()
    scope_property = "inspection__property_id"

    class Meta:
        db_table = "inspection_photo"
        ordering = ["room", "photo_order", "created_at"]
        indexes = [models.Index(fields=["inspection", "room"], name="inspection_photo_room")]
        verbose_name = "inspection photo"

    @property
    def classification(self) -> str:
        """The final classification: the reviewer's when overridden, else the analysis'."""
        return (
            self.human_classification if self.human_override and self.human_classification else self.ai_classification
        )

    def __str__(self):
        return f"{self.room} #{self.photo_order}"


class InspectionDamageItem(BaseModel):
    """One damage item found in a photo: proposed by the model (`ai_detected`) or added by the reviewer. Cost
    defaults to the midpoint of the spec's cost table for the category and severity (inspections.costs)."""

    class Category(models.TextChoices):
        WALL_DAMAGE = "wall_damage", "Wall damage"
        FLOOR_DAMAGE = "floor_damage", "Floor damage"
        FIXTURE_DAMAGE = "fixture_damage", "Fixture damage"
        APPLIANCE_DAMAGE = "appliance_damage", "Appliance damage"
        CLEANING_NEEDED = "cleaning_needed", "Cleaning needed"
        OTHER = "other", "Other"

    class Severity(models.TextChoices):
        MINOR = "minor", "Minor"
        MODERATE = "moderate", "Moderate"
        SEVERE = "severe", "Severe"

    photo = models.ForeignKey(InspectionPhoto, on_delete=models.CASCADE, related_name="damage_items")
    item = models.CharField(max_length=200)
    category = models.CharField(max_length=30, choices=Category.choices)
    severity = models.CharField(max_length=10, choices=Severity.choices)
    location = models.CharField(max_length=200, blank=True, default="")
    estimated_cost = models.DecimalField(max_digits=10, decimal_places=2)
    # A replacement of something with a useful life (units.useful_life): charged by the life left.
    life_item = models.CharField(max_length=40, blank=True, default="")
    item_age_years = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True)
    ai_detected = models.BooleanField(default=False)
    edited_by = models.CharField(max_length=100, blank=True, default="")

    objects = ScopedManager()
    scope_property = "photo__inspection__property_id"

    class Meta:
        db_table = "inspection_damage_item"
        ordering = ["created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimated_cost__gte=0),
                name="inspection_item_cost_not_negative",
                violation_error_message="A cost cannot be negative.",
            ),
            models.CheckConstraint(
                condition=(Q(life_item="") & Q(item_age_years__isnull=True))
                | (~Q(life_item="") & Q(item_age_years__isnull=False)),
                name="inspection_item_life_with_age",
                violation_error_message="A useful-life item needs its age (and an age needs the item).",
            ),
        ]
        verbose_name = "inspection damage item"

    def __str__(self):
        return self.item
