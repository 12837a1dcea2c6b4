"""Query-string filters for the tenants API. Every invalid value answers 400 (django-filter raises a
ValidationError, which core.exceptions turns into `{"detail": ..., "errors": ...}`), never 500."""

import django_filters

from core.filters import ChoiceInFilter, iso_date_filter
from tenants.models import TenantLease, TenantLedgerEntry, Tenants


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
