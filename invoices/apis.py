"""Invoices API. Vendors (`vendors/`): list (filters `trade`, `is_active`, `compliance`, `search`, `ordering`),
detail, `export/` (CSV of the same filter), create, PATCH, `{id}/deactivate/` (vendors are never deleted).
Readable by the invoices people and the maintenance people; kept by `manage_maintenance`."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.filters import SearchFilter
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from core.apis import UUID_LOOKUP
from core.csv_export import csv_response
from core.filters import FILTER_BACKENDS, ChoiceInFilter, iso_date_filter
from core.idempotency import idempotent
from core.permissions import Requires, any_of
from core.services import actor_label
from core.validation import validated
from invoices import compliance
from invoices.models import Invoices, Vendor
from invoices.reading import ocr_available
from invoices.selectors import (
    OPEN_STATUSES,
    PIPELINE_STAGES,
    WORK_ORDER_OPTIONS_MAX,
    extraction_get,
    extraction_stage,
    invoice_get,
    invoice_list,
    invoice_summary,
    invoice_work_order_options,
    processing_queue,
    vendor_compliance_q,
    vendor_get,
    vendor_list,
)
from invoices.serializers import (
    InvoiceAttachmentInputSerializer,
    InvoiceCreateInputSerializer,
    InvoiceDetailSerializer,
    InvoiceExtractionApproveInputSerializer,
    InvoiceExtractionSerializer,
    InvoiceListSerializer,
    InvoiceMatchWorkOrderInputSerializer,
    InvoiceReasonInputSerializer,
    InvoiceSummarySerializer,
    InvoiceTransitionErrorSerializer,
    InvoiceTransitionInputSerializer,
    InvoiceUpdateInputSerializer,
    InvoiceUploadInputSerializer,
    InvoiceUploadResultSerializer,
    InvoiceWorkOrderOptionSerializer,
    InvoiceWorkOrderOptionsInputSerializer,
    ProcessingQueueInputSerializer,
    ProcessingQueueSerializer,
    VendorInputSerializer,
    VendorSerializer,
    actor_name,
)
from invoices.services import (
    ACCOUNT_CHOICES,
    extraction_retry,
    invoice_attachment_add,
    invoice_attachment_remove,
    invoice_create,
    invoice_extraction_approve,
    invoice_extraction_flag,
    invoice_extraction_match_work_order,
    invoice_extraction_reject,
    invoice_transition,
    invoice_update,
    invoice_upload,
    vendor_create,
    vendor_deactivate,
    vendor_update,
)
from units.models import WorkOrderCategory


class VendorFilter(django_filters.FilterSet):
    trade = ChoiceInFilter(choices=WorkOrderCategory.choices)
    compliance = django_filters.ChoiceFilter(
        choices=[(s, s) for s in compliance.STATES],
        method="filter_compliance",
        help_text="Vendors with a document in this state (insurance or license); `active`: both are active.",
    )

    class Meta:
        model = Vendor
        fields = ["trade", "is_active", "compliance"]

    def filter_compliance(self, queryset, name, value):
        return queryset.filter(vendor_compliance_q(value, timezone.localdate()))


class VendorViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Vendors, by name. `compliance` = insurance/license state (expiring within 30 days, spec 5.4); the counts
    cover the work orders and invoices of the caller's properties (`completed_work_orders_12mo` and
    `invoiced_12mo`: the last 365 days; rejected invoices don't count)."""

    permission_classes = [Requires(any_of("view_invoices", "view_maintenance"), write="manage_maintenance")]
    http_method_names = ["get", "post", "patch", "head", "options"]
    lookup_value_regex = UUID_LOOKUP
    serializer_class = VendorSerializer
    filter_backends = FILTER_BACKENDS
    filterset_class = VendorFilter
    search_fields = ["name", "contact_name", "email", "phone", "license_number"]
    ordering_fields = [
        "name",
        "trade",
        "insurance_expiry",
        "license_expiry",
        "hourly_rate",
        "open_work_orders",
        "completed_work_orders_12mo",
        "invoiced_12mo",
        "created_at",
    ]
    ordering = ["name"]

    def get_queryset(self):
        return vendor_list(today=timezone.localdate())

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "today": timezone.localdate()}

    def _representation(self, vendor, code=status.HTTP_200_OK) -> Response:
        fresh = vendor_get(vendor_id=vendor.pk, today=timezone.localdate())
        return Response(self.get_serializer(fresh).data, status=code)

    @extend_schema(request=VendorInputSerializer, responses={201: VendorSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        vendor = vendor_create(**validated(VendorInputSerializer, request.data))
        return self._representation(vendor, status.HTTP_201_CREATED)

    @extend_schema(request=VendorInputSerializer, responses=VendorSerializer)
    def partial_update(self, request, *args, **kwargs):
        vendor = self.get_object()
        serializer = VendorInputSerializer(data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        return self._representation(vendor_update(vendor=vendor, data=dict(serializer.validated_data)))

    @extend_schema(request=None, responses=VendorSerializer)
    @action(detail=True, methods=["post"])
    def deactivate(self, request, *args, **kwargs):
        """Takes the vendor off the active list; its work orders and invoices keep it."""
        return self._representation(vendor_deactivate(vendor=self.get_object()))

    EXPORT_COLUMNS = [
        ("name", lambda v, c: v.name),
        ("trade", lambda v, c: v.get_trade_display()),
        ("contact_name", lambda v, c: v.contact_name),
        ("email", lambda v, c: v.email),
        ("phone", lambda v, c: v.phone),
        ("address", lambda v, c: v.address),
        ("license_number", lambda v, c: v.license_number),
        ("license_expiry", lambda v, c: v.license_expiry),
        ("license_state", lambda v, c: c["license"]),
        ("insurance_expiry", lambda v, c: v.insurance_expiry),
        ("insurance_state", lambda v, c: c["insurance"]),
        ("contract_end_date", lambda v, c: v.contract_end_date),
        ("hourly_rate", lambda v, c: v.hourly_rate),
        ("active", lambda v, c: "yes" if v.is_active else "no"),
        ("open_work_orders", lambda v, c: v.open_work_orders),
        ("completed_work_orders_12mo", lambda v, c: v.completed_work_orders_12mo),
        ("invoiced_12mo", lambda v, c: f"{v.invoiced_12mo:.2f}"),
        ("id", lambda v, c: v.pk),
    ]

    @extend_schema(responses={(200, "text/csv"): OpenApiResponse(description="CSV of the filtered vendors")})
    @action(detail=False, methods=["get"], pagination_class=None)
    def export(self, request, *args, **kwargs):
        """The filtered list as CSV (same filters, search and ordering; every row)."""
        today = timezone.localdate()
        qs = self.filter_queryset(self.get_queryset())
        rows = (
            (
                vendor,
                compliance.vendor_compliance(
                    insurance_expiry=vendor.insurance_expiry, license_expiry=vendor.license_expiry, today=today
                ),
            )
            for vendor in qs.iterator(chunk_size=1000)
        )
        columns = [(name, lambda row, get=get: get(*row)) for name, get in self.EXPORT_COLUMNS]
        return csv_response(rows=rows, columns=columns, filename=f"vendors-{today.isoformat()}.csv")


class InvoiceFilter(django_filters.FilterSet):
    """`status` (comma-separated or repeated), `vendor`, `property`, `unit`, `work_order`, `invoice_date__gte/__lte`,
    `due_date__gte/__lte`, `total_amount__gte/__lte` (dollars, e.g. 250.00), `overdue=true` (received or approved
    and past the due date)."""

    status = ChoiceInFilter(choices=Invoices.Status.choices)
    invoice_date__gte = iso_date_filter("invoice_date", "gte")
    invoice_date__lte = iso_date_filter("invoice_date", "lte")
    due_date__gte = iso_date_filter("due_date", "gte")
    due_date__lte = iso_date_filter("due_date", "lte")
    total_amount__gte = django_filters.NumberFilter(
        field_name="total_amount", lookup_expr="gte", max_digits=12, decimal_places=2
    )
    total_amount__lte = django_filters.NumberFilter(
        field_name="total_amount", lookup_expr="lte", max_digits=12, decimal_places=2
    )
    overdue = django_filters.BooleanFilter(method="filter_overdue")

    class Meta:
        model = Invoices
        fields = ["vendor", "property", "unit", "work_order", "status"]

    def filter_overdue(self, queryset, name, value):
        overdue = Q(status__in=OPEN_STATUSES, due_date__lt=timezone.localdate())
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


INVOICE_NOT_FOUND = "Invoice not found."
QUEUE_MAX = 500


def _invoice_or_404(invoice_id) -> Invoices:
    invoice = invoice_get(invoice_id=invoice_id)
    if invoice is None:
        raise NotFound(INVOICE_NOT_FOUND)
    return invoice


def _detail(request, invoice_id, *, status_code: int = 200) -> Response:
    data = InvoiceDetailSerializer(_invoice_or_404(invoice_id), context={"request": request}).data
    return Response(data, status=status_code)


TRANSITION_ERRORS = {400: InvoiceTransitionErrorSerializer, 404: InvoiceTransitionErrorSerializer}


class InvoiceViewSet(viewsets.GenericViewSet):
    """Vendor invoices (issue 16). Read: `view_invoices`; write: `manage_invoices`.

    List filters: see InvoiceFilter; `search` matches the invoice number, the vendor's name, the work order's
    number and the notes; `ordering` by invoice_date, due_date, total_amount, status, invoice_number, vendor__name
    or created_at (prefix `-` for descending). Every write answers the invoice's detail."""

    permission_classes = [Requires("view_invoices", write="manage_invoices")]
    lookup_value_regex = UUID_LOOKUP
    serializer_class = InvoiceListSerializer
    filter_backends = FILTER_BACKENDS
    filterset_class = InvoiceFilter
    search_fields = ["invoice_number", "vendor__name", "work_order__work_order_number", "notes"]
    ordering_fields = [
        "invoice_date", "due_date", "total_amount", "status", "invoice_number", "vendor__name", "created_at",
    ]  # fmt: skip
    ordering = ["-invoice_date", "-created_at"]

    def get_queryset(self):
        return invoice_list()

    def list(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        context = {"request": request, "today": timezone.localdate()}
        return self.get_paginated_response(InvoiceListSerializer(page, many=True, context=context).data)

    @extend_schema(responses={200: InvoiceDetailSerializer})
    def retrieve(self, request, pk=None):
        return _detail(request, pk)

    @extend_schema(request=InvoiceCreateInputSerializer, responses={201: InvoiceDetailSerializer})
    @idempotent
    def create(self, request):
        """Enters a vendor invoice with its line items (status received). The server computes each line's amount
        (quantity x unit price, half-up to the cent), the subtotal and the total (subtotal + tax). 400 for a
        (vendor, invoice number) pair already entered (naming that invoice), a unit of another property, a work
        order of another unit; a work order assigned to another vendor is allowed and reported in `warnings`.
        Send an `Idempotency-Key` header to retry safely."""
        data = validated(InvoiceCreateInputSerializer, request.data)
        invoice = invoice_create(actor=actor_label(request.user), **data)
        return _detail(request, invoice.pk, status_code=status.HTTP_201_CREATED)

    @extend_schema(request=InvoiceUpdateInputSerializer, responses={200: InvoiceDetailSerializer})
    def partial_update(self, request, pk=None):
        """Edits a received invoice (any create field; `line_items` replaces every line and the totals are
        recomputed). 400 once approved, paid or rejected."""
        invoice = _invoice_or_404(pk)
        changes = validated(InvoiceUpdateInputSerializer, request.data)
        invoice_update(invoice=invoice, actor=actor_label(request.user), changes=dict(changes))
        return _detail(request, invoice.pk)

    @extend_schema(
        request=InvoiceTransitionInputSerializer, responses={200: InvoiceDetailSerializer, **TRANSITION_ERRORS}
    )
    @action(detail=True, methods=["post"])
    @idempotent
    def transition(self, request, pk=None):
        """Moves the invoice: received -> approved | rejected; approved -> paid | rejected | received (back for a
        correction); rejected -> received (re-opened); paid is final. `note` is required to reject and to move
        back to received; paying takes `paid_date` (default today, not in the future, not before the invoice
        date) and `payment_reference`. Refused: 400 `{"detail", "allowed"}`."""
        invoice = _invoice_or_404(pk)
        data = validated(InvoiceTransitionInputSerializer, request.data)
        invoice_transition(
            invoice=invoice,
            actor=actor_label(request.user),
            to=data["status"],
            note=data["note"],
            paid_date=data["paid_date"],
            payment_reference=data["payment_reference"],
        )
        return _detail(request, invoice.pk)

    @extend_schema(request=InvoiceAttachmentInputSerializer, responses={201: InvoiceDetailSerializer})
    @action(detail=True, methods=["post"])
    def attachments(self, request, pk=None):
        """Attaches a file uploaded through `POST /api/v1/files/` (purpose=invoice) to the invoice."""
        invoice = _invoice_or_404(pk)
        data = validated(InvoiceAttachmentInputSerializer, request.data)
        invoice_attachment_add(
            invoice=invoice, actor=actor_label(request.user), file_id=data["file"], user=request.user
        )
        return _detail(request, invoice.pk, status_code=status.HTTP_201_CREATED)

    @extend_schema(
        request=None,
        responses={204: None},
        parameters=[OpenApiParameter("link_id", OpenApiTypes.UUID, OpenApiParameter.PATH, description="Attachment id")],
    )
    @action(detail=True, methods=["delete"], url_path=r"attachments/(?P<link_id>[^/.]+)")
    def attachment_remove(self, request, pk=None, link_id=None):
        """Removes an attachment while the invoice is received (the stored file itself is kept)."""
        invoice = _invoice_or_404(pk)
        invoice_attachment_remove(invoice=invoice, attachment_id=link_id, actor=actor_label(request.user))
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(responses={200: InvoiceSummarySerializer})
    @action(detail=False, methods=["get"])
    def summary(self, request):
        """Counts and totals per status (and overdue) for the status chips: the list's filters and search except
        `status`."""
        params = request.query_params.copy()
        params.pop("status", None)
        qs = self.get_queryset()
        filterset = InvoiceFilter(data=params, queryset=qs, request=request)
        if not filterset.is_valid():
            raise ValidationError(filterset.errors)
        qs = SearchFilter().filter_queryset(request, filterset.qs, self)
        return Response(InvoiceSummarySerializer(invoice_summary(qs)).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("unit", OpenApiTypes.UUID),
            OpenApiParameter("property", OpenApiTypes.UUID),
            OpenApiParameter("vendor", OpenApiTypes.UUID, description="The work order's assigned vendor"),
        ],
        responses={200: InvoiceWorkOrderOptionSerializer(many=True)},
    )
    @action(detail=False, methods=["get"], url_path="work-orders", pagination_class=None)
    def work_orders(self, request):
        """Work orders an invoice may be linked to (not cancelled), newest first, at most 100: for the invoice
        form's picker. Read with `view_invoices`, so people who enter bills can link them without the
        maintenance screens. Filters: `unit`, `property`, `vendor` (none: the latest in the caller's scope)."""
        params = validated(InvoiceWorkOrderOptionsInputSerializer, request.query_params)
        qs = invoice_work_order_options(
            unit_id=params.get("unit"), property_id=params.get("property"), vendor_id=params.get("vendor")
        )
        rows = qs[:WORK_ORDER_OPTIONS_MAX]
        return Response(InvoiceWorkOrderOptionSerializer(rows, many=True).data)

    EXPORT_COLUMNS = [
        ("invoice_number", lambda i: i.invoice_number),
        ("vendor", lambda i: i.vendor.name if i.vendor else ""),
        ("property", lambda i: i.property.name if i.property else ""),
        ("unit", lambda i: i.unit.unit_number if i.unit else ""),
        ("work_order", lambda i: i.work_order.work_order_number if i.work_order else ""),
        ("invoice_date", lambda i: i.invoice_date),
        ("due_date", lambda i: i.due_date or ""),
        ("status", lambda i: i.status),
        ("subtotal", lambda i: i.subtotal),
        ("tax_amount", lambda i: i.tax_amount),
        ("total_amount", lambda i: i.total_amount),
        ("gl_code", lambda i: i.gl_code),
        ("approved_at", lambda i: i.approved_at.isoformat() if i.approved_at else ""),
        ("approved_by", lambda i: actor_name(i.approved_by)),
        ("paid_date", lambda i: i.paid_date or ""),
        ("payment_reference", lambda i: i.payment_reference),
        ("rejection_reason", lambda i: i.rejection_reason),
        ("id", lambda i: i.pk),
    ]

    @extend_schema(responses={(200, "text/csv"): OpenApiResponse(description="CSV of the filtered invoices")})
    @action(detail=False, methods=["get"])
    def export(self, request):
        """The list as CSV: same filters, search and ordering, every row (not paginated)."""
        qs = self.filter_queryset(self.get_queryset())
        return csv_response(
            rows=qs.iterator(chunk_size=1000),
            columns=self.EXPORT_COLUMNS,
            filename=f"invoices-{timezone.localdate().isoformat()}.csv",
        )

    # --- 3.2 Invoice AI ------------------------------------------------------------------------------------------

    def _extraction(self, request, invoice, *, status_code: int = 200) -> Response:
        extraction, work_orders = extraction_get(invoice=invoice)
        if extraction is None:
            raise NotFound("This invoice was not uploaded for AI extraction.")
        context = {"request": request, "work_orders": work_orders}
        return Response(InvoiceExtractionSerializer(extraction, context=context).data, status=status_code)

    @extend_schema(
        request={"multipart/form-data": InvoiceUploadInputSerializer},
        responses={201: InvoiceUploadResultSerializer},
    )
    @action(detail=False, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    @idempotent
    def upload(self, request):
        """Uploads vendor invoices (PDFs or photos; multipart `files`, repeated, or `file`) for AI extraction: each
        is stored through core/files, a PDF holding several invoices is cut where its pages say a new invoice
        starts ("Page 1 of 2", another invoice number), and each invoice is created in `processing` with its
        extraction queued. Poll `GET {id}/extraction/` until `status` is `extracted` or `failed`. `property` is
        required for people who see only some properties. 400 names a refused file (not a PDF or image, too
        large, damaged)."""
        data = validated(InvoiceUploadInputSerializer, request.data)
        files = list(data.get("files") or []) + ([data["file"]] if data.get("file") else [])
        invoices = invoice_upload(
            files=files, user=request.user, actor=actor_label(request.user), property=data.get("property")
        )
        rows = []
        for invoice in invoices:
            extraction, _ = extraction_get(invoice=invoice)
            rows.append(
                {
                    "id": invoice.pk,
                    "file_name": extraction.source_file.original_name,
                    "first_page": extraction.first_page,
                    "last_page": extraction.last_page,
                    "extraction_status": extraction.status,
                    "duplicate_reason": extraction.duplicate_reason,
                }
            )
        body = InvoiceUploadResultSerializer({"count": len(rows), "invoices": rows}).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: InvoiceExtractionSerializer})
    @action(detail=True, methods=["get"])
    def extraction(self, request, pk=None):
        """What the AI read from the uploaded invoice: `status` queued → extracting → extracted | failed (with
        `failure_reason`); every field with its confidence (`field_confidence`, `low_confidence`) and where it was
        on the page (`field_locations`); work-order candidates; price check; duplicate; GL code; the original as a
        signed URL (`document`)."""
        return self._extraction(request, _invoice_or_404(pk))

    @extend_schema(request=None, responses={200: InvoiceExtractionSerializer})
    @action(detail=True, methods=["post"], url_path="retry-extraction")
    def retry_extraction(self, request, pk=None):
        """Reads the file again (after a failure: a scan once OCR is installed, a flaky model call)."""
        invoice = _invoice_or_404(pk)
        extraction_retry(invoice=invoice, actor=actor_label(request.user))
        return self._extraction(request, invoice)

    @extend_schema(request=InvoiceExtractionApproveInputSerializer, responses={200: InvoiceDetailSerializer})
    @action(detail=True, methods=["post"], url_path="approve-extraction", parser_classes=[JSONParser])
    @idempotent
    def approve_extraction(self, request, pk=None):
        """Approves an uploaded invoice from its extraction, with the reviewer's corrections (any field; `line_items`
        replaces the lines read): writes the invoice, its lines, the work-order link and the work order's actual
        cost (what its approved invoices total) in one transaction. 400 for a missing vendor or date, a duplicate
        number, a date in the future. Send an `Idempotency-Key` header to retry safely."""
        invoice = _invoice_or_404(pk)
        overrides = validated(InvoiceExtractionApproveInputSerializer, request.data)
        invoice_extraction_approve(invoice=invoice, actor=actor_label(request.user), overrides=dict(overrides))
        return _detail(request, invoice.pk)

    @extend_schema(request=InvoiceMatchWorkOrderInputSerializer, responses={200: InvoiceExtractionSerializer})
    @action(detail=True, methods=["post"], url_path="match-work-order")
    def match_work_order(self, request, pk=None):
        """Links the uploaded invoice to a work order by hand (`work_order`: id, or null to unlink)."""
        invoice = _invoice_or_404(pk)
        data = validated(InvoiceMatchWorkOrderInputSerializer, request.data)
        invoice_extraction_match_work_order(
            invoice=invoice, actor=actor_label(request.user), work_order=data["work_order"]
        )
        return self._extraction(request, invoice)

    @extend_schema(request=InvoiceReasonInputSerializer, responses={200: InvoiceExtractionSerializer})
    @action(detail=True, methods=["post"])
    def flag(self, request, pk=None):
        """Flags the uploaded invoice for a second look, with the reason (it stays in the processing queue)."""
        invoice = _invoice_or_404(pk)
        data = validated(InvoiceReasonInputSerializer, request.data)
        invoice_extraction_flag(invoice=invoice, actor=actor_label(request.user), reason=data["reason"])
        return self._extraction(request, invoice)

    @extend_schema(request=InvoiceReasonInputSerializer, responses={200: InvoiceDetailSerializer})
    @action(detail=True, methods=["post"], url_path="reject-extraction")
    @idempotent
    def reject_extraction(self, request, pk=None):
        """Rejects the uploaded invoice with the reason (the vendor will ask)."""
        invoice = _invoice_or_404(pk)
        data = validated(InvoiceReasonInputSerializer, request.data)
        invoice_extraction_reject(invoice=invoice, actor=actor_label(request.user), reason=data["reason"])
        return _detail(request, invoice.pk)

    @extend_schema(
        parameters=[
            OpenApiParameter("stage", OpenApiTypes.STR, description="Comma-separated: " + ", ".join(PIPELINE_STAGES)),
            OpenApiParameter("include_done", OpenApiTypes.BOOL, description="Also approved and rejected uploads"),
        ],
        responses={200: ProcessingQueueSerializer},
    )
    @action(detail=False, methods=["get"], url_path="processing-queue", pagination_class=None)
    def processing_queue(self, request):
        """Every uploaded invoice in the pipeline with its stage (queued, extracting, failed, review, flagged,
        duplicate; with `include_done` also approved and rejected), newest first; `counts` per stage over
        the latest 500 uploads; whether OCR is available on this server; the chart of accounts (GL picker)."""
        params = request.query_params.copy()
        stages = [s for s in ",".join(params.getlist("stage")).split(",") if s]
        data = validated(
            ProcessingQueueInputSerializer, {"stage": stages, "include_done": params.get("include_done", False)}
        )
        include_done = data["include_done"] or bool(set(data.get("stage") or ()) & {"approved", "rejected"})
        rows = list(processing_queue(include_done=True)[:QUEUE_MAX])
        counts = dict.fromkeys(PIPELINE_STAGES, 0)
        for row in rows:
            row.stage = extraction_stage(row)
            counts[row.stage] += 1
        if not include_done:
            rows = [r for r in rows if r.invoice.status == Invoices.Status.PROCESSING]
        wanted = set(data.get("stage") or ())
        if wanted:
            rows = [r for r in rows if r.stage in wanted]
        body = {"results": rows, "counts": counts, "ocr_available": ocr_available(), "gl_accounts": ACCOUNT_CHOICES}
        return Response(ProcessingQueueSerializer(body).data)
