"""Collection cases (`collections_app`), read through its selectors."""

from __future__ import annotations

from decimal import Decimal

from chat.tools import ChatTool, register
from chat.tools.common import LIMIT, PROPERTY_NAME, data, money, resolve_property, result
from collections_app.models import CollectionCase
from collections_app.selectors import case_list


def collections_query(params: dict, ctx) -> dict:
    prop = resolve_property(params.get("property_name"))
    qs = case_list().filter(status__in=CollectionCase.UNRESOLVED)
    if prop:
        qs = qs.filter(property_id=prop[0])
    if params.get("min_days_overdue") is not None:
        qs = qs.filter(days_overdue__gte=params["min_days_overdue"])
    cases = list(qs.order_by("-current_balance", "id"))
    rows = [
        {
            "tenant": data(f"{c.tenant.first_name} {c.tenant.last_name}"),
            "property": c.property.name,
            "unit": c.unit.unit_number,
            "unit_id": str(c.unit_id),
            "balance": money(c.current_balance),
            "days_overdue": c.days_overdue,
            "status": c.status,
            "escalation_level": c.escalation_level,
        }
        for c in cases
    ]
    return result(
        title="Open collection cases",
        columns=[
            ("tenant", "Tenant", "text"),
            ("property", "Property", "text"),
            ("unit", "Unit", "text"),
            ("balance", "Balance", "money"),
            ("days_overdue", "Days late", "number"),
            ("status", "Status", "text"),
        ],
        rows=rows,
        totals={
            "open_cases": len(rows),
            "total_balance": money(sum((c.current_balance for c in cases), Decimal("0"))),
        },
        limit=params.get("limit"),
        actions=[{"kind": "link", "label": "Open collections", "route": "/collections", "params": {}}],
    )


register(
    ChatTool(
        name="query_collections",
        description="Unresolved collection cases (open, payment plan, escalated), largest balance first; optionally "
        "only tenants at least N days late.",
        input_schema={
            "type": "object",
            "properties": {
                "property_name": PROPERTY_NAME,
                "min_days_overdue": {"type": "integer", "minimum": 0, "maximum": 3650},
                "limit": LIMIT,
            },
            "additionalProperties": False,
        },
        permission="view_collections",
        run=collections_query,
    )
)
