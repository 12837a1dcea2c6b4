"""Churn from communications (pure): the spec's five weighted factors, each a risk in [0, 1].

    churn = 0.30 * sentiment + 0.25 * complaints + 0.20 * engagement + 0.15 * maintenance + 0.10 * payment

- sentiment   = min(1, max(0, -avg30) + 0.5 * max(0, -trend)); avg30 = mean sentiment of the tenant's inbound
                messages in the last 30 days, trend = avg30 - the mean of days 31-60 (0 without earlier messages)
- complaints  = min(1, negative30 / 3); messages in 30 days that are complaints or have sentiment < -0.3
                ("> 3/month = high risk")
- engagement  = 1 if we wrote to the tenant (an outbound message in the last 30 days) 7+ days after their last
                message and they have not answered; else 0
- maintenance = min(1, open work orders of the tenant / 2)
- payment     = min(1, overdue balance / monthly rent); 0 without rent
Rounded to 4 decimals. Risk: < 0.3 low, < 0.5 medium, < 0.7 high, else critical (the spec's thresholds).
"""

from __future__ import annotations

from decimal import Decimal

WEIGHTS = {
    "sentiment_trend": 0.30,
    "complaint_frequency": 0.25,
    "response_engagement": 0.20,
    "maintenance_satisfaction": 0.15,
    "payment_patterns": 0.10,
}
NEGATIVE = -0.3
COMPLAINTS_HIGH = 3
UNANSWERED_DAYS = 7


def risk_level(p: float) -> str:
    if p < 0.3:
        return "low"
    if p < 0.5:
        return "medium"
    if p < 0.7:
        return "high"
    return "critical"


def churn(
    *,
    avg30: float,
    prev_avg: float | None,
    negative30: int,
    unanswered: bool,
    open_work_orders: int,
    overdue: Decimal,
    rent: Decimal | None,
) -> tuple[float, float, dict]:
    """(churn probability, trend, factor risks) for one tenant."""
    trend = round(avg30 - prev_avg, 4) if prev_avg is not None else 0.0
    factors = {
        "sentiment_trend": min(1.0, max(0.0, -avg30) + 0.5 * max(0.0, -trend)),
        "complaint_frequency": min(1.0, negative30 / COMPLAINTS_HIGH),
        "response_engagement": 1.0 if unanswered else 0.0,
        "maintenance_satisfaction": min(1.0, open_work_orders / 2),
        "payment_patterns": float(min(Decimal(1), max(Decimal(0), overdue) / rent)) if rent else 0.0,
    }
    p = round(sum(WEIGHTS[k] * v for k, v in factors.items()), 4)
    return p, trend, {k: round(v, 4) for k, v in factors.items()}


RECOMMENDED = {
    "critical": "Call or meet the tenant this week. Close their open maintenance tickets first; consider a concession.",
    "high": "Reach out personally. Review their open requests and recent messages.",
    "medium": "Follow up on their last request; check in before renewal.",
    "low": "No action needed.",
}
