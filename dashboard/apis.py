"""Dashboard API: thin views over the read models in dashboard.selectors."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import ApplicationError
from core.permissions import Requires
from dashboard.search import global_search
from dashboard.selectors import dashboard_stats, property_unit_grid
from dashboard.serializers import DashboardStatsSerializer, UnitGridSerializer
from properties.models import Properties


class PropertyUnitGridApi(APIView):
    """Every unit of a property with its current lease (lifecycle state) and balance, for the honeycomb."""

    permission_classes = [Requires("view_portfolio")]

    @extend_schema(responses=UnitGridSerializer)
    def get(self, request, property_id):
        try:
            data = property_unit_grid(property_id=property_id)
        except Properties.DoesNotExist:
            raise ApplicationError("Property not found.", status_code=404)
        return Response(UnitGridSerializer(data).data)


class DashboardStatsApi(APIView):
    permission_classes = [Requires("view_portfolio")]

    @extend_schema(responses=DashboardStatsSerializer)
    def get(self, request):
        return Response(DashboardStatsSerializer(dashboard_stats()).data)


class SearchResultSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=["property", "unit", "tenant", "lease"])
    id = serializers.CharField()
    label = serializers.CharField()
    sublabel = serializers.CharField()
    url = serializers.CharField(help_text="Where the record opens in the app.")


class SearchApi(APIView):
    """The top bar's search: units by number, tenants by name, email or phone, properties, leases by number. At
    most 20 results, only from the caller's properties. `q` of 2 to 100 characters (shorter: no results)."""

    permission_classes = [Requires("view_portfolio")]

    @extend_schema(
        parameters=[OpenApiParameter("q", str, required=True, description="What to look for")],
        responses=inline_serializer(
            "SearchResults", {"query": serializers.CharField(), "results": SearchResultSerializer(many=True)}
        ),
    )
    def get(self, request):
        q = request.query_params.get("q", "")
        if len(q) > 100:
            raise ValidationError({"q": ["At most 100 characters."]})
        if "\x00" in q:
            raise ValidationError({"q": ["Not a valid search."]})
        return Response({"query": q, "results": global_search(q)})
