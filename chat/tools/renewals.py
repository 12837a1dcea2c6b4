"""Renewals due and churn (`renewals`), turnovers (`turnover`), read through their selectors."""

from __future__ import annotations

import datetime
from collections import Counter

from chat.tools import ChatTool, register
from chat.tools.common import LIMIT, PROPERTY_NAME, data, money, resolve_property, result
from renewals.selectors import renewal_list
from turnover import pipeline
from turnover.models import TurnoverCase
from turnover.selectors import case_list as turnover_case_list

OPEN_RENEWALS = ("pending", "approved", "sent")


def renewals_query(params: dict, ctx) -> dict:
    prop = resolve_property(params.get("property_name"))
    qs = renewal_list().filter(status__in=OPEN_RENEWALS)
    if prop:
        qs = qs.filter(property_id=prop[0])
    if params.get("churn_risk_level"):
        qs = qs.filter(churn_risk_level=params["churn_risk_level"])
    if params.get("expiring_within_days") is not None:
        qs = qs.filter(lease_end_date__lte=ctx.today + datetime.timedelta(days=params["expiring_within_days"]))
    recs = list(qs)
    rows = [
        {
            "tenant": data(f"{r.tenant.first_name} {r.tenant.last_name}"),
            "property": r.property.name,
            "unit": r.unit.unit_number,
            "unit_id": str(r.unit_id),
            "lease_end_date": r.lease_end_date.isoformat() if r.lease_end_date else None,
            "churn_score": round(r.churn_score, 2),
            "churn_risk_level": r.churn_risk_level,
            "current_rent": money(r.current_rent),
            "recommended_rent": money(r.recommended_rent),
            "status": r.status,
        }
        for r in recs
    ]
    return result(
        title="Renewals due",
        columns=[
            ("tenant", "Tenant", "text"),
            ("property", "Property", "text"),
            ("unit", "Unit", "text"),
            ("lease_end_date", "Lease ends", "date"),
            ("churn_risk_level", "Churn risk", "text"),
            ("current_rent", "Rent", "money"),
            ("recommended_rent", "Recommended", "money"),
        ],
        rows=rows,
        totals={
            "count": len(rows),
            "by_churn_risk": dict(sorted(Counter(r["churn_risk_level"] for r in rows).items())),
            "high_churn": sum(1 for r in rows if r["churn_risk_level"] in ("high", "critical")),
        },
        limit=params.get("limit"),
        actions=[{"kind": "link", "label": "Open renewals", "route": "/renewals", "params": {}}],
    )


register(
    ChatTool(
        name="query_renewals",
        description="Open renewal recommendations (pending, approved, sent) with churn risk and recommended rent.",
        input_schema={
            "type": "object",
            "properties": {
                "property_name": PROPERTY_NAME,
                "churn_risk_level": {"type": "string", "enum": ["low", "medium", "high", "critical"]},
                "expiring_within_days": {"type": "integer", "minimum": 0, "maximum": 730},
                "limit": LIMIT,
            },
            "additionalProperties": False,
        },
        permission="view_renewals",
        run=renewals_query,
    )
)


def turnover_query(params: dict, ctx) -> dict:
    prop = resolve_property(params.get("property_name"))
    qs = turnover_case_list().exclude(stage=TurnoverCase.Stage.LEASED)
    if prop:
        qs = qs.filter(property_id=prop[0])
    cases = list(qs.order_by("-days_vacant", "unit__unit_number"))
    if params.get("delayed_only"):
        cases = [c for c in cases if pipeline.is_delayed(c.days_vacant)]
    rows = [
        {
            "property": c.property.name,
            "unit": c.unit.unit_number,
            "unit_id": str(c.unit_id),
            "stage": c.stage,
            "expected_move_out": c.expected_move_out.isoformat(),
            "days_vacant": c.days_vacant,
            "delayed": pipeline.is_delayed(c.days_vacant),
        }
        for c in cases
    ]
    vacant_days = [r["days_vacant"] for r in rows if r["days_vacant"] > 0]
    return result(
        title="Turnover pipeline",
        columns=[
            ("property", "Property", "text"),
            ("unit", "Unit", "text"),
            ("stage", "Stage", "text"),
            ("expected_move_out", "Move-out", "date"),
            ("days_vacant", "Days vacant", "number"),
        ],
        rows=rows,
        totals={
            "open_cases": len(rows),
            "delayed": sum(1 for r in rows if r["delayed"]),
            "by_stage": dict(sorted(Counter(r["stage"] for r in rows).items())),
            "average_days_vacant": round(sum(vacant_days) / len(vacant_days), 1) if vacant_days else 0.0,
        },
        limit=params.get("limit"),
        actions=[{"kind": "link", "label": "Open turnovers", "route": "/turnover", "params": {}}],
    )


register(
    ChatTool(
        name="query_turnover",
        description="Open turnover cases (notice to leased): stage, days vacant, and whether past the delay deadline.",
        input_schema={
            "type": "object",
            "properties": {
                "property_name": PROPERTY_NAME,
                "delayed_only": {"type": "boolean", "default": False},
                "limit": LIMIT,
            },
            "additionalProperties": False,
        },
        permission="view_portfolio",
        run=turnover_query,
    )
)
