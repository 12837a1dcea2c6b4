"""Collections API (/api/v1/collections/): thin views — parse, call one selector or service, serialize.

Every operation on a case answers with the case detail (actions timeline and payment plan included), so the
screen re-renders from one response. Unknown or malformed ids: 404 `{"detail": "Collection case not found."}`.
"""

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.generics import ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from collections_app import selectors, services
from collections_app.filters import CollectionCaseFilter
from collections_app.jobs import SCAN_JOB
from collections_app.serializers import (
    CollectionActionSerializer,
    CollectionCaseDetailSerializer,
    CollectionCaseListSerializer,
    CollectionDashboardStatsSerializer,
    CollectionDismissLegalInputSerializer,
    CollectionEscalateInputSerializer,
    CollectionOfferPlanInputSerializer,
    CollectionRecordPaymentInputSerializer,
    CollectionStatsInputSerializer,
)
from core.apis import job_started_response
from core.filters import FILTER_BACKENDS
from core.idempotency import idempotent
from core.jobs import job_start
from core.permissions import Requires
from core.serializers import JobStartedSerializer
from core.services import actor_label
from core.validation import validated

CASE_NOT_FOUND = "Collection case not found."


def _case_or_404(case_id):
    case = selectors.case_get(case_id=case_id)
    if case is None:
        raise NotFound(CASE_NOT_FOUND)
    return case


def _detail(case_id) -> Response:
    return Response(CollectionCaseDetailSerializer(_case_or_404(case_id)).data)


class CollectionCaseListApi(ListAPIView):
    """Collection cases, most overdue first. Filters: `status` (comma-separated or repeated), `property`,
    `tenant`, `unit`, `escalation_level` (several allowed), `days_overdue__gte`/`__lte`, `tone`, `risk_profile`;
    `search` matches tenant first/last name and unit number; `ordering` by days_overdue, current_balance,
    escalation_level, due_date or created_at (prefix `-` for descending)."""

    permission_classes = [Requires("view_collections")]

    serializer_class = CollectionCaseListSerializer
    filter_backends = FILTER_BACKENDS
    filterset_class = CollectionCaseFilter
    search_fields = ["tenant__first_name", "tenant__last_name", "unit__unit_number"]
    ordering_fields = ["days_overdue", "current_balance", "escalation_level", "due_date", "created_at"]
    ordering = ["-days_overdue", "id"]

    def get_queryset(self):
        return selectors.case_list()


class CollectionCaseDetailApi(APIView):
    permission_classes = [Requires("view_collections")]

    @extend_schema(responses=CollectionCaseDetailSerializer)
    def get(self, request, case_id):
        return _detail(case_id)


class CollectionCaseActionsApi(APIView):
    """Every action on the case, oldest first, with live delivery state (a plain list, not paginated)."""

    permission_classes = [Requires("view_collections")]

    @extend_schema(responses=CollectionActionSerializer(many=True))
    def get(self, request, case_id):
        case = _case_or_404(case_id)
        return Response(CollectionActionSerializer(case.all_actions, many=True, context={"outbox": case.outbox}).data)


class CollectionCaseSendReminderApi(APIView):
    """Sends the next dunning step now, even if it is not due yet (never one already sent). 400 when the case
    is not open or all five steps are sent."""

    permission_classes = [Requires("manage_collections")]

    @extend_schema(request=None, responses=CollectionCaseDetailSerializer)
    @idempotent
    def post(self, request, case_id):
        case = _case_or_404(case_id)
        services.case_send_reminder(case=case, actor=actor_label(request.user))
        return _detail(case.pk)


class CollectionCaseOfferPlanApi(APIView):
    """Offers a payment plan for the balance (2-6 installments, default from the balance and rent; first due
    7 days from today unless `start_date`) and emails the terms to the tenant."""

    permission_classes = [Requires("manage_collections")]

    @extend_schema(request=CollectionOfferPlanInputSerializer, responses=CollectionCaseDetailSerializer)
    @idempotent
    def post(self, request, case_id):
        case = _case_or_404(case_id)
        data = validated(CollectionOfferPlanInputSerializer, request.data)
        services.payment_plan_offer(
            case=case,
            actor=actor_label(request.user),
            num_installments=data.get("num_installments"),
            start_date=data.get("start_date"),
        )
        return _detail(case.pk)


class CollectionCaseAcceptPlanApi(APIView):
    """The tenant accepted the proposed plan: the case moves to 'payment_plan'."""

    permission_classes = [Requires("record_payments")]

    @extend_schema(request=None, responses=CollectionCaseDetailSerializer)
    @idempotent
    def post(self, request, case_id):
        case = _case_or_404(case_id)
        services.payment_plan_accept(case=case, actor=actor_label(request.user))
        return _detail(case.pk)


class CollectionCaseRecordPaymentApi(APIView):
    """`{"amount": "250.00", "paid_on": "YYYY-MM-DD", "reference": ""}`: records the payment in the tenant
    ledger and on the case. 400 `Payment must be greater than zero.` / `Payment of $X exceeds the balance of $Y.`"""

    permission_classes = [Requires("record_payments")]

    @extend_schema(request=CollectionRecordPaymentInputSerializer, responses=CollectionCaseDetailSerializer)
    @idempotent
    def post(self, request, case_id):
        case = _case_or_404(case_id)
        data = validated(CollectionRecordPaymentInputSerializer, request.data)
        services.payment_record(
            case=case,
            amount=data["amount"],
            actor=actor_label(request.user),
            paid_on=data.get("paid_on"),
            reference=data.get("reference", ""),
        )
        return _detail(case.pk)


class CollectionCaseEscalateApi(APIView):
    """Escalates to legal now (level 5, status 'escalated', assigned to the manager); `note` is recorded."""

    permission_classes = [Requires("manage_collections")]

    @extend_schema(request=CollectionEscalateInputSerializer, responses=CollectionCaseDetailSerializer)
    @idempotent
    def post(self, request, case_id):
        case = _case_or_404(case_id)
        data = validated(CollectionEscalateInputSerializer, request.data)
        services.case_escalate(case=case, actor=actor_label(request.user), note=data.get("note", ""))
        return _detail(case.pk)


class CollectionCaseApproveLegalApi(APIView):
    """The manager approves the agent's legal-referral recommendation: the legal step goes out (the final notice
    letter to print and mail, the hand-off email to the property manager) and the case is escalated. 400 when
    there is no pending recommendation or the balance fell below the minimum."""

    permission_classes = [Requires("manage_collections")]

    @extend_schema(request=None, responses=CollectionCaseDetailSerializer)
    @idempotent
    def post(self, request, case_id):
        case = _case_or_404(case_id)
        services.legal_referral_approve(case=case, actor=actor_label(request.user))
        return _detail(case.pk)


class CollectionCaseDismissLegalApi(APIView):
    """The manager dismisses the legal-referral recommendation (`note`: why, recorded): nothing is sent and the
    agent does not recommend it again for this case."""

    permission_classes = [Requires("manage_collections")]

    @extend_schema(request=CollectionDismissLegalInputSerializer, responses=CollectionCaseDetailSerializer)
    def post(self, request, case_id):
        case = _case_or_404(case_id)
        data = validated(CollectionDismissLegalInputSerializer, request.data)
        services.legal_referral_dismiss(case=case, actor=actor_label(request.user), note=data.get("note", ""))
        return _detail(case.pk)


class CollectionDashboardStatsApi(APIView):
    """Totals for the dashboard cards (optionally for one `property`)."""

    permission_classes = [Requires("view_collections")]

    @extend_schema(
        parameters=[OpenApiParameter("property", str, description="Property id (UUID)")],
        responses=CollectionDashboardStatsSerializer,
    )
    def get(self, request):
        params = validated(CollectionStatsInputSerializer, request.query_params)
        stats = selectors.collections_dashboard_stats(property_id=params.get("property"))
        return Response(CollectionDashboardStatsSerializer(stats).data)


class CollectionRunScanApi(APIView):
    """ "Scan Now": starts the daily scan + escalation engine as a background job and answers 202 with it (poll
    `GET /api/v1/jobs/{id}/`; its `result` is `{"scan": ..., "escalation": ...}`). While one runs, a second
    request answers the running job."""

    permission_classes = [Requires("run_agents")]

    @extend_schema(request=None, responses={202: JobStartedSerializer})
    def post(self, request):
        job, created = job_start(kind=SCAN_JOB, requested_by=actor_label(request.user))
        return job_started_response(job, created)
