"""A tenant's real account facts (current lease, rent, due day, ledger balance, open requests): what an
auto-reply may say and what the tenant-profile pane shows. Reads only; unscoped callers (the pipeline) and
scoped ones (the API) alike."""

from __future__ import annotations

import datetime

from core.formatting import long_date, money
from tenants.balances import tenant_balance
from tenants.lifecycle import ACTIVE, MONTH_TO_MONTH, NOTICE
from tenants.models import TenantLease, TenantLedgerEntry
from units.models import UnitsMaintenance

CURRENT = (ACTIVE, MONTH_TO_MONTH, NOTICE)
OPEN_WORK_ORDERS = (
    UnitsMaintenance.Status.OPEN,
    UnitsMaintenance.Status.ASSIGNED,
    UnitsMaintenance.Status.IN_PROGRESS,
)


def ordinal(n: int) -> str:
    suffix = "th" if 11 <= n % 100 <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def current_lease(tenant_id) -> TenantLease | None:
    return (
        TenantLease._base_manager.filter(tenant_id=tenant_id, lease_status__in=CURRENT)
        .select_related("unit", "property")
        .order_by("-lease_begin_date", "-created_at")
        .first()
    )


def rent_due_day(tenant_id) -> int | None:
    """The day of the month of the tenant's latest rent charge's due date (None: no rent charged yet)."""
    due = (
        TenantLedgerEntry._base_manager.filter(
            tenant_id=tenant_id,
            trans_type=TenantLedgerEntry.TransType.CHARGE,
            charge_code=TenantLedgerEntry.ChargeCode.RENT,
            due_date__isnull=False,
        )
        .order_by("-due_date")
        .values_list("due_date", flat=True)
        .first()
    )
    return due.day if due else None


def next_due(day: int, today: datetime.date) -> datetime.date:
    import calendar

    def on(year, month):
        return datetime.date(year, month, min(day, calendar.monthrange(year, month)[1]))

    candidate = on(today.year, today.month)
    if candidate >= today:
        return candidate
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    return on(year, month)


def open_work_orders(tenant_id, unit_id=None) -> list[UnitsMaintenance]:
    qs = UnitsMaintenance._base_manager.filter(status__in=OPEN_WORK_ORDERS)
    qs = qs.filter(tenant_id=tenant_id) if unit_id is None else qs.filter(unit_id=unit_id)
    return list(qs.order_by("-requested_date", "-created_at")[:10])


def tenant_account_facts(*, tenant, today: datetime.date) -> dict:
    """Raw facts (Decimal, dates) and their formatted forms; empty strings where a figure is unknown."""
    lease = current_lease(tenant.pk)
    day = rent_due_day(tenant.pk)
    balance = tenant_balance(tenant_id=tenant.pk, as_of=today)
    orders = open_work_orders(tenant.pk, unit_id=lease.unit_id if lease else None)
    rent = lease.monthly_rent_amount if lease else None
    nxt = next_due(day, today) if day else None
    if lease is None:
        end = ""
    elif lease.lease_status == MONTH_TO_MONTH or lease.lease_end_date is None:
        end = "month-to-month"
    else:
        end = long_date(lease.lease_end_date)
    return {
        "lease": lease,
        "rent": rent,
        "due_day": day,
        "next_due_date": nxt,
        "balance": balance["balance"],
        "overdue": balance["overdue"],
        "open_work_orders": orders,
        "formatted": {
            "rent_amount": money(rent) if rent is not None else "",
            "due_day": ordinal(day) if day else "",
            "next_due_date": long_date(nxt) if nxt else "",
            "lease_end_date": end,
            "balance_due": money(balance["balance"]),
            "open_maintenance_count": len(orders),
            "open_maintenance_list": "; ".join(
                f"{wo.work_order_number} {wo.title[:60]} ({wo.get_status_display().lower()})" for wo in orders[:5]
            ),
        },
    }
