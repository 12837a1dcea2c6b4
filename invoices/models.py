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
        PENDING = "pending", "Pending review"
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
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PENDING, db_index=True)
    gl_code = models.CharField(max_length=20, blank=True, default="")
    confidence_score = models.FloatField(null=True, blank=True)  # set by 3.2 AI extraction
    notes = models.TextField(blank=True, default="")

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

    objects = ScopedManager()
    scope_property = "invoice__property_id"

    class Meta:
        db_table = "invoice_line_items"
        ordering = ["created_at"]
        verbose_name = "invoice line item"


class InvoiceAttachments(BaseModel):
    invoice = models.ForeignKey(Invoices, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="invoices/%Y/%m/")
    filename = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100, default="application/pdf")
    size_bytes = models.PositiveIntegerField(default=0)

    objects = ScopedManager()
    scope_property = "invoice__property_id"

    class Meta:
        db_table = "invoice_attachments"
        ordering = ["created_at"]
        verbose_name = "invoice attachment"
