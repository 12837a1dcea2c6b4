"""Query-string filters for the collections list. Invalid values answer 400, never 500."""
import django_filters
from django import forms
from rest_framework.filters import OrderingFilter

from collections_app.models import CollectionCase


class _CSVSelectMultiple(forms.SelectMultiple):
    """Reads `?x=a,b` and `?x=a&x=b` alike; blank items are dropped."""

    def value_from_datadict(self, data, files, name):
        raw = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return [item.strip() for value in raw if value for item in str(value).split(",") if item.strip()]


class ChoiceInFilter(django_filters.MultipleChoiceFilter):
    """One or more values (comma-separated or repeated), each checked against the choices."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", _CSVSelectMultiple)
        kwargs.setdefault("distinct", False)
        super().__init__(*args, **kwargs)


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
        fields = ["status", "property", "tenant", "unit", "escalation_level", "days_overdue__gte", "days_overdue__lte",
                  "tone", "risk_profile", "tenant_risk_profile"]


class StableOrderingFilter(OrderingFilter):
    """DRF's OrderingFilter plus `id` as the last key, so pages never repeat or skip rows on ties."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if ordering and not any(o.lstrip("-") in ("id", "pk") for o in ordering):
            ordering = [*ordering, "id"]
        return ordering
