import django_filters
from rest_framework import viewsets

from core.apis import UUID_LOOKUP
from core.filters import iso_date_filter
from core.permissions import Requires
from units.models import UnitsMaintenance, UnitsUnit
from units.selectors import unit_list, work_order_list
from units.serializers import UnitSerializer, WorkOrderSerializer


class UnitFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=UnitsUnit.Status.choices)
    building = django_filters.CharFilter()
    floor = django_filters.NumberFilter()
    bedrooms = django_filters.NumberFilter()
    min_rent = django_filters.NumberFilter(field_name="current_rent", lookup_expr="gte")
    max_rent = django_filters.NumberFilter(field_name="current_rent", lookup_expr="lte")

    class Meta:
        model = UnitsUnit
        fields = ["property", "status", "building", "floor", "bedrooms"]


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [Requires("view_portfolio")]
    lookup_value_regex = UUID_LOOKUP
    serializer_class = UnitSerializer
    filterset_class = UnitFilter
    search_fields = ["unit_number", "property__name"]
    ordering_fields = ["unit_number", "building", "floor", "current_rent", "market_rent", "square_feet", "bedrooms"]
    ordering = ["property__name", "building", "unit_number"]

    def get_queryset(self):
        return unit_list()


class WorkOrderFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=UnitsMaintenance.Status.choices)
    category = django_filters.MultipleChoiceFilter(choices=UnitsMaintenance.Category.choices)
    priority = django_filters.MultipleChoiceFilter(choices=UnitsMaintenance.Priority.choices)
    requested_date__gte = iso_date_filter("requested_date", "gte")
    requested_date__lte = iso_date_filter("requested_date", "lte")

    class Meta:
        model = UnitsMaintenance
        fields = ["unit", "property", "assigned_vendor", "status", "category", "priority"]


class WorkOrderViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [Requires("view_maintenance")]
    lookup_value_regex = UUID_LOOKUP
    serializer_class = WorkOrderSerializer
    filterset_class = WorkOrderFilter
    search_fields = ["work_order_number", "title", "description", "unit__unit_number"]
    ordering_fields = ["requested_date", "completed_date", "actual_cost", "priority", "status"]
    ordering = ["-requested_date"]

    def get_queryset(self):
        return work_order_list()
