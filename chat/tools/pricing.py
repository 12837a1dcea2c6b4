"""Pricing gaps (`pricing` snapshots), read through its selectors: units whose rent is below or above market."""

from __future__ import annotations

from decimal import Decimal

from chat.tools import ChatTool, register
from chat.tools.common import LIMIT, PROPERTY_NAME, money, resolve_property, result
from pricing.selectors import snapshot_latest_list
from pricing.strategy import AT_MARKET_BAND_PCT


def pricing_query(params: dict, ctx) -> dict:
    prop = resolve_property(params.get("property_name"))
    qs = snapshot_latest_list()
    if prop:
        qs = qs.filter(property_id=prop[0])
    vacant = params.get("vacant")
    if vacant is not None:
        qs = qs.filter(is_vacant=vacant)
    side = params.get("side") or "below"
    if side == "below":
        qs = qs.filter(rent_gap_pct__lt=-AT_MARKET_BAND_PCT).order_by("rent_gap_pct", "unit__unit_number")
    else:
        qs = qs.filter(rent_gap_pct__gt=AT_MARKET_BAND_PCT).order_by("-rent_gap_pct", "unit__unit_number")
    snaps = list(qs)
    rows = [
        {
            "property": s.property.name,
            "unit": s.unit.unit_number,
            "unit_id": str(s.unit_id),
            "vacant": s.is_vacant,
            "current_rent": money(s.current_rent) if s.current_rent is not None else None,
            "market_rent": money(s.market_rent),
            "monthly_gap": money(abs(s.rent_gap_amount)),
            "gap_pct": round(s.rent_gap_pct, 1),
        }
        for s in snaps
    ]
    gap = sum((abs(s.rent_gap_amount) for s in snaps), Decimal("0"))
    return result(
        title=f"Units {side} market",
        columns=[
            ("property", "Property", "text"),
            ("unit", "Unit", "text"),
            ("current_rent", "Rent", "money"),
            ("market_rent", "Market", "money"),
            ("monthly_gap", "Gap / mo", "money"),
            ("gap_pct", "Gap %", "percent"),
        ],
        rows=rows,
        totals={"units": len(rows), "total_monthly_gap": money(gap), "side": side},
        limit=params.get("limit"),
        actions=[{"kind": "link", "label": "Open pricing", "route": "/pricing", "params": {}}],
    )


register(
    ChatTool(
        name="query_pricing",
        description="Units priced below (or above) market from the latest pricing snapshots, with the monthly gap; "
        "filter occupied or vacant units and by property.",
        input_schema={
            "type": "object",
            "properties": {
                "property_name": PROPERTY_NAME,
                "side": {"type": "string", "enum": ["below", "above"], "default": "below"},
                "vacant": {"type": "boolean"},
                "limit": LIMIT,
            },
            "additionalProperties": False,
        },
        permission="view_portfolio",
        run=pricing_query,
    )
)
