"""Leases, vacancy and money: the data `tenants` (leases, ledger) and `units` own, read through their selectors."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import F, Q, Sum

from chat.tools import ChatTool, register
from chat.tools.common import LIMIT, PROPERTY_NAME, money, resolve_property, result
from core.ai.prompts import escape_untrusted
from portfolio.rules import RENEWAL_OFFER, RENT_INCREASE_NOTICE
from pricing.selectors import revenue_opportunity
from properties.selectors import property_list
from tenants.balances import ZERO, tenant_balances
from tenants.lifecycle import ACTIVE, MONTH_TO_MONTH, NOTICE, VACANT
from tenants.models import TenantLedgerEntry
from tenants.selectors import current_leases_by_unit, lease_list
from units.selectors import unit_list

OCCUPYING = (ACTIVE, MONTH_TO_MONTH, NOTICE)
STATUS_LABELS = {ACTIVE: "active", MONTH_TO_MONTH: "month-to-month", NOTICE: "on notice", VACANT: "vacant"}


def command_center_link(*, states=None, property_id=None) -> dict:
    params = {}
    if states:
        params["state"] = ",".join(states)
    if property_id:
        params["property"] = str(property_id)
    return {
        "kind": "link",
        "label": "Open in the command center",
        "route": "/portfolio/command-center",
        "params": params,
    }


# The command center's own "Select all" cap (portfolio: select-all returns up to 10,000 ids); its bulk modal previews
# the first 500 and runs a larger selection as consecutive batches of 500.
BULK_MAX_UNITS = 10_000
# Which existing bulk action raises the rent of a lease in which state: a month-to-month tenant gets a rent-increase
# notice (portfolio's RentIncreaseExecutor takes only month-to-month leases); a lease still running gets a renewal
# offer at the recommended rent (its RenewalExecutor). The rent of a lease on notice or a vacant unit is not raised.
BULK_RAISE = {
    MONTH_TO_MONTH: (RENT_INCREASE_NOTICE, "Draft rent-increase notices"),
    ACTIVE: (RENEWAL_OFFER, "Draft renewal offers"),
}


def bulk_action_block(*, action_type: str, label: str, leases: list, state: str, property_id=None) -> dict | None:
    """A button that opens the command center filtered to `state` (and the property) with these leases' units
    selected and the bulk-action preview of `action_type` open (the manager reviews, then sends there)."""
    units = list(dict.fromkeys((str(lease.unit_id), money(lease.monthly_rent_amount)) for lease in leases))
    if not units:
        return None
    shown = units[:BULK_MAX_UNITS]
    n = len(shown)
    return command_center_link(states=[state], property_id=property_id) | {
        "kind": "bulk_action",
        "label": f"{label} ({n:,} unit{'s' if n != 1 else ''})",
        "bulk_action": action_type,
        "unit_ids": [u for u, _ in shown],
        "rents": [r for _, r in shown],
        "truncated": len(units) > BULK_MAX_UNITS,
    }


def raise_rent_actions(leases: list, *, property_id=None) -> list[dict]:
    """The bulk actions that would bring these below-market leases to market: one per lease state that has one."""
    out = []
    for state, (action_type, label) in BULK_RAISE.items():
        block = bulk_action_block(
            action_type=action_type,
            label=label,
            leases=[lease for lease in leases if lease.lease_status == state],
            state=state,
            property_id=property_id,
        )
        if block:
            out.append(block)
    return out


# --- query_leases --------------------------------------------------------------------------------------------


def leases_query(params: dict, ctx) -> dict:
    prop = resolve_property(params.get("property_name"))
    qs = lease_list()
    if prop:
        qs = qs.filter(property_id=prop[0])
    status = params.get("lease_status")
    if status:
        qs = qs.filter(lease_status=status)
    days = params.get("expiring_within_days")
    if days is not None:
        qs = qs.filter(lease_end_date__gte=ctx.today, lease_end_date__lte=ctx.today + datetime.timedelta(days=days))
        if not status:
            qs = qs.filter(lease_status=ACTIVE)
    month = params.get("expiring_in_month")
    if month:
        year, mon = (int(x) for x in month.split("-"))
        first = datetime.date(year, mon, 1)
        last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
        qs = qs.filter(lease_end_date__gte=max(first, ctx.today), lease_end_date__lte=last)
        if not status:
            qs = qs.filter(lease_status=ACTIVE)
    if params.get("below_market"):
        qs = qs.filter(unit__market_rent__gt=F("monthly_rent_amount"))
    leases = list(qs.order_by("lease_end_date", "property__name", "unit__unit_number"))
    rows = [
        {
            "lease_number": lease.lease_number,
            "tenant": escape_untrusted(f"{lease.tenant.first_name} {lease.tenant.last_name}"),
            "property": lease.property.name,
            "unit": lease.unit.unit_number,
            "unit_id": str(lease.unit_id),
            "status": STATUS_LABELS.get(lease.lease_status, lease.lease_status),
            "lease_end_date": lease.lease_end_date.isoformat() if lease.lease_end_date else None,
            "monthly_rent": money(lease.monthly_rent_amount),
            "market_rent": money(lease.unit.market_rent),
            "gap": money(max(lease.unit.market_rent - lease.monthly_rent_amount, ZERO)),
        }
        for lease in leases
    ]
    rent = sum((lease.monthly_rent_amount for lease in leases), ZERO)
    gap = sum((max(lease.unit.market_rent - lease.monthly_rent_amount, ZERO) for lease in leases), ZERO)
    by_property = Counter(lease.property.name for lease in leases)
    states = [status] if status else ([ACTIVE] if days is not None or month else None)
    actions = [command_center_link(states=states, property_id=prop[0] if prop else None)]
    if params.get("below_market"):
        actions = raise_rent_actions(leases, property_id=prop[0] if prop else None) + actions
    return result(
        title="Leases",
        columns=[
            ("lease_number", "Lease", "text"),
            ("tenant", "Tenant", "text"),
            ("property", "Property", "text"),
            ("unit", "Unit", "text"),
            ("status", "Status", "text"),
            ("lease_end_date", "Ends", "date"),
            ("monthly_rent", "Rent", "money"),
            ("market_rent", "Market", "money"),
        ],
        rows=rows,
        totals={
            "count": len(rows),
            "total_monthly_rent": money(rent),
            "average_rent": money(rent / len(rows)) if rows else money(0),
            "monthly_gap_to_market": money(gap),
            "by_property": dict(sorted(by_property.items())),
        },
        limit=params.get("limit"),
        actions=actions,
        filters={
            "property": prop[1] if prop else None,
            "lease_status": status,
            "expiring_within_days": days,
            "expiring_in_month": month,
        },
    )


register(
    ChatTool(
        name="query_leases",
        description="Query lease data. Can filter by lifecycle status, property, leases ending within N days or in "
        "a calendar month (YYYY-MM), and "
        "leases whose rent is below the unit's market rent. Returns rows and totals (count, rent, gap).",
        input_schema={
            "type": "object",
            "properties": {
                "property_name": PROPERTY_NAME,
                "lease_status": {"type": "string", "enum": [ACTIVE, MONTH_TO_MONTH, NOTICE, VACANT]},
                "expiring_within_days": {"type": "integer", "minimum": 0, "maximum": 730},
                "expiring_in_month": {"type": "string", "pattern": "^20[0-9]{2}-(0[1-9]|1[0-2])$"},
                "below_market": {"type": "boolean", "default": False},
                "limit": LIMIT,
            },
            "additionalProperties": False,
        },
        permission="view_portfolio",
        run=leases_query,
    )
)


# --- query_vacancy ---------------------------------------------------------------------------------------------


def vacancy_query(params: dict, ctx) -> dict:
    prop = resolve_property(params.get("property_name"))
    props = property_list().order_by("name")
    if prop:
        props = props.filter(pk=prop[0])
    units = unit_list()
    if prop:
        units = units.filter(property_id=prop[0])
    vacant_units = list(
        units.filter(status="vacant").select_related("property").order_by("property__name", "unit_number")
    )
    market_by_property = defaultdict(lambda: ZERO)
    for unit in vacant_units:
        market_by_property[unit.property_id] += unit.market_rent
    rows, total, vacant = [], 0, 0
    for p in props:
        if not p.unit_count:
            continue
        row = {
            "property": p.name,
            "property_id": str(p.pk),
            "units": p.unit_count,
            "vacant_units": p.vacant_units,
            "vacancy_rate": round(100.0 * p.vacant_units / p.unit_count, 1),
        }
        if params.get("include_pricing"):
            row["vacant_market_rent"] = money(market_by_property[p.pk])
        rows.append(row)
        total += p.unit_count
        vacant += p.vacant_units
    rows.sort(key=lambda r: (-r["vacancy_rate"], r["property"]))
    columns = [
        ("property", "Property", "text"),
        ("units", "Units", "number"),
        ("vacant_units", "Vacant", "number"),
        ("vacancy_rate", "Vacancy %", "percent"),
    ]
    totals = {
        "units": total,
        "vacant_units": vacant,
        "vacancy_rate": round(100.0 * vacant / total, 1) if total else 0.0,
        "occupancy_rate": round(100.0 * (total - vacant) / total, 1) if total else 0.0,
    }
    if params.get("include_pricing"):
        columns.append(("vacant_market_rent", "Market rent lost / mo", "money"))
        totals["vacant_market_rent"] = money(sum(market_by_property.values(), ZERO))
    return result(
        title="Vacancy",
        columns=columns,
        rows=rows,
        totals=totals,
        limit=params.get("limit"),
        actions=[command_center_link(states=[VACANT], property_id=prop[0] if prop else None)],
        filters={"property": prop[1] if prop else None},
    )


register(
    ChatTool(
        name="query_vacancy",
        description="Vacancy across the portfolio: units, vacant units and vacancy rate per property (optionally the "
        "market rent the vacant units would bring).",
        input_schema={
            "type": "object",
            "properties": {
                "property_name": PROPERTY_NAME,
                "include_pricing": {"type": "boolean", "default": False},
                "limit": LIMIT,
            },
            "additionalProperties": False,
        },
        permission="view_portfolio",
        run=vacancy_query,
    )
)


# --- query_financials ------------------------------------------------------------------------------------------

METRICS = ["total_rent_roll", "collection_rate", "delinquency", "revenue_by_property", "rent_variance"]
DATE_RANGES = ["this_month", "last_month", "this_week", "last_30_days", "this_year"]


def date_window(name: str | None, today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """[start, end] of a named window, today included."""
    name = name or "this_month"
    if name == "last_month":
        end = today.replace(day=1) - datetime.timedelta(days=1)
        return end.replace(day=1), end
    if name == "this_week":
        return today - datetime.timedelta(days=today.weekday()), today
    if name == "last_30_days":
        return today - datetime.timedelta(days=29), today
    if name == "this_year":
        return today.replace(month=1, day=1), today
    return today.replace(day=1), today


def _ledger(prop, start, end):
    qs = TenantLedgerEntry.objects.filter(trans_date__gte=start, trans_date__lte=end)
    if prop:
        qs = qs.filter(lease__property_id=prop[0])
    return qs


def _rent_roll(prop, params, ctx):
    qs = lease_list().filter(lease_status__in=OCCUPYING)
    if prop:
        qs = qs.filter(property_id=prop[0])
    per = qs.values("property__name").annotate(rent=Sum("monthly_rent_amount")).order_by("-rent", "property__name")
    rows = [{"property": r["property__name"], "monthly_rent_roll": money(r["rent"])} for r in per]
    total = sum((Decimal(r["monthly_rent_roll"]) for r in rows), ZERO)
    return result(
        title="Monthly rent roll",
        columns=[("property", "Property", "text"), ("monthly_rent_roll", "Rent roll / mo", "money")],
        rows=rows,
        totals={"monthly_rent_roll": money(total), "annual_rent_roll": money(total * 12), "properties": len(rows)},
        limit=params.get("limit"),
    )


def _collection_rate(prop, params, ctx):
    """Of the charges that fell due in the window (up to today), the share paid or credited so far: a payment
    carries the due date of the charge it settles (tenants.models.TenantLedgerEntry)."""
    start, end = date_window(params.get("date_range"), ctx.today)
    end = min(end, ctx.today)
    charge = Q(trans_type=TenantLedgerEntry.TransType.CHARGE)
    paid = Q(trans_type__in=[TenantLedgerEntry.TransType.PAYMENT, TenantLedgerEntry.TransType.CREDIT])
    qs = TenantLedgerEntry.objects.filter(due_date__gte=start, due_date__lte=end, trans_date__lte=ctx.today)
    if prop:
        qs = qs.filter(lease__property_id=prop[0])
    per = (
        qs.values("lease__property__name")
        .annotate(charged=Sum("amount", filter=charge), collected=Sum("amount", filter=paid))
        .order_by("lease__property__name")
    )
    rows, charged, collected = [], ZERO, ZERO
    for r in per:
        c, p = r["charged"] or ZERO, r["collected"] or ZERO
        rows.append(
            {
                "property": r["lease__property__name"] or "(no lease)",
                "charged": money(c),
                "collected": money(p),
                "collection_rate": round(float(100 * p / c), 1) if c else None,
            }
        )
        charged += c
        collected += p
    rows.sort(key=lambda r: (r["collection_rate"] is None, r["collection_rate"] or 0, r["property"]))
    return result(
        title=f"Collections {start.isoformat()} – {end.isoformat()}",
        columns=[
            ("property", "Property", "text"),
            ("charged", "Charged", "money"),
            ("collected", "Collected", "money"),
            ("collection_rate", "Rate %", "percent"),
        ],
        rows=rows,
        totals={
            "charged": money(charged),
            "collected": money(collected),
            "collection_rate": round(float(100 * collected / charged), 1) if charged else None,
            "start": start.isoformat(),
            "end": end.isoformat(),
        },
        limit=params.get("limit"),
    )


def _delinquency(prop, params, ctx):
    minimum = Decimal(str(params.get("min_balance") or 0))
    leases = current_leases_by_unit(property_id=prop[0] if prop else None)
    by_tenant = {}
    for lease in leases.values():
        by_tenant.setdefault(lease.tenant_id, lease)
    balances = tenant_balances(tenant_ids=list(by_tenant), as_of=ctx.today)
    names = dict(property_list().values_list("id", "name"))
    rows = []
    for tenant_id, b in balances.items():
        lease = by_tenant[tenant_id]
        if b["overdue"] > 0 and b["overdue"] > minimum:
            rows.append(
                {
                    "tenant": escape_untrusted(f"{lease.tenant.first_name} {lease.tenant.last_name}"),
                    "property": names.get(lease.property_id, ""),
                    "unit_id": str(lease.unit_id),
                    "overdue": money(b["overdue"]),
                    "balance": money(b["balance"]),
                }
            )
    rows.sort(key=lambda r: (-Decimal(r["overdue"]), r["tenant"]))
    per_property = Counter(r["property"] for r in rows)
    return result(
        title="Overdue balances",
        columns=[
            ("tenant", "Tenant", "text"),
            ("property", "Property", "text"),
            ("overdue", "Overdue", "money"),
            ("balance", "Balance", "money"),
        ],
        rows=rows,
        totals={
            "delinquent_tenants": len(rows),
            "total_overdue": money(sum((Decimal(r["overdue"]) for r in rows), ZERO)),
            "min_balance": money(minimum),
            "by_property": dict(per_property.most_common()),
        },
        limit=params.get("limit"),
        actions=[{"kind": "link", "label": "Open collections", "route": "/collections", "params": {}}],
    )


def _revenue_by_property(prop, params, ctx):
    start, end = date_window(params.get("date_range"), ctx.today)
    per = (
        _ledger(prop, start, end)
        .filter(trans_type=TenantLedgerEntry.TransType.PAYMENT)
        .values("lease__property__name")
        .annotate(revenue=Sum("amount"))
        .order_by("-revenue", "lease__property__name")
    )
    rows = [{"property": r["lease__property__name"] or "(no lease)", "revenue": money(r["revenue"])} for r in per]
    return result(
        title=f"Revenue collected {start.isoformat()} – {end.isoformat()}",
        columns=[("property", "Property", "text"), ("revenue", "Collected", "money")],
        rows=rows,
        totals={
            "revenue": money(sum((Decimal(r["revenue"]) for r in rows), ZERO)),
            "start": start.isoformat(),
            "end": end.isoformat(),
        },
        limit=params.get("limit"),
    )


def _rent_variance(prop, params, ctx):
    data = revenue_opportunity(property_id=prop[0] if prop else None)
    rows = sorted(
        (
            {
                "property": r["property_name"],
                "property_id": r["property_id"],
                "units_below": r["units_below"],
                "monthly_gap": money(r["monthly_gap"]),
                "annual_opportunity": money(r["annual_opportunity"]),
                "avg_gap_pct": r["avg_gap_pct"],
            }
            for r in data["by_property"]
        ),
        key=lambda r: (-Decimal(r["monthly_gap"]), r["property"]),
    )
    return result(
        title="Rent gap to market by property",
        columns=[
            ("property", "Property", "text"),
            ("units_below", "Units below market", "number"),
            ("monthly_gap", "Gap / mo", "money"),
            ("annual_opportunity", "Gap / yr", "money"),
        ],
        rows=rows,
        totals={
            "units_below_market": data["units_below_market"],
            "total_monthly_gap": money(data["total_monthly_gap"]),
            "annual_revenue_opportunity": money(data["annual_revenue_opportunity"]),
            "snapshot_date": data["snapshot_date"],
        },
        limit=params.get("limit"),
        actions=[
            *_mtm_below_market_action(prop),
            command_center_link(states=[MONTH_TO_MONTH], property_id=prop[0] if prop else None),
        ],
    )


def _mtm_below_market_action(prop) -> list[dict]:
    """Rent-increase notices for the month-to-month tenants paying less than their unit's market rent."""
    qs = lease_list().filter(lease_status=MONTH_TO_MONTH, unit__market_rent__gt=F("monthly_rent_amount"))
    if prop:
        qs = qs.filter(property_id=prop[0])
    leases = list(
        qs.select_related(None)
        .only("unit_id", "monthly_rent_amount", "lease_status")
        .order_by("property__name", "unit__unit_number")
    )
    action_type, label = BULK_RAISE[MONTH_TO_MONTH]
    block = bulk_action_block(
        action_type=action_type, label=label, leases=leases, state=MONTH_TO_MONTH, property_id=prop[0] if prop else None
    )
    return [block] if block else []


_FINANCIALS = {
    "total_rent_roll": _rent_roll,
    "collection_rate": _collection_rate,
    "delinquency": _delinquency,
    "revenue_by_property": _revenue_by_property,
    "rent_variance": _rent_variance,
}


def financials_query(params: dict, ctx) -> dict:
    prop = resolve_property(params.get("property_name"))
    out = _FINANCIALS[params.get("metric") or "total_rent_roll"](prop, params, ctx)
    out["metric"] = params.get("metric") or "total_rent_roll"
    return out


register(
    ChatTool(
        name="query_financials",
        description="Financial data: rent roll, collection rate (charged vs collected in a window), delinquency "
        "(overdue balances, optionally above min_balance), revenue collected by property, rent variance (gap to "
        "market by property).",
        input_schema={
            "type": "object",
            "properties": {
                "metric": {"type": "string", "enum": METRICS},
                "property_name": PROPERTY_NAME,
                "date_range": {"type": "string", "enum": DATE_RANGES},
                "min_balance": {"type": "number", "minimum": 0, "maximum": 1_000_000},
                "limit": LIMIT,
            },
            "required": ["metric"],
            "additionalProperties": False,
        },
        permission="view_ledger",
        run=financials_query,
    )
)
