"""Renewals API (spec 1.2): thin views — parse, call one selector or service, serialize.

Every action answers the recommendation's detail (RenewalDetailSerializer) so a screen can redraw from
the response. Errors are `{"detail": ...}`; unknown or malformed ids answer 404
`{"detail": "Renewal recommendation not found."}`.
"""

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core.apis import job_started_response
from core.csv_export import csv_response
from core.filters import FILTER_BACKENDS
from core.idempotency import idempotent
from core.jobs import job_start
from core.permissions import Requires
from core.serializers import JobStartedSerializer
from core.services import actor_label
from core.validation import validated
from renewals import selectors, services
from renewals.filters import RenewalFilter
from renewals.jobs import SCAN_JOB
from renewals.serializers import (
    RenewalApproveInputSerializer,
    RenewalBulkApproveInputSerializer,
    RenewalBulkApproveSerializer,
    RenewalDashboardStatsInputSerializer,
    RenewalDashboardStatsSerializer,
    RenewalDetailSerializer,
    RenewalLetterUpdateInputSerializer,
    RenewalListSerializer,
    RenewalRespondInputSerializer,
)

NOT_FOUND = "Renewal recommendation not found."


def _get_or_404(recommendation_id):
    rec = selectors.renewal_get(recommendation_id=recommendation_id)
    if rec is None:
        raise NotFound(NOT_FOUND)
    return rec


def _detail_response(recommendation_id) -> Response:
    return Response(RenewalDetailSerializer(_get_or_404(recommendation_id)).data)


class _ListMixin:
    filter_backends = FILTER_BACKENDS
    filterset_class = RenewalFilter
    search_fields = [
        "tenant__first_name",
        "tenant__last_name",
        "tenant__email",
        "unit__unit_number",
        "lease__lease_number",
    ]
    ordering_fields = [
        "churn_score", "created_at", "rent_increase_pct", "current_rent", "recommended_rent", "lease_end_date",
        "unit_number", "tenant_last_name", "status", "recommended_lease_start", "market_gap", "market_gap_pct",
    ]  # fmt: skip
    ordering = ["-churn_score"]

    def get_queryset(self):
        return selectors.renewal_list()


class RenewalListApi(_ListMixin, ListAPIView):
    """Recommendations, highest churn score first (`ordering=-churn_score`).

    Filters: `status`, `churn_risk_level`, `rent_strategy`, `lease_status` (each comma-separated for several),
    `property`, `lease`, `tenant`, `unit`, `lease_end_date__gte/__lte`, `churn_score__gte/__lte`,
    `gap_pct_min` / `gap_pct_max` (current rent vs market in %, e.g. `gap_pct_max=0` = at or below market).
    Rows carry `market_gap` (current − market) and `market_gap_pct`.
    `search` matches tenant name and email, unit number and lease number.
    """

    permission_classes = [Requires("view_renewals")]

    serializer_class = RenewalListSerializer


class RenewalExportApi(_ListMixin, APIView):
    """The list as CSV (same filters, search and ordering; not paginated)."""

    permission_classes = [Requires("view_renewals")]

    COLUMNS = [
        ("tenant_name", lambda r: f"{r.tenant.first_name} {r.tenant.last_name}"),
        ("tenant_email", lambda r: r.tenant.email),
        ("unit_number", lambda r: r.unit.unit_number),
        ("property_name", lambda r: r.property.name),
        ("lease_end_date", lambda r: r.lease.lease_end_date),
        ("lease_status", lambda r: r.lease.lease_status),
        ("churn_score", lambda r: r.churn_score),
        ("churn_risk_level", lambda r: r.churn_risk_level),
        ("current_rent", lambda r: r.current_rent),
        ("market_rent", lambda r: r.market_rent),
        ("recommended_rent", lambda r: r.recommended_rent),
        ("approved_rent", lambda r: r.approved_rent if r.approved_rent is not None else ""),
        ("rent_increase_pct", lambda r: r.rent_increase_pct),
        ("rent_strategy", lambda r: r.rent_strategy),
        ("recommended_lease_start", lambda r: r.recommended_lease_start),
        ("recommended_lease_end", lambda r: r.recommended_lease_end),
        ("status", lambda r: r.status),
        ("id", lambda r: r.pk),
    ]

    @extend_schema(responses={(200, "text/csv"): OpenApiResponse(description="CSV of the filtered recommendations")})
    def get(self, request):
        qs = self.get_queryset()
        for backend in self.filter_backends:
            qs = backend().filter_queryset(request, qs, self)
        return csv_response(
            rows=qs.iterator(chunk_size=1000),
            columns=self.COLUMNS,
            filename=f"renewals-{timezone.localdate().isoformat()}.csv",
        )


class RenewalDetailApi(APIView):
    permission_classes = [Requires("view_renewals")]

    @extend_schema(responses=RenewalDetailSerializer)
    def get(self, request, recommendation_id):
        return _detail_response(recommendation_id)


class RenewalApproveApi(APIView):
    """pending -> approved. Optional `{"approved_rent": "1850.00"}` (or `recommended_rent`) modifies the rent
    and regenerates the letter. 400: "Only pending recommendations can be approved.", invalid rent."""

    permission_classes = [Requires("manage_renewals")]

    @extend_schema(request=RenewalApproveInputSerializer, responses=RenewalDetailSerializer)
    @idempotent
    def post(self, request, recommendation_id):
        rec = _get_or_404(recommendation_id)
        data = validated(RenewalApproveInputSerializer, request.data)
        services.renewal_approve(
            recommendation=rec, actor=actor_label(request.user), approved_rent=data["approved_rent"]
        )
        return _detail_response(rec.pk)


class RenewalBulkApproveApi(APIView):
    """`{"ids": [uuid, ...]}` (1 to 500) -> `{"approved": n, "skipped": [{"id", "reason"}]}`: every pending one is
    approved at its recommended rent (a missing letter is written first); the others are skipped with the
    reason. 400 on a missing/empty/too long list or an id that is not a UUID."""

    permission_classes = [Requires("manage_renewals")]

    @extend_schema(request=RenewalBulkApproveInputSerializer, responses=RenewalBulkApproveSerializer)
    def post(self, request):
        data = validated(RenewalBulkApproveInputSerializer, request.data)
        result = services.renewal_bulk_approve(recommendation_ids=data["ids"], actor=actor_label(request.user))
        return Response(RenewalBulkApproveSerializer(result).data)


class RenewalSendApi(APIView):
    """Sends the approved letter by email and SMS; `sent_via` reports each channel. Calling it again sends
    only what did not go out. 400: "Approve the recommendation before sending it.", or nothing could be
    sent (`detail` + `sent_via`; the approval is kept)."""

    permission_classes = [Requires("manage_renewals")]

    @extend_schema(request=None, responses=RenewalDetailSerializer)
    @idempotent
    def post(self, request, recommendation_id):
        rec = _get_or_404(recommendation_id)
        services.renewal_send(recommendation=rec, actor=actor_label(request.user))
        return _detail_response(rec.pk)


class RenewalGenerateLetterApi(APIView):
    """(Re)writes the letter for the offered rent (Claude, or the offline template); replaces edits.
    Only before the letter went out."""

    permission_classes = [Requires("manage_renewals")]

    @extend_schema(request=None, responses=RenewalDetailSerializer)
    def post(self, request, recommendation_id):
        rec = _get_or_404(recommendation_id)
        services.renewal_letter_generate(recommendation=rec)
        return _detail_response(rec.pk)


class RenewalLetterUpdateApi(APIView):
    """Saves the manager's edited letter: any of `letter_text`, `subject`, `sms_text` (PATCH .../letter/ or
    POST .../update-letter/). Only before the letter went out."""

    permission_classes = [Requires("manage_renewals")]

    @extend_schema(request=RenewalLetterUpdateInputSerializer, responses=RenewalDetailSerializer)
    def patch(self, request, recommendation_id):
        rec = _get_or_404(recommendation_id)
        data = validated(RenewalLetterUpdateInputSerializer, request.data)
        services.renewal_letter_update(recommendation=rec, actor=actor_label(request.user), **data)
        return _detail_response(rec.pk)

    @extend_schema(request=RenewalLetterUpdateInputSerializer, responses=RenewalDetailSerializer)
    def post(self, request, recommendation_id):
        return self.patch(request, recommendation_id)


class RenewalRespondApi(APIView):
    """Records the tenant's answer to a sent offer: `{"accepted": true|false, "note": ""}`. Accepted renews
    the lease through the lifecycle (now for a month-to-month lease; at its end date for an active one)."""

    permission_classes = [Requires("manage_renewals")]

    @extend_schema(request=RenewalRespondInputSerializer, responses=RenewalDetailSerializer)
    @idempotent
    def post(self, request, recommendation_id):
        rec = _get_or_404(recommendation_id)
        data = validated(RenewalRespondInputSerializer, request.data)
        services.renewal_record_response(
            recommendation=rec, accepted=data["accepted"], note=data["note"], actor=actor_label(request.user)
        )
        return _detail_response(rec.pk)


class RenewalDashboardStatsApi(APIView):
    """Counts per status, acceptance rate, average churn score and increase, projected annual revenue
    increase, open recommendations per risk level. Optional `property` (UUID)."""

    permission_classes = [Requires("view_renewals")]

    @extend_schema(
        parameters=[OpenApiParameter("property", str, description="Property id (UUID)")],
        responses=RenewalDashboardStatsSerializer,
    )
    def get(self, request):
        params = validated(RenewalDashboardStatsInputSerializer, request.query_params)
        return Response(selectors.renewal_dashboard_stats(property_id=params.get("property")))


class RenewalRunScanApi(APIView):
    """Starts the nightly scan now as a background job: 202 with the job (poll `GET /api/v1/jobs/{id}/`; its
    `result.summary` is the scan's one-line summary). While one runs, a second request answers that job."""

    permission_classes = [Requires("run_agents")]

    @extend_schema(request=None, responses={202: JobStartedSerializer})
    def post(self, request):
        job, created = job_start(kind=SCAN_JOB, requested_by=actor_label(request.user))
        return job_started_response(job, created)
