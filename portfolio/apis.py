"""Portfolio command center API (spec 1.4): thin views — parse, call one selector or service, serialize.

GET  command-center/              the unit list (filters, ordering, page) + summary per lifecycle state
GET  command-center/select-all/   every matching unit id + total rent ("Select all (N)")
GET  command-center/export/       the current filter as CSV (streamed)
GET  ai-queue/                    AI recommendations (open ones by default)
GET  ai-queue/stats/              open items per action type and priority
POST ai-queue/run/                runs the nightly agent now
GET  ai-queue/{id}/               one item;  POST ai-queue/{id}/dismiss/
GET  bulk-actions/action-types/   the bulk actions and the methods each accepts
POST bulk-actions/preview/        per-unit eligibility and the content that will be sent
POST bulk-actions/                execute now or at `scheduled_for`;  GET bulk-actions/ (list)
GET  bulk-actions/{id}/           a batch with per-unit results;  POST bulk-actions/{id}/cancel/
"""

from django.core.paginator import Paginator as DjangoPaginator
from django.utils import timezone
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core.apis import job_started_response
from core.csv_export import csv_response
from core.idempotency import idempotent
from core.jobs import job_start
from core.pagination import StandardPagination
from core.permissions import Requires
from core.serializers import JobStartedSerializer
from core.services import actor_label
from core.validation import validated
from portfolio import selectors, services
from portfolio.executors import EXECUTORS, TENANT_METHODS
from portfolio.filters import AIQueueFilter, BulkActionBatchFilter, CommandCenterFilter
from portfolio.jobs import AI_QUEUE_JOB
from portfolio.serializers import (
    ACTION_LABELS,
    ActionTypeSerializer,
    AIQueueItemSerializer,
    AIQueueStatsSerializer,
    BulkActionBatchSerializer,
    BulkCreateInputSerializer,
    BulkPreviewInputSerializer,
    BulkPreviewSerializer,
    CommandCenterRowSerializer,
    CommandCenterSelectAllSerializer,
    CommandCenterSummarySerializer,
)

ITEM_NOT_FOUND = "AI action not found."
BATCH_NOT_FOUND = "Bulk action not found."
SELECT_ALL_LIMIT = 10_000
EXPORT_CHUNK = 1000

FILTER_PARAMS = [
    OpenApiParameter("lifecycle_state", str, description="active, month_to_month, notice, vacant (comma-separated)"),
    OpenApiParameter("property", str, description="Property id (UUID)"),
    OpenApiParameter("building", str),
    OpenApiParameter(
        "risk_level", str, description="good_history, standard, repeat_offender, chronic, none (comma-separated)"
    ),
    OpenApiParameter("min_rent", float),
    OpenApiParameter("max_rent", float),
    OpenApiParameter("gap_pct_min", float, description="(rent − market) / market in %, at least"),
    OpenApiParameter("gap_pct_max", float, description="(rent − market) / market in %, at most"),
    OpenApiParameter("days_to_event__gte", int),
    OpenApiParameter("days_to_event__lte", int),
    OpenApiParameter("ai_action", str, description="Units with an open AI action of these types (comma-separated)"),
    OpenApiParameter("has_ai_action", bool),
    OpenApiParameter("search", str, description="Unit number or tenant name"),
    OpenApiParameter(
        "ordering",
        str,
        description="days_to_event (default), rent, risk, confidence, unit_number, "
        "property, tenant, state; prefix '-' to reverse",
    ),
]


def _filtered_units(request, today):
    """(ordered queryset, queryset without the lifecycle filter, selected lifecycle states)."""
    params = request.query_params
    full = CommandCenterFilter(params, queryset=selectors.command_center_units(), today=today)
    if not full.is_valid():
        raise ValidationError(full.errors)
    states = list(full.form.cleaned_data.get("lifecycle_state") or [])
    rest = params.copy()
    rest.pop("lifecycle_state", None)
    base = CommandCenterFilter(rest, queryset=selectors.command_center_units(), today=today).qs
    qs = selectors.filter_states(base, states)
    try:
        key, desc = selectors.command_center_ordering(params.get("ordering"))
    except ValueError as exc:
        raise ValidationError({"ordering": [str(exc)]})
    return selectors.command_center_order(qs, key=key, desc=desc), base, states


class CommandCenterListApi(APIView):
    """Every unit with its current lease (lifecycle state, tenant, rent, days to its event, collections risk,
    balance) and its top AI recommendation. Paginated (`page`, `page_size` up to 500) plus `summary`: units
    per lifecycle state under every filter except `lifecycle_state` (so each checkbox can show its count),
    and `total` / `total_rent` under the full filter. `days_to_event` = event date − today: the lease end
    (active; negative = holdover days for month-to-month), the move-out (notice), the move-out that happened
    (vacant, negative = days vacant)."""

    permission_classes = [Requires("view_portfolio")]

    @extend_schema(
        parameters=[*FILTER_PARAMS, OpenApiParameter("page", int), OpenApiParameter("page_size", int)],
        responses=inline_serializer(
            "CommandCenterPage",
            {
                "count": serializers.IntegerField(),
                "next": serializers.URLField(allow_null=True),
                "previous": serializers.URLField(allow_null=True),
                "today": serializers.DateField(),
                "summary": CommandCenterSummarySerializer(),
                "results": CommandCenterRowSerializer(many=True),
            },
        ),
    )
    def get(self, request):
        today = timezone.localdate()
        qs, base, states = _filtered_units(request, today)
        # The summary's `total` is the full filter's count, so the paginator does not count again; the page is
        # chosen on narrow rows (ids) and only its units are loaded in full.
        summary = selectors.command_center_summary(base=base, states=states)
        paginator = _KnownCountPagination(count=summary["total"])
        ids = paginator.paginate_queryset(qs.values_list("id", flat=True), request, view=self)
        rows = selectors.command_center_rows(selectors.command_center_page_units(ids), today=today)
        response = paginator.get_paginated_response(CommandCenterRowSerializer(rows, many=True).data)
        response.data["today"] = today.isoformat()
        response.data["summary"] = CommandCenterSummarySerializer(summary).data
        return response


class _KnownCountPagination(StandardPagination):
    """StandardPagination with the total already known (the command center's summary counts it)."""

    def __init__(self, *, count: int):
        self.known_count = count

    def django_paginator_class(self, object_list, per_page):
        paginator = DjangoPaginator(object_list, per_page)
        paginator.count = self.known_count  # overrides the cached_property: no COUNT query
        return paginator


class CommandCenterSelectAllApi(APIView):
    """Every unit id the current filter matches (in list order, at most 10,000; `truncated` beyond) and their
    total rent: what "Select all (N)" selects."""

    permission_classes = [Requires("view_portfolio")]

    @extend_schema(parameters=FILTER_PARAMS, responses=CommandCenterSelectAllSerializer)
    def get(self, request):
        qs, _, _ = _filtered_units(request, timezone.localdate())
        return Response(
            CommandCenterSelectAllSerializer(selectors.command_center_select_all(qs=qs, limit=SELECT_ALL_LIMIT)).data
        )


class CommandCenterExportApi(APIView):
    """The current filter and ordering as CSV, streamed (every row, not just a page)."""

    permission_classes = [Requires("view_portfolio")]

    COLUMNS = [
        ("unit_number", "unit_number"),
        ("building", "building"),
        ("property", "property_name"),
        ("lifecycle_state", "lifecycle_state"),
        ("tenant", "tenant_name"),
        ("rent", "rent"),
        ("market_rent", "market_rent"),
        ("event_date", "event_date"),
        ("days_to_event", "days_to_event"),
        ("market_gap", "market_gap"),
        ("market_gap_pct", "market_gap_pct"),
        ("open_items", lambda r: "; ".join(i["label"] for i in r["open_items"])),
        ("risk_level", "risk_level"),
        ("balance", "balance"),
        ("overdue_balance", "overdue_balance"),
        ("ai_action", lambda r: r["ai_action"].description if r["ai_action"] else ""),
        ("ai_action_type", lambda r: r["ai_action"].action_type if r["ai_action"] else ""),
        ("ai_confidence", lambda r: r["ai_action"].confidence_score if r["ai_action"] else ""),
        ("ai_priority", lambda r: r["ai_action"].priority if r["ai_action"] else ""),
        ("unit_id", "id"),
        ("lease_id", "lease_id"),
        ("property_id", "property_id"),
    ]

    @extend_schema(
        parameters=FILTER_PARAMS,
        responses={(200, "text/csv"): OpenApiResponse(description="CSV of the filtered units")},
    )
    def get(self, request):
        today = timezone.localdate()
        qs, _, _ = _filtered_units(request, today)
        ids = list(qs.values_list("id", flat=True))  # the order, in one query; rows follow in chunks
        columns = [(name, get if callable(get) else (lambda row, key=get: row[key])) for name, get in self.COLUMNS]
        return csv_response(
            rows=self._rows(ids, today), columns=columns, filename=f"command-center-{today.isoformat()}.csv"
        )

    def _rows(self, ids, today):
        for start in range(0, len(ids), EXPORT_CHUNK):
            chunk = ids[start : start + EXPORT_CHUNK]
            units = {u.pk: u for u in selectors.command_center_units().filter(pk__in=chunk)}
            yield from selectors.command_center_rows([units[pk] for pk in chunk if pk in units], today=today)


# --- the AI queue ---------------------------------------------------------------------------------------------


class AIQueueListApi(ListAPIView):
    """AI recommendations, urgent first then by confidence. Filters: `status` (default pending + approved;
    `all`), `action_type`, `priority`, `lifecycle_state` (each comma-separated), `property`, `unit`,
    `min_confidence`, `generated_on`."""

    permission_classes = [Requires("view_portfolio")]

    serializer_class = AIQueueItemSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = AIQueueFilter

    def get_queryset(self):
        return selectors.ai_queue_list()


class AIQueueStatsApi(APIView):
    permission_classes = [Requires("view_portfolio")]

    @extend_schema(responses=AIQueueStatsSerializer)
    def get(self, request):
        return Response(selectors.ai_queue_stats())


class AIQueueRunApi(APIView):
    """Starts the nightly agent now as a background job: 202 with the job (poll `GET /api/v1/jobs/{id}/`; its
    `result.summary` is the agent's one-line summary). While one runs, a second request answers that job."""

    permission_classes = [Requires("run_agents")]

    @extend_schema(request=None, responses={202: JobStartedSerializer})
    def post(self, request):
        job, created = job_start(kind=AI_QUEUE_JOB, requested_by=actor_label(request.user))
        return job_started_response(job, created)


def _item_or_404(item_id):
    item = selectors.ai_queue_get(item_id=item_id)
    if item is None:
        raise NotFound(ITEM_NOT_FOUND)
    return item


class AIQueueDetailApi(APIView):
    permission_classes = [Requires("view_portfolio")]

    @extend_schema(responses=AIQueueItemSerializer)
    def get(self, request, item_id):
        return Response(AIQueueItemSerializer(_item_or_404(item_id)).data)


class AIQueueDismissApi(APIView):
    """pending -> dismissed (not recommended again for this lease for 30 days). 400 when not pending."""

    permission_classes = [Requires("run_bulk_actions")]

    @extend_schema(request=None, responses=AIQueueItemSerializer)
    def post(self, request, item_id):
        item = _item_or_404(item_id)
        services.ai_action_dismiss(item=item, actor=actor_label(request.user))
        return Response(AIQueueItemSerializer(_item_or_404(item.pk)).data)


# --- bulk actions ---------------------------------------------------------------------------------------------


class BulkActionTypesApi(APIView):
    permission_classes = [Requires("view_portfolio")]

    @extend_schema(responses=ActionTypeSerializer(many=True))
    def get(self, request):
        return Response(
            [
                {
                    "action_type": t,
                    "label": ACTION_LABELS[t],
                    "bulk_label": e.label,
                    "methods": list(e.methods),
                    "tenant_facing": tuple(e.methods) == TENANT_METHODS,
                }
                for t, e in EXECUTORS.items()
            ]
        )


class BulkActionPreviewApi(APIView):
    """`{action_type, unit_ids, limit?}` -> per unit: eligible or why not, the figures, and for the first
    `limit` (default 10, at most 50) eligible units the content that will be sent, written through the AI
    gateway (`provider`: offline or anthropic). Nothing is sent. Renewal offers: the letter is the renewal
    recommendation's own, created like the nightly scan's if the lease has none yet."""

    permission_classes = [Requires("run_bulk_actions")]

    @extend_schema(request=BulkPreviewInputSerializer, responses=BulkPreviewSerializer)
    def post(self, request):
        data = validated(BulkPreviewInputSerializer, request.data)
        preview = services.bulk_action_preview(
            action_type=data["action_type"], unit_ids=data["unit_ids"], limit=data["limit"]
        )
        return Response(BulkPreviewSerializer(preview).data)


class BulkActionListCreateApi(ListAPIView):
    """GET: batches, newest first. POST `{action_type, unit_ids, method: email|sms|both|manual,
    scheduled_for?, exclude_unit_ids?}`: records a batch and executes it per unit through the owning features (now, or at
    `scheduled_for` -> status 'pending'). 201 with per-unit `results` when it ran in the request; 202 while
    it is pending or running (poll GET bulk-actions/{id}/)."""

    permission_classes = [Requires("view_portfolio", write="run_bulk_actions")]

    serializer_class = BulkActionBatchSerializer
    filter_backends = [DjangoFilterBackend]
    filterset_class = BulkActionBatchFilter

    def get_queryset(self):
        return selectors.batch_list()

    @extend_schema(
        request=BulkCreateInputSerializer, responses={201: BulkActionBatchSerializer, 202: BulkActionBatchSerializer}
    )
    @idempotent
    def post(self, request):
        data = validated(BulkCreateInputSerializer, request.data)
        batch = services.bulk_action_create(
            action_type=data["action_type"],
            unit_ids=data["unit_ids"],
            method=data["method"],
            scheduled_for=data["scheduled_for"],
            actor=actor_label(request.user),
            exclude_unit_ids=data["exclude_unit_ids"],
        )
        batch.refresh_from_db()
        code = status.HTTP_202_ACCEPTED if batch.status in ("pending", "running") else status.HTTP_201_CREATED
        return Response(BulkActionBatchSerializer(batch).data, status=code)


def _batch_or_404(batch_id):
    batch = selectors.batch_get(batch_id=batch_id)
    if batch is None:
        raise NotFound(BATCH_NOT_FOUND)
    return batch


class BulkActionDetailApi(APIView):
    permission_classes = [Requires("view_portfolio")]

    @extend_schema(responses=BulkActionBatchSerializer)
    def get(self, request, batch_id):
        return Response(BulkActionBatchSerializer(_batch_or_404(batch_id)).data)


class BulkActionCancelApi(APIView):
    """A batch that has not started (e.g. scheduled) -> cancelled. 400 otherwise."""

    permission_classes = [Requires("run_bulk_actions")]

    @extend_schema(request=None, responses=BulkActionBatchSerializer)
    def post(self, request, batch_id):
        batch = services.bulk_action_cancel(batch=_batch_or_404(batch_id), actor=actor_label(request.user))
        return Response(BulkActionBatchSerializer(batch).data)
