import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.generics import ListAPIView

from core.apis import UUID_LOOKUP
from core.permissions import Requires, SignedIn
from core.validation import validated
from properties.selectors import jurisdiction_rule_list, property_list
from properties.serializers import JurisdictionRuleQuerySerializer, JurisdictionRuleSerializer, PropertySerializer


class PropertyFilter(django_filters.FilterSet):
    state = django_filters.CharFilter(field_name="state", lookup_expr="iexact")
    city = django_filters.CharFilter(field_name="city", lookup_expr="iexact")
    property_type = django_filters.ChoiceFilter(choices=PropertySerializer.Meta.model.PropertyType.choices)


class PropertyViewSet(viewsets.ReadOnlyModelViewSet):
    """Properties with occupancy. Detail 404s as `{"detail": "Not found."}`."""

    permission_classes = [Requires("view_portfolio")]

    lookup_value_regex = UUID_LOOKUP
    serializer_class = PropertySerializer
    filterset_class = PropertyFilter
    search_fields = ["name", "code", "city", "address"]
    ordering_fields = ["name", "city", "state", "total_units", "year_built"]
    ordering = ["name"]

    def get_queryset(self):
        return property_list()


class JurisdictionRuleListApi(ListAPIView):
    """The law as data: every version of each rule, with its citation and plain-language summary.

    `?state=WA` (any case; 400 if not a US state code), `&city=Seattle` (the state's statewide rules plus
    that city's; needs `state`), `&rule_type=late_fee`, `&search=` (citation, summary, city). A starting point
    to be checked with counsel.
    """

    permission_classes = [SignedIn()]

    serializer_class = JurisdictionRuleSerializer
    filter_backends: list = []

    @extend_schema(parameters=[JurisdictionRuleQuerySerializer])
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        query = validated(JurisdictionRuleQuerySerializer, self.request.query_params)
        return jurisdiction_rule_list(
            state=query.get("state"),
            city=query.get("city"),
            rule_type=query.get("rule_type"),
            search=query.get("search"),
        )
