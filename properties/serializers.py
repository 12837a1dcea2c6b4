from rest_framework import serializers

from properties.models import Properties


class PropertySerializer(serializers.ModelSerializer):
    occupied_units = serializers.IntegerField(read_only=True)
    vacant_units = serializers.IntegerField(read_only=True)
    occupancy_rate = serializers.SerializerMethodField()

    class Meta:
        model = Properties
        fields = [
            "id",
            "name",
            "code",
            "portfolio",
            "property_type",
            "address",
            "city",
            "state",
            "zip_code",
            "jurisdiction_state",
            "jurisdiction_city",
            "year_built",
            "total_units",
            "building_count",
            "manager_name",
            "manager_email",
            "phone",
            "occupied_units",
            "vacant_units",
            "occupancy_rate",
            "created_at",
            "updated_at",
        ]

    def get_occupancy_rate(self, obj) -> float:
        total = getattr(obj, "unit_count", None) or obj.total_units
        return round(100.0 * (obj.occupied_units or 0) / total, 1) if total else 0.0
