from rest_framework import serializers

from units.models import UnitsMaintenance, UnitsUnit


class UnitSerializer(serializers.ModelSerializer):
    property_name = serializers.CharField(source="property.name", read_only=True)

    class Meta:
        model = UnitsUnit
        fields = [
            "id",
            "property",
            "property_name",
            "unit_number",
            "building",
            "floor",
            "unit_type",
            "bedrooms",
            "bathrooms",
            "square_feet",
            "market_rent",
            "current_rent",
            "status",
            "amenities",
            "created_at",
            "updated_at",
        ]


class WorkOrderSerializer(serializers.ModelSerializer):
    unit_number = serializers.CharField(source="unit.unit_number", read_only=True)
    property_name = serializers.CharField(source="property.name", read_only=True)
    vendor_name = serializers.CharField(source="assigned_vendor.name", read_only=True, default=None, allow_null=True)

    class Meta:
        model = UnitsMaintenance
        fields = [
            "id",
            "work_order_number",
            "unit",
            "unit_number",
            "property",
            "property_name",
            "title",
            "description",
            "category",
            "priority",
            "status",
            "requested_date",
            "scheduled_date",
            "completed_date",
            "estimated_cost",
            "actual_cost",
            "assigned_vendor",
            "vendor_name",
            "reported_by",
            "created_at",
            "updated_at",
        ]
