"""Dynamic pricing (spec 2.2): a daily price per unit, with the comps and adjustments that explain it.

Snapshots are written only by the daily engine (`pricing.services.pricing_engine_run`); a manager applying a
vacant unit's recommended rent is recorded on that day's snapshot (`applied_*`), the unit's rent itself is
changed through `units.services`.
"""

from django.db import models

from core.models import BaseModel
from core.scoping import ScopedManager


class PricingSnapshot(BaseModel):
    """Daily pricing snapshot for a unit (one per unit per day)."""

    class Strategy(models.TextChoices):
        AGGRESSIVE = "aggressive", "Aggressive"
        MARKET = "market", "Market"
        CONSERVATIVE = "conservative", "Conservative"
        LEASE_UP = "lease_up", "Lease-up"
        PREMIUM = "premium", "Premium"

    # No single-column indexes on unit, property or created_at: the unique (unit, snapshot_date) and the
    # (property, snapshot_date) index serve every lookup, and each index is written for every row the engine adds.
    unit = models.ForeignKey(
        "units.UnitsUnit", on_delete=models.CASCADE, related_name="pricing_snapshots", db_index=False
    )
    property = models.ForeignKey(
        "properties.Properties", on_delete=models.CASCADE, related_name="pricing_snapshots", db_index=False
    )
    snapshot_date = models.DateField(db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    current_rent = models.DecimalField(max_digits=10, decimal_places=2, null=True)
    market_rent = models.DecimalField(max_digits=10, decimal_places=2)
    recommended_rent = models.DecimalField(max_digits=10, decimal_places=2)
    rent_per_sqft = models.DecimalField(max_digits=6, decimal_places=2, null=True)
    market_rent_per_sqft = models.DecimalField(max_digits=6, decimal_places=2, null=True)

    # Gap analysis
    rent_gap_amount = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    rent_gap_pct = models.FloatField(default=0)  # negative = below market

    # Factors
    days_vacant = models.IntegerField(default=0)
    seasonal_factor = models.FloatField(default=1.0)  # 0.95 to 1.05
    demand_score = models.FloatField(default=0.5)  # 0.0 to 1.0
    comp_count = models.IntegerField(default=0)  # number of comps used

    # Confidence
    confidence_score = models.FloatField(default=0.5)
    pricing_strategy = models.CharField(max_length=30, choices=Strategy.choices, default=Strategy.MARKET)

    # Beyond the spec: what the screens need to explain and act on the price.
    is_vacant = models.BooleanField(default=False, help_text="The unit was not occupied on the snapshot date.")
    explanation = models.JSONField(
        default=dict, blank=True, help_text="method, summary, adjustments, fallback, strategy reason, price drop."
    )
    fingerprint = models.CharField(
        max_length=40, default="", help_text="Hash of the decision: a rerun the same day rewrites only what changed."
    )
    applied_rent = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied_by = models.CharField(max_length=100, blank=True, default="", help_text="`user:<email>`.")

    objects = ScopedManager()
    scope_property = "property_id"

    class Meta:
        db_table = "pricing_snapshot"
        ordering = ["-snapshot_date"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "snapshot_date"], name="pricing_snapshot_one_per_unit_per_day")
        ]
        indexes = [models.Index(fields=["property", "snapshot_date"])]
        verbose_name = "pricing snapshot"

    def __str__(self):
        return f"{self.unit_id} {self.snapshot_date}: {self.market_rent}"


class MarketComp(BaseModel):
    """Comparable unit/listing used for pricing (the engine lists a snapshot's most similar comps)."""

    snapshot = models.ForeignKey(PricingSnapshot, on_delete=models.CASCADE, related_name="comps")
    created_at = models.DateTimeField(auto_now_add=True)  # not indexed: comps are only read by their snapshot
    source = models.CharField(max_length=50)  # 'internal', 'zillow', 'apartments_com'
    address = models.CharField(max_length=300)
    bedrooms = models.IntegerField()
    bathrooms = models.DecimalField(max_digits=3, decimal_places=1)
    square_feet = models.IntegerField(null=True)
    rent = models.DecimalField(max_digits=10, decimal_places=2)
    distance_miles = models.FloatField(null=True)
    similarity_score = models.FloatField()  # 0.0 to 1.0

    objects = ScopedManager()
    scope_property = "snapshot__property_id"

    class Meta:
        db_table = "pricing_market_comp"
        ordering = ["-similarity_score", "address"]
        verbose_name = "market comp"

    def __str__(self):
        return f"{self.address}: {self.rent}"


class PricingRun(BaseModel):
    """One run of the engine (daily, by hand, or a backfill day): what it priced and how accurate the model is."""

    as_of = models.DateField(db_index=True)
    property = models.ForeignKey(
        "properties.Properties", on_delete=models.CASCADE, null=True, blank=True, related_name="pricing_runs"
    )
    units_priced = models.PositiveIntegerField(default=0)
    snapshots_written = models.PositiveIntegerField(default=0)
    comps_written = models.PositiveIntegerField(default=0)
    accuracy = models.JSONField(default=dict, blank=True, help_text="Leave-one-out: units, median_abs_pct_error, ...")
    seconds = models.FloatField(default=0)
    summary = models.CharField(max_length=255, blank=True, default="")
    started_by = models.CharField(max_length=100, default="system")

    objects = ScopedManager()

    @classmethod
    def scope_q(cls, property_ids, scope):
        """A portfolio-wide run (no property) is everyone's; a property's run belongs to that property."""
        return models.Q(property__isnull=True) | models.Q(property_id__in=property_ids)

    class Meta:
        db_table = "pricing_run"
        ordering = ["-created_at"]
        verbose_name = "pricing run"

    def __str__(self):
        return f"{self.as_of}: {self.summary}"
