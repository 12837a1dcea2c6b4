"""`communications.calculate_daily_sentiment`: per tenant with inbound messages in the last 30 days, the rolling
sentiment, trend, risk level and churn probability (formula: communications/churn.py), one TenantSentimentLog
row per tenant and day (a second run the same day replaces that day's rows: same result). Tenants whose risk is
new at high or critical (yesterday's latest log was lower, or there was none) get one notification each.

Set-based: per chunk of 2,000 tenants, a fixed number of queries (aggregates of messages in 30 and 31-60 days,
last inbound/outbound times, open work orders, ledger balances, current rents, previous risk, delete + insert)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.db.models import Avg, Count, Max, Q
from django.utils import timezone

from communications import churn
from communications.facts import CURRENT, OPEN_WORK_ORDERS
from communications.models import TenantMessage, TenantSentimentLog
from core.notifications.services import notifications_create_many
from core.utils import batched
from tenants.balances import ZERO, tenant_balances
from tenants.models import TenantLease
from units.models import UnitsMaintenance

CHUNK = 2000
AT_RISK = {"high", "critical"}


def _window(today: datetime.date):
    tz = timezone.get_current_timezone()
    end = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    return end, end - datetime.timedelta(days=30), end - datetime.timedelta(days=60)


def sentiment_facts(tenant_ids: list, *, today: datetime.date) -> dict:
    """{tenant_id: facts} for `churn.churn`, gathered set-wise."""
    end, start30, start60 = _window(today)
    msgs = TenantMessage._base_manager.filter(conversation__tenant_id__in=tenant_ids)
    inbound = msgs.filter(direction="inbound")
    recent = (
        inbound.filter(created_at__gte=start30, created_at__lt=end)
        .values("conversation__tenant_id")
        .annotate(
            avg=Avg("sentiment"),
            n=Count("id"),
            negative=Count("id", filter=Q(sentiment__lt=churn.NEGATIVE) | Q(ai_classification__category="complaint")),
            positive_at=Max("created_at", filter=Q(sentiment__gt=0.3)),
            last_in=Max("created_at"),
        )
        .order_by()
    )
    prev = dict(
        inbound.filter(created_at__gte=start60, created_at__lt=start30)
        .values("conversation__tenant_id")
        .annotate(avg=Avg("sentiment"))
        .order_by()
        .values_list("conversation__tenant_id", "avg")
    )
    last_out = dict(
        msgs.filter(direction="outbound", created_at__gte=start30, created_at__lt=end)
        .values("conversation__tenant_id")
        .annotate(last=Max("created_at"))
        .order_by()
        .values_list("conversation__tenant_id", "last")
    )
    escalations = dict(
        inbound.filter(created_at__gte=start30, created_at__lt=end, ai_classification__is_emergency=True)
        .values("conversation__tenant_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("conversation__tenant_id", "n")
    )
    orders = dict(
        UnitsMaintenance._base_manager.filter(tenant_id__in=tenant_ids, status__in=OPEN_WORK_ORDERS)
        .values("tenant_id")
        .annotate(n=Count("id"))
        .order_by()
        .values_list("tenant_id", "n")
    )
    balances = tenant_balances(tenant_ids=tenant_ids, as_of=today)
    rents = {}
    for tenant_id, rent in (
        TenantLease._base_manager.filter(tenant_id__in=tenant_ids, lease_status__in=CURRENT)
        .order_by("tenant_id", "-lease_begin_date", "-created_at")
        .values_list("tenant_id", "monthly_rent_amount")
    ):
        rents.setdefault(tenant_id, rent)
    out = {}
    for row in recent:
        tid = row["conversation__tenant_id"]
        wrote_after = last_out.get(tid)
        unanswered = bool(
            wrote_after
            and wrote_after > row["last_in"]
            and (end - wrote_after) >= datetime.timedelta(days=churn.UNANSWERED_DAYS)
        )
        out[tid] = {
            "avg30": round(float(row["avg"] or 0.0), 4),
            "prev_avg": round(float(prev[tid]), 4) if prev.get(tid) is not None else None,
            "count": row["n"],
            "negative30": row["negative"],
            "unanswered": unanswered,
            "open_work_orders": orders.get(tid, 0),
            "overdue": balances.get(tid, {}).get("overdue", ZERO),
            "rent": rents.get(tid),
            "escalations": escalations.get(tid, 0),
            "days_since_positive": (today - timezone.localtime(row["positive_at"]).date()).days
            if row["positive_at"]
            else None,
        }
    return out


def log_row(tenant_id, facts: dict, *, today: datetime.date) -> TenantSentimentLog:
    p, trend, factors = churn.churn(
        avg30=facts["avg30"],
        prev_avg=facts["prev_avg"],
        negative30=facts["negative30"],
        unanswered=facts["unanswered"],
        open_work_orders=facts["open_work_orders"],
        overdue=facts["overdue"],
        rent=facts["rent"],
    )
    return TenantSentimentLog(
        tenant_id=tenant_id,
        date=today,
        sentiment_score=facts["avg30"],
        message_count=facts["count"],
        risk_level=churn.risk_level(p),
        churn_probability=p,
        trend=trend,
        contributing_factors={
            "negative_msgs": facts["negative30"],
            "unresolved_maintenance": facts["open_work_orders"],
            "escalation_count": facts["escalations"],
            "unanswered_outreach": facts["unanswered"],
            "overdue_balance": str(facts["overdue"]),
            "days_since_positive_msg": facts["days_since_positive"],
            "factor_risks": factors,
        },
    )


def daily_sentiment_calculate(*, today: datetime.date | None = None, chunk_size: int = CHUNK) -> str:
    today = today or timezone.localdate()
    end, start30, _ = _window(today)
    tenant_ids = list(
        TenantMessage._base_manager.filter(
            direction="inbound", created_at__gte=start30, created_at__lt=end, conversation__tenant_id__isnull=False
        )
        .values_list("conversation__tenant_id", flat=True)
        .distinct()
        .order_by("conversation__tenant_id")
    )
    written, flagged = 0, []
    for chunk in batched(tenant_ids, chunk_size):
        facts = sentiment_facts(chunk, today=today)
        rows = [log_row(tid, f, today=today) for tid, f in facts.items()]
        before = {}
        for tid, risk in (
            TenantSentimentLog._base_manager.filter(tenant_id__in=chunk, date__lt=today)
            .order_by("tenant_id", "-date")
            .values_list("tenant_id", "risk_level")
        ):
            before.setdefault(tid, risk)
        with transaction.atomic():
            TenantSentimentLog._base_manager.filter(tenant_id__in=chunk, date=today).delete()
            TenantSentimentLog._base_manager.bulk_create(rows, batch_size=1000)
        written += len(rows)
        flagged += [r for r in rows if r.risk_level in AT_RISK and before.get(r.tenant_id) not in AT_RISK]
    new = notifications_create_many(
        [
            {
                "kind": "communications.at_risk",
                "severity": "warning",
                "title": f"Tenant at {r.risk_level} churn risk ({r.churn_probability:.0%}) from their messages",
                "body": "Sentiment over the last 30 days: " + f"{r.sentiment_score:+.2f}.",
                "link": f"/communications/sentiment?tenant={r.tenant_id}",
                "dedupe_key": f"communications:at-risk:{r.tenant_id}:{today.isoformat()}",
                "permission": "view_messages",
            }
            for r in flagged
        ]
    )
    return f"Scored {written} tenants for {today.isoformat()}; {len(flagged)} newly at risk ({new} notifications)."
