"""Turnover API (/api/v1/turnover/, spec 2.1 plus issue 17 §3). Thin views: parse -> one service/selector ->
serialize. Reading needs `view_portfolio` (leasing and maintenance both follow the board); moving cases and the
checklist need `manage_leases` or `manage_maintenance`; deductions are entered by either, but approving them and
the letter (which charges the tenant's ledger) need `manage_leases` (docs/decisions.md). Every read and write is
scoped to the caller's properties: a case outside them answers 404."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers as drf_serializers
from rest_framework import status as http
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView, ListAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from core.csv_export import csv_response
from core.documents.rendering import document_pdf
from core.exceptions import ApplicationError
from core.files.selectors import file_get_for
from core.filters import FILTER_BACKENDS, ChoiceInFilter
from core.idempotency import idempotent
from core.permissions import Requires, any_of
from core.services import actor_label
from core.validation import validated
from turnover import pipeline, selectors, services
from turnover.models import TurnoverCase
from turnover.serializers import (
    TurnoverAdvanceStageInputSerializer,
    TurnoverCaseDetailSerializer,
    TurnoverCaseSerializer,
    TurnoverChecklistItemInputSerializer,
    TurnoverChecklistSerializer,
    TurnoverDashboardStatsSerializer,
    TurnoverDeductionApproveInputSerializer,
    TurnoverDeductionInputSerializer,
    TurnoverKanbanSerializer,
    TurnoverLetterPreviewSerializer,
)

READ = "view_portfolio"
MOVE = any_of("manage_leases", "manage_maintenance")
DEPOSIT = "manage_leases"
NOT_FOUND = "Turnover case not found."
ERROR = inline_serializer("TurnoverError", {"detail": drf_serializers.CharField()})
MOVE_ERROR = inline_serializer(
    "TurnoverMoveError",
    {
        "detail": drf_serializers.CharField(),
        "allowed": drf_serializers.ListField(child=drf_serializers.DictField(), required=False),
    },
)


def _actor(request) -> str:
    return actor_label(request.user)


def _actor_name(request) -> str:
    user = request.user
    return user.get_full_name() or user.email or user.get_username()


def _case_or_404(case_id) -> TurnoverCase:
    case = selectors.case_get(case_id=case_id)
    if case is None:
        raise NotFound(NOT_FOUND)
    return case


def _detail(request, case_id, *, status: int = http.HTTP_200_OK) -> Response:
    case = _case_or_404(case_id)
    children = selectors.case_children(case)
    disposition = services.case_disposition(case, children["deductions"])
    reasons = {row.pk: line.reason for row, line in zip(children["deductions"], disposition.lines, strict=True)}
    context = {
        "request": request,
        "today": timezone.localdate(),
        "children": children,
        "reasons": reasons,
        "deadline": services.case_deadline(case),
    }
    return Response(TurnoverCaseDetailSerializer(case, context=context).data, status=status)


class TurnoverFilter(django_filters.FilterSet):
    """`stage` (repeatable or comma-separated), `property`, `unit`, `delayed=true` (open and past 30 days
    vacant), `open=true` (not leased)."""

    stage = ChoiceInFilter(choices=TurnoverCase.Stage.choices)
    delayed = django_filters.BooleanFilter(method="filter_delayed")
    open = django_filters.BooleanFilter(method="filter_open")

    class Meta:
        model = TurnoverCase
        fields = ["stage", "property", "unit", "delayed", "open"]

    def filter_delayed(self, queryset, name, value):
        q = ~Q(stage=TurnoverCase.Stage.LEASED) & Q(days_vacant__gt=pipeline.DELAY_DAYS)
        return queryset.filter(q) if value else queryset.exclude(q)

    def filter_open(self, queryset, name, value):
        q = ~Q(stage=TurnoverCase.Stage.LEASED)
        return queryset.filter(q) if value else queryset.exclude(q)


class _ListMixin:
    filter_backends = FILTER_BACKENDS
    filterset_class = TurnoverFilter
    search_fields = ["unit__unit_number", "lease__tenant__last_name", "lease__lease_number", "property__name"]
    ordering_fields = ["expected_move_out", "notice_date", "days_vacant", "stage", "created_at", "security_deposit"]
    ordering = ["expected_move_out"]

    def get_queryset(self):
        return selectors.case_list()

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}


class TurnoverCaseListApi(_ListMixin, ListAPIView):
    """Turnover cases, soonest move-out first. Filters: `stage`, `property`, `unit`, `delayed`, `open`; `search`
    (unit, tenant's last name, lease number, property); `ordering`."""

    permission_classes = [Requires(READ)]
    serializer_class = TurnoverCaseSerializer


class TurnoverCaseExportApi(_ListMixin, GenericAPIView):
    """The list as CSV (same filters, search and ordering; every row, streamed)."""

    permission_classes = [Requires(READ)]
    serializer_class = TurnoverCaseSerializer
    pagination_class = None

    COLUMNS = [
        ("property", lambda c: c.property.name),
        ("unit", lambda c: c.unit.unit_number),
        ("stage", lambda c: c.stage),
        ("tenant", lambda c: f"{c.lease.tenant.first_name} {c.lease.tenant.last_name}"),
        ("lease_number", lambda c: c.lease.lease_number),
        ("notice_date", lambda c: c.notice_date),
        ("expected_move_out", lambda c: c.expected_move_out),
        ("actual_move_out", lambda c: c.actual_move_out),
        ("inspection_date", lambda c: c.inspection_date),
        ("make_ready_start", lambda c: c.make_ready_start),
        ("make_ready_complete", lambda c: c.make_ready_complete),
        ("listed_date", lambda c: c.listed_date),
        ("leased_date", lambda c: c.leased_date),
        (
            "inspection_work_order",
            lambda c: c.inspection_work_order.work_order_number if c.inspection_work_order else "",
        ),
        ("checklist_done", lambda c: f"{c.checklist_done}/{c.checklist_total}"),
        ("security_deposit", lambda c: c.security_deposit),
        ("total_deductions", lambda c: c.total_deductions),
        ("refund_amount", lambda c: c.refund_amount),
        ("balance_owed", lambda c: c.balance_owed),
        ("make_ready_estimated_cost", lambda c: c.make_ready_estimated_cost),
        ("make_ready_actual_cost", lambda c: c.make_ready_actual_cost),
        ("days_vacant", lambda c: c.days_vacant),
        ("delayed", lambda c: "yes" if selectors.is_delayed(c) else "no"),
        ("letter_sent_at", lambda c: c.letter_sent_at.isoformat() if c.letter_sent_at else ""),
        ("id", lambda c: c.pk),
    ]

    @extend_schema(filters=True, responses={(200, "text/csv"): OpenApiResponse(description="CSV of the cases")})
    def get(self, request):
        qs = self.filter_queryset(self.get_queryset())
        return csv_response(
            rows=qs.iterator(chunk_size=1000),
            columns=self.COLUMNS,
            filename=f"turnover-{timezone.localdate().isoformat()}.csv",
        )


class TurnoverKanbanApi(_ListMixin, GenericAPIView):
    """Cases grouped by stage for the board (open ones, and those leased in the last 30 days), with the header's
    active count, delayed count and average days in the pipeline. Filters as the list (`property`...)."""

    permission_classes = [Requires(READ)]
    serializer_class = TurnoverKanbanSerializer
    pagination_class = None

    @extend_schema(filters=True, responses=TurnoverKanbanSerializer)
    def get(self, request):
        qs = self.filter_queryset(self.get_queryset())
        today = timezone.localdate()
        return Response(TurnoverKanbanSerializer(selectors.kanban(qs=qs, today=today), context={"today": today}).data)


class TurnoverDashboardStatsApi(_ListMixin, GenericAPIView):
    """Pipeline stats: count per stage, average days notice -> leased, make-ready estimated vs actual cost,
    active and delayed counts. Filters as the list (`property`...)."""

    permission_classes = [Requires(READ)]
    serializer_class = TurnoverDashboardStatsSerializer
    pagination_class = None

    @extend_schema(filters=True, responses=TurnoverDashboardStatsSerializer)
    def get(self, request):
        qs = self.filter_queryset(selectors.TurnoverCase.objects.all())
        return Response(TurnoverDashboardStatsSerializer(selectors.dashboard_stats(qs=qs)).data)


class TurnoverCaseDetailApi(APIView):
    """One case with its deductions (and each line's depreciation), checklist, log, timeline, the allowed moves and
    the deposit statement's statutory deadline (days left)."""

    permission_classes = [Requires(READ)]

    @extend_schema(responses={200: TurnoverCaseDetailSerializer, 404: ERROR})
    def get(self, request, case_id):
        return _detail(request, case_id)


class TurnoverAdvanceStageApi(APIView):
    """Moves the case: forward one stage at a time, or back to an earlier stage with a `reason` (logged). Body
    `{"stage": "make_ready", "reason": ""}`. Refused: 400 with `allowed` (the stages it may move to)."""

    permission_classes = [Requires(READ, write=MOVE)]

    @extend_schema(
        request=TurnoverAdvanceStageInputSerializer, responses={200: TurnoverCaseDetailSerializer, 400: MOVE_ERROR}
    )
    def post(self, request, case_id):
        case = _case_or_404(case_id)
        data = validated(TurnoverAdvanceStageInputSerializer, request.data)
        services.turnover_stage_move(case=case, stage=data["stage"], reason=data["reason"], actor=_actor(request))
        return _detail(request, case.pk)


class TurnoverDeductionsApi(APIView):
    """Adds a deduction: `{"category", "description", "amount"}` (amount a positive amount up to 50,000.00, whole
    cents), optionally `life_item` + `item_age_years` (a replacement prorated by the life left), `photo` (an
    uploaded file's id), `ai_detected`, `approved`."""

    permission_classes = [Requires(READ, write=any_of("manage_leases", "manage_maintenance"))]

    @extend_schema(request=TurnoverDeductionInputSerializer, responses={201: TurnoverCaseDetailSerializer, 400: ERROR})
    @idempotent
    def post(self, request, case_id):
        case = _case_or_404(case_id)
        data = dict(validated(TurnoverDeductionInputSerializer, request.data))
        photo = None
        if data.pop("photo", None):
            photo = file_get_for(file_id=request.data.get("photo"), user=request.user)
            if photo is None:
                raise ApplicationError(
                    "Photo not found: upload it first (POST /api/v1/files/).", extra={"field": "photo"}
                )
        services.deduction_add(case=case, photo=photo, **data)
        return _detail(request, case.pk, status=http.HTTP_201_CREATED)


class TurnoverDeductionDetailApi(APIView):
    """Removes a deduction (before the letter is sent)."""

    permission_classes = [Requires(READ, write=any_of("manage_leases", "manage_maintenance"))]

    @extend_schema(responses={200: TurnoverCaseDetailSerializer, 404: ERROR})
    def delete(self, request, case_id, deduction_id):
        case = _case_or_404(case_id)
        deduction = selectors.deduction_get(case=case, deduction_id=deduction_id)
        if deduction is None:
            raise NotFound("Deduction not found.")
        services.deduction_delete(deduction=deduction)
        return _detail(request, case.pk)


class TurnoverDeductionApproveApi(APIView):
    """Approves a deduction (`{"approved": false}` withdraws the approval); only approved lines are deducted."""

    permission_classes = [Requires(READ, write=DEPOSIT)]

    @extend_schema(
        request=TurnoverDeductionApproveInputSerializer, responses={200: TurnoverCaseDetailSerializer, 404: ERROR}
    )
    def post(self, request, case_id, deduction_id):
        case = _case_or_404(case_id)
        deduction = selectors.deduction_get(case=case, deduction_id=deduction_id)
        if deduction is None:
            raise NotFound("Deduction not found.")
        data = validated(TurnoverDeductionApproveInputSerializer, request.data)
        services.deduction_approve(deduction=deduction, approved=data["approved"])
        return _detail(request, case.pk)


class TurnoverChecklistItemApi(APIView):
    """Updates a checklist item: `completed`, `actual_cost`, `vendor` (an active vendor's id, or null), and
    `create_work_order: true` opens its make-ready work order (once)."""

    permission_classes = [Requires(READ, write=MOVE)]

    @extend_schema(
        request=TurnoverChecklistItemInputSerializer, responses={200: TurnoverChecklistSerializer, 404: ERROR}
    )
    def patch(self, request, case_id, item_id):
        case = _case_or_404(case_id)
        item = selectors.checklist_item_get(case=case, item_id=item_id)
        if item is None:
            raise NotFound("Checklist item not found.")
        data = dict(validated(TurnoverChecklistItemInputSerializer, request.data))
        kwargs = {k: data[k] for k in ("completed", "actual_cost", "create_work_order") if k in data}
        if "vendor" in data:
            kwargs["vendor"] = data["vendor"]
        item = services.checklist_item_update(
            item=item, actor=_actor(request), actor_name=_actor_name(request), **kwargs
        )
        item = selectors.checklist_item_get(case=case, item_id=item.pk)
        return Response(TurnoverChecklistSerializer(item).data)


class TurnoverGenerateLetterApi(APIView):
    """Writes the itemized deduction letter from the figures (Claude, or the offline template with the same
    figures): each approved deduction with its depreciation, the deposit, the refund or balance owed, and the
    statutory deadline of the unit's state with its citation."""

    permission_classes = [Requires(READ, write=DEPOSIT)]

    @extend_schema(request=None, responses={200: TurnoverCaseDetailSerializer, 400: ERROR})
    def post(self, request, case_id):
        case = _case_or_404(case_id)
        services.letter_generate(case=case, actor=_actor(request))
        return _detail(request, case.pk)


class TurnoverLetterPreviewApi(APIView):
    """The letter as the PDF will show it (HTML, from the same template)."""

    permission_classes = [Requires(READ)]

    @extend_schema(responses={200: TurnoverLetterPreviewSerializer, 404: ERROR})
    def get(self, request, case_id):
        case = _case_or_404(case_id)
        if not case.letter_text:
            raise ApplicationError("Generate the deduction letter first.")
        return Response({"html": services.letter_preview_html(case)})


class TurnoverLetterPdfApi(APIView):
    """The letter as a PDF (rendered now from the stored text; the sent one is also kept in core/files)."""

    permission_classes = [Requires(READ)]

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY, 404: ERROR})
    def get(self, request, case_id):
        case = _case_or_404(case_id)
        if not case.letter_text:
            raise ApplicationError("Generate the deduction letter first.")
        from turnover.services.letters import LETTER_TEMPLATE, letter_document_context

        rendered = document_pdf(
            template=LETTER_TEMPLATE, context=letter_document_context(case), title="Deposit statement"
        )
        response = HttpResponse(rendered.pdf, content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="deposit-statement-{case.unit.unit_number}.pdf"'
        return response


class TurnoverSendLetterApi(APIView):
    """Sends the letter once: the PDF stored, the email sent, and a balance owed charged on the tenant's ledger.
    A second send answers the case as it is (nothing sent twice); `Idempotency-Key` makes a retry safe too."""

    permission_classes = [Requires(READ, write=DEPOSIT)]

    @extend_schema(request=None, responses={200: TurnoverCaseDetailSerializer, 400: ERROR})
    @idempotent
    def post(self, request, case_id):
        case = _case_or_404(case_id)
        services.letter_send(case=case, actor=_actor(request), user=request.user)
        return _detail(request, case.pk)
