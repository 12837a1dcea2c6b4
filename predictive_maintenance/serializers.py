from rest_framework import serializers

from predictive_maintenance.models import Equipment, MaintenancePrediction


class EquipmentSerializer(serializers.ModelSerializer):
    property_name = serializers.CharField(source="property_ref.name", read_only=True)
    unit_number = serializers.CharField(source="unit.unit_number", read_only=True, default=None, allow_null=True)
    under_warranty = serializers.SerializerMethodField()
    lifespan_used_pct = serializers.SerializerMethodField()

    class Meta:
        model = Equipment
        fields = [
            "id",
            "property_ref",
            "property_name",
            "unit",
            "unit_number",
            "equipment_type",
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
            "under_warranty",
            "last_service_date",
            "condition",
            "replacement_cost",
            "created_at",
            "updated_at",
        ]

    def get_under_warranty(self, obj) -> bool:
        import datetime

        return bool(obj.warranty_expiration and obj.warranty_expiration >= datetime.date.today())

    def get_lifespan_used_pct(self, obj) -> float:
        return round(100.0 * obj.age_years / obj.expected_lifespan_years, 1) if obj.expected_lifespan_years else 0.0


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
