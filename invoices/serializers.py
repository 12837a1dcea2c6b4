from rest_framework import serializers

from invoices.models import InvoiceAttachments, InvoiceLineItems, Invoices, Vendor


class VendorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Vendor
        fields = [
            "id",
            "name",
            "trade",
            "contact_name",
            "email",
            "phone",
            "address",
            "license_number",
            "insurance_expiry",
            "contract_end_date",
            "hourly_rate",
            "is_active",
            "created_at",
            "updated_at",
        ]


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
