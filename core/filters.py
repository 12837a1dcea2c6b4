"""Query-string filter pieces shared by every list API. Every invalid value answers 400 (django-filter raises a
ValidationError, which core.exceptions turns into `{"detail": ..., "errors": ...}`), never 500."""

import django_filters
from django import forms
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.filters import OrderingFilter, SearchFilter

from core.fields import date_window_error


class SaneDateFormField(forms.DateField):
    """A date inside the accepted input window (core.fields.date_window: DATE_INPUT_MIN .. N years ahead), so
    `?end_date_after=0798-01-01` is a 400 that says the window, like a date in a JSON body."""

    def clean(self, value):
        value = super().clean(value)
        if value is not None:
            message = date_window_error(value, "The date")
            if message:
                raise forms.ValidationError(message, code="date_window")
        return value


class SaneDateFilter(django_filters.DateFilter):
    field_class = SaneDateFormField


def iso_date_filter(field_name: str, lookup_expr: str) -> django_filters.DateFilter:
    """A date filter that takes ISO dates only (2026-03-28), like the JSON bodies; 03/01/2026 is a 400, and
    so is a date outside the accepted window."""
    return SaneDateFilter(field_name=field_name, lookup_expr=lookup_expr, input_formats=["%Y-%m-%d"])


class CSVSelectMultiple(forms.SelectMultiple):
    """Reads `?x=a,b` and `?x=a&x=b` alike; blank items are dropped."""

    def value_from_datadict(self, data, files, name):
        raw = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
        return [item.strip() for value in raw if value for item in str(value).split(",") if item.strip()]


class ChoiceInFilter(django_filters.MultipleChoiceFilter):
    """`?lease_status=active,notice` (or repeated) — one or more values, each checked against the choices (else 400)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", CSVSelectMultiple)
        kwargs.setdefault("distinct", False)  # one column of the row itself: no duplicates to remove
        super().__init__(*args, **kwargs)


class StableOrderingFilter(OrderingFilter):
    """DRF's OrderingFilter plus `id` as the last key, so pages never repeat or skip rows on ties."""

    def get_ordering(self, request, queryset, view):
        ordering = super().get_ordering(request, queryset, view)
        if ordering and not any(o.lstrip("-") in ("id", "pk") for o in ordering):
            ordering = [*ordering, "id"]
        return ordering


# The backends of a filterable, searchable, orderable list view.
FILTER_BACKENDS = [DjangoFilterBackend, SearchFilter, StableOrderingFilter]
