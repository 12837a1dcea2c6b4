from decimal import Decimal

from django.utils import timezone
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from core.fields import MoneyField, SaneDateField
from invoices import compliance
from invoices.models import InvoiceAttachments, InvoiceLineItems, Invoices, Vendor
from invoices.services import HOURLY_RATE_MAX
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
    class Meta:
        model = InvoiceAttachments
        fields = ["id", "file", "filename", "content_type", "size_bytes", "created_at"]


class InvoiceListSerializer(serializers.ModelSerializer):
    vendor_name = serializers.CharField(source="vendor.name", read_only=True, default=None)
    property_name = serializers.CharField(source="property.name", read_only=True, default=None)
    unit_number = serializers.CharField(source="unit.unit_number", read_only=True, default=None)
    work_order_number = serializers.CharField(source="work_order.work_order_number", read_only=True, default=None)

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
            "gl_code",
            "confidence_score",
            "notes",
            "created_at",
            "updated_at",
        ]


class InvoiceDetailSerializer(InvoiceListSerializer):
    line_items = InvoiceLineItemSerializer(many=True, read_only=True)
    attachments = InvoiceAttachmentSerializer(many=True, read_only=True)

    class Meta(InvoiceListSerializer.Meta):
        fields = InvoiceListSerializer.Meta.fields + ["line_items", "attachments"]
