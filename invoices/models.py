import uuid

from django.db import models
from django.db.models.functions import Lower

from core.models import BaseModel
from core.scoping import ScopedManager
from units.models import WorkOrderCategory


class Vendor(BaseModel):
    """A service vendor (the one vendor model: spec's VendorsVendor and invoices.Vendor)."""

    name = models.CharField(max_length=200, unique=True)
    # One list with work-order categories, so dispatch matches a vendor's trade to the work.
    trade = models.CharField(
        max_length=30, choices=WorkOrderCategory.choices, default=WorkOrderCategory.GENERAL, db_index=True
    )
    contact_name = models.CharField(max_length=120, blank=True, default="")
    email = models.EmailField(blank=True, default="")
    phone = models.CharField(max_length=20, blank=True, default="")
    address = models.CharField(max_length=255, blank=True, default="")
    license_number = models.CharField(max_length=60, blank=True, default="")
    license_expiry = models.DateField(null=True, blank=True)
    insurance_expiry = models.DateField(null=True, blank=True)
    contract_end_date = models.DateField(null=True, blank=True)
    hourly_rate = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        db_table = "vendor"
        ordering = ["name"]
        # "ProFlow Plumbing" and "proflow plumbing" are one vendor (vendor_create says so first, in words).
        constraints = [models.UniqueConstraint(Lower("name"), name="vendor_name_unique_ignoring_case")]

    def __str__(self):
        return self.name


class Invoices(BaseModel):
    class Status(models.TextChoices):
        # The flow and what each move needs: invoices/workflow.py (pure). The old "pending" became "received".
        # "processing": uploaded (3.2), its fields being read or waiting for review of what was read.
        PROCESSING = "processing", "Processing"
        RECEIVED = "received", "Received"
        APPROVED = "approved", "Approved"
        PAID = "paid", "Paid"
        REJECTED = "rejected", "Rejected"

    invoice_number = models.CharField(max_length=60)
    vendor = models.ForeignKey(Vendor, on_delete=models.PROTECT, related_name="invoices", null=True, blank=True)
    property = models.ForeignKey(
        "properties.Properties", on_delete=models.SET_NULL, null=True, blank=True, related_name="invoices"
    )
    unit = models.ForeignKey(
        "units.UnitsUnit", on_delete=models.SET_NULL, null=True, blank=True, related_name="invoices"
    )
    work_order = models.ForeignKey(
        "units.UnitsMaintenance", on_delete=models.SET_NULL, null=True, blank=True, related_name="invoices"
    )
    invoice_date = models.DateField(db_index=True)
    due_date = models.DateField(null=True, blank=True)
    subtotal = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    tax_amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    total_amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.RECEIVED, db_index=True)
    gl_code = models.CharField(max_length=20, blank=True, default="")
    confidence_score = models.FloatField(null=True, blank=True)  # set by 3.2 AI extraction
    notes = models.TextField(blank=True, default="")
    # Who moved it and when (actors as `core.services.actor_label`: "user:<email>"); the full story is in
    # InvoiceEvents. A move back to received clears the approval/rejection it undoes.
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = models.CharField(max_length=100, blank=True, default="")
    paid_at = models.DateTimeField(null=True, blank=True)
    paid_by = models.CharField(max_length=100, blank=True, default="")
    paid_date = models.DateField(null=True, blank=True, help_text="The day the payment went out (not when recorded).")
    payment_reference = models.CharField(max_length=100, blank=True, default="", help_text="Check or ACH number.")
    rejected_at = models.DateTimeField(null=True, blank=True)
    rejected_by = models.CharField(max_length=100, blank=True, default="")
    rejection_reason = models.TextField(blank=True, default="")

    objects = ScopedManager()
    scope_property = "property_id"

    class Meta:
        db_table = "invoices"
        ordering = ["-invoice_date"]
        constraints = [
            models.UniqueConstraint(fields=["vendor", "invoice_number"], name="invoice_number_unique_per_vendor")
        ]
        verbose_name = "invoice"

    def __str__(self):
        return self.invoice_number


class InvoiceLineItems(BaseModel):
    invoice = models.ForeignKey(Invoices, on_delete=models.CASCADE, related_name="line_items")
    description = models.CharField(max_length=255)
    quantity = models.DecimalField(max_digits=10, decimal_places=2, default=1)
    unit_price = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    gl_code = models.CharField(max_length=20, blank=True, default="")
    position = models.PositiveSmallIntegerField(default=0, help_text="The line's place on the invoice (0 first).")

    objects = ScopedManager()
    scope_property = "invoice__property_id"

    class Meta:
        db_table = "invoice_line_items"
        ordering = ["position", "created_at"]
        verbose_name = "invoice line item"


class InvoiceAttachments(BaseModel):
    """A file attached to an invoice (the vendor's PDF, a photo of the paper bill): a `core.files` StoredFile,
    served through signed URLs minted after the invoice check (never a path of its own)."""

    invoice = models.ForeignKey(Invoices, on_delete=models.CASCADE, related_name="attachments")
    stored_file = models.ForeignKey("files.StoredFile", on_delete=models.PROTECT, related_name="invoice_attachments")
    added_by = models.CharField(max_length=100, blank=True, default="")

    objects = ScopedManager()
    scope_property = "invoice__property_id"

    class Meta:
        db_table = "invoice_attachments"
        ordering = ["created_at"]
        verbose_name = "invoice attachment"
        constraints = [
            models.UniqueConstraint(fields=["invoice", "stored_file"], name="invoice_attachment_file_once"),
        ]


class InvoiceEvents(BaseModel):
    """The invoice's history, newest first on screen: entered, edited, moved, a file added or removed."""

    class Kind(models.TextChoices):
        CREATED = "created", "Entered"
        UPDATED = "updated", "Edited"
        STATUS = "status", "Status changed"
        FILE = "file", "Attachment"
        NOTE = "note", "Note"

    invoice = models.ForeignKey(Invoices, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(db_index=True)
    actor = models.CharField(max_length=100, default="system")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    from_status = models.CharField(max_length=20, blank=True, default="")
    to_status = models.CharField(max_length=20, blank=True, default="")
    message = models.TextField(blank=True, default="")

    objects = ScopedManager()
    scope_property = "invoice__property_id"

    class Meta:
        db_table = "invoice_events"
        ordering = ["-at", "-created_at"]
        indexes = [models.Index(fields=["invoice", "at"], name="invoice_events_invoice_at")]
        verbose_name = "invoice event"


class InvoiceAIExtraction(models.Model):
    """What was read from an uploaded invoice (3.2): every field with its confidence and, when known, where on the
    page it was; the work-order match, the price check, duplicates and the GL code. One per invoice; the invoice
    itself keeps only what a person approved (`invoice_extraction_approve` writes it)."""

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        EXTRACTING = "extracting", "Extracting"
        EXTRACTED = "extracted", "Extracted"
        FAILED = "failed", "Failed"

    class Review(models.TextChoices):
        PENDING = "pending", "Waiting for review"
        FLAGGED = "flagged", "Flagged"
        APPROVED = "approved", "Approved"
        REJECTED = "rejected", "Rejected"

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    invoice = models.OneToOneField(Invoices, on_delete=models.CASCADE, related_name="ai_extraction")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.QUEUED, db_index=True)
    failure_reason = models.TextField(blank=True, default="")
    review_state = models.CharField(max_length=10, choices=Review.choices, default=Review.PENDING)
    flag_reason = models.TextField(blank=True, default="")
    source_file = models.ForeignKey(
        "files.StoredFile", on_delete=models.PROTECT, null=True, blank=True, related_name="invoice_extractions"
    )
    first_page = models.PositiveIntegerField(default=1, help_text="The invoice's pages in the file (1-based).")
    last_page = models.PositiveIntegerField(null=True, blank=True)
    ocr_used = models.BooleanField(default=False)

    # Extracted fields (spec 3.2) and the ones the issue adds
    extracted_vendor_name = models.CharField(max_length=200, blank=True, default="")
    matched_vendor = models.ForeignKey(
        Vendor, on_delete=models.SET_NULL, null=True, blank=True, related_name="ai_extractions"
    )
    vendor_match_score = models.FloatField(null=True, blank=True)
    extracted_invoice_number = models.CharField(max_length=100, blank=True, default="")
    extracted_date = models.DateField(null=True, blank=True)
    extracted_due_date = models.DateField(null=True, blank=True)
    extracted_total = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    extracted_tax = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    extracted_subtotal = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)
    extracted_line_items = models.JSONField(default=list, blank=True)
    # [{"description", "quantity", "unit_price", "total", "confidence", "location"}]
    extracted_po_number = models.CharField(max_length=100, blank=True, default="")
    extracted_work_order_reference = models.CharField(max_length=100, blank=True, default="")
    extracted_unit = models.CharField(max_length=100, blank=True, default="")
    extracted_property = models.CharField(max_length=200, blank=True, default="")
    extracted_currency = models.CharField(max_length=3, blank=True, default="")
    extracted_payment_terms = models.CharField(max_length=100, blank=True, default="")
    field_confidence = models.JSONField(default=dict, blank=True)  # field -> 0..1
    field_locations = models.JSONField(default=dict, blank=True)  # field -> {"page", "bbox": [x0, y0, x1, y1]}
    checks = models.JSONField(default=list, blank=True)  # arithmetic cross-checks: [{"check", "ok", "detail"}]

    # Work order matching
    matched_work_order = models.ForeignKey(
        "units.UnitsMaintenance", on_delete=models.SET_NULL, null=True, blank=True, related_name="matched_invoices"
    )
    wo_match_confidence = models.FloatField(null=True, blank=True)
    wo_match_reasoning = models.TextField(blank=True, default="")
    wo_candidates = models.JSONField(default=list, blank=True)  # [{"work_order", "score", "reasons"}] best first

    # GL coding
    suggested_gl_code = models.CharField(max_length=50, blank=True, default="")
    gl_confidence = models.FloatField(null=True, blank=True)

    # Price validation
    price_validated = models.BooleanField(default=False)
    price_anomaly_detected = models.BooleanField(default=False)
    price_anomaly_details = models.TextField(blank=True, default="")
    historical_avg_price = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True)

    # Duplicates
    duplicate_of = models.ForeignKey(
        Invoices, on_delete=models.SET_NULL, null=True, blank=True, related_name="possible_duplicates"
    )
    duplicate_reason = models.TextField(blank=True, default="")

    # Overall
    extraction_confidence = models.FloatField(null=True, blank=True)
    extraction_model = models.CharField(max_length=50, default="claude-sonnet-4-20250514")
    provider = models.CharField(max_length=20, blank=True, default="")
    processing_time_ms = models.IntegerField(null=True, blank=True)
    raw_response = models.JSONField(default=dict, blank=True)
    text_excerpt = models.TextField(blank=True, default="", help_text="The text read (first pages), for review.")

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager()
    scope_property = "invoice__property_id"

    class Meta:
        db_table = "invoice_ai_extraction"
        verbose_name = "invoice AI extraction"
