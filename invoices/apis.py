"""Invoices API. Vendors (`vendors/`): list (filters `trade`, `is_active`, `compliance`, `search`, `ordering`),
detail, `export/` (CSV of the same filter), create, PATCH, `{id}/deactivate/` (vendors are never deleted).
Readable by the invoices people and the maintenance people; kept by `manage_maintenance`."""

import csv

import django_filters
from django.http import HttpResponse
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.apis import UUID_LOOKUP
from core.filters import FILTER_BACKENDS, ChoiceInFilter, iso_date_filter
from core.idempotency import idempotent
from core.permissions import Requires, any_of
from core.validation import validated
from invoices import compliance
from invoices.models import Invoices, Vendor
from invoices.selectors import invoice_list, vendor_compliance_q, vendor_get, vendor_list
from invoices.serializers import (
    InvoiceDetailSerializer,
    InvoiceListSerializer,
    VendorInputSerializer,
    VendorSerializer,
)
from invoices.services import vendor_create, vendor_deactivate, vendor_update
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


def csv_safe(value):
    """Neutralises spreadsheet formulas in text cells (names come from data entry)."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@"):
        try:
            float(text)
        except ValueError:
            return "'" + text
    return text


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
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="vendors-{today.isoformat()}.csv"'
        writer = csv.writer(response)
        writer.writerow([name for name, _ in self.EXPORT_COLUMNS])
        for vendor in qs.iterator(chunk_size=1000):
            state = compliance.vendor_compliance(
                insurance_expiry=vendor.insurance_expiry, license_expiry=vendor.license_expiry, today=today
            )
            writer.writerow([csv_safe(get(vendor, state)) for _, get in self.EXPORT_COLUMNS])
        return response


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
