from decimal import Decimal

from django.utils import timezone
from rest_framework import serializers

from core.fields import MoneyField
from predictive_maintenance import rules
from predictive_maintenance.models import Equipment, MaintenancePrediction


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
