"""Reads of the communications hub, scoped by the caller (ScopedManager) unless noted.

The thread is the tenant's whole story: their TenantMessages (inbound, staff and AI replies) merged at read time
with every other message core.messaging sent to their phone or email (renewal offers, collection reminders,
broadcasts...), found in the outbox by recipient. Core stays below the features (it imports none of them); the
thread reads the outbox, the outbox knows nothing of threads."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from communications.churn import RECOMMENDED
from communications.facts import CURRENT, tenant_account_facts
from communications.models import (
    BroadcastMessage,
    BroadcastRecipient,
    TenantConversation,
    TenantMessage,
    TenantSentimentLog,
)
from communications.services.inbound import normalised_address
from core.models import OutboxMessage
from core.utils import parse_uuid
from tenants.balances import tenant_balances
from tenants.models import TenantLease, Tenants


def conversation_list() -> QuerySet[TenantConversation]:
    last = TenantMessage._base_manager.filter(conversation_id=OuterRef("pk")).order_by("-created_at")
    return (
        TenantConversation.objects.select_related("tenant", "unit", "property")
        .annotate(
            last_message=Subquery(last.values("content")[:1]),
            last_direction=Subquery(last.values("direction")[:1]),
            last_intent=Subquery(
                TenantMessage._base_manager.filter(conversation_id=OuterRef("pk"), direction="inbound")
                .order_by("-created_at")
                .values("ai_classification__intent")[:1]
            ),
        )
        .order_by(F("last_message_at").desc(nulls_last=True), "-created_at")
    )


def conversation_get(*, conversation_id) -> TenantConversation | None:
    pk = parse_uuid(conversation_id)
    return conversation_list().filter(pk=pk).first() if pk else None


def _addresses(tenant) -> list[str]:
    out = []
    if tenant.phone:
        out.append(normalised_address("sms", tenant.phone))
    if tenant.email:
        out.append(tenant.email.lower())
        out.append(tenant.email)
    return [a for a in dict.fromkeys(out) if a]


def conversation_thread(conversation: TenantConversation) -> list[dict]:
    """The thread, oldest first: the conversation's messages and the tenant's other outbox messages."""
    messages = list(
        TenantMessage._base_manager.filter(conversation=conversation)
        .select_related("outbox_message", "work_order")
        .order_by("created_at")
    )
    items = [{"kind": "message", "at": m.created_at, "message": m} for m in messages]
    if conversation.tenant_id:
        others = (
            OutboxMessage._base_manager.filter(to__in=_addresses(conversation.tenant))
            .exclude(feature="communications")
            .order_by("created_at")[:200]
        )
        items += [{"kind": "outbox", "at": o.created_at, "outbox": o} for o in others]
    items.sort(key=lambda i: i["at"])
    return items


def tenant_profile(conversation: TenantConversation, *, today: datetime.date) -> dict | None:
    tenant = conversation.tenant
    if tenant is None:
        return None
    facts = tenant_account_facts(tenant=tenant, today=today)
    logs = list(TenantSentimentLog._base_manager.filter(tenant=tenant).order_by("-date")[:30])
    sparkline = [round(log.sentiment_score, 3) for log in reversed(logs)]
    if not sparkline:
        sparkline = list(
            TenantMessage._base_manager.filter(
                conversation=conversation, direction="inbound", processed_at__isnull=False
            )
            .order_by("-created_at")
            .values_list("sentiment", flat=True)[:12]
        )[::-1]
    latest = logs[0] if logs else None
    lease = facts["lease"]
    return {
        "tenant_id": str(tenant.pk),
        "name": tenant.full_name,
        "phone": tenant.phone,
        "email": tenant.email,
        "preferred_contact": tenant.preferred_contact,
        "unit": lease.unit.unit_number if lease else None,
        "property": lease.property.name if lease else None,
        "lease_status": lease.lease_status if lease else None,
        "rent": str(facts["rent"]) if facts["rent"] is not None else None,
        "due_day": facts["formatted"]["due_day"] or None,
        "next_due_date": facts["next_due_date"],
        "balance": str(facts["balance"]),
        "overdue": str(facts["overdue"]),
        "lease_end_date": lease.lease_end_date if lease else None,
        "month_to_month": bool(lease and lease.lease_status == "month_to_month"),
        "open_work_orders": [
            {
                "id": str(w.pk),
                "number": w.work_order_number,
                "title": w.title,
                "status": w.status,
                "priority": w.priority,
            }
            for w in facts["open_work_orders"]
        ],
        "sentiment_30d": latest.sentiment_score if latest else (sum(sparkline) / len(sparkline) if sparkline else None),
        "sentiment_sparkline": sparkline,
        "risk_level": latest.risk_level if latest else None,
        "churn_probability": latest.churn_probability if latest else None,
    }


def candidates_of(conversation: TenantConversation) -> list[dict]:
    ids = [parse_uuid(i) for i in conversation.candidate_tenant_ids or []]
    tenants = Tenants.objects.filter(pk__in=[i for i in ids if i])  # the caller's scope
    leases = {}
    for lease in (
        TenantLease._base_manager.filter(tenant__in=tenants)
        .select_related("unit", "property")
        .order_by("-lease_begin_date")
    ):
        leases.setdefault(lease.tenant_id, lease)
    return [
        {
            "tenant_id": str(t.pk),
            "name": t.full_name,
            "unit": leases[t.pk].unit.unit_number if t.pk in leases else None,
            "property": leases[t.pk].property.name if t.pk in leases else None,
            "current_lease": bool(t.pk in leases and leases[t.pk].lease_status in CURRENT),
        }
        for t in tenants
    ]


def conversation_stats(qs: QuerySet[TenantConversation]) -> dict:
    S = TenantConversation.Status
    counts = qs.order_by().aggregate(
        open=Count("id", filter=~Q(status__in=[S.RESOLVED, S.ARCHIVED])),
        waiting_staff=Count("id", filter=Q(status=S.WAITING_STAFF)),
        waiting_tenant=Count("id", filter=Q(status=S.WAITING_TENANT)),
        resolved=Count("id", filter=Q(status=S.RESOLVED)),
        emergencies=Count("id", filter=Q(category="emergency", escalated=True)),
        unmatched=Count("id", filter=Q(tenant__isnull=True) & ~Q(status__in=[S.RESOLVED, S.ARCHIVED])),
        unread=Count("id", filter=Q(unread_count__gt=0)),
    )
    since = timezone.now() - datetime.timedelta(days=30)
    pairs = (
        TenantMessage.objects.filter(
            direction="outbound", in_reply_to__isnull=False, created_at__gte=since, conversation__in=qs
        )
        .values_list("created_at", "in_reply_to__created_at", "is_auto_sent")
        .order_by("-created_at")[:2000]
    )
    staff = [(a - b).total_seconds() for a, b, auto in pairs if not auto and b]
    auto = [(a - b).total_seconds() for a, b, is_auto in pairs if is_auto and b]
    counts["avg_response_minutes"] = round(sum(staff) / len(staff) / 60, 1) if staff else None
    counts["avg_auto_response_seconds"] = round(sum(auto) / len(auto), 1) if auto else None
    counts["auto_responded_30d"] = len(auto)
    return counts


# --- broadcasts ------------------------------------------------------------------------------------------------


def broadcast_recipient_leases(flt: dict, *, today: datetime.date | None = None) -> list[TenantLease]:
    """The current leases (one per tenant) a recipient filter selects: property_id, building, lifecycle
    (active / month_to_month / notice, or a list), delinquent (true: an overdue balance)."""
    qs = TenantLease.objects.filter(lease_status__in=CURRENT).select_related("tenant", "property", "unit")
    if flt.get("scope_property_ids"):
        qs = qs.filter(property_id__in=flt["scope_property_ids"])
    if flt.get("property_id"):
        qs = qs.filter(property_id=flt["property_id"])
    if flt.get("building"):
        qs = qs.filter(unit__building=flt["building"])
    states = flt.get("lifecycle")
    if states:
        qs = qs.filter(lease_status__in=[states] if isinstance(states, str) else list(states))
    leases, seen = [], set()
    for lease in qs.order_by("tenant_id", "-lease_begin_date"):
        if lease.tenant_id not in seen:
            seen.add(lease.tenant_id)
            leases.append(lease)
    if flt.get("delinquent") is not None:
        balances = tenant_balances(tenant_ids=[lease.tenant_id for lease in leases], as_of=today)
        want = bool(flt["delinquent"])
        leases = [
            lease for lease in leases if (balances.get(lease.tenant_id, {}).get("overdue", Decimal(0)) > 0) == want
        ]
    return leases


def broadcast_preview(flt: dict) -> dict:
    leases = broadcast_recipient_leases(flt)
    phones = {normalised_address("sms", lease.tenant.phone) for lease in leases if lease.tenant.phone}
    emails = {lease.tenant.email.lower() for lease in leases if lease.tenant.email}
    return {
        "recipient_count": len(leases),
        "sms_addresses": len(phones),
        "email_addresses": len(emails),
        "properties": len({lease.property_id for lease in leases}),
    }


def broadcast_list() -> QuerySet[BroadcastMessage]:
    return BroadcastMessage.objects.select_related("property").order_by("-created_at")


def broadcast_delivery(broadcast: BroadcastMessage) -> dict:
    rows = BroadcastRecipient.objects.filter(broadcast=broadcast)
    by = {
        (c, s): n
        for c, s, n in rows.values_list("channel", "status")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("channel", "status", "n")
    }
    delivered = rows.filter(outbox_message__status__in=["delivered"]).count()
    opened = rows.filter(outbox_message__opened_at__isnull=False).count()
    return {
        "by_channel": {c: {s: by.get((c, s), 0) for s in BroadcastRecipient.Status.values} for c in broadcast.channels},
        "delivered": delivered,
        "read": opened,
    }


# --- sentiment -----------------------------------------------------------------------------------------------


def latest_logs() -> QuerySet[TenantSentimentLog]:
    latest = TenantSentimentLog._base_manager.filter(tenant_id=OuterRef("tenant_id")).order_by("-date")
    return TenantSentimentLog.objects.filter(date=Subquery(latest.values("date")[:1]))


def at_risk(*, property_id=None, limit: int = 100) -> dict:
    logs = latest_logs().filter(risk_level__in=["high", "critical"]).select_related("tenant")
    tenant_ids = list(logs.values_list("tenant_id", flat=True))
    leases = {}
    lease_qs = (
        TenantLease.objects.filter(tenant_id__in=tenant_ids)
        .select_related("unit", "property")
        .order_by("-lease_begin_date")
    )
    for lease in lease_qs:
        leases.setdefault(lease.tenant_id, lease)
    if property_id:
        logs = logs.filter(
            tenant_id__in=[t for t, lease in leases.items() if str(lease.property_id) == str(property_id)]
        )
    rows = list(logs.order_by("-churn_probability", "tenant_id")[:limit])
    history = {}
    for tid, score in (
        TenantSentimentLog._base_manager.filter(tenant_id__in=[r.tenant_id for r in rows])
        .order_by("tenant_id", "-date")
        .values_list("tenant_id", "sentiment_score")
    ):
        history.setdefault(tid, [])
        if len(history[tid]) < 8:
            history[tid].append(round(score, 3))
    conversations = dict(
        TenantConversation.objects.filter(tenant_id__in=[r.tenant_id for r in rows]).values_list("tenant_id", "pk")
    )
    out = []
    for r in rows:
        lease = leases.get(r.tenant_id)
        out.append(
            {
                "tenant_id": str(r.tenant_id),
                "tenant_name": r.tenant.full_name,
                "unit": lease.unit.unit_number if lease else None,
                "property": lease.property.name if lease else None,
                "property_id": str(lease.property_id) if lease else None,
                "risk_level": r.risk_level,
                "churn_probability": r.churn_probability,
                "sentiment_score": r.sentiment_score,
                "sentiment_trend": list(reversed(history.get(r.tenant_id, []))),
                "contributing_factors": r.contributing_factors,
                "recommended_action": RECOMMENDED[r.risk_level],
                "date": r.date,
                "conversation_id": str(conversations[r.tenant_id]) if r.tenant_id in conversations else None,
            }
        )
    total = logs.count()
    critical = logs.filter(risk_level="critical").count()
    return {"at_risk_tenants": out, "total_at_risk": total, "critical": critical, "high": total - critical}


def tenant_sentiment(*, tenant_id, today: datetime.date) -> dict | None:
    tenant = Tenants.objects.filter(pk=parse_uuid(tenant_id)).first() if parse_uuid(tenant_id) else None
    if tenant is None:
        return None
    logs = list(
        TenantSentimentLog._base_manager.filter(tenant=tenant, date__gt=today - datetime.timedelta(days=90)).order_by(
            "date"
        )
    )

    def avg(days):
        vals = [log.sentiment_score for log in logs if log.date > today - datetime.timedelta(days=days)]
        return round(sum(vals) / len(vals), 3) if vals else None

    latest = logs[-1] if logs else None
    return {
        "tenant_id": str(tenant.pk),
        "tenant_name": tenant.full_name,
        "trend": {"30d": avg(30), "60d": avg(60), "90d": avg(90)},
        "risk_level": latest.risk_level if latest else None,
        "churn_probability": latest.churn_probability if latest else None,
        "contributing_factors": latest.contributing_factors if latest else {},
        "history": [
            {
                "date": log.date,
                "sentiment_score": log.sentiment_score,
                "risk_level": log.risk_level,
                "churn_probability": log.churn_probability,
                "message_count": log.message_count,
            }
            for log in logs
        ],
    }
