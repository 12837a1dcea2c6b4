from decimal import Decimal

from django.utils import timezone
from rest_framework import serializers

from core.fields import MoneyField
from core.formatting import actor_display
from predictive_maintenance import risk, rules
from predictive_maintenance.models import (
    Equipment,
    MaintenancePrediction,
    PreventiveWorkOrderSuggestion,
    UnitRiskScore,
)


class EquipmentSerializer(serializers.ModelSerializer):
    """A register entry. `warranty_state`: active / expiring (60 days or fewer left) / expired / none;
    `lifespan_used_pct`: age as a share of the expected lifespan. `today` comes from the context."""

    property = serializers.UUIDField(source="property_ref_id", read_only=True)
    property_name = serializers.CharField(source="property_ref.name", read_only=True)
    unit_number = serializers.CharField(source="unit.unit_number", read_only=True, default=None, allow_null=True)
    equipment_type_label = serializers.CharField(source="get_equipment_type_display", read_only=True)
    warranty_state = serializers.SerializerMethodField()
    warranty_days_left = serializers.SerializerMethodField()
    under_warranty = serializers.SerializerMethodField()
    lifespan_used_pct = serializers.SerializerMethodField()

    class Meta:
        model = Equipment
        fields = [
            "id",
            "property",
            "property_ref",
            "property_name",
            "unit",
            "unit_number",
            "building",
            "equipment_type",
            "equipment_type_label",
            "name",
            "manufacturer",
            "model_number",
            "serial_number",
            "install_date",
            "age_years",
            "expected_lifespan_years",
            "lifespan_used_pct",
            "warranty_provider",
            "warranty_expiration",
            "warranty_state",
            "warranty_days_left",
            "under_warranty",
            "last_service_date",
            "condition",
            "replacement_cost",
            "created_at",
            "updated_at",
        ]

    def _today(self):
        return self.context.get("today") or timezone.localdate()

    def get_warranty_state(self, obj) -> str:
        return rules.warranty_state(obj.warranty_expiration, self._today())

    def get_warranty_days_left(self, obj) -> int | None:
        return rules.warranty_days_left(obj.warranty_expiration, self._today())

    def get_under_warranty(self, obj) -> bool:
        return rules.warranty_state(obj.warranty_expiration, self._today()) in (rules.ACTIVE, rules.EXPIRING)

    def get_lifespan_used_pct(self, obj) -> float:
        return rules.lifespan_used_pct(obj.age_years, obj.expected_lifespan_years)


class EquipmentInputSerializer(serializers.Serializer):
    """POST (property, equipment_type, name, install_date required) and PATCH (any subset); the services check
    the dates against each other and the unit and building against the property."""

    property = serializers.UUIDField()
    unit = serializers.UUIDField(allow_null=True, required=False)
    building = serializers.CharField(max_length=20, required=False, allow_blank=True)
    equipment_type = serializers.ChoiceField(choices=Equipment.EquipmentType.choices)
    name = serializers.CharField(max_length=120)
    manufacturer = serializers.CharField(max_length=100, required=False, allow_blank=True)
    model_number = serializers.CharField(max_length=60, required=False, allow_blank=True)
    serial_number = serializers.CharField(max_length=60, required=False, allow_blank=True)
    install_date = serializers.DateField(input_formats=["%Y-%m-%d"])
    expected_lifespan_years = serializers.IntegerField(
        required=False, min_value=rules.LIFESPAN_RANGE[0], max_value=rules.LIFESPAN_RANGE[1]
    )
    warranty_provider = serializers.CharField(max_length=120, required=False, allow_blank=True)
    warranty_expiration = serializers.DateField(input_formats=["%Y-%m-%d"], required=False, allow_null=True)
    last_service_date = serializers.DateField(input_formats=["%Y-%m-%d"], required=False, allow_null=True)
    condition = serializers.ChoiceField(choices=["good", "fair", "poor"], required=False)
    replacement_cost = MoneyField(required=False, allow_null=True, min_value=Decimal("0"))


class MaintenancePredictionSerializer(serializers.ModelSerializer):
    unit_number = serializers.CharField(source="unit.unit_number", read_only=True, default=None, allow_null=True)

    class Meta:
        model = MaintenancePrediction
        fields = [
            "id",
            "equipment",
            "unit",
            "unit_number",
            "property_ref",
            "predicted_issue",
            "predicted_failure_date",
            "probability",
            "risk_level",
            "recommended_action",
            "estimated_cost",
            "status",
            "created_at",
        ]


# --- 2.3 risk scores and preventive suggestions ---------------------------------------------------------------


class UnitRiskScoreSerializer(serializers.ModelSerializer):
    """A unit's latest score. Factor values are 0-1; `weights` says how many of the 100 points each carries."""

    unit_number = serializers.CharField(source="unit.unit_number", read_only=True)
    building = serializers.CharField(source="unit.building", read_only=True)
    floor = serializers.IntegerField(source="unit.floor", read_only=True)
    property_name = serializers.CharField(source="property.name", read_only=True)
    predicted_cost_30_days = MoneyField(read_only=True)
    predicted_cost_90_days = MoneyField(read_only=True)
    total_cost_12_months = MoneyField(read_only=True)
    weights = serializers.SerializerMethodField()

    class Meta:
        model = UnitRiskScore
        fields = [
            "id",
            "unit",
            "unit_number",
            "building",
            "floor",
            "property",
            "property_name",
            "score_date",
            "risk_score",
            "risk_level",
            "wo_frequency_score",
            "wo_cost_score",
            "equipment_age_score",
            "repeat_issue_score",
            "seasonal_score",
            "weights",
            "predicted_next_wo_date",
            "predicted_next_wo_type",
            "predicted_cost_30_days",
            "predicted_cost_90_days",
            "wo_count_12_months",
            "total_cost_12_months",
            "avg_days_between_wo",
            "details",
            "created_at",
        ]
        read_only_fields = fields

    def get_weights(self, obj) -> dict:
        return risk.WEIGHTS


class SuggestionSerializer(serializers.ModelSerializer):
    unit_number = serializers.CharField(source="unit.unit_number", read_only=True)
    property = serializers.UUIDField(source="unit.property_id", read_only=True)
    property_name = serializers.CharField(source="unit.property.name", read_only=True)
    risk_score_value = serializers.FloatField(source="risk_score.risk_score", read_only=True)
    risk_level = serializers.CharField(source="risk_score.risk_level", read_only=True)
    score_date = serializers.DateField(source="risk_score.score_date", read_only=True)
    estimated_cost = MoneyField(read_only=True)
    work_order_number = serializers.CharField(
        source="work_order.work_order_number", read_only=True, default=None, allow_null=True
    )
    decided_by_name = serializers.SerializerMethodField()

    class Meta:
        model = PreventiveWorkOrderSuggestion
        fields = [
            "id",
            "unit",
            "unit_number",
            "property",
            "property_name",
            "risk_score",
            "risk_score_value",
            "risk_level",
            "score_date",
            "title",
            "description",
            "reasoning",
            "priority",
            "category",
            "estimated_cost",
            "suggested_date",
            "status",
            "work_order",
            "work_order_number",
            "ai_provider",
            "decided_by",
            "decided_by_name",
            "decided_at",
            "dismiss_reason",
            "created_at",
        ]
        read_only_fields = fields

    def get_decided_by_name(self, obj) -> str:
        return actor_display(obj.decided_by) if obj.decided_by else ""


class SuggestionDismissSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=500, allow_blank=False, trim_whitespace=True)


class RiskSummarySerializer(serializers.Serializer):
    score_date = serializers.DateField(allow_null=True)
    counts = serializers.DictField(child=serializers.IntegerField())
    total = serializers.IntegerField()
    pending_suggestions = serializers.IntegerField()
