"""Tenants API: thin views — parse, call one selector or service, serialize."""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core.filters import FILTER_BACKENDS
from core.permissions import Requires
from core.services import actor_label
from core.validation import validated
from tenants import selectors, services
from tenants.balances import tenant_balances
from tenants.filters import LeaseFilter, LedgerEntryFilter, TenantFilter
from tenants.serializers import (
    LeaseConvertMtmInputSerializer,
    LeaseGiveNoticeInputSerializer,
    LeaseLifecycleSerializer,
    LeaseMarkVacantInputSerializer,
    LeaseStatusLogSerializer,
    LedgerEntrySerializer,
    LifecycleStatsInputSerializer,
    LifecycleStatsSerializer,
    TenantSerializer,
)

LEASE_NOT_FOUND = "Lease not found."


def _lease_or_404(lease_id):
    lease = selectors.lease_get(lease_id=lease_id)
    if lease is None:
        raise NotFound(LEASE_NOT_FOUND)
    return lease


def _lease_response(lease_id) -> Response:
    return Response(LeaseLifecycleSerializer(_lease_or_404(lease_id)).data)


# --- tenants -------------------------------------------------------------------------------------------


class TenantListApi(ListAPIView):
    """Tenants with ledger balances and their current lease. `search` matches name and email."""

    permission_classes = [Requires("view_portfolio")]

    serializer_class = TenantSerializer
    filter_backends = FILTER_BACKENDS
    filterset_class = TenantFilter
    search_fields = ["first_name", "last_name", "email"]
    ordering_fields = ["last_name", "first_name", "email", "created_at"]
    ordering = ["last_name", "first_name"]

    def get_queryset(self):
        return selectors.tenant_list()

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        balances = tenant_balances(tenant_ids=[t.pk for t in page])  # one aggregate query for the page
        data = TenantSerializer(page, many=True, context={"request": request, "balances": balances}).data
        return self.get_paginated_response(data)


class TenantDetailApi(APIView):
    permission_classes = [Requires("view_portfolio")]

    @extend_schema(responses=TenantSerializer)
    def get(self, request, tenant_id):
        tenant = selectors.tenant_get(tenant_id=tenant_id)
        if tenant is None:
            raise NotFound("Tenant not found.")
        balances = tenant_balances(tenant_ids=[tenant.pk])
        return Response(TenantSerializer(tenant, context={"request": request, "balances": balances}).data)


# --- ledger --------------------------------------------------------------------------------------------


class LedgerEntryListApi(ListAPIView):
    permission_classes = [Requires("view_ledger")]
    serializer_class = LedgerEntrySerializer
    filter_backends = FILTER_BACKENDS
    filterset_class = LedgerEntryFilter
    search_fields = ["description", "reference", "tenant__last_name"]
    ordering_fields = ["trans_date", "due_date", "amount", "created_at"]
    ordering = ["-trans_date", "trans_type"]

    def get_queryset(self):
        return selectors.ledger_entry_list()


class LedgerEntryDetailApi(APIView):
    permission_classes = [Requires("view_ledger")]

    @extend_schema(responses=LedgerEntrySerializer)
    def get(self, request, entry_id):
        entry = selectors.ledger_entry_get(entry_id=entry_id)
        if entry is None:
            raise NotFound("Ledger entry not found.")
        return Response(LedgerEntrySerializer(entry).data)


# --- leases --------------------------------------------------------------------------------------------


class LeaseListApi(ListAPIView):
    """Leases with lifecycle fields. `lease_status` takes several comma-separated values;
    `search` matches tenant first/last name, unit number and lease number."""

    permission_classes = [Requires("view_portfolio")]

    serializer_class = LeaseLifecycleSerializer
    filter_backends = FILTER_BACKENDS
    filterset_class = LeaseFilter
    search_fields = ["tenant__first_name", "tenant__last_name", "unit__unit_number", "lease_number"]
    ordering_fields = [
        "lease_end_date",
        "monthly_rent_amount",
        "unit__unit_number",
        "tenant__last_name",
        "lease_status",
    ]
    ordering = ["lease_end_date"]

    def get_queryset(self):
        return selectors.lease_list()


class LeaseDetailApi(APIView):
    permission_classes = [Requires("view_portfolio")]

    @extend_schema(responses=LeaseLifecycleSerializer)
    def get(self, request, lease_id):
        return _lease_response(lease_id)


class LeaseConvertMtmApi(APIView):
    """Active -> month-to-month. 400 `{"detail": "Lease is already month-to-month."}`."""

    permission_classes = [Requires("manage_leases")]

    @extend_schema(request=LeaseConvertMtmInputSerializer, responses=LeaseLifecycleSerializer)
    def post(self, request, lease_id):
        lease = _lease_or_404(lease_id)
        data = validated(LeaseConvertMtmInputSerializer, request.data)
        services.lease_convert_mtm(lease=lease, actor=actor_label(request.user), **data)
        return _lease_response(lease.pk)


class LeaseGiveNoticeApi(APIView):
    """Active or month-to-month -> notice; move-out at least 30 days after the notice date (default today)."""

    permission_classes = [Requires("manage_leases")]

    @extend_schema(request=LeaseGiveNoticeInputSerializer, responses=LeaseLifecycleSerializer)
    def post(self, request, lease_id):
        lease = _lease_or_404(lease_id)
        data = validated(LeaseGiveNoticeInputSerializer, request.data)
        services.lease_give_notice(lease=lease, actor=actor_label(request.user), **data)
        return _lease_response(lease.pk)


class LeaseMarkVacantApi(APIView):
    """Notice -> vacant; the unit becomes vacant. `actual_move_out_date` defaults to today."""

    permission_classes = [Requires("manage_leases")]

    @extend_schema(request=LeaseMarkVacantInputSerializer, responses=LeaseLifecycleSerializer)
    def post(self, request, lease_id):
        lease = _lease_or_404(lease_id)
        data = validated(LeaseMarkVacantInputSerializer, request.data)
        services.lease_mark_vacant(lease=lease, actor=actor_label(request.user), **data)
        return _lease_response(lease.pk)


class LeaseStatusHistoryApi(APIView):
    """The lease's status transitions, newest first (a plain list, not paginated)."""

    permission_classes = [Requires("view_portfolio")]

    @extend_schema(responses=LeaseStatusLogSerializer(many=True))
    def get(self, request, lease_id):
        lease = _lease_or_404(lease_id)
        return Response(LeaseStatusLogSerializer(selectors.lease_status_history(lease=lease), many=True).data)


class LeaseLifecycleStatsApi(APIView):
    """Counts per lifecycle status, and active leases ending within 30/60/90 days."""

    permission_classes = [Requires("view_portfolio")]

    @extend_schema(
        parameters=[OpenApiParameter("property", str, description="Property id (UUID)")],
        responses=LifecycleStatsSerializer,
    )
    def get(self, request):
        params = validated(LifecycleStatsInputSerializer, request.query_params)
        stats = selectors.lease_lifecycle_stats(property_id=params.get("property"))
        return Response(LifecycleStatsSerializer(stats).data)
