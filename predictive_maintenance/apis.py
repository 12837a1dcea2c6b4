"""Predictive-maintenance API. Equipment (`equipment/`): the register of the caller's properties — list (filters
`property`, `unit`, `building`, `equipment_type`, `condition`, `warranty_state`, `search`, `ordering`), detail,
`export/` (CSV of the same filter), create, PATCH. Read `view_maintenance`, write `manage_maintenance`."""

import django_filters
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.apis import UUID_LOOKUP
from core.csv_export import csv_response
from core.filters import FILTER_BACKENDS, ChoiceInFilter, iso_date_filter
from core.idempotency import idempotent
from core.permissions import Requires
from core.validation import validated
from predictive_maintenance import rules
from predictive_maintenance.models import Equipment, MaintenancePrediction
from predictive_maintenance.selectors import equipment_list, equipment_warranty_q, prediction_list
from predictive_maintenance.serializers import (
    EquipmentInputSerializer,
    EquipmentSerializer,
    MaintenancePredictionSerializer,
)
from predictive_maintenance.services import equipment_create, equipment_update


class EquipmentFilter(django_filters.FilterSet):
    property = django_filters.UUIDFilter(field_name="property_ref")
    building = django_filters.CharFilter(field_name="building", lookup_expr="iexact")
    equipment_type = ChoiceInFilter(choices=Equipment.EquipmentType.choices)
    condition = ChoiceInFilter(choices=[("good", "Good"), ("fair", "Fair"), ("poor", "Poor")])
    warranty_state = django_filters.ChoiceFilter(
        choices=[(s, s) for s in rules.WARRANTY_STATES],
        method="filter_warranty_state",
        help_text="active (more than 60 days left), expiring (60 days or fewer), expired, none.",
    )
    warranty_expiration__lte = iso_date_filter("warranty_expiration", "lte")
    warranty_expiration__gte = iso_date_filter("warranty_expiration", "gte")

    class Meta:
        model = Equipment
        fields = ["unit", "property_ref", "building", "equipment_type", "condition", "warranty_state"]

    def filter_warranty_state(self, queryset, name, value):
        return queryset.filter(equipment_warranty_q(value, timezone.localdate()))


class EquipmentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet
):
    """The equipment register: per unit, per building (unit empty, building set) or property-wide (both
    empty). A record outside the caller's properties is a 404."""

    permission_classes = [Requires("view_maintenance", write="manage_maintenance")]
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_regex = UUID_LOOKUP
    serializer_class = EquipmentSerializer
    filter_backends = FILTER_BACKENDS
    filterset_class = EquipmentFilter
    search_fields = ["name", "manufacturer", "model_number", "serial_number", "unit__unit_number", "building"]
    ordering_fields = [
        "install_date",
        "age_years",
        "lifespan_used",
        "warranty_expiration",
        "equipment_type",
        "name",
        "building",
        "condition",
        "last_service_date",
        "expected_lifespan_years",
        "replacement_cost",
        "property_ref__name",
        "unit__unit_number",
    ]
    ordering = ["property_ref__name", "building", "unit__unit_number", "equipment_type"]  # a register, by place

    def get_queryset(self):
        return equipment_list()

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    def _representation(self, equipment, code=status.HTTP_200_OK) -> Response:
        fresh = equipment_list().get(pk=equipment.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    @extend_schema(request=EquipmentInputSerializer, responses={201: EquipmentSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        equipment = equipment_create(**validated(EquipmentInputSerializer, request.data))
        return self._representation(equipment, status.HTTP_201_CREATED)

    @extend_schema(request=EquipmentInputSerializer, responses=EquipmentSerializer)
    def partial_update(self, request, *args, **kwargs):
        equipment = self.get_object()
        serializer = EquipmentInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        return self._representation(equipment_update(equipment=equipment, data=dict(serializer.validated_data)))

    EXPORT_COLUMNS = [
        ("property_name", lambda e, t: e.property_ref.name),
        ("building", lambda e, t: e.building),
        ("unit_number", lambda e, t: e.unit.unit_number if e.unit_id else ""),
        ("equipment_type", lambda e, t: e.get_equipment_type_display()),
        ("name", lambda e, t: e.name),
        ("manufacturer", lambda e, t: e.manufacturer),
        ("model_number", lambda e, t: e.model_number),
        ("serial_number", lambda e, t: e.serial_number),
        ("install_date", lambda e, t: e.install_date),
        ("age_years", lambda e, t: e.age_years),
        ("expected_lifespan_years", lambda e, t: e.expected_lifespan_years),
        ("lifespan_used_pct", lambda e, t: rules.lifespan_used_pct(e.age_years, e.expected_lifespan_years)),
        ("warranty_provider", lambda e, t: e.warranty_provider),
        ("warranty_expiration", lambda e, t: e.warranty_expiration),
        ("warranty_state", lambda e, t: rules.warranty_state(e.warranty_expiration, t)),
        ("last_service_date", lambda e, t: e.last_service_date),
        ("condition", lambda e, t: e.condition),
        ("replacement_cost", lambda e, t: e.replacement_cost),
        ("id", lambda e, t: e.pk),
    ]

    @extend_schema(responses={(200, "text/csv"): OpenApiResponse(description="CSV of the filtered equipment")})
    @action(detail=False, methods=["get"], pagination_class=None)
    def export(self, request, *args, **kwargs):
        """The filtered register as CSV (same filters, search and ordering; every row)."""
        today = timezone.localdate()
        qs = self.filter_queryset(self.get_queryset())
        columns = [(name, lambda equipment, get=get: get(equipment, today)) for name, get in self.EXPORT_COLUMNS]
        return csv_response(
            rows=qs.iterator(chunk_size=1000), columns=columns, filename=f"equipment-{today.isoformat()}.csv"
        )


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
