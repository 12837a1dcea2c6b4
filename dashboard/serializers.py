"""Output serializers of the dashboard read models (money as strings)."""

from rest_framework import serializers


class GridLeaseSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    lease_number = serializers.CharField()
    lease_status = serializers.CharField()
    tenant_id = serializers.UUIDField()
    tenant_name = serializers.CharField(source="tenant.full_name")
    lease_begin_date = serializers.DateField()
    lease_end_date = serializers.DateField(allow_null=True)
    monthly_rent_amount = serializers.DecimalField(max_digits=10, decimal_places=2)
    holdover_start_date = serializers.DateField(allow_null=True)
    notice_date = serializers.DateField(allow_null=True)
    notice_move_out_date = serializers.DateField(allow_null=True)
    actual_move_out_date = serializers.DateField(allow_null=True)


class GridUnitSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="unit.id")
    unit_number = serializers.CharField(source="unit.unit_number")
    building = serializers.CharField(source="unit.building")
    floor = serializers.IntegerField(source="unit.floor")
    bedrooms = serializers.IntegerField(source="unit.bedrooms")
    bathrooms = serializers.DecimalField(source="unit.bathrooms", max_digits=3, decimal_places=1)
    square_feet = serializers.IntegerField(source="unit.square_feet")
    current_rent = serializers.DecimalField(source="unit.current_rent", max_digits=10, decimal_places=2)
    market_rent = serializers.DecimalField(source="unit.market_rent", max_digits=10, decimal_places=2)
    status = serializers.CharField(source="unit.status")
    balance = serializers.DecimalField(max_digits=12, decimal_places=2)
    overdue_balance = serializers.DecimalField(max_digits=12, decimal_places=2)
    lease = GridLeaseSerializer(allow_null=True)


class UnitGridSerializer(serializers.Serializer):
    property = serializers.SerializerMethodField()
    units = GridUnitSerializer(many=True)

    def get_property(self, obj) -> dict:
        p = obj["property"]
        return {
            "id": str(p.id),
            "name": p.name,
            "code": p.code,
            "city": p.city,
            "state": p.state,
            "total_units": p.total_units,
        }


class LifecycleCountsSerializer(serializers.Serializer):
    active = serializers.IntegerField()
    month_to_month = serializers.IntegerField()
    notice = serializers.IntegerField()
    vacant = serializers.IntegerField()


class DashboardStatsSerializer(serializers.Serializer):
    properties = serializers.IntegerField()
    total_units = serializers.IntegerField()
    occupied_units = serializers.IntegerField()
    vacant_units = serializers.IntegerField()
    occupancy_rate = serializers.FloatField()
    monthly_rent_roll = serializers.DecimalField(max_digits=14, decimal_places=2)
    open_work_orders = serializers.IntegerField()
    overdue_balance = serializers.DecimalField(max_digits=14, decimal_places=2)
    delinquent_tenants = serializers.IntegerField()
    lifecycle = LifecycleCountsSerializer()
    expiring_30_days = serializers.IntegerField()
