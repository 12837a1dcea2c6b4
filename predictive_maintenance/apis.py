"""Predictive-maintenance API. Equipment (`equipment/`): the register of the caller's properties — list (filters
`property`, `unit`, `building`, `equipment_type`, `condition`, `warranty_state`, `search`, `ordering`), detail,
`export/` (CSV of the same filter), create, PATCH. Read `view_maintenance`, write `manage_maintenance`."""

import django_filters
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import mixins, status, viewsets
from rest_framework import serializers as drf_serializers
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.views import APIView

from core.apis import UUID_LOOKUP
from core.csv_export import csv_response
from core.exceptions import ApplicationError
from core.filters import FILTER_BACKENDS, ChoiceInFilter, iso_date_filter
from core.idempotency import idempotent
from core.permissions import Requires
from core.services import actor_label
from core.utils import parse_uuid
from core.validation import validated
from predictive_maintenance import risk, rules
from predictive_maintenance.models import (
    Equipment,
    MaintenancePrediction,
    PreventiveWorkOrderSuggestion,
    UnitRiskScore,
)
from predictive_maintenance.selectors import (
    equipment_list,
    equipment_warranty_q,
    prediction_list,
    risk_heatmap,
    risk_level_counts,
    risk_score_latest_date,
    risk_score_list,
    suggestion_list,
)
from predictive_maintenance.serializers import (
    EquipmentInputSerializer,
    EquipmentSerializer,
    MaintenancePredictionSerializer,
    RiskSummarySerializer,
    SuggestionDismissSerializer,
    SuggestionSerializer,
    UnitRiskScoreSerializer,
)
from predictive_maintenance.services import (
    equipment_create,
    equipment_update,
    suggestion_approve,
    suggestion_dismiss,
)


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


# --- 2.3 risk scores, heatmap, preventive suggestions ----------------------------------------------------------

LEVEL_CHOICES = [(level, level.capitalize()) for level in risk.LEVELS]


class RiskScoreFilter(django_filters.FilterSet):
    property = django_filters.UUIDFilter(field_name="property_id")
    unit = django_filters.UUIDFilter(field_name="unit_id")
    building = django_filters.CharFilter(field_name="unit__building", lookup_expr="iexact")
    risk_level = ChoiceInFilter(choices=LEVEL_CHOICES, help_text="One level or several: critical,high")
    min_score = django_filters.NumberFilter(field_name="risk_score", lookup_expr="gte")

    class Meta:
        model = UnitRiskScore
        fields = ["property", "unit", "building", "risk_level", "min_score"]


class RiskScoreViewSet(viewsets.ReadOnlyModelViewSet):
    """The latest risk score of each unit (the weekly agent's last scoring day), of the caller's properties.
    Filters `property`, `unit`, `building`, `risk_level` (one or several), `min_score`, `search` (unit number);
    `ordering` by risk_score (default: highest first), unit number, predicted cost or next date. `summary/`: level
    counts of the same filter; `export/`: the filtered list as CSV. Read: `view_maintenance`."""

    permission_classes = [Requires("view_maintenance")]
    lookup_value_regex = UUID_LOOKUP
    serializer_class = UnitRiskScoreSerializer
    filter_backends = FILTER_BACKENDS
    filterset_class = RiskScoreFilter
    search_fields = ["unit__unit_number"]
    ordering_fields = [
        "risk_score",
        "unit__unit_number",
        "predicted_cost_90_days",
        "predicted_next_wo_date",
        "wo_count_12_months",
        "property__name",
    ]
    ordering = ["-risk_score", "property__name", "unit__unit_number"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema: no query for the latest day
            return UnitRiskScore.objects.none()
        if self.action == "retrieve":
            return UnitRiskScore.objects.select_related("unit", "property")
        return risk_score_list()

    @extend_schema(responses=RiskSummarySerializer)
    @action(detail=False, methods=["get"], pagination_class=None)
    def summary(self, request):
        """Critical / high / medium / low counts of the filtered latest scores, and the pending suggestions."""
        qs = self.filter_queryset(self.get_queryset())
        counts = risk_level_counts(qs)
        pending = suggestion_list().filter(status=PreventiveWorkOrderSuggestion.Status.SUGGESTED)
        if request.query_params.get("property"):
            pending = pending.filter(unit__property_id=parse_uuid(request.query_params["property"]))
        data = {
            "score_date": risk_score_latest_date(),
            "counts": counts,
            "total": sum(counts.values()),
            "pending_suggestions": pending.count(),
        }
        return Response(RiskSummarySerializer(data).data)

    EXPORT_COLUMNS = [
        ("property_name", lambda r: r.property.name),
        ("building", lambda r: r.unit.building),
        ("floor", lambda r: r.unit.floor),
        ("unit_number", lambda r: r.unit.unit_number),
        ("score_date", lambda r: r.score_date),
        ("risk_score", lambda r: r.risk_score),
        ("risk_level", lambda r: r.risk_level),
        ("wo_frequency_score", lambda r: r.wo_frequency_score),
        ("wo_cost_score", lambda r: r.wo_cost_score),
        ("equipment_age_score", lambda r: r.equipment_age_score),
        ("repeat_issue_score", lambda r: r.repeat_issue_score),
        ("seasonal_score", lambda r: r.seasonal_score),
        ("predicted_next_wo_date", lambda r: r.predicted_next_wo_date),
        ("predicted_next_wo_type", lambda r: r.predicted_next_wo_type),
        ("predicted_cost_30_days", lambda r: r.predicted_cost_30_days),
        ("predicted_cost_90_days", lambda r: r.predicted_cost_90_days),
        ("wo_count_12_months", lambda r: r.wo_count_12_months),
        ("total_cost_12_months", lambda r: r.total_cost_12_months),
        ("avg_days_between_wo", lambda r: r.avg_days_between_wo),
        ("unit_id", lambda r: r.unit_id),
    ]

    @extend_schema(responses={(200, "text/csv"): OpenApiResponse(description="CSV of the filtered risk scores")})
    @action(detail=False, methods=["get"], pagination_class=None)
    def export(self, request):
        qs = self.filter_queryset(self.get_queryset())
        day = risk_score_latest_date() or timezone.localdate()
        return csv_response(
            rows=qs.iterator(chunk_size=1000), columns=self.EXPORT_COLUMNS, filename=f"risk-scores-{day}.csv"
        )


class RiskHeatmapApi(APIView):
    """The latest scores as property -> building -> floor -> unit cells (score, level, factors), with the level
    counts overall and per property. `property` narrows it to one. Read: `view_maintenance`."""

    permission_classes = [Requires("view_maintenance")]

    @extend_schema(
        parameters=[OpenApiParameter("property", OpenApiTypes.UUID, required=False)],
        responses=inline_serializer(
            "RiskHeatmap",
            {
                "score_date": drf_serializers.DateField(allow_null=True),
                "counts": drf_serializers.DictField(child=drf_serializers.IntegerField()),
                "properties": drf_serializers.ListField(child=drf_serializers.DictField()),
            },
        ),
    )
    def get(self, request):
        raw = request.query_params.get("property")
        property_id = parse_uuid(raw) if raw else None
        if raw and property_id is None:
            raise ApplicationError("property must be a property id.", extra={"field": "property"})
        return Response(risk_heatmap(property_id=property_id))


class SuggestionFilter(django_filters.FilterSet):
    property = django_filters.UUIDFilter(field_name="unit__property_id")
    unit = django_filters.UUIDFilter(field_name="unit_id")
    status = ChoiceInFilter(
        choices=[*PreventiveWorkOrderSuggestion.Status.choices, ("all", "All")],
        help_text="Default: suggested (pending). One or several; `all` for every status.",
        method="filter_status",
    )
    risk_level = ChoiceInFilter(choices=LEVEL_CHOICES, field_name="risk_score__risk_level")
    category = django_filters.CharFilter(field_name="category")
    priority = django_filters.CharFilter(field_name="priority")

    class Meta:
        model = PreventiveWorkOrderSuggestion
        fields = ["property", "unit", "status", "risk_level", "category", "priority"]

    def filter_status(self, queryset, name, value):
        return queryset if not value or "all" in value else queryset.filter(status__in=value)


class SuggestionViewSet(viewsets.ReadOnlyModelViewSet):
    """Preventive work-order suggestions of the caller's properties: pending ones by default (`status=` one or
    several of suggested, work_order_created, dismissed; `status=all`), filters `property`, `unit`, `risk_level`,
    `category`, `priority`; ordered by risk (highest first). `approve/` opens the work order through the units
    service; `dismiss/` takes `{"reason"}`. Read `view_maintenance`, decide `manage_maintenance`."""

    permission_classes = [Requires("view_maintenance", write="manage_maintenance")]
    lookup_value_regex = UUID_LOOKUP
    serializer_class = SuggestionSerializer
    filter_backends = FILTER_BACKENDS
    filterset_class = SuggestionFilter
    ordering_fields = ["risk_score__risk_score", "suggested_date", "created_at", "estimated_cost"]
    ordering = ["-risk_score__risk_score", "suggested_date"]

    def get_queryset(self):
        return suggestion_list()

    def filter_queryset(self, queryset):
        qs = super().filter_queryset(queryset)
        if self.action == "list" and not self.request.query_params.get("status"):
            qs = qs.filter(status=PreventiveWorkOrderSuggestion.Status.SUGGESTED)  # the queue: pending ones
        return qs

    def _detail(self, suggestion) -> Response:
        return Response(self.get_serializer(suggestion_list().get(pk=suggestion.pk)).data)

    @extend_schema(request=None, responses={200: SuggestionSerializer})
    @action(detail=True, methods=["post"])
    @idempotent
    def approve(self, request, pk=None):
        """Approves a pending suggestion: the preventive work order is created (units service) and linked. 409 if
        it was already decided. Send an `Idempotency-Key` header to retry safely."""
        suggestion = self.get_object()
        user = request.user
        suggestion_approve(
            suggestion=suggestion,
            actor=actor_label(user),
            actor_name=user.get_full_name() or user.email or user.get_username(),
        )
        return self._detail(suggestion)

    @extend_schema(request=SuggestionDismissSerializer, responses={200: SuggestionSerializer})
    @action(detail=True, methods=["post"])
    def dismiss(self, request, pk=None):
        """Dismisses a pending suggestion; `reason` (1-500 characters) is kept with who dismissed it."""
        suggestion = self.get_object()
        data = validated(SuggestionDismissSerializer, request.data)
        suggestion_dismiss(suggestion=suggestion, reason=data["reason"], actor=actor_label(request.user))
        return self._detail(suggestion)
