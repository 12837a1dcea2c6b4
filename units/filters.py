"""Query-string filters for the work-order list, summary and export. Every invalid value answers 400, never 500."""

import django_filters
from django import forms
from django.utils import timezone

from core.filters import ChoiceInFilter, StableOrderingFilter, iso_date_filter
from units import workflow
from units.models import UnitsMaintenance
from units.selectors import sla_breached_q


class StrictBooleanField(forms.Field):
    """true/false (also 1/0, yes/no; any case); anything else is a 400, not a silently ignored filter."""

    TRUE, FALSE = ("true", "1", "yes"), ("false", "0", "no")

    def to_python(self, value):
        if value in (None, ""):
            return None
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise forms.ValidationError("Must be true or false.", code="invalid")


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class WorkOrderFilter(django_filters.FilterSet):
    property = django_filters.UUIDFilter(field_name="property_id")
    unit = django_filters.UUIDFilter(field_name="unit_id")
    status = ChoiceInFilter(choices=UnitsMaintenance.Status.choices, label="Status (repeat or comma-separate)")
    category = ChoiceInFilter(choices=UnitsMaintenance.Category.choices, label="Category (repeat or comma-separate)")
    priority = ChoiceInFilter(choices=UnitsMaintenance.Priority.choices, label="Priority (repeat or comma-separate)")
    assigned_vendor = django_filters.UUIDFilter(field_name="assigned_vendor_id")
    lease = django_filters.UUIDFilter(field_name="lease_id")
    tenant = django_filters.UUIDFilter(field_name="tenant_id")
    requested_date__gte = iso_date_filter("requested_date", "gte")
    requested_date__lte = iso_date_filter("requested_date", "lte")
    open = StrictBooleanFilter(method="filter_open", label="true: open, assigned or in progress")
    sla_breached = StrictBooleanFilter(
        method="filter_sla_breached", label="true: open past its SLA due date, or completed after it"
    )

    class Meta:
        model = UnitsMaintenance
        fields = [
            "property",
            "unit",
            "status",
            "category",
            "priority",
            "assigned_vendor",
            "lease",
            "tenant",
            "requested_date__gte",
            "requested_date__lte",
            "open",
            "sla_breached",
        ]

    def filter_open(self, queryset, name, value):
        if value is None:
            return queryset
        if value:
            return queryset.filter(status__in=workflow.ACTIVE)
        return queryset.exclude(status__in=workflow.ACTIVE)

    def filter_sla_breached(self, queryset, name, value):
        if value is None:
            return queryset
        q = sla_breached_q(today=timezone.localdate())
        return queryset.filter(q) if value else queryset.exclude(q)


class WorkOrderOrderingFilter(StableOrderingFilter):
    """`ordering=priority` / `status` sort by urgency and by the flow (annotated ranks), not alphabetically."""

    RANKED = {"priority": "priority_rank", "status": "status_rank"}

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if not ordering:
            return ordering
        out = []
        for key in ordering:
            desc = key.startswith("-")
            name = self.RANKED.get(key.lstrip("-"), key.lstrip("-"))
            out.append(f"-{name}" if desc else name)
        return out
