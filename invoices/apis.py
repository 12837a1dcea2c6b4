import django_filters
from rest_framework import viewsets

from core.apis import UUID_LOOKUP
from core.filters import iso_date_filter
from core.permissions import Requires
from invoices.models import Invoices, Vendor
from invoices.selectors import invoice_list, vendor_list
from invoices.serializers import InvoiceDetailSerializer, InvoiceListSerializer, VendorSerializer


class VendorFilter(django_filters.FilterSet):
    class Meta:
        model = Vendor
        fields = ["trade", "is_active"]


class VendorViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [Requires("view_invoices")]
    lookup_value_regex = UUID_LOOKUP
    serializer_class = VendorSerializer
    filterset_class = VendorFilter
    search_fields = ["name", "contact_name", "email"]
    ordering_fields = ["name", "trade", "insurance_expiry"]
    ordering = ["name"]

    def get_queryset(self):
        return vendor_list()


class InvoiceFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Invoices.Status.choices)
    invoice_date__gte = iso_date_filter("invoice_date", "gte")
    invoice_date__lte = iso_date_filter("invoice_date", "lte")

    class Meta:
        model = Invoices
        fields = ["vendor", "property", "unit", "work_order", "status"]


class InvoiceViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [Requires("view_invoices")]
    lookup_value_regex = UUID_LOOKUP
    filterset_class = InvoiceFilter
    search_fields = ["invoice_number", "vendor__name", "notes"]
    ordering_fields = ["invoice_date", "due_date", "total_amount", "status"]
    ordering = ["-invoice_date"]

    def get_serializer_class(self):
        return InvoiceDetailSerializer if self.action == "retrieve" else InvoiceListSerializer

    def get_queryset(self):
        return invoice_list(with_details=self.action == "retrieve")
