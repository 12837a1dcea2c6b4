"""The spec's sentiment task as the spec describes it, per row — the oracle for the set-based agent.

Spec 5.3, communications.tasks.calculate_daily_sentiment: "For each tenant with messages in the last 30 days:
calculate rolling sentiment average, update risk level, compute churn probability. Flag new at-risk tenants."
The spec ships no code for it, so this is that sentence written the obvious way — one tenant at a time, a query
per figure — with the documented formula (communications/churn.py). The agent must write identical rows.
"""

import datetime
from decimal import Decimal

from django.db.models import Avg, Max, Q
from django.utils import timezone

from communications import churn
from communications.facts import CURRENT, OPEN_WORK_ORDERS
from communications.models import TenantMessage, TenantSentimentLog
from tenants.balances import tenant_balance
from tenants.models import TenantLease
from units.models import UnitsMaintenance


def reference_daily_sentiment(*, today: datetime.date) -> int:
    tz = timezone.get_current_timezone()
    end = datetime.datetime.combine(today + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    start30, start60 = end - datetime.timedelta(days=30), end - datetime.timedelta(days=60)
    tenant_ids = sorted(
        set(
            TenantMessage._base_manager.filter(
                direction="inbound", created_at__gte=start30, created_at__lt=end, conversation__tenant_id__isnull=False
            ).values_list("conversation__tenant_id", flat=True)
        )
    )
    written = 0
    for tenant_id in tenant_ids:
        mine = TenantMessage._base_manager.filter(conversation__tenant_id=tenant_id)
        recent = mine.filter(direction="inbound", created_at__gte=start30, created_at__lt=end)
        avg30 = round(float(recent.aggregate(a=Avg("sentiment"))["a"] or 0.0), 4)
        count = recent.count()
        negative = recent.filter(Q(sentiment__lt=churn.NEGATIVE) | Q(ai_classification__category="complaint")).count()
        prev = mine.filter(direction="inbound", created_at__gte=start60, created_at__lt=start30).aggregate(
            a=Avg("sentiment")
        )["a"]
        prev = round(float(prev), 4) if prev is not None else None
        last_in = recent.aggregate(m=Max("created_at"))["m"]
        last_out = mine.filter(direction="outbound", created_at__gte=start30, created_at__lt=end).aggregate(
            m=Max("created_at")
        )["m"]
        unanswered = bool(
            last_out and last_out > last_in and (end - last_out) >= datetime.timedelta(days=churn.UNANSWERED_DAYS)
        )
        positive_at = recent.filter(sentiment__gt=0.3).aggregate(m=Max("created_at"))["m"]
        escalations = recent.filter(ai_classification__is_emergency=True).count()
        orders = UnitsMaintenance._base_manager.filter(tenant_id=tenant_id, status__in=OPEN_WORK_ORDERS).count()
        overdue = tenant_balance(tenant_id=tenant_id, as_of=today)["overdue"]
        lease = (
            TenantLease._base_manager.filter(tenant_id=tenant_id, lease_status__in=CURRENT)
            .order_by("-lease_begin_date", "-created_at")
            .first()
        )
        rent = lease.monthly_rent_amount if lease else None
        p, trend, factors = churn.churn(
            avg30=avg30,
            prev_avg=prev,
            negative30=negative,
            unanswered=unanswered,
            open_work_orders=orders,
            overdue=overdue or Decimal("0"),
            rent=rent,
        )
        TenantSentimentLog._base_manager.update_or_create(
            tenant_id=tenant_id,
            date=today,
            defaults={
                "sentiment_score": avg30,
                "message_count": count,
                "risk_level": churn.risk_level(p),
                "churn_probability": p,
                "trend": trend,
                "contributing_factors": {
                    "negative_msgs": negative,
                    "unresolved_maintenance": orders,
                    "escalation_count": escalations,
                    "unanswered_outreach": unanswered,
                    "overdue_balance": str(overdue),
                    "days_since_positive_msg": (today - timezone.localtime(positive_at).date()).days
                    if positive_at
                    else None,
                    "factor_risks": factors,
                },
            },
        )
        written += 1
    return written


def log_snapshot() -> list[tuple]:
    return sorted(
        (
            str(r.tenant_id),
            r.date.isoformat(),
            r.sentiment_score,
            r.message_count,
            r.risk_level,
            r.churn_probability,
            r.trend,
            repr(sorted(r.contributing_factors.items())),
        )
        for r in TenantSentimentLog._base_manager.all()
    )
