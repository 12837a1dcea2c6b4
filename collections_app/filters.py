"""Query-string filters for the collections list. Invalid values answer 400, never 500."""

import django_filters

from collections_app.models import CollectionCase
from core.filters import ChoiceInFilter

LEVEL_CHOICES = [(str(n), str(n)) for n in range(6)]


class CollectionCaseFilter(django_filters.FilterSet):
    status = ChoiceInFilter(choices=CollectionCase.Status.choices, label="Status (comma-separated for several)")
    property = django_filters.UUIDFilter(field_name="property_id")
    tenant = django_filters.UUIDFilter(field_name="tenant_id")
    unit = django_filters.UUIDFilter(field_name="unit_id")
    escalation_level = ChoiceInFilter(choices=LEVEL_CHOICES, label="Escalation level 0-5 (comma-separated for several)")
    days_overdue__gte = django_filters.NumberFilter(field_name="days_overdue", lookup_expr="gte")
    days_overdue__lte = django_filters.NumberFilter(field_name="days_overdue", lookup_expr="lte")
    tone = ChoiceInFilter(choices=CollectionCase.Tone.choices)
    risk_profile = ChoiceInFilter(field_name="tenant_risk_profile", choices=CollectionCase.RiskProfile.choices)
    tenant_risk_profile = ChoiceInFilter(choices=CollectionCase.RiskProfile.choices, label="Alias of risk_profile")

    class Meta:
        model = CollectionCase
        fields = [
            "status",
            "property",
            "tenant",
            "unit",
            "escalation_level",
            "days_overdue__gte",
            "days_overdue__lte",
            "tone",
            "risk_profile",
            "tenant_risk_profile",
        ]
