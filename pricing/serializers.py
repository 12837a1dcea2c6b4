from rest_framework import serializers

from core.formatting import actor_display
from pricing.models import MarketComp, PricingRun, PricingSnapshot


def unit_rent_now(unit):
    """The lease's rent when occupied; a vacant unit's asking rent (its market rent, else its last rent)."""
    if unit.status == "occupied":
        return unit.current_rent
    return unit.market_rent or unit.current_rent


class PricingSnapshotSerializer(serializers.ModelSerializer):
    """A unit's snapshot as the /pricing table shows it (unit facts joined by the selector)."""

    unit_id = serializers.UUIDField(read_only=True)
    property_id = serializers.UUIDField(read_only=True)
    unit_number = serializers.CharField(source="unit.unit_number", read_only=True)
    property_name = serializers.CharField(source="property.name", read_only=True)
    bedrooms = serializers.IntegerField(source="unit.bedrooms", read_only=True)
    bathrooms = serializers.DecimalField(source="unit.bathrooms", max_digits=3, decimal_places=1, read_only=True)
    square_feet = serializers.IntegerField(source="unit.square_feet", read_only=True)
    unit_status = serializers.CharField(source="unit.status", read_only=True)
    asking_rent = serializers.SerializerMethodField(help_text="Today's rent: the lease's, or a vacant unit's asking.")
    summary = serializers.SerializerMethodField()
    position = serializers.SerializerMethodField()
    price_drop = serializers.SerializerMethodField()
    applied_by_name = serializers.SerializerMethodField()

    class Meta:
        model = PricingSnapshot
        fields = [
            "id", "unit_id", "property_id", "unit_number", "property_name", "bedrooms", "bathrooms", "square_feet",
            "unit_status", "snapshot_date", "current_rent", "asking_rent", "market_rent", "recommended_rent",
            "rent_per_sqft", "market_rent_per_sqft", "rent_gap_amount", "rent_gap_pct", "position", "days_vacant",
            "is_vacant", "seasonal_factor", "demand_score", "comp_count", "confidence_score", "pricing_strategy",
            "summary", "price_drop", "applied_rent", "applied_at", "applied_by_name",
        ]  # fmt: skip

    def get_asking_rent(self, obj) -> str:
        return str(unit_rent_now(obj.unit))

    def get_summary(self, obj) -> str:
        return (obj.explanation or {}).get("summary", "")

    def get_position(self, obj) -> str:
        return (obj.explanation or {}).get("position", "")

    def get_price_drop(self, obj) -> dict | None:
        return (obj.explanation or {}).get("price_drop")

    def get_applied_by_name(self, obj) -> str:
        return actor_display(obj.applied_by) if obj.applied_by else ""


class MarketCompSerializer(serializers.ModelSerializer):
    class Meta:
        model = MarketComp
        fields = [
            "id", "source", "address", "bedrooms", "bathrooms", "square_feet", "rent", "distance_miles",
            "similarity_score",
        ]  # fmt: skip


class PricingSnapshotDetailSerializer(PricingSnapshotSerializer):
    """The latest snapshot with its explanation and the comps it lists."""

    explanation = serializers.JSONField(read_only=True)
    comps = MarketCompSerializer(many=True, read_only=True)

    class Meta(PricingSnapshotSerializer.Meta):
        fields = [*PricingSnapshotSerializer.Meta.fields, "explanation", "comps"]


class PricingHistoryPointSerializer(serializers.ModelSerializer):
    class Meta:
        model = PricingSnapshot
        fields = ["snapshot_date", "current_rent", "market_rent", "recommended_rent", "rent_gap_pct"]


class UnitPricingSerializer(serializers.Serializer):
    unit_id = serializers.UUIDField()
    unit_number = serializers.CharField()
    property_id = serializers.UUIDField()
    property_name = serializers.CharField()
    unit_status = serializers.CharField()
    asking_rent = serializers.DecimalField(max_digits=10, decimal_places=2)
    can_apply = serializers.BooleanField(help_text="Vacant (not occupied) and priced: the recommended rent applies.")
    latest = PricingSnapshotDetailSerializer(allow_null=True)
    history = PricingHistoryPointSerializer(many=True)


class RevenueByPropertySerializer(serializers.Serializer):
    property_id = serializers.UUIDField()
    property_name = serializers.CharField()
    units_analyzed = serializers.IntegerField()
    units_below = serializers.IntegerField()
    units_at = serializers.IntegerField()
    units_above = serializers.IntegerField()
    monthly_gap = serializers.DecimalField(max_digits=14, decimal_places=2, coerce_to_string=False)
    annual_opportunity = serializers.DecimalField(max_digits=16, decimal_places=2, coerce_to_string=False)
    avg_gap_pct = serializers.FloatField()


class GapBucketSerializer(serializers.Serializer):
    from_pct = serializers.FloatField(allow_null=True)
    to_pct = serializers.FloatField(allow_null=True)
    units = serializers.IntegerField()


class PricingRunSerializer(serializers.ModelSerializer):
    class Meta:
        model = PricingRun
        fields = ["id", "as_of", "units_priced", "snapshots_written", "accuracy", "summary", "created_at"]


class RevenueOpportunitySerializer(serializers.Serializer):
    snapshot_date = serializers.DateField(allow_null=True)
    total_units_analyzed = serializers.IntegerField()
    units_below_market = serializers.IntegerField()
    units_at_market = serializers.IntegerField()
    units_above_market = serializers.IntegerField()
    total_monthly_gap = serializers.DecimalField(max_digits=16, decimal_places=2, coerce_to_string=False)
    annual_revenue_opportunity = serializers.DecimalField(max_digits=18, decimal_places=2, coerce_to_string=False)
    avg_gap_pct = serializers.FloatField()
    at_market_band_pct = serializers.FloatField()
    by_property = RevenueByPropertySerializer(many=True)
    gap_distribution = GapBucketSerializer(many=True)
    vacant_units = serializers.IntegerField()
    model_accuracy = serializers.DictField(allow_null=True)
    last_run = PricingRunSerializer(allow_null=True)


class RevenueOpportunityInputSerializer(serializers.Serializer):
    property = serializers.UUIDField(required=False)


class RunEngineInputSerializer(serializers.Serializer):
    property = serializers.UUIDField(required=False, allow_null=True, help_text="One property; omit for all.")
