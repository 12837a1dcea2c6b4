"""Dashboard read models (dashboard cards, property honeycomb): units joined with their
current lease and the tenant's ledger balance. Set-based: a fixed number of queries per call."""

import datetime
from decimal import Decimal

from django.db.models import Count, Q, Sum

from properties.models import Properties
from tenants.balances import ZERO, tenant_balances
from tenants.models import TenantLease
from tenants.selectors import current_leases_by_unit
from units.models import UnitsMaintenance, UnitsUnit
from units.selectors import OPEN_WORK_ORDER_STATUSES

OCCUPYING_STATES = (
    TenantLease.LeaseStatus.ACTIVE,
    TenantLease.LeaseStatus.MONTH_TO_MONTH,
    TenantLease.LeaseStatus.NOTICE,
)


def property_unit_grid(*, property_id, today: datetime.date | None = None) -> dict:
    prop = Properties.objects.get(pk=property_id)
    units = list(UnitsUnit.objects.filter(property_id=property_id).order_by("building", "floor", "unit_number"))
    leases = current_leases_by_unit(property_id=property_id)
    balances = tenant_balances(tenant_ids={lease.tenant_id for lease in leases.values()}, as_of=today)
    rows = []
    for unit in units:
        lease = leases.get(unit.id)
        bal = balances.get(lease.tenant_id) if lease else None
        rows.append(
            {
                "unit": unit,
                "lease": lease,
                "balance": bal["balance"] if bal else ZERO,
                "overdue_balance": bal["overdue"] if bal else ZERO,
            }
        )
    return {"property": prop, "units": rows}


def dashboard_stats(*, today: datetime.date | None = None) -> dict:
    today = today or datetime.date.today()
    unit_counts = UnitsUnit.objects.aggregate(
        total=Count("id"),
        occupied=Count("id", filter=Q(status=UnitsUnit.Status.OCCUPIED)),
        vacant=Count("id", filter=Q(status=UnitsUnit.Status.VACANT)),
    )
    lease_counts = TenantLease.objects.aggregate(
        active=Count("id", filter=Q(lease_status=TenantLease.LeaseStatus.ACTIVE)),
        month_to_month=Count("id", filter=Q(lease_status=TenantLease.LeaseStatus.MONTH_TO_MONTH)),
        notice=Count("id", filter=Q(lease_status=TenantLease.LeaseStatus.NOTICE)),
        vacant=Count("id", filter=Q(lease_status=TenantLease.LeaseStatus.VACANT)),
        expiring_30=Count(
            "id",
            filter=Q(
                lease_status=TenantLease.LeaseStatus.ACTIVE,
                lease_end_date__gte=today,
                lease_end_date__lte=today + datetime.timedelta(days=30),
            ),
        ),
        rent_roll=Sum("monthly_rent_amount", filter=Q(lease_status__in=OCCUPYING_STATES)),
    )
    balances = tenant_balances(as_of=today).values()
    overdue = [b["overdue"] for b in balances if b["overdue"] > 0]
    total = unit_counts["total"] or 0
    return {
        "properties": Properties.objects.count(),
        "total_units": total,
        "occupied_units": unit_counts["occupied"],
        "vacant_units": unit_counts["vacant"],
        "occupancy_rate": round(100.0 * unit_counts["occupied"] / total, 1) if total else 0.0,
        "monthly_rent_roll": (lease_counts["rent_roll"] or Decimal("0")).quantize(ZERO),
        "open_work_orders": UnitsMaintenance.objects.filter(status__in=OPEN_WORK_ORDER_STATUSES).count(),
        "overdue_balance": sum(overdue, ZERO).quantize(ZERO),
        "delinquent_tenants": len(overdue),
        "lifecycle": {k: lease_counts[k] for k in ("active", "month_to_month", "notice", "vacant")},
        "expiring_30_days": lease_counts["expiring_30"],
    }
