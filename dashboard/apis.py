"""Dashboard API: thin views over the read models in dashboard.selectors."""

from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import ApplicationError
from core.permissions import Requires
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
