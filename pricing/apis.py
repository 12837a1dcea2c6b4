"""Pricing API (spec 2.2): thin views — parse, call one selector or service, serialize.

Access: reading prices needs `view_portfolio` (the people who see units and rents); applying a vacant unit's
recommended asking rent needs `manage_leases` (leasing: who lists vacant units); running the engine by hand needs
`run_agents`. Every list and fetch is scoped to the caller's properties (a unit outside them is a 404).
"""

import django_filters
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core.apis import job_started_response
from core.csv_export import csv_response
from core.exceptions import ApplicationError
from core.filters import FILTER_BACKENDS
from core.idempotency import idempotent
from core.jobs import job_start
from core.permissions import Requires
from core.serializers import JobStartedSerializer
from core.services import actor_label
from core.validation import validated
from pricing import selectors
from pricing.jobs import ENGINE_JOB
from pricing.models import PricingSnapshot
from pricing.serializers import (
    PricingSnapshotSerializer,
    RevenueOpportunityInputSerializer,
    RevenueOpportunitySerializer,
    RunEngineInputSerializer,
    UnitPricingSerializer,
    unit_rent_now,
)
from pricing.services import pricing_rent_apply
from pricing.strategy import AT_MARKET_BAND_PCT
from properties.models import Properties
from units.models import UnitsUnit

UNIT_NOT_FOUND = "Unit not found."


class SnapshotFilter(django_filters.FilterSet):
    property = django_filters.UUIDFilter(field_name="property_id")
    bedrooms = django_filters.NumberFilter(field_name="unit__bedrooms", min_value=0, max_value=20)
    is_vacant = django_filters.BooleanFilter()
    pricing_strategy = django_filters.ChoiceFilter(choices=PricingSnapshot.Strategy.choices)
    position = django_filters.ChoiceFilter(
        choices=[("below", "below"), ("at", "at"), ("above", "above")],
        method="filter_position",
        help_text=f"Rent vs market: below (< -{AT_MARKET_BAND_PCT:g}%), at (within ±{AT_MARKET_BAND_PCT:g}%), above.",
    )

    class Meta:
        model = PricingSnapshot
        fields = ["property", "bedrooms", "is_vacant", "pricing_strategy", "position"]

    def filter_position(self, queryset, name, value):
        band = AT_MARKET_BAND_PCT
        if value == "below":
            return queryset.filter(rent_gap_pct__lt=-band)
        if value == "above":
            return queryset.filter(rent_gap_pct__gt=band)
        return queryset.filter(rent_gap_pct__gte=-band, rent_gap_pct__lte=band)


class _SnapshotListMixin:
    permission_classes = [Requires("view_portfolio")]
    filter_backends = FILTER_BACKENDS
    filterset_class = SnapshotFilter
    search_fields = ["unit__unit_number", "property__name"]
    ordering_fields = [
        "unit_number", "property_name", "bedrooms", "square_feet", "current_rent", "market_rent", "recommended_rent",
        "rent_gap_amount", "rent_gap_pct", "days_vacant", "confidence_score", "pricing_strategy", "comp_count",
    ]  # fmt: skip
    ordering = ["rent_gap_pct"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator: no query (the latest dates are read)
            return PricingSnapshot.objects.none()
        return selectors.snapshot_latest_list()


class SnapshotListApi(_SnapshotListMixin, ListAPIView):
    """Latest snapshot per unit (each property's latest engine day), most below market first.

    Filters: `property`, `bedrooms`, `is_vacant`, `pricing_strategy`, `position` (below/at/above), `search`
    (unit number, property); `ordering` by any column of the table."""

    serializer_class = PricingSnapshotSerializer


class SnapshotExportApi(_SnapshotListMixin, GenericAPIView):
    """The latest snapshots as CSV (same filters and ordering as the list)."""

    COLUMNS = [
        ("property", lambda s: s.property.name),
        ("unit", lambda s: s.unit.unit_number),
        ("bedrooms", lambda s: s.unit.bedrooms),
        ("bathrooms", lambda s: s.unit.bathrooms),
        ("square_feet", lambda s: s.unit.square_feet),
        ("vacant", lambda s: "yes" if s.is_vacant else "no"),
        ("days_vacant", lambda s: s.days_vacant),
        ("current_rent", lambda s: s.current_rent),
        ("market_rent", lambda s: s.market_rent),
        ("recommended_rent", lambda s: s.recommended_rent),
        ("gap_amount", lambda s: s.rent_gap_amount),
        ("gap_pct", lambda s: s.rent_gap_pct),
        ("strategy", lambda s: s.pricing_strategy),
        ("confidence", lambda s: s.confidence_score),
        ("comps", lambda s: s.comp_count),
        ("explanation", lambda s: (s.explanation or {}).get("summary", "")),
        ("snapshot_date", lambda s: s.snapshot_date.isoformat()),
    ]

    @extend_schema(responses={(200, "text/csv"): OpenApiResponse(description="CSV file")})
    def get(self, request):
        qs = self.filter_queryset(self.get_queryset())
        return csv_response(
            rows=qs.iterator(chunk_size=1000),
            columns=self.COLUMNS,
            filename=f"pricing-{timezone.localdate().isoformat()}.csv",
        )


def _unit_or_404(unit_id) -> UnitsUnit:
    unit = selectors.unit_pricing_get(unit_id=unit_id)
    if unit is None:
        raise NotFound(UNIT_NOT_FOUND)
    return unit


def _unit_pricing(unit: UnitsUnit) -> dict:
    latest = selectors.snapshot_latest_for_unit(unit=unit)
    return {
        "unit_id": unit.pk,
        "unit_number": unit.unit_number,
        "property_id": unit.property_id,
        "property_name": unit.property.name,
        "unit_status": unit.status,
        "asking_rent": unit_rent_now(unit),
        "can_apply": latest is not None and unit.status != UnitsUnit.Status.OCCUPIED,
        "latest": latest,
        "history": selectors.unit_pricing_history(
            unit=unit, today=latest.snapshot_date if latest else timezone.localdate()
        ),
    }


class UnitPricingHistoryApi(APIView):
    """A unit's pricing: its latest snapshot (explanation, comps, price drop) and its last 90 days of snapshots."""

    permission_classes = [Requires("view_portfolio")]

    @extend_schema(responses=UnitPricingSerializer)
    def get(self, request, unit_id):
        unit = _unit_or_404(unit_id)
        return Response(UnitPricingSerializer(_unit_pricing(unit)).data)


class UnitApplyRecommendedRentApi(APIView):
    """Applies the latest recommended rent as a vacant unit's asking rent (through the units service; recorded on
    the snapshot with who and when). Applying it again changes nothing. Occupied units: 400 (renewals)."""

    permission_classes = [Requires("view_portfolio", write="manage_leases")]

    @extend_schema(request=None, responses=UnitPricingSerializer)
    @idempotent
    def post(self, request, unit_id):
        unit = _unit_or_404(unit_id)
        pricing_rent_apply(unit=unit, actor=actor_label(request.user))
        unit.refresh_from_db()
        return Response(UnitPricingSerializer(_unit_pricing(unit)).data)


class RevenueOpportunityApi(APIView):
    """Portfolio-wide gap analysis over the occupied units' latest snapshots (spec shape), plus the gap
    distribution, the vacant-unit count and the model's leave-one-out accuracy from the latest run.
    `total_monthly_gap` = sum of (market - current) over the units below market; annual = 12 x that."""

    permission_classes = [Requires("view_portfolio")]

    @extend_schema(parameters=[RevenueOpportunityInputSerializer], responses=RevenueOpportunitySerializer)
    def get(self, request):
        params = validated(RevenueOpportunityInputSerializer, request.query_params)
        data = selectors.revenue_opportunity(property_id=params.get("property"))
        run = selectors.pricing_run_latest()
        data["last_run"] = run
        data["model_accuracy"] = run.accuracy if run else None
        return Response(RevenueOpportunitySerializer(data).data)


class RunEngineApi(APIView):
    """Starts the pricing engine now as a background job (one property, or all): 202 with the job (poll
    `GET /api/v1/jobs/{id}/`). A property the caller cannot see, or that does not exist, is a 404."""

    permission_classes = [Requires("run_agents")]

    @extend_schema(request=RunEngineInputSerializer, responses={202: JobStartedSerializer})
    def post(self, request):
        params = validated(RunEngineInputSerializer, request.data)
        prop = params.get("property")
        if prop is not None and not Properties.objects.filter(pk=prop).exists():
            raise ApplicationError("Property not found.", status_code=404)
        job, created = job_start(kind=ENGINE_JOB, scope=str(prop or ""), requested_by=actor_label(request.user))
        return job_started_response(job, created)
