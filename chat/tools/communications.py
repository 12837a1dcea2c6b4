"""Tenant communications (`communications`), read through its selectors: the inbox's conversations (open, waiting
on staff, urgent, escalated) and the tenants whose sentiment puts them at risk of leaving."""

from __future__ import annotations

from chat.tools import ChatTool, register
from chat.tools.common import LIMIT, PROPERTY_NAME, data, resolve_property, result
from communications.models import TenantConversation
from communications.selectors import at_risk, conversation_list, conversation_stats

S = TenantConversation.Status
CLOSED = [S.RESOLVED, S.ARCHIVED]
STATUS_WORDS = dict(S.choices)


def messages_query(params: dict, ctx) -> dict:
    prop = resolve_property(params.get("property_name"))
    qs = conversation_list()
    if prop:
        qs = qs.filter(property_id=prop[0])
    status = params.get("status") or "open"
    if status == "open":
        qs = qs.exclude(status__in=CLOSED)
    elif status != "any":
        qs = qs.filter(status=status)
    if params.get("urgent"):
        qs = qs.filter(urgency__in=["critical", "high"])
    if params.get("escalated"):
        qs = qs.filter(escalated=True)
    if params.get("category"):
        qs = qs.filter(category=params["category"])
    if params.get("unread"):
        qs = qs.filter(unread_count__gt=0)
    stats = conversation_stats(qs)
    conversations = list(qs)
    rows = [
        {
            "tenant": data(c.tenant.full_name) if c.tenant else data(c.contact_address) or "(unknown sender)",
            "property": c.property.name if c.property else None,
            "unit": c.unit.unit_number if c.unit else None,
            "channel": c.channel,
            "status": STATUS_WORDS.get(c.status, c.status),
            "category": c.category,
            "urgency": c.urgency,
            "sentiment": round(c.sentiment_score, 2),
            "last_message_at": c.last_message_at.isoformat() if c.last_message_at else None,
        }
        for c in conversations
    ]
    return result(
        title="Tenant conversations",
        columns=[
            ("tenant", "Tenant", "text"),
            ("property", "Property", "text"),
            ("unit", "Unit", "text"),
            ("status", "Status", "text"),
            ("category", "Category", "text"),
            ("urgency", "Urgency", "text"),
        ],
        rows=rows,
        totals={
            "count": len(rows),
            "waiting_on_staff": stats["waiting_staff"],
            "unread": stats["unread"],
            "escalated_emergencies": stats["emergencies"],
            "avg_response_minutes": stats["avg_response_minutes"],
        },
        limit=params.get("limit"),
        actions=[{"kind": "link", "label": "Open the inbox", "route": "/communications", "params": {}}],
        untrusted_fields=["tenant"],
        filters={"property": prop[1] if prop else None, "status": status},
    )


register(
    ChatTool(
        name="query_messages",
        description="Tenant conversations in the communications inbox: open (default), waiting_staff, "
        "waiting_tenant, resolved or any; only urgent (high/critical), escalated, unread, or one category "
        "(maintenance, billing, lease, complaint, emergency, general). Totals: count, waiting on staff, unread, "
        "escalated emergencies, average staff response time.",
        input_schema={
            "type": "object",
            "properties": {
                "status": {"type": "string", "enum": ["open", "any", *S.values]},
                "property_name": PROPERTY_NAME,
                "urgent": {"type": "boolean"},
                "escalated": {"type": "boolean"},
                "unread": {"type": "boolean"},
                "category": {
                    "type": "string",
                    "enum": ["maintenance", "billing", "lease", "complaint", "emergency", "general"],
                },
                "limit": LIMIT,
            },
            "additionalProperties": False,
        },
        permission="view_messages",
        run=messages_query,
    )
)


def sentiment_query(params: dict, ctx) -> dict:
    prop = resolve_property(params.get("property_name"))
    found = at_risk(property_id=prop[0] if prop else None, limit=500)
    tenants = found["at_risk_tenants"]
    if params.get("risk_level"):
        tenants = [t for t in tenants if t["risk_level"] == params["risk_level"]]
    rows = [
        {
            "tenant": data(t["tenant_name"]),
            "property": t["property"],
            "unit": t["unit"],
            "risk_level": t["risk_level"],
            "churn_probability": round(100 * t["churn_probability"], 1),
            "sentiment": round(t["sentiment_score"], 2),
            "recommended_action": t["recommended_action"],
        }
        for t in tenants
    ]
    return result(
        title="Tenants at risk (sentiment)",
        columns=[
            ("tenant", "Tenant", "text"),
            ("property", "Property", "text"),
            ("unit", "Unit", "text"),
            ("risk_level", "Risk", "text"),
            ("churn_probability", "Churn %", "percent"),
            ("recommended_action", "Next step", "text"),
        ],
        rows=rows,
        totals={
            "at_risk": found[params["risk_level"]] if params.get("risk_level") else found["total_at_risk"],
            "critical": found["critical"],
            "high": found["high"],
        },
        limit=params.get("limit"),
        actions=[
            {"kind": "link", "label": "Open tenant sentiment", "route": "/communications/sentiment", "params": {}}
        ],
        untrusted_fields=["tenant"],
        filters={"property": prop[1] if prop else None},
    )


register(
    ChatTool(
        name="query_tenant_sentiment",
        description="Tenants whose message sentiment puts them at high or critical risk of leaving (the latest "
        "daily sentiment scores), with churn probability and the recommended next step.",
        input_schema={
            "type": "object",
            "properties": {
                "property_name": PROPERTY_NAME,
                "risk_level": {"type": "string", "enum": ["high", "critical"]},
                "limit": LIMIT,
            },
            "additionalProperties": False,
        },
        permission="view_messages",
        run=sentiment_query,
    )
)
