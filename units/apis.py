"""Units and work orders API: thin views — parse, call one selector or service, serialize.

GET    work-orders/                        the list (filters, search, ordering, page)
POST   work-orders/                        create -> 201 the work order (detail representation)
GET    work-orders/summary/                counts per status + SLA breaches (the list's filters minus status)
GET    work-orders/export/                 the list as CSV (same filters, every row)
GET    work-orders/{id}/                   detail: + files (signed links), events (newest first), invoices
PATCH  work-orders/{id}/                   change fields (not unit, not status)
POST   work-orders/{id}/transition/        move along the flow; illegal -> 400 {"detail", "allowed"}
POST   work-orders/{id}/files/             attach an uploaded file -> 201 the file entry
DELETE work-orders/{id}/files/{link_id}/   take it off -> 204

Unknown or malformed ids answer 404 `{"detail": "Work order not found."}`, like records outside the caller's
properties.
"""

import django_filters
from django.utils import timezone
from django_filters.utils import translate_validation
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers as drf_serializers
from rest_framework import status as http
from rest_framework import viewsets
from rest_framework.exceptions import NotFound
from rest_framework.filters import SearchFilter
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core.apis import UUID_LOOKUP
from core.csv_export import csv_response
from core.exceptions import ApplicationError
from core.files.selectors import file_get_for
from core.filters import FILTER_BACKENDS
from core.idempotency import idempotent
from core.permissions import Requires
from core.services import actor_label
from core.validation import validated
from units import selectors, services
from units.filters import WorkOrderFilter, WorkOrderOrderingFilter
from units.models import UnitsUnit
from units.selectors import unit_list, work_order_list
from units.serializers import (
    UnitSerializer,
    WorkOrderCreateInputSerializer,
    WorkOrderDetailSerializer,
    WorkOrderFileInputSerializer,
    WorkOrderFileSerializer,
    WorkOrderSerializer,
    WorkOrderSummarySerializer,
    WorkOrderTransitionInputSerializer,
    WorkOrderUpdateInputSerializer,
)


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


# --- work orders ------------------------------------------------------------------------------------------------

NOT_FOUND = "Work order not found."
FILE_NOT_FOUND = "File not found on this work order."
ERROR = inline_serializer("WorkOrderError", {"detail": drf_serializers.CharField()})
TRANSITION_ERROR = inline_serializer(
    "WorkOrderTransitionError",
    {
        "detail": drf_serializers.CharField(),
        # present when the move itself is refused (not for a malformed body)
        "allowed": drf_serializers.ListField(child=drf_serializers.CharField(), required=False),
    },
)
PERMISSION = Requires("view_maintenance", write="manage_maintenance")


def _actor(request) -> dict:
    user = request.user
    return {"actor": actor_label(user), "actor_name": user.get_full_name() or user.email or user.get_username()}


def _get_or_404(work_order_id):
    wo = selectors.work_order_get(work_order_id=work_order_id)
    if wo is None:
        raise NotFound(NOT_FOUND)
    return wo


def _detail(request, work_order_id, *, status: int = http.HTTP_200_OK) -> Response:
    wo = _get_or_404(work_order_id)
    return Response(WorkOrderDetailSerializer(wo, context={"request": request}).data, status=status)


class _WorkOrderListMixin:
    filter_backends = [*FILTER_BACKENDS[:-1], WorkOrderOrderingFilter]
    filterset_class = WorkOrderFilter
    search_fields = [
        "work_order_number",
        "title",
        "description",
        "unit__unit_number",
        "assigned_vendor__name",
        "tenant__last_name",
    ]
    ordering_fields = ["requested_date", "completed_date", "actual_cost", "priority", "status", "sla_due_date"]
    ordering = ["-requested_date"]

    def get_queryset(self):
        return work_order_list()


class WorkOrderListCreateApi(_WorkOrderListMixin, ListAPIView):
    """Work orders, newest request first. Filters: `property`, `unit`, `status`, `category`, `priority` (each
    repeatable or comma-separated), `assigned_vendor`, `lease`, `tenant`, `requested_date__gte/__lte`,
    `open=true` (open, assigned, in progress), `sla_breached=true`; `search` (number, title, description, unit,
    vendor, tenant's last name); `ordering` (requested_date, completed_date, actual_cost, priority, status,
    sla_due_date; `-` for descending).

    POST creates one (`Idempotency-Key` makes a retry safe): `lease`/`tenant` left out link the lease in
    occupancy of the unit on the requested date and its tenant; with a vendor it starts `assigned`."""

    permission_classes = [PERMISSION]
    serializer_class = WorkOrderSerializer

    @extend_schema(
        request=WorkOrderCreateInputSerializer,
        responses={201: WorkOrderDetailSerializer, 400: ERROR},
    )
    @idempotent
    def post(self, request):
        data = dict(validated(WorkOrderCreateInputSerializer, request.data))
        unit = selectors.unit_get(unit_id=data.pop("unit"))
        if unit is None:
            raise ApplicationError("Unit not found.", extra={"field": "unit"})
        wo = services.work_order_create(unit=unit, **data, **_actor(request))
        return _detail(request, wo.pk, status=http.HTTP_201_CREATED)


class WorkOrderSummaryApi(_WorkOrderListMixin, GenericAPIView):
    """Counts per status, SLA breaches and the total, for the list's filters except `status` (the status chips)."""

    permission_classes = [PERMISSION]
    serializer_class = WorkOrderSummarySerializer
    pagination_class = None

    def get_queryset(self):
        return selectors.work_order_base()

    @extend_schema(filters=True, responses=WorkOrderSummarySerializer)
    def get(self, request):
        params = request.query_params.copy()
        params.pop("status", None)
        filterset = WorkOrderFilter(params, queryset=self.get_queryset(), request=request)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        qs = SearchFilter().filter_queryset(request, filterset.qs, self)
        return Response(
            WorkOrderSummarySerializer(selectors.work_order_summary(qs=qs, today=timezone.localdate())).data
        )


class WorkOrderExportApi(_WorkOrderListMixin, GenericAPIView):
    """The list as CSV (same filters, search and ordering; every row, streamed)."""

    permission_classes = [PERMISSION]
    serializer_class = WorkOrderSerializer
    pagination_class = None

    COLUMNS = [
        ("work_order_number", lambda wo: wo.work_order_number),
        ("property", lambda wo: wo.property.name),
        ("building", lambda wo: wo.unit.building),
        ("unit", lambda wo: wo.unit.unit_number),
        ("title", lambda wo: wo.title),
        ("category", lambda wo: wo.category),
        ("priority", lambda wo: wo.priority),
        ("status", lambda wo: wo.status),
        ("requested_date", lambda wo: wo.requested_date),
        ("scheduled_date", lambda wo: wo.scheduled_date),
        ("completed_date", lambda wo: wo.completed_date),
        ("closed_at", lambda wo: wo.closed_at.isoformat() if wo.closed_at else ""),
        ("sla_due_date", lambda wo: wo.sla_due_date),
        ("estimated_cost", lambda wo: wo.estimated_cost),
        ("actual_cost", lambda wo: wo.actual_cost),
        ("vendor", lambda wo: wo.assigned_vendor.name if wo.assigned_vendor else ""),
        ("lease_number", lambda wo: wo.lease.lease_number if wo.lease else ""),
        ("tenant", lambda wo: wo.tenant.full_name if wo.tenant else ""),
        ("reported_by", lambda wo: wo.reported_by),
        ("description", lambda wo: wo.description),
        ("technician_notes", lambda wo: wo.technician_notes),
        ("id", lambda wo: wo.pk),
    ]

    @extend_schema(
        filters=True,
        responses={(200, "text/csv"): OpenApiResponse(description="CSV of the filtered work orders")},
    )
    def get(self, request):
        qs = self.filter_queryset(self.get_queryset())
        return csv_response(
            rows=qs.iterator(chunk_size=1000),
            columns=self.COLUMNS,
            filename=f"work-orders-{timezone.localdate().isoformat()}.csv",
        )


class WorkOrderDetailApi(APIView):
    """One work order with its files (signed, expiring links), timeline (newest first) and invoices. PATCH
    changes any field but `unit` and `status` (the status moves through transition/); a closed or cancelled order
    is final (400)."""

    permission_classes = [PERMISSION]

    @extend_schema(responses={200: WorkOrderDetailSerializer, 404: ERROR})
    def get(self, request, id):
        return _detail(request, id)

    @extend_schema(
        request=WorkOrderUpdateInputSerializer,
        responses={200: WorkOrderDetailSerializer, 400: ERROR, 404: ERROR},
    )
    def patch(self, request, id):
        wo = _get_or_404(id)
        data = validated(WorkOrderUpdateInputSerializer, request.data)
        services.work_order_update(work_order=wo, **data, **_actor(request))
        return _detail(request, wo.pk)


class WorkOrderTransitionApi(APIView):
    """Moves the work order along the flow: open -> assigned (needs a vendor) | in_progress | cancelled;
    assigned -> in_progress | open | cancelled; in_progress -> completed (needs `actual_cost`; `completed_date`
    default today) | cancelled; completed -> closed | in_progress (reopened: `note` required). Closed and
    cancelled are final. Illegal: 400 `{"detail": "<why>", "allowed": [...]}`."""

    permission_classes = [PERMISSION]

    @extend_schema(
        request=WorkOrderTransitionInputSerializer,
        responses={200: WorkOrderDetailSerializer, 400: TRANSITION_ERROR, 404: ERROR},
    )
    @idempotent
    def post(self, request, id):
        wo = _get_or_404(id)
        data = dict(validated(WorkOrderTransitionInputSerializer, request.data))
        services.work_order_transition(work_order=wo, **data, **_actor(request))
        return _detail(request, wo.pk)


class WorkOrderFilesApi(APIView):
    """Attach a file uploaded through `POST /api/v1/files/` (purpose `work_order`) as a photo or a document. The
    file must be one the caller may see (normally their own upload)."""

    permission_classes = [PERMISSION]

    @extend_schema(
        request=WorkOrderFileInputSerializer,
        responses={201: WorkOrderFileSerializer, 400: ERROR, 404: ERROR},
    )
    def post(self, request, id):
        wo = _get_or_404(id)
        data = validated(WorkOrderFileInputSerializer, request.data)
        stored = file_get_for(file_id=data["file"], user=request.user)
        if stored is None:
            raise ApplicationError("File not found: upload it first (POST /api/v1/files/).", extra={"field": "file"})
        link = services.work_order_file_attach(
            work_order=wo, stored_file=stored, kind=data.get("kind"), **_actor(request)
        )
        return Response(WorkOrderFileSerializer(link, context={"request": request}).data, status=http.HTTP_201_CREATED)


class WorkOrderFileDetailApi(APIView):
    """Take a file off the work order (204); the uploaded file itself stays with core.files."""

    permission_classes = [PERMISSION]

    @extend_schema(responses={204: None, 404: ERROR})
    def delete(self, request, id, link_id):
        wo = _get_or_404(id)
        link = selectors.work_order_file_get(work_order=wo, link_id=link_id)
        if link is None:
            raise NotFound(FILE_NOT_FOUND)
        services.work_order_file_remove(link=link, **_actor(request))
        return Response(status=http.HTTP_204_NO_CONTENT)
