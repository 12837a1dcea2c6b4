from django.contrib import admin

from invoices.models import InvoiceAttachments, InvoiceLineItems, Invoices, Vendor


@admin.register(Vendor)
class VendorAdmin(admin.ModelAdmin):
    list_display = ("name", "trade", "phone", "email", "insurance_expiry", "is_active")
    list_filter = ("trade", "is_active")
    search_fields = ("name",)


class LineItemInline(admin.TabularInline):
    model = InvoiceLineItems
    extra = 0


class AttachmentInline(admin.TabularInline):
    model = InvoiceAttachments
    extra = 0


@admin.register(Invoices)
class InvoicesAdmin(admin.ModelAdmin):
    list_display = ("invoice_number", "vendor", "property", "invoice_date", "total_amount", "status")
    list_filter = ("status", "vendor")
    search_fields = ("invoice_number", "vendor__name")
    inlines = [LineItemInline, AttachmentInline]
    raw_id_fields = ("unit", "work_order", "property")
