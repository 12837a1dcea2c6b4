"""Reads on tenants, leases and the ledger. Querysets come back with what their serializers need joined in,
so a list page costs a fixed number of queries whatever its size. Balances come from `tenants.balances`."""

import datetime

from django.db.models import Case, Count, IntegerField, OuterRef, Q, QuerySet, Subquery, UUIDField, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from core.utils import parse_uuid
from tenants import lifecycle
from tenants.lifecycle import ACTIVE, MONTH_TO_MONTH, NOTICE, VACANT
from tenants.models import LeaseStatusLog, TenantLease, TenantLedgerEntry, Tenants

# --- tenants -------------------------------------------------------------------------------------------


def _current_lease() -> QuerySet[TenantLease]:
    """A tenant's current lease: the latest one that is not vacant, else the latest vacant one."""
    return TenantLease.objects.filter(tenant_id=OuterRef("pk")).order_by(
        Case(When(lease_status=VACANT, then=Value(1)), default=Value(0), output_field=IntegerField()),
        "-lease_begin_date",
        "-created_at",
    )


def tenant_list() -> QuerySet[Tenants]:
    """Tenants annotated with their current lease (`current_lease_*`); one query per page.

    Unused annotations are dropped from COUNT(*); filters on `current_lease_status` / `current_property_id`
    use the same subqueries.
    """
    current = _current_lease()
    return Tenants.objects.annotate(
        current_lease_id=Subquery(current.values("id")[:1]),
        current_lease_number=Subquery(current.values("lease_number")[:1]),
        current_lease_status=Subquery(current.values("lease_status")[:1]),
        # FK columns need an explicit UUID output field (SQLite would return bare hex otherwise).
        current_unit_id=Subquery(current.values("unit_id")[:1], output_field=UUIDField()),
        current_unit_number=Subquery(current.values("unit__unit_number")[:1]),
        current_property_id=Subquery(current.values("property_id")[:1], output_field=UUIDField()),
        current_property_name=Subquery(current.values("property__name")[:1]),
    ).order_by("last_name", "first_name", "id")


def tenant_get(*, tenant_id) -> Tenants | None:
    pk = parse_uuid(tenant_id)
    if pk is None:
        return None
    return tenant_list().filter(pk=pk).first()


# --- ledger --------------------------------------------------------------------------------------------


def ledger_entry_list() -> QuerySet[TenantLedgerEntry]:
    return TenantLedgerEntry.objects.select_related("tenant", "lease").order_by("-trans_date", "trans_type", "id")


def ledger_entry_get(*, entry_id) -> TenantLedgerEntry | None:
    pk = parse_uuid(entry_id)
    if pk is None:
        return None
    return ledger_entry_list().filter(pk=pk).first()


# --- leases --------------------------------------------------------------------------------------------


def lease_list() -> QuerySet[TenantLease]:
    """Leases with tenant, unit and property joined (the lifecycle serializer reads all three)."""
    return TenantLease.objects.select_related("tenant", "unit", "property").order_by("lease_end_date", "id")


def lease_get(*, lease_id) -> TenantLease | None:
    pk = parse_uuid(lease_id)
    if pk is None:
        return None
    return lease_list().filter(pk=pk).first()


def lease_status_history(*, lease: TenantLease) -> QuerySet[LeaseStatusLog]:
    """The lease's transitions, newest first."""
    return LeaseStatusLog.objects.filter(lease_id=lease.pk).order_by("-created_at")


def lease_lifecycle_stats(*, property_id=None, today: datetime.date | None = None) -> dict:
    """Counts per lifecycle status plus active leases ending within 30/60/90 days (today included). One query."""
    today = today or timezone.localdate()
    qs = TenantLease.objects.all()
    if property_id is not None:
        qs = qs.filter(property_id=property_id)
    expiring = {
        f"expiring_{n}_days": Count(
            "id",
            filter=Q(
                lease_status=ACTIVE, lease_end_date__gte=today, lease_end_date__lte=today + datetime.timedelta(days=n)
            ),
        )
        for n in lifecycle.EXPIRING_WINDOWS
    }
    return qs.aggregate(
        total_leases=Count("id"),
        active=Count("id", filter=Q(lease_status=ACTIVE)),
        month_to_month=Count("id", filter=Q(lease_status=MONTH_TO_MONTH)),
        notice=Count("id", filter=Q(lease_status=NOTICE)),
        vacant=Count("id", filter=Q(lease_status=VACANT)),
        **expiring,
    )


def lease_classification_pending(*, today: datetime.date | None = None) -> dict:
    """What the nightly agent would move today, without moving it: {"to_mtm": n, "to_vacant": m}."""
    today = today or timezone.localdate()
    return TenantLease.objects.aggregate(
        to_mtm=Count("id", filter=Q(lease_status=ACTIVE, lease_end_date__lt=today)),
        to_vacant=Count(
            "id", filter=Q(lease_status=NOTICE, notice_move_out_date__lt=today, actual_move_out_date__isnull=True)
        ),
    )


# --- units' current leases ------------------------------------------------------------------------------


def current_leases_by_unit(*, unit_ids=None, property_id=None) -> dict:
    """{unit_id: lease} — each unit's most recent lease (by begin date), tenant joined. One query."""
    qs = TenantLease.objects.select_related("tenant").order_by("unit_id", "-lease_begin_date", "-created_at")
    if property_id is not None:
        qs = qs.filter(property_id=property_id)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=list(unit_ids))
    out = {}
    for lease in qs:
        out.setdefault(lease.unit_id, lease)
    return out


# --- occupancy: whose lease a unit was under on a date ----------------------------------------------------

# Contract statuses (`status`, pre-1.1) that end a lease at its end date when the lifecycle still says active.
_ENDED_CONTRACTS = (TenantLease.Status.EXPIRED, TenantLease.Status.TERMINATED)


def lease_occupying_q(on) -> Q:
    """Leases not ended before `on` (a date, or an expression such as OuterRef("requested_date")).

    A lease ends on its actual move-out date; without one, a vacant lease ends on its notice move-out date (else
    its end date); an active lease whose contract expired or was terminated ends on its end date; every other
    lease continues (month-to-month holdover, notice not yet moved out, an active lease the nightly agent has not
    turned month-to-month yet)."""

    def open_end(field: str) -> Q:
        return Q(**{f"{field}__gte": on}) | Q(**{f"{field}__isnull": True})

    continuing = Q(lease_status__in=(MONTH_TO_MONTH, NOTICE)) | (
        Q(lease_status=ACTIVE) & ~Q(status__in=_ENDED_CONTRACTS)
    )
    by_end_date = Q(lease_status=ACTIVE, status__in=_ENDED_CONTRACTS) & open_end("lease_end_date")
    vacant = Q(lease_status=VACANT) & (
        Q(notice_move_out_date__gte=on) | (Q(notice_move_out_date__isnull=True) & open_end("lease_end_date"))
    )
    return Q(actual_move_out_date__gte=on) | (
        Q(actual_move_out_date__isnull=True) & (continuing | by_end_date | vacant)
    )


def leases_in_occupancy(*, unit, on) -> QuerySet[TenantLease]:
    """The unit's leases that had started (move-in, else begin date) on `on` and not ended before it, latest
    start first. `unit` and `on` may be values or expressions (OuterRef("unit_id"), OuterRef("requested_date"))
    for a set-based subquery; the first row is the lease in occupancy."""
    return (
        TenantLease.objects.annotate(occupancy_start=Coalesce("move_in_date", "lease_begin_date"))
        .filter(lease_occupying_q(on), unit_id=unit, occupancy_start__lte=on)
        .order_by("-occupancy_start", "-created_at", "-id")
    )


def lease_in_occupancy(*, unit_id, on: datetime.date) -> TenantLease | None:
    """The lease in occupancy of the unit on `on` (tenant joined), or None when nobody lived there. One query."""
    return leases_in_occupancy(unit=unit_id, on=on).select_related("tenant").first()


def unit_lease_get(*, unit_id, lease_id) -> TenantLease | None:
    """The lease if it is one of this unit's (any time), tenant joined; None otherwise."""
    pk = parse_uuid(lease_id)
    if pk is None:
        return None
    return TenantLease.objects.select_related("tenant").filter(pk=pk, unit_id=unit_id).first()


def unit_tenant_get(*, unit_id, tenant_id) -> Tenants | None:
    """The tenant if they have (or had) a lease on this unit; None otherwise."""
    pk = parse_uuid(tenant_id)
    if pk is None:
        return None
    return Tenants.objects.filter(pk=pk, leases__unit_id=unit_id).distinct().first()
