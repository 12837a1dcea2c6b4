import django_filters
from rest_framework import viewsets

from core.apis import UUID_LOOKUP
from core.filters import iso_date_filter
from core.permissions import Requires
from predictive_maintenance.models import Equipment, MaintenancePrediction
from predictive_maintenance.selectors import equipment_list, prediction_list
from predictive_maintenance.serializers import EquipmentSerializer, MaintenancePredictionSerializer


class EquipmentFilter(django_filters.FilterSet):
    property = django_filters.UUIDFilter(field_name="property_ref")
    warranty_expiration__lte = iso_date_filter("warranty_expiration", "lte")
    warranty_expiration__gte = iso_date_filter("warranty_expiration", "gte")

    class Meta:
        model = Equipment
        fields = ["unit", "property_ref", "equipment_type", "condition"]


class EquipmentViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [Requires("view_maintenance")]
    lookup_value_regex = UUID_LOOKUP
    serializer_class = EquipmentSerializer
    filterset_class = EquipmentFilter
    search_fields = ["name", "manufacturer", "serial_number"]
    ordering_fields = ["install_date", "age_years", "warranty_expiration", "equipment_type"]
    ordering = ["equipment_type", "install_date"]

    def get_queryset(self):
        return equipment_list()


class PredictionFilter(django_filters.FilterSet):
    property = django_filters.UUIDFilter(field_name="property_ref")

    class Meta:
        model = MaintenancePrediction
        fields = ["unit", "property_ref", "risk_level", "status"]


class MaintenancePredictionViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [Requires("view_maintenance")]
    lookup_value_regex = UUID_LOOKUP
    serializer_class = MaintenancePredictionSerializer
    filterset_class = PredictionFilter
    ordering_fields = ["probability", "predicted_failure_date", "created_at"]
    ordering = ["-probability"]

    def get_queryset(self):
        return prediction_list()
