"""Query-string filters for the renewals list. Invalid values answer 400 (never 500)."""

import django_filters

from core.filters import ChoiceInFilter, iso_date_filter
from renewals.models import RenewalRecommendation
from tenants.models import TenantLease


class RenewalFilter(django_filters.FilterSet):
    status = ChoiceInFilter(choices=RenewalRecommendation.Status.choices, label="Status (comma-separated for several)")
    churn_risk_level = ChoiceInFilter(
        choices=RenewalRecommendation.RiskLevel.choices, label="Churn risk level (comma-separated for several)"
    )
    rent_strategy = ChoiceInFilter(
        choices=RenewalRecommendation.Strategy.choices, label="Rent strategy (comma-separated for several)"
    )
    lease_status = ChoiceInFilter(
        field_name="lease__lease_status",
        choices=TenantLease.LeaseStatus.choices,
        label="Lifecycle status of the lease (comma-separated for several)",
    )
    property = django_filters.UUIDFilter(field_name="property_id")
    lease = django_filters.UUIDFilter(field_name="lease_id")
    tenant = django_filters.UUIDFilter(field_name="tenant_id")
    unit = django_filters.UUIDFilter(field_name="unit_id")
    lease_end_date__gte = iso_date_filter("lease__lease_end_date", "gte")
    lease_end_date__lte = iso_date_filter("lease__lease_end_date", "lte")
    churn_score__gte = django_filters.NumberFilter(field_name="churn_score", lookup_expr="gte")
    churn_score__lte = django_filters.NumberFilter(field_name="churn_score", lookup_expr="lte")
    # On renewals.selectors.renewal_list's `market_gap_pct` annotation: (current − market) / market × 100.
    gap_pct_min = django_filters.NumberFilter(
        field_name="market_gap_pct",
        lookup_expr="gte",
        min_value=-1000,
        max_value=1000,
        label="Rent vs market in %, at least",
    )
    gap_pct_max = django_filters.NumberFilter(
        field_name="market_gap_pct",
        lookup_expr="lte",
        min_value=-1000,
        max_value=1000,
        label="Rent vs market in %, at most (0 = at or below)",
    )

    class Meta:
        model = RenewalRecommendation
        fields = [
            "status", "churn_risk_level", "rent_strategy", "lease_status", "property", "lease", "tenant", "unit",
            "lease_end_date__gte", "lease_end_date__lte", "churn_score__gte", "churn_score__lte", "gap_pct_min", "gap_pct_max",
        ]  # fmt: skip
