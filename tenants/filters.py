"""Query-string filters for the tenants API. Every invalid value answers 400 (django-filter raises a
ValidationError, which core.exceptions turns into `{"detail": ..., "errors": ...}`), never 500."""
import django_filters
from django import forms
from rest_framework.filters import OrderingFilter

from tenants.models import TenantLease, TenantLedgerEntry, Tenants


def iso_date_filter(field_name: str, lookup_expr: str) -> django_filters.DateFilter:
    """A date filter that takes ISO dates only (2026-03-28), like the JSON bodies; 03/01/2026 is a 400."""
    return django_filters.DateFilter(field_name=field_name, lookup_expr=lookup_expr, input_formats=["%Y-%m-%d"])


class _CSVSelectMultiple(forms.SelectMultiple):
    """Reads `?x=a,b` and `?x=a&x=b` alike; blank items are dropped."""

    def value_from_datadict(self, data, files, name):
        raw = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return [item.strip() for value in raw if value for item in str(value).split(",") if item.strip()]


class ChoiceInFilter(django_filters.MultipleChoiceFilter):
    """`?lease_status=active,notice` (or repeated) — one or more values, each checked against the choices (else 400)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", _CSVSelectMultiple)
        kwargs.setdefault("distinct", False)  # one column of the row itself: no duplicates to remove
        super().__init__(*args, **kwargs)


class StableOrderingFilter(OrderingFilter):
    """DRF's OrderingFilter plus `id` as the last key, so pages never repeat or skip rows on ties."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if ordering and not any(o.lstrip("-") in ("id", "pk") for o in ordering):
            ordering = [*ordering, "id"]
        return ordering


class TenantFilter(django_filters.FilterSet):
    property = django_filters.UUIDFilter(field_name="current_property_id", label="Property of the current lease")
    lease_status = ChoiceInFilter(
        field_name="current_lease_status",
        choices=TenantLease.LeaseStatus.choices,
        label="Lifecycle status of the current lease (comma-separated for several)",
    )

    class Meta:
        model = Tenants
        fields = ["property", "lease_status"]


class LedgerEntryFilter(django_filters.FilterSet):
    tenant = django_filters.UUIDFilter(field_name="tenant_id")
    lease = django_filters.UUIDFilter(field_name="lease_id")
    trans_type = django_filters.ChoiceFilter(choices=TenantLedgerEntry.TransType.choices)
    charge_code = django_filters.ChoiceFilter(choices=TenantLedgerEntry.ChargeCode.choices)
    trans_date__gte = iso_date_filter("trans_date", "gte")
    trans_date__lte = iso_date_filter("trans_date", "lte")

    class Meta:
        model = TenantLedgerEntry
        fields = ["tenant", "lease", "trans_type", "charge_code", "trans_date__gte", "trans_date__lte"]


class LeaseFilter(django_filters.FilterSet):
    lease_status = ChoiceInFilter(
        choices=TenantLease.LeaseStatus.choices, label="Lifecycle status (comma-separated for several)"
    )
    property = django_filters.UUIDFilter(field_name="property_id")
    unit = django_filters.UUIDFilter(field_name="unit_id")
    tenant = django_filters.UUIDFilter(field_name="tenant_id")
    lease_end_date__lte = iso_date_filter("lease_end_date", "lte")
    lease_end_date__gte = iso_date_filter("lease_end_date", "gte")

    class Meta:
        model = TenantLease
        fields = ["lease_status", "property", "unit", "tenant", "lease_end_date__lte", "lease_end_date__gte"]
