from decimal import Decimal

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.fields import MoneyField, SaneDateField
from core.files.services import file_signed_token
from core.formatting import actor_display
from invoices import amounts, compliance
from invoices.chart_of_accounts import ACCOUNT_NAMES
from invoices.models import InvoiceAIExtraction, InvoiceAttachments, InvoiceEvents, InvoiceLineItems, Invoices, Vendor
from invoices.reading import ocr_available
from invoices.selectors import OPEN_STATUSES, invoice_history, invoice_warnings
from invoices.services import HOURLY_RATE_MAX
from invoices.workflow import allowed_transitions
from units.models import WorkOrderCategory


class VendorComplianceSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=compliance.STATES, help_text="The worst of the two documents.")
    insurance = serializers.ChoiceField(choices=compliance.STATES)
    license = serializers.ChoiceField(choices=compliance.STATES)
    insurance_days_left = serializers.IntegerField(allow_null=True)
    license_days_left = serializers.IntegerField(allow_null=True)
    days_to_expiry = serializers.IntegerField(allow_null=True, help_text="Days to the earlier expiry on file.")


class VendorSerializer(serializers.ModelSerializer):
    """A vendor with its paperwork state and its activity (work orders and invoices of the caller's properties).
    Needs a queryset from `invoices.selectors.vendor_list` (the counts) and `today` in the context."""

    trade_label = serializers.CharField(source="get_trade_display", read_only=True)
    compliance = serializers.SerializerMethodField()
    open_work_orders = serializers.IntegerField(read_only=True)
    completed_work_orders_12mo = serializers.IntegerField(read_only=True)
    invoiced_12mo = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)

    class Meta:
        model = Vendor
        fields = [
            "id",
            "name",
            "trade",
            "trade_label",
            "contact_name",
            "email",
            "phone",
            "address",
            "license_number",
            "license_expiry",
            "insurance_expiry",
            "contract_end_date",
            "hourly_rate",
            "is_active",
            "compliance",
            "open_work_orders",
            "completed_work_orders_12mo",
            "invoiced_12mo",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(VendorComplianceSerializer)
    def get_compliance(self, obj) -> dict:
        today = self.context.get("today") or timezone.localdate()
        return compliance.vendor_compliance(
            insurance_expiry=obj.insurance_expiry, license_expiry=obj.license_expiry, today=today
        )


class VendorInputSerializer(serializers.Serializer):
    """POST (name required) and PATCH (any subset) of a vendor; vendor_create/vendor_update check the rest."""

    name = serializers.CharField(max_length=200)
    trade = serializers.ChoiceField(choices=WorkOrderCategory.choices, required=False)
    contact_name = serializers.CharField(max_length=120, required=False, allow_blank=True)
    email = serializers.CharField(max_length=254, required=False, allow_blank=True)
    phone = serializers.CharField(max_length=40, required=False, allow_blank=True)
    address = serializers.CharField(max_length=255, required=False, allow_blank=True)
    license_number = serializers.CharField(max_length=60, required=False, allow_blank=True)
    license_expiry = SaneDateField(required=False, allow_null=True)
    insurance_expiry = SaneDateField(required=False, allow_null=True)
    contract_end_date = SaneDateField(required=False, allow_null=True)
    hourly_rate = MoneyField(
        required=False, allow_null=True, min_value=Decimal("0"), max_value=HOURLY_RATE_MAX, max_digits=8
    )
    is_active = serializers.BooleanField(required=False)


class InvoiceLineItemSerializer(serializers.ModelSerializer):
    class Meta:
        model = InvoiceLineItems
        fields = ["id", "description", "quantity", "unit_price", "amount", "gl_code"]


class InvoiceAttachmentSerializer(serializers.ModelSerializer):
    """An attached file; `url` and `thumbnail_url` are signed and expire (FILE_SIGNED_URL_MAX_AGE_SECONDS): they
    are minted only after the invoice itself was found in the caller's scope."""

    file = serializers.UUIDField(source="stored_file_id", read_only=True)
    kind = serializers.CharField(source="stored_file.kind", read_only=True)
    original_name = serializers.CharField(source="stored_file.original_name", read_only=True)
    content_type = serializers.CharField(source="stored_file.content_type", read_only=True)
    size = serializers.IntegerField(source="stored_file.size", read_only=True)
    width = serializers.IntegerField(source="stored_file.width", read_only=True, allow_null=True)
    height = serializers.IntegerField(source="stored_file.height", read_only=True, allow_null=True)
    page_count = serializers.IntegerField(source="stored_file.page_count", read_only=True, allow_null=True)
    url = serializers.SerializerMethodField()
    thumbnail_url = serializers.SerializerMethodField()
    added_by_name = serializers.SerializerMethodField()

    class Meta:
        model = InvoiceAttachments
        fields = [
            "id",
            "file",
            "kind",
            "original_name",
            "content_type",
            "size",
            "width",
            "height",
            "page_count",
            "url",
            "thumbnail_url",
            "added_by_name",
            "created_at",
        ]

    def _signed(self, obj, *, thumbnail: bool) -> str:
        path = reverse("file-signed-content", args=[file_signed_token(stored=obj.stored_file, thumbnail=thumbnail)])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path

    def get_url(self, obj) -> str:
        return self._signed(obj, thumbnail=False)

    def get_thumbnail_url(self, obj) -> str | None:
        return self._signed(obj, thumbnail=True) if obj.stored_file.thumbnail_name else None

    def get_added_by_name(self, obj) -> str:
        return actor_name(obj.added_by)


def actor_name(actor: str) -> str:
    """How a person reads an actor (one rule for every audit trail: `core.formatting.actor_display`)."""
    return actor_display(actor)


class InvoiceEventSerializer(serializers.Serializer):
    id = serializers.CharField()
    at = serializers.DateTimeField()
    actor_name = serializers.SerializerMethodField()
    kind = serializers.ChoiceField(choices=InvoiceEvents.Kind.choices)
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    message = serializers.CharField()

    def get_actor_name(self, obj) -> str:
        return actor_name(obj["actor"])


class InvoiceListSerializer(serializers.ModelSerializer):
    vendor_name = serializers.CharField(source="vendor.name", read_only=True, default=None, allow_null=True)
    property_name = serializers.CharField(source="property.name", read_only=True, default=None, allow_null=True)
    unit_number = serializers.CharField(source="unit.unit_number", read_only=True, default=None, allow_null=True)
    work_order_number = serializers.CharField(
        source="work_order.work_order_number", read_only=True, default=None, allow_null=True
    )
    is_overdue = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()
    warnings = serializers.SerializerMethodField()

    class Meta:
        model = Invoices
        fields = [
            "id",
            "invoice_number",
            "vendor",
            "vendor_name",
            "property",
            "property_name",
            "unit",
            "unit_number",
            "work_order",
            "work_order_number",
            "invoice_date",
            "due_date",
            "subtotal",
            "tax_amount",
            "total_amount",
            "status",
            "is_overdue",
            "allowed_transitions",
            "warnings",
            "gl_code",
            "confidence_score",
            "notes",
            "approved_at",
            "approved_by",
            "paid_date",
            "payment_reference",
            "rejected_at",
            "rejection_reason",
            "created_at",
            "updated_at",
        ]

    def get_is_overdue(self, obj) -> bool:
        today = self.context.get("today") or timezone.localdate()
        return obj.status in OPEN_STATUSES and obj.due_date is not None and obj.due_date < today

    def get_allowed_transitions(self, obj) -> list[str]:
        return allowed_transitions(obj.status)

    def get_warnings(self, obj) -> list[str]:
        return invoice_warnings(obj)


class InvoiceWorkOrderSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    work_order_number = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    assigned_vendor = serializers.UUIDField(source="assigned_vendor_id", allow_null=True)


class InvoiceDetailSerializer(InvoiceListSerializer):
    line_items = InvoiceLineItemSerializer(many=True, read_only=True)
    attachments = InvoiceAttachmentSerializer(many=True, read_only=True)
    events = serializers.SerializerMethodField()
    work_order_detail = InvoiceWorkOrderSerializer(source="work_order", read_only=True, allow_null=True)

    class Meta(InvoiceListSerializer.Meta):
        fields = InvoiceListSerializer.Meta.fields + [
            "approved_by_name",
            "paid_at",
            "paid_by",
            "paid_by_name",
            "rejected_by",
            "rejected_by_name",
            "work_order_detail",
            "line_items",
            "attachments",
            "events",
        ]

    approved_by_name = serializers.SerializerMethodField()
    paid_by_name = serializers.SerializerMethodField()
    rejected_by_name = serializers.SerializerMethodField()

    def get_approved_by_name(self, obj) -> str:
        return actor_name(obj.approved_by)

    def get_paid_by_name(self, obj) -> str:
        return actor_name(obj.paid_by)

    def get_rejected_by_name(self, obj) -> str:
        return actor_name(obj.rejected_by)

    @extend_schema_field(InvoiceEventSerializer(many=True))
    def get_events(self, obj):
        return InvoiceEventSerializer(invoice_history(obj), many=True).data


# --- input ------------------------------------------------------------------------------------------------------


class QuantityField(MoneyField):
    """A quantity: up to 2 decimals (1.5 hours), above 0 and at most 10,000; no exponent notation."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 10)
        kwargs.setdefault("min_value", amounts.QUANTITY_MIN)
        kwargs.setdefault("max_value", amounts.QUANTITY_MAX)
        super().__init__(**kwargs)


class InvoiceLineItemInputSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=255)
    quantity = QuantityField(required=False, default=Decimal("1"))
    unit_price = MoneyField(required=False, default=Decimal("0"), min_value=Decimal("0"),
                            max_value=amounts.UNIT_PRICE_MAX)  # fmt: skip
    gl_code = serializers.CharField(required=False, allow_blank=True, max_length=20, default="")

    class Meta:
        ref_name = "InvoiceLineItemInput"


class InvoiceCreateInputSerializer(serializers.Serializer):
    """Amounts are computed by the server: send quantities and unit prices, not line amounts or totals."""

    vendor = serializers.UUIDField()
    invoice_number = serializers.CharField(max_length=60)
    invoice_date = SaneDateField()
    due_date = SaneDateField(required=False, allow_null=True, default=None)
    property = serializers.UUIDField(required=False, allow_null=True, default=None)
    unit = serializers.UUIDField(required=False, allow_null=True, default=None)
    work_order = serializers.UUIDField(required=False, allow_null=True, default=None)
    tax_amount = MoneyField(required=False, default=Decimal("0"), min_value=Decimal("0"), max_value=amounts.TAX_MAX)
    gl_code = serializers.CharField(required=False, allow_blank=True, max_length=20, default="")
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")
    line_items = InvoiceLineItemInputSerializer(many=True, min_length=amounts.LINES_MIN, max_length=amounts.LINES_MAX)


class InvoiceUpdateInputSerializer(serializers.Serializer):
    """Any of the create fields; `line_items`, when given, replaces every line. Only while received."""

    vendor = serializers.UUIDField(required=False)
    invoice_number = serializers.CharField(required=False, max_length=60)
    invoice_date = SaneDateField(required=False)
    due_date = SaneDateField(required=False, allow_null=True)
    property = serializers.UUIDField(required=False, allow_null=True)
    unit = serializers.UUIDField(required=False, allow_null=True)
    work_order = serializers.UUIDField(required=False, allow_null=True)
    tax_amount = MoneyField(required=False, min_value=Decimal("0"), max_value=amounts.TAX_MAX)
    gl_code = serializers.CharField(required=False, allow_blank=True, max_length=20)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    line_items = InvoiceLineItemInputSerializer(
        many=True, required=False, min_length=amounts.LINES_MIN, max_length=amounts.LINES_MAX
    )


class InvoiceTransitionInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=Invoices.Status.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    paid_date = SaneDateField(required=False, allow_null=True, default=None)
    payment_reference = serializers.CharField(required=False, allow_blank=True, max_length=100, default="")


class InvoiceAttachmentInputSerializer(serializers.Serializer):
    file = serializers.UUIDField(help_text="A StoredFile id from POST /api/v1/files/ (purpose=invoice).")


class InvoiceTransitionErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    # present when the move itself is refused (not for a malformed body, nor a 404)
    allowed = serializers.ListField(child=serializers.CharField(), required=False)
    field = serializers.CharField(required=False)
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)


class InvoiceSummaryBucketSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    total = serializers.DecimalField(max_digits=14, decimal_places=2)


class InvoiceSummarySerializer(serializers.Serializer):
    by_status = serializers.DictField(child=InvoiceSummaryBucketSerializer())
    overdue = InvoiceSummaryBucketSerializer()
    count = serializers.IntegerField()
    total = serializers.DecimalField(max_digits=14, decimal_places=2)


class InvoiceWorkOrderOptionSerializer(serializers.Serializer):
    """A work order as the invoice form's picker shows it."""

    id = serializers.UUIDField()
    work_order_number = serializers.CharField()
    title = serializers.CharField()
    status = serializers.CharField()
    category = serializers.CharField()
    unit = serializers.UUIDField(source="unit_id")
    unit_number = serializers.CharField(source="unit.unit_number")
    property = serializers.UUIDField(source="property_id")
    requested_date = serializers.DateField()
    completed_date = serializers.DateField(allow_null=True)
    actual_cost = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True)
    assigned_vendor = serializers.UUIDField(source="assigned_vendor_id", allow_null=True)
    vendor_name = serializers.CharField(source="assigned_vendor.name", default=None, allow_null=True)


class InvoiceWorkOrderOptionsInputSerializer(serializers.Serializer):
    unit = serializers.UUIDField(required=False)
    property = serializers.UUIDField(required=False)
    vendor = serializers.UUIDField(required=False)


# --- 3.2 Invoice AI -----------------------------------------------------------------------------------------------


class InvoiceUploadInputSerializer(serializers.Serializer):
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=False), min_length=1, max_length=10, required=False,
        help_text="One or several PDFs or photos (multipart field `files`, repeated; `file` for one).",
    )  # fmt: skip
    file = serializers.FileField(required=False, allow_empty_file=False)
    property = serializers.UUIDField(
        required=False, allow_null=True, help_text="Required when you see only some properties."
    )


class InvoiceUploadedSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    file_name = serializers.CharField()
    first_page = serializers.IntegerField()
    last_page = serializers.IntegerField(allow_null=True)
    extraction_status = serializers.CharField()
    duplicate_reason = serializers.CharField()


class InvoiceUploadResultSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    invoices = InvoiceUploadedSerializer(many=True)


class ExtractionLineSerializer(serializers.Serializer):
    description = serializers.CharField(allow_blank=True)
    quantity = serializers.CharField(allow_null=True)
    unit_price = serializers.CharField(allow_null=True)
    total = serializers.CharField(allow_null=True)
    confidence = serializers.FloatField(allow_null=True, required=False)
    location = serializers.DictField(allow_null=True, required=False)


class WorkOrderCandidateSerializer(serializers.Serializer):
    work_order = serializers.UUIDField()
    number = serializers.CharField()
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())
    title = serializers.CharField(required=False)
    unit_number = serializers.CharField(required=False)
    property_name = serializers.CharField(required=False)
    status = serializers.CharField(required=False)
    estimated_cost = serializers.DecimalField(max_digits=10, decimal_places=2, allow_null=True, required=False)


class InvoiceExtractionSerializer(serializers.ModelSerializer):
    """What was read from an uploaded invoice, for the side-by-side review. `document` is the original (a signed,
    expiring URL; `first_page`/`last_page` when the file holds several invoices); `field_confidence` is 0..1 per
    field, `low_confidence` the fields under the review threshold; `wo_candidates` best first."""

    invoice_status = serializers.CharField(source="invoice.status")
    matched_vendor_name = serializers.CharField(source="matched_vendor.name", default=None, allow_null=True)
    matched_work_order_number = serializers.CharField(
        source="matched_work_order.work_order_number", default=None, allow_null=True
    )
    extracted_line_items = ExtractionLineSerializer(many=True)
    wo_candidates = serializers.SerializerMethodField()
    document = serializers.SerializerMethodField()
    low_confidence = serializers.SerializerMethodField()
    gl_account_name = serializers.SerializerMethodField()
    ocr_available = serializers.SerializerMethodField()
    duplicate_of_number = serializers.SerializerMethodField()
    gl_accounts = serializers.SerializerMethodField()

    class Meta:
        model = InvoiceAIExtraction
        fields = [
            "id", "invoice", "invoice_status", "status", "failure_reason", "review_state", "flag_reason",
            "first_page", "last_page", "ocr_used", "ocr_available", "document",
            "extracted_vendor_name", "matched_vendor", "matched_vendor_name", "vendor_match_score",
            "extracted_invoice_number", "extracted_date", "extracted_due_date", "extracted_subtotal", "extracted_tax",
            "extracted_total", "extracted_line_items", "extracted_po_number", "extracted_work_order_reference",
            "extracted_unit", "extracted_property", "extracted_currency", "extracted_payment_terms",
            "field_confidence", "field_locations", "low_confidence", "checks",
            "matched_work_order", "matched_work_order_number", "wo_match_confidence", "wo_match_reasoning",
            "wo_candidates", "suggested_gl_code", "gl_account_name", "gl_confidence",
            "price_validated", "price_anomaly_detected", "price_anomaly_details", "historical_avg_price",
            "duplicate_of", "duplicate_of_number", "duplicate_reason",
            "extraction_confidence", "extraction_model", "provider", "processing_time_ms", "created_at", "updated_at",
            "gl_accounts",
        ]  # fmt: skip

    @extend_schema_field(WorkOrderCandidateSerializer(many=True))
    def get_wo_candidates(self, obj):
        details = self.context.get("work_orders", {})
        out = []
        for c in obj.wo_candidates or []:
            wo = details.get(str(c.get("work_order")))
            extra = {}
            if wo is not None:
                extra = {"title": wo.title, "unit_number": wo.unit.unit_number, "property_name": wo.property.name,
                         "status": wo.status, "estimated_cost": wo.estimated_cost}  # fmt: skip
            out.append({**c, **extra})
        # through the candidate serializer: a stored candidate keeps its cost as a JSON number, the API says decimal
        return WorkOrderCandidateSerializer(out, many=True).data

    @extend_schema_field(serializers.DictField(allow_null=True))
    def get_document(self, obj):
        stored = obj.source_file
        if stored is None:
            return None
        path = reverse("file-signed-content", args=[file_signed_token(stored=stored)])
        request = self.context.get("request")
        return {
            "url": request.build_absolute_uri(path) if request is not None else path,
            "kind": stored.kind,
            "content_type": stored.content_type,
            "original_name": stored.original_name,
            "page_count": stored.page_count,
        }

    def get_low_confidence(self, obj) -> list[str]:
        return sorted(
            k for k, v in (obj.field_confidence or {}).items() if isinstance(v, (int, float)) and 0 < v < LOW_CONFIDENCE
        )

    def get_gl_account_name(self, obj) -> str:
        return ACCOUNT_NAMES.get(obj.suggested_gl_code, "")

    def get_ocr_available(self, obj) -> bool:
        return ocr_available()

    @extend_schema_field(serializers.ListField(child=serializers.DictField()))
    def get_gl_accounts(self, obj):
        return [{"code": code, "name": name} for code, name in ACCOUNT_NAMES.items()]

    def get_duplicate_of_number(self, obj) -> str | None:
        dup = obj.duplicate_of
        return (dup.invoice_number or "(in processing)") if dup is not None else None


LOW_CONFIDENCE = 0.7


class InvoiceExtractionApproveInputSerializer(serializers.Serializer):
    """Overrides of what was read; anything omitted comes from the extraction."""

    vendor = serializers.UUIDField(required=False)
    invoice_number = serializers.CharField(required=False, max_length=60)
    invoice_date = SaneDateField(required=False)
    due_date = SaneDateField(required=False, allow_null=True)
    property = serializers.UUIDField(required=False, allow_null=True)
    unit = serializers.UUIDField(required=False, allow_null=True)
    work_order = serializers.UUIDField(required=False, allow_null=True)
    tax_amount = MoneyField(required=False, min_value=Decimal("0"), max_value=amounts.TAX_MAX)
    gl_code = serializers.CharField(required=False, allow_blank=True, max_length=20)
    notes = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    line_items = InvoiceLineItemInputSerializer(many=True, required=False, min_length=amounts.LINES_MIN,
                                                max_length=amounts.LINES_MAX)  # fmt: skip


class InvoiceMatchWorkOrderInputSerializer(serializers.Serializer):
    work_order = serializers.UUIDField(allow_null=True)


class InvoiceReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class ProcessingQueueInputSerializer(serializers.Serializer):
    stage = serializers.MultipleChoiceField(
        choices=["queued", "extracting", "failed", "review", "flagged", "duplicate", "approved", "rejected"],
        required=False,
    )
    include_done = serializers.BooleanField(required=False, default=False)


class ProcessingQueueRowSerializer(serializers.Serializer):
    id = serializers.UUIDField(source="invoice_id")
    stage = serializers.CharField()
    invoice_status = serializers.CharField(source="invoice.status")
    extraction_status = serializers.CharField(source="status")
    review_state = serializers.CharField()
    file_name = serializers.CharField(source="source_file.original_name", default="")
    first_page = serializers.IntegerField()
    last_page = serializers.IntegerField(allow_null=True)
    vendor_name = serializers.SerializerMethodField()
    invoice_number = serializers.SerializerMethodField()
    invoice_date = serializers.DateField(source="extracted_date", allow_null=True)
    total = serializers.DecimalField(source="extracted_total", max_digits=10, decimal_places=2, allow_null=True)
    confidence = serializers.FloatField(source="extraction_confidence", allow_null=True)
    work_order_number = serializers.CharField(
        source="matched_work_order.work_order_number", default=None, allow_null=True
    )
    price_anomaly = serializers.BooleanField(source="price_anomaly_detected")
    duplicate = serializers.SerializerMethodField()
    failure_reason = serializers.CharField()
    flag_reason = serializers.CharField()
    uploaded_at = serializers.DateTimeField(source="created_at")

    def get_vendor_name(self, obj) -> str:
        return obj.matched_vendor.name if obj.matched_vendor_id else obj.extracted_vendor_name

    def get_invoice_number(self, obj) -> str:
        return obj.invoice.invoice_number or obj.extracted_invoice_number

    def get_duplicate(self, obj) -> bool:
        return bool(obj.duplicate_reason)


class ProcessingQueueSerializer(serializers.Serializer):
    results = ProcessingQueueRowSerializer(many=True)
    counts = serializers.DictField(child=serializers.IntegerField())
    ocr_available = serializers.BooleanField()
    gl_accounts = serializers.ListField(child=serializers.DictField())
