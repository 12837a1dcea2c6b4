import django_filters
from rest_framework import viewsets

from core.apis import UUID_LOOKUP
from properties.selectors import property_list
from properties.serializers import PropertySerializer


class PropertyFilter(django_filters.FilterSet):
    state = django_filters.CharFilter(field_name="state", lookup_expr="iexact")
    city = django_filters.CharFilter(field_name="city", lookup_expr="iexact")
    property_type = django_filters.ChoiceFilter(choices=PropertySerializer.Meta.model.PropertyType.choices)


class PropertyViewSet(viewsets.ReadOnlyModelViewSet):
    """Properties with occupancy. Detail 404s as `{"detail": "Not found."}`."""

    lookup_value_regex = UUID_LOOKUP
    serializer_class = PropertySerializer
    filterset_class = PropertyFilter
    search_fields = ["name", "code", "city", "address"]
    ordering_fields = ["name", "city", "state", "total_units", "year_built"]
    ordering = ["name"]

    def get_queryset(self):
        return property_list()
