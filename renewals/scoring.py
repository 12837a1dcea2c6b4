"""Renewal intelligence, pure: churn score (five weighted factors), risk level, rent strategy and the
recommended rent — exactly as spec 1.2 writes them. No ORM here; selectors gather the inputs."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

WEIGHTS = {
    "late_payments": 0.30,
    "maintenance_requests": 0.15,
    "rent_gap": 0.25,
    "tenure_short": 0.15,
    "market_trend": 0.15,
}

HOLD = "hold"
BELOW_MARKET_RETAIN = "below_market_retain"
MARKET_RATE = "market_rate"
ABOVE_MARKET_PREMIUM = "above_market_premium"
STRATEGIES = (HOLD, BELOW_MARKET_RETAIN, MARKET_RATE, ABOVE_MARKET_PREMIUM)

CENT = Decimal("0.01")


@dataclass(frozen=True)
class ChurnInputs:
    """Everything the score needs about one lease, gathered set-wise by renewals.selectors."""

    late_payments: int  # payments in the last 12 months whose trans_date > due_date
    total_charges: int  # Charge entries with trans_date in the last 12 months
    work_orders_12mo: int  # work orders on the unit requested in the last 12 months
    current_rent: Decimal
    market_rent: Decimal | None
    lease_begin_date: datetime.date
    property_total_units: int
    property_vacant_units: int


def churn_factors(inputs: ChurnInputs, *, today: datetime.date) -> dict[str, float]:
    factors: dict[str, float] = {}
    # Factor 1: late payment rate; 50% late = 1.0
    late_rate = inputs.late_payments / max(inputs.total_charges, 1)
    factors["late_payments"] = min(late_rate * 2, 1.0)
    # Factor 2: maintenance request frequency; 10+ requests = 1.0
    factors["maintenance_requests"] = min(inputs.work_orders_12mo / 10, 1.0)
    # Factor 3: rent-to-market gap; 85% of market = 0.0, 100%+ = 1.0
    market = inputs.market_rent or inputs.current_rent
    current = inputs.current_rent
    if market and market > 0:
        ratio = float(current) / float(market)
        factors["rent_gap"] = max(0.0, min((ratio - 0.85) / 0.15, 1.0))
    else:
        factors["rent_gap"] = 0.5
    # Factor 4: tenure; 0 years = 1.0, 3+ years = 0.0 (a begin date in the future counts as 0 years, so the
    # factor stays within 0.0-1.0 as the spec says every factor is)
    tenure_years = max(0, (today - inputs.lease_begin_date).days) / 365.25
    factors["tenure_short"] = max(0.0, 1.0 - (tenure_years / 3))
    # Factor 5: market trend via property vacancy; 0% = 1.0, 10%+ = 0.0
    vacancy_rate = inputs.property_vacant_units / max(inputs.property_total_units, 1)
    factors["market_trend"] = max(0.0, 1.0 - (vacancy_rate * 10))
    return factors


def churn_score(inputs: ChurnInputs, *, today: datetime.date) -> tuple[float, dict[str, float]]:
    """(score rounded to 3 places, factors) — the spec's compute_churn_score."""
    factors = churn_factors(inputs, today=today)
    score = sum(factors[k] * w for k, w in WEIGHTS.items())
    return round(score, 3), {k: round(v, 4) for k, v in factors.items()}


def churn_risk_level(score: float) -> str:
    """low (<0.3), medium (0.3–0.5), high (0.5–0.7), critical (>0.7)."""
    if score > 0.7:
        return "critical"
    if score >= 0.5:
        return "high"
    if score >= 0.3:
        return "medium"
    return "low"


def is_below_market(current_rent: Decimal, market_rent: Decimal | None) -> bool:
    return bool(market_rent) and current_rent < market_rent


def rent_strategy(score: float, current_rent: Decimal, market_rent: Decimal | None) -> str:
    """The spec's strategy table. Rows it leaves uncovered (high or medium churn at/above market)
    hold the rent: a tenant likely to leave who already pays market gets no increase
    (docs/decisions.md)."""
    level = churn_risk_level(score)
    below = is_below_market(current_rent, market_rent)
    if level == "critical":
        return HOLD
    if level == "high":
        return BELOW_MARKET_RETAIN if below else HOLD
    if level == "medium":
        return MARKET_RATE if below else HOLD
    return MARKET_RATE if below else ABOVE_MARKET_PREMIUM


def recommended_rent(current_rent: Decimal, market_rent: Decimal | None, strategy: str, score: float) -> Decimal:
    """The spec's calculate_recommended_rent, in Decimal, rounded to the cent (half up)."""
    current_rent = Decimal(current_rent)
    market_rent = Decimal(market_rent) if market_rent else current_rent
    if strategy == BELOW_MARKET_RETAIN:
        max_increase = current_rent * Decimal("0.02")
        target = min(current_rent + max_increase, market_rent * Decimal("0.95"))
        result = max(current_rent, target)
    elif strategy == MARKET_RATE:
        max_pct = Decimal("0.05") if score >= 0.3 else Decimal("0.08")
        target = min(current_rent + current_rent * max_pct, market_rent)
        result = max(current_rent, target)
    elif strategy == ABOVE_MARKET_PREMIUM:
        # "Max increase: 3% above market" (the strategy table): a tenant already paying more than that
        # keeps the current rent; the premium never turns into a rent cut (docs: renewals/DECISIONS.md).
        result = max(current_rent, market_rent * Decimal("1.03"))
    else:  # hold, or anything unknown
        result = current_rent
    return result.quantize(CENT, rounding=ROUND_HALF_UP)


def rent_increase_pct(current_rent: Decimal, recommended: Decimal) -> float:
    if not current_rent:
        return 0.0
    return round(float((Decimal(recommended) - Decimal(current_rent)) / Decimal(current_rent) * 100), 2)


_REASONS = {
    HOLD: "{level} churn risk ({score:.2f}): retain at the current rent of ${current:,.2f}.",
    BELOW_MARKET_RETAIN: "High churn risk ({score:.2f}) and rent below market (${market:,.2f}): a small increase "
    "(at most 2%, capped at 95% of market) to retain the tenant.",
    MARKET_RATE: "{level} churn risk ({score:.2f}) with rent below market (${market:,.2f}): move toward market "
    "(at most {cap}% this renewal).",
    ABOVE_MARKET_PREMIUM: "Low churn risk ({score:.2f}) and rent already at or above market (${market:,.2f}): "
    "renew at 3% above market.",
}


def rent_reasoning(strategy: str, score: float, current_rent: Decimal, market_rent: Decimal | None) -> str:
    level = churn_risk_level(score).capitalize()
    return _REASONS.get(strategy, _REASONS[HOLD]).format(
        level=level,
        score=score,
        current=Decimal(current_rent),
        market=Decimal(market_rent or current_rent),
        cap=5 if score >= 0.3 else 8,
    )


def recommended_term(*, lease_end_date: datetime.date | None, today: datetime.date, months: int = 12):
    """(start, end) of the proposed renewal: the day after the current end, or the first of next month
    for a lease already month-to-month (its end date has passed)."""
    if lease_end_date and lease_end_date >= today:
        start = lease_end_date + datetime.timedelta(days=1)
    else:
        start = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    return start, term_end(start, months)


def term_end(start: datetime.date, months: int = 12) -> datetime.date:
    """The last day of a term of `months` starting on `start`."""
    same_day_later = _add_months(start, months)
    # The day before the same day `months` later; when that day does not exist (a term starting on
    # 31 January or 29 February), the term ends on the last day of the month instead.
    return same_day_later if same_day_later.day != start.day else same_day_later - datetime.timedelta(days=1)


def _add_months(d: datetime.date, months: int) -> datetime.date:
    y, m = divmod(d.month - 1 + months, 12)
    year, month = d.year + y, m + 1
    return d.replace(year=year, month=month, day=min(d.day, calendar.monthrange(year, month)[1]))
