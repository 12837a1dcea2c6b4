"""Responsibility API (/api/v1/responsibility/, PRP "Tenant vs Owner Responsibility" + issue 21). Thin views:
parse -> one service/selector -> serialize. Reading needs `view_maintenance` (the charges, the queue and the
metrics also `view_ledger`: the accountant bills them); determining, deciding, disputes
and their resolution need `manage_maintenance`; billing and payments (the tenant's ledger) need
`record_payments`. Everything is scoped to the caller's properties (a record outside them is a 404). The tenant's
dispute link is public: the signed, expiring token is the credential."""

from __future__ import annotations

import django_filters
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers as drf_serializers
from rest_framework import status as http
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core.csv_export import csv_response
from core.filters import FILTER_BACKENDS, ChoiceInFilter
from core.idempotency import idempotent
from core.permissions import Public, Requires
from core.services import actor_label
from core.utils import parse_uuid
from core.validation import validated
from responsibility import selectors, services
from responsibility.models import TenantCharge
from responsibility.serializers import (
    AssessInputSerializer,
    ConfirmInputSerializer,
    DeterminationSerializer,
    DisputeInputSerializer,
    MetricsSerializer,
    PublicChargeSerializer,
    QueueItemSerializer,
    ReasonInputSerializer,
    ResolveInputSerializer,
    TenantChargeSerializer,
    WorkOrderResponsibilitySerializer,
    assess_context,
)

READ = "view_maintenance"
# The charges, the page's metrics and queue are also the accountant's: they bill and record payment of the charges
# (record_payments) and see the tenants' ledger, so reading them is theirs too.
CHARGES_READ = "view_maintenance|view_ledger"
DECIDE = "manage_maintenance"
MONEY = "record_payments"
ERROR = inline_serializer("ResponsibilityError", {"detail": drf_serializers.CharField()})


def _actor(request) -> str:
    return actor_label(request.user)


def _actor_name(request) -> str:
    user = request.user
    return user.get_full_name() or user.email or user.get_username()


def _work_order(work_order_id):
    wo = (
        selectors.work_order_for_determination(work_order_id=parse_uuid(work_order_id))
        if parse_uuid(work_order_id)
        else None
    )
    if wo is None:
        raise NotFound("Work order not found.")
    return wo


def _charge(charge_id) -> TenantCharge:
    pk = parse_uuid(charge_id)
    charge = selectors.charge_get(charge_id=pk) if pk else None
    if charge is None:
        raise NotFound("Charge not found.")
    return charge


def _panel(wo, status=http.HTTP_200_OK) -> Response:
    context = {
        "log": list(selectors.decision_log_for(work_order_id=wo.pk)),
        "charges": list(
            selectors.charges_for_work_order(work_order_id=wo.pk).select_related(
                "tenant", "property", "work_order__unit"
            )
        ),
    }
    return Response(WorkOrderResponsibilitySerializer(wo, context=context).data, status=status)


class WorkOrderResponsibilityApi(APIView):
    """The Financial Responsibility panel of one work order: the determination, its charges and the decision log."""

    permission_classes = [Requires(READ)]

    @extend_schema(responses={200: WorkOrderResponsibilitySerializer, 404: ERROR})
    def get(self, request, work_order_id):
        return _panel(_work_order(work_order_id))


class WorkOrderDetermineApi(APIView):
    """Gathers the work order's context (equipment, building, tenancy, history, photos), determines who pays, and
    stores it on the work order and in the decision log. Only a completed (or closed) order."""

    permission_classes = [Requires(READ, write=DECIDE)]

    @extend_schema(request=None, responses={200: DeterminationSerializer, 400: ERROR, 404: ERROR, 503: ERROR})
    def post(self, request, work_order_id):
        wo = _work_order(work_order_id)
        data = services.work_order_determine(
            work_order=wo, today=timezone.localdate(), actor=_actor(request), actor_name=_actor_name(request)
        )
        return Response(DeterminationSerializer(data).data)


class WorkOrderConfirmApi(APIView):
    """Confirm & Create Charge: `{"responsibility": "tenant"|"shared", "amount", "reason"}`; an override of the
    determination (another decision or amount) needs `reason`. The charge starts `pending`."""

    permission_classes = [Requires(READ, write=DECIDE)]

    @extend_schema(
        request=ConfirmInputSerializer, responses={201: TenantChargeSerializer, 400: ERROR, 404: ERROR, 409: ERROR}
    )
    @idempotent
    def post(self, request, work_order_id):
        wo = _work_order(work_order_id)
        data = validated(ConfirmInputSerializer, request.data)
        charge = services.responsibility_confirm(
            work_order=wo, actor=_actor(request), actor_name=_actor_name(request), **data
        )
        return Response(
            TenantChargeSerializer(selectors.charge_get(charge_id=charge.pk)).data, status=http.HTTP_201_CREATED
        )


class WorkOrderWaiveApi(APIView):
    """Waive - Owner Pays: `{"reason"}` (needed when the determination said tenant or shared)."""

    permission_classes = [Requires(READ, write=DECIDE)]

    @extend_schema(
        request=ReasonInputSerializer,
        responses={200: WorkOrderResponsibilitySerializer, 400: ERROR, 404: ERROR, 409: ERROR},
    )
    def post(self, request, work_order_id):
        wo = _work_order(work_order_id)
        data = validated(ReasonInputSerializer, request.data)
        services.responsibility_waive(
            work_order=wo, reason=data["reason"], actor=_actor(request), actor_name=_actor_name(request)
        )
        return _panel(_work_order(work_order_id))


class AssessApi(APIView):
    """The engine on an explicit context, for what-if checks and integrations: nothing is stored. Body:
    `description`, `tech_notes`, `category`, `total_cost`, `building_age_years`, `equipment` (`item`, `age_years`,
    `expected_lifespan_years`, `warranty_active`; or null), `photo_analysis` (`damage_type`, `wear_pattern`,
    `condition_notes`; or null), `tenant` (`months_in_unit`, `previous_damage_charges`, `similar_issues`)."""

    permission_classes = [Requires(READ, write=READ)]

    @extend_schema(request=AssessInputSerializer, responses={200: DeterminationSerializer, 400: ERROR, 503: ERROR})
    def post(self, request):
        data = validated(AssessInputSerializer, request.data)
        return Response(DeterminationSerializer(services.responsibility_assess(context=assess_context(data))).data)


class ChargeFilter(django_filters.FilterSet):
    status = ChoiceInFilter(choices=TenantCharge.Status.choices)

    class Meta:
        model = TenantCharge
        fields = ["status", "property", "tenant", "work_order"]


class ChargeListApi(ListAPIView):
    """Tenant charges, newest first. Filters: `status` (comma-separated), `property`, `tenant`, `work_order`;
    `search` (work order, tenant, unit); `ordering`."""

    permission_classes = [Requires(CHARGES_READ)]
    serializer_class = TenantChargeSerializer
    filter_backends = FILTER_BACKENDS
    filterset_class = ChargeFilter
    search_fields = ["work_order__work_order_number", "tenant__last_name", "work_order__unit__unit_number"]
    ordering_fields = ["created_at", "amount", "status", "disputed_at"]
    ordering = ["-created_at"]

    def get_queryset(self):
        return selectors.charge_list()


class ChargeExportApi(ChargeListApi):
    """The filtered charges as CSV (the list's filters, search and ordering; every row), for the books."""

    pagination_class = None
    COLUMNS = [
        ("created_at", lambda c: c.created_at.date()),
        ("status", lambda c: c.status),
        ("amount", lambda c: c.amount),
        ("property", lambda c: c.property.name),
        ("unit", lambda c: c.work_order.unit.unit_number),
        ("tenant", lambda c: f"{c.tenant.first_name} {c.tenant.last_name}".strip() if c.tenant else ""),
        ("work_order", lambda c: c.work_order.work_order_number),
        ("repair", lambda c: c.work_order.title),
        ("description", lambda c: c.description),
        ("damage_type", lambda c: c.damage_type),
        ("billed_at", lambda c: c.billed_at),
        ("paid_at", lambda c: c.paid_at),
        ("disputed_at", lambda c: c.disputed_at),
        ("resolved_at", lambda c: c.resolved_at),
        ("id", lambda c: c.pk),
    ]

    @extend_schema(responses={(200, "text/csv"): OpenApiResponse(description="CSV of the filtered tenant charges")})
    def get(self, request, *args, **kwargs):
        rows = self.filter_queryset(self.get_queryset()).iterator(chunk_size=1000)
        return csv_response(
            rows=rows, columns=self.COLUMNS, filename=f"tenant-charges-{timezone.localdate().isoformat()}.csv"
        )


class ChargeDetailApi(APIView):
    permission_classes = [Requires(CHARGES_READ)]

    @extend_schema(responses={200: TenantChargeSerializer, 404: ERROR})
    def get(self, request, charge_id):
        return Response(TenantChargeSerializer(_charge(charge_id)).data)


def _charge_response(charge) -> Response:
    return Response(TenantChargeSerializer(selectors.charge_get(charge_id=charge.pk)).data)


class ChargeBillApi(APIView):
    """Posts the pending charge on the tenant's ledger and sends the notice with the dispute link."""

    permission_classes = [Requires(CHARGES_READ, write=MONEY)]

    @extend_schema(request=None, responses={200: TenantChargeSerializer, 404: ERROR, 409: ERROR})
    @idempotent
    def post(self, request, charge_id):
        charge = services.charge_bill(
            charge=_charge(charge_id),
            today=timezone.localdate(),
            actor=_actor(request),
            actor_name=_actor_name(request),
        )
        return _charge_response(charge)


class ChargePayApi(APIView):
    """Records the tenant's payment of a billed charge (on the ledger) and marks it paid."""

    permission_classes = [Requires(CHARGES_READ, write=MONEY)]

    @extend_schema(request=None, responses={200: TenantChargeSerializer, 404: ERROR, 409: ERROR})
    @idempotent
    def post(self, request, charge_id):
        charge = services.charge_pay(
            charge=_charge(charge_id),
            today=timezone.localdate(),
            actor=_actor(request),
            actor_name=_actor_name(request),
        )
        return _charge_response(charge)


class ChargeDisputeApi(APIView):
    """Records the tenant's dispute (taken by staff): `{"message"}`."""

    permission_classes = [Requires(READ, write=DECIDE)]

    @extend_schema(
        request=DisputeInputSerializer, responses={200: TenantChargeSerializer, 400: ERROR, 404: ERROR, 409: ERROR}
    )
    def post(self, request, charge_id):
        charge = _charge(charge_id)
        data = validated(DisputeInputSerializer, request.data)
        services.charge_dispute(
            charge=charge, message=data["message"], by="staff", actor=_actor(request), actor_name=_actor_name(request)
        )
        return _charge_response(charge)


class ChargeResolveApi(APIView):
    """Resolves a dispute: `{"outcome": "uphold"|"adjust"|"waive", "reason", "amount" (adjust)}`."""

    permission_classes = [Requires(READ, write=DECIDE)]

    @extend_schema(
        request=ResolveInputSerializer, responses={200: TenantChargeSerializer, 400: ERROR, 404: ERROR, 409: ERROR}
    )
    @idempotent
    def post(self, request, charge_id):
        charge = _charge(charge_id)
        data = validated(ResolveInputSerializer, request.data)
        services.charge_resolve(
            charge=charge, today=timezone.localdate(), actor=_actor(request), actor_name=_actor_name(request), **data
        )
        return _charge_response(charge)


class QueueApi(ListAPIView):
    """Completed work orders with a determination and no coordinator decision yet, newest first."""

    permission_classes = [Requires(CHARGES_READ)]
    serializer_class = QueueItemSerializer

    def get_queryset(self):
        qs = selectors.decision_queue()
        wanted = self.request.query_params.get("responsibility", "")
        if wanted in ("owner", "tenant", "shared"):
            qs = qs.filter(responsibility=wanted)
        return qs


class MetricsApi(APIView):
    """The PRP's success metrics, live (targets: agreement > 85%, disputes < 15%, reasoning 100%, collection
    > 70%)."""

    permission_classes = [Requires(CHARGES_READ)]

    @extend_schema(responses={200: MetricsSerializer})
    def get(self, request):
        return Response(MetricsSerializer(selectors.responsibility_metrics()).data)


def _public_charge(token) -> TenantCharge:
    charge_id = services.charge_dispute_token_check(token)
    charge = (
        TenantCharge.objects.select_related("work_order__unit", "property").filter(pk=parse_uuid(charge_id)).first()
        if parse_uuid(charge_id)
        else None
    )
    if charge is None:
        raise NotFound("Not found.")
    return charge


def _public_data(charge) -> dict:
    return {
        "amount": charge.amount,
        "description": charge.description,
        "evidence_summary": charge.evidence_summary,
        "status": charge.status,
        "work_order_number": charge.work_order.work_order_number,
        "work_order_title": charge.work_order.title,
        "unit_number": charge.work_order.unit.unit_number,
        "property_name": charge.property.name,
        "can_dispute": charge.status in (TenantCharge.Status.PENDING, TenantCharge.Status.BILLED),
        "dispute_message": charge.dispute_message,
    }


class PublicChargeDisputeApi(APIView):
    """The tenant's dispute link (sent with the charge notice): GET shows the charge with its reasoning and
    evidence; POST `{"message"}` disputes it. Expired: 410; forged: 404."""

    permission_classes = [Public("the signed, expiring link in the charge notice is the credential")]
    authentication_classes: list = []

    @extend_schema(responses={200: PublicChargeSerializer, 404: ERROR, 410: ERROR})
    def get(self, request, token):
        return Response(PublicChargeSerializer(_public_data(_public_charge(token))).data)

    @extend_schema(
        request=DisputeInputSerializer,
        responses={200: PublicChargeSerializer, 400: ERROR, 404: ERROR, 409: ERROR, 410: ERROR},
    )
    def post(self, request, token):
        charge = _public_charge(token)
        data = validated(DisputeInputSerializer, request.data)
        services.charge_dispute(
            charge=charge, message=data["message"], by="tenant", actor="tenant", actor_name="Tenant (dispute link)"
        )
        return Response(PublicChargeSerializer(_public_data(_public_charge(token))).data)
