"""Query-string filters of the command center list (and its export / select-all). Invalid values answer
400 (django-filter raises a ValidationError that core.exceptions turns into `{"detail", "errors"}`)."""

import datetime

import django_filters
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core.filters import ChoiceInFilter, iso_date_filter
from portfolio import rules, selectors
from portfolio.models import AIActionQueue, BulkActionBatch
from tenants.models import TenantLease
from units.models import UnitsUnit

RISK_CHOICES = [(r, r) for r in (*selectors.RISK_LEVELS, selectors.RISK_NONE)]
ACTION_CHOICES = [(a, a) for a in rules.ACTION_TYPES]
MAX_DAYS = 100_000


class CommandCenterFilter(django_filters.FilterSet):
    """Filters over `selectors.command_center_units()` (its annotations)."""

    lifecycle_state = ChoiceInFilter(
        choices=TenantLease.LeaseStatus.choices,
        method="filter_lifecycle",
        label="Lifecycle state of the current lease (comma-separated for several)",
    )
    property = django_filters.UUIDFilter(field_name="property_id")
    building = django_filters.CharFilter(field_name="building", lookup_expr="iexact")
    risk_level = ChoiceInFilter(
        choices=RISK_CHOICES,
        method="filter_risk",
        label="Collections risk profile of the tenant's open case, or 'none' (comma-separated for several)",
    )
    min_rent = django_filters.NumberFilter(field_name="rent", lookup_expr="gte", min_value=0)
    max_rent = django_filters.NumberFilter(field_name="rent", lookup_expr="lte", min_value=0)
    gap_pct_min = django_filters.NumberFilter(
        field_name="market_gap_pct",
        lookup_expr="gte",
        min_value=-1000,
        max_value=1000,
        label="(rent − market) / market in %, at least",
    )
    gap_pct_max = django_filters.NumberFilter(
        field_name="market_gap_pct",
        lookup_expr="lte",
        min_value=-1000,
        max_value=1000,
        label="(rent − market) / market in %, at most (e.g. 0 = at or below market)",
    )
    days_to_event__gte = django_filters.NumberFilter(method="filter_days", min_value=-MAX_DAYS, max_value=MAX_DAYS)
    days_to_event__lte = django_filters.NumberFilter(method="filter_days", min_value=-MAX_DAYS, max_value=MAX_DAYS)
    ai_action = ChoiceInFilter(
        choices=ACTION_CHOICES,
        method="filter_ai_action",
        label="Units with an open AI action of these types (comma-separated)",
    )
    has_ai_action = django_filters.BooleanFilter(method="filter_has_ai_action")
    search = django_filters.CharFilter(
        method="filter_search", max_length=100, label="Unit number or tenant name (every word must match)"
    )

    class Meta:
        model = UnitsUnit
        fields: list = []

    def __init__(self, *args, today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()

    def filter_lifecycle(self, qs, name, values):
        return selectors.filter_states(qs, values)

    def filter_risk(self, qs, name, values):
        if not values:
            return qs
        qs = selectors.with_risk(qs)
        profiles = [v for v in values if v != selectors.RISK_NONE]
        cond = Q(risk_level__in=profiles) if profiles else Q(pk__in=[])
        if selectors.RISK_NONE in values:
            cond |= Q(risk_level__isnull=True)
        return qs.filter(cond)

    def filter_days(self, qs, name, value):
        if value is None:
            return qs
        day = self.today + datetime.timedelta(days=int(value))
        return qs.filter(event_date__gte=day) if name.endswith("__gte") else qs.filter(event_date__lte=day)

    def _open_actions(self, **kwargs):
        return AIActionQueue.objects.filter(unit_id=OuterRef("pk"), status__in=AIActionQueue.OPEN_STATUSES, **kwargs)

    def filter_ai_action(self, qs, name, values):
        return qs.filter(Exists(self._open_actions(action_type__in=values))) if values else qs

    def filter_has_ai_action(self, qs, name, value):
        if value is None:
            return qs
        exists = Exists(self._open_actions())
        return qs.filter(exists if value else ~exists)

    def filter_search(self, qs, name, value):
        for word in (value or "").split():
            name = Q(tenant_first_name__icontains=word) | Q(tenant_last_name__icontains=word)
            # A vacant unit's last tenant has left: only the unit number matches there.
            qs = qs.filter(Q(unit_number__icontains=word) | (name & Q(lifecycle_state__in=selectors.OCCUPYING)))
        return qs


class AIQueueFilter(django_filters.FilterSet):
    """`status` defaults to the open ones (pending, approved); `status=all` shows every item."""

    status = ChoiceInFilter(choices=[*AIActionQueue.Status.choices, ("all", "All")], method="filter_status")
    action_type = ChoiceInFilter(choices=ACTION_CHOICES)
    priority = ChoiceInFilter(choices=AIActionQueue.Priority.choices)
    lifecycle_state = ChoiceInFilter(choices=TenantLease.LeaseStatus.choices)
    property = django_filters.UUIDFilter(field_name="property_id")
    unit = django_filters.UUIDFilter(field_name="unit_id")
    min_confidence = django_filters.NumberFilter(
        field_name="confidence_score", lookup_expr="gte", min_value=0, max_value=1
    )
    generated_on = iso_date_filter("generated_on", "exact")

    class Meta:
        model = AIActionQueue
        fields: list = []

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("status"):
            queryset = queryset.filter(status__in=AIActionQueue.OPEN_STATUSES)
        return queryset

    def filter_status(self, qs, name, values):
        if not values or "all" in values:
            return qs
        return qs.filter(status__in=values)


class BulkActionBatchFilter(django_filters.FilterSet):
    """The bulk-action history: `?action_type=`, `?status=` (comma-separated for several)."""

    action_type = ChoiceInFilter(choices=ACTION_CHOICES, field_name="action_type")
    status = ChoiceInFilter(choices=BulkActionBatch.Status.choices, field_name="status")

    class Meta:
        model = BulkActionBatch
        fields: list = []
