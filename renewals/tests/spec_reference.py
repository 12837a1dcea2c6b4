"""The spec's per-lease churn scoring (1.2 "Churn Scoring Algorithm", "Rent Strategy Selection",
"Recommended Rent Formula"), written out with one ORM query per factor, to check the set-based scan
against. Deliberately independent of renewals.scoring and renewals.selectors.

Where docs/decisions.md or renewals/DECISIONS.md settled something the spec leaves open, it is marked
"decision:" below.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F

from units.models import UnitsMaintenance, UnitsUnit

WEIGHTS = {
    "late_payments": 0.30,
    "maintenance_requests": 0.15,
    "rent_gap": 0.25,
    "tenure_short": 0.15,
    "market_trend": 0.15,
}


def twelve_months_ago(today: datetime.date) -> datetime.date:
    if today.month == 2 and today.day == 29:
        return datetime.date(today.year - 1, 2, 28)
    return datetime.date(today.year - 1, today.month, today.day)


def compute_churn_score(lease, tenant, *, today: datetime.date):
    since = twelve_months_ago(today)
    factors = {}

    # Factor 1: Late Payment Rate (weight: 0.30)
    total_charges = tenant.ledger_entries.filter(trans_type="Charge", trans_date__gte=since).count()
    # decision: a late payment is a Payment whose trans_date is after the due_date of the charge it settles
    late_payments = tenant.ledger_entries.filter(
        trans_type="Payment", trans_date__gte=since, due_date__isnull=False, trans_date__gt=F("due_date")
    ).count()
    late_rate = late_payments / max(total_charges, 1)
    factors["late_payments"] = min(late_rate * 2, 1.0)

    # Factor 2: Maintenance Request Frequency (weight: 0.15)
    wo_count = UnitsMaintenance.objects.filter(unit=lease.unit, requested_date__gte=since).count()
    factors["maintenance_requests"] = min(wo_count / 10, 1.0)

    # Factor 3: Rent-to-Market Gap (weight: 0.25)
    market = lease.unit.market_rent or lease.monthly_rent_amount
    current = lease.monthly_rent_amount
    if market > 0:
        ratio = float(current) / float(market)
        factors["rent_gap"] = max(0, min((ratio - 0.85) / 0.15, 1.0))
    else:
        factors["rent_gap"] = 0.5

    # Factor 4: Tenure Length (weight: 0.15)
    tenure_years = (today - lease.lease_begin_date).days / 365.25
    factors["tenure_short"] = max(0, 1.0 - (tenure_years / 3))

    # Factor 5: Market Trend (weight: 0.15)
    property_units = lease.property.total_units
    vacant_units = UnitsUnit.objects.filter(property=lease.property, status="vacant").count()
    vacancy_rate = vacant_units / max(property_units, 1)
    factors["market_trend"] = max(0, 1.0 - (vacancy_rate * 10))

    score = sum(factors[k] * WEIGHTS[k] for k in WEIGHTS)
    return round(score, 3), factors


def risk_level(score: float) -> str:
    # low (<0.3), medium (0.3-0.5), high (0.5-0.7), critical (>0.7); decision: exactly 0.7 is high
    if score > 0.7:
        return "critical"
    if score >= 0.5:
        return "high"
    if score >= 0.3:
        return "medium"
    return "low"


def select_strategy(score: float, current: Decimal, market: Decimal) -> str:
    below = current < market
    if score > 0.7:
        return "hold"
    if score >= 0.5:
        return "below_market_retain" if below else "hold"  # decision: high at/above market holds
    if score >= 0.3:
        return "market_rate" if below else "hold"  # decision: medium at/above market holds
    return "market_rate" if below else "above_market_premium"


def calculate_recommended_rent(
    current_rent: Decimal, market_rent: Decimal, strategy: str, churn_score: float
) -> Decimal:
    if strategy == "hold":
        result = current_rent
    elif strategy == "below_market_retain":
        max_increase = current_rent * Decimal("0.02")
        target = min(current_rent + max_increase, market_rent * Decimal("0.95"))
        result = max(current_rent, target)
    elif strategy == "market_rate":
        max_pct = Decimal("0.05") if churn_score >= 0.3 else Decimal("0.08")
        max_increase = current_rent * max_pct
        target = min(current_rent + max_increase, market_rent)
        result = max(current_rent, target)
    elif strategy == "above_market_premium":
        result = max(current_rent, market_rent * Decimal("1.03"))  # decision: "max increase", never a cut
    else:
        result = current_rent
    return result.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)  # decision: cents, half up


def reference_recommendation(lease, *, today: datetime.date) -> dict:
    score, factors = compute_churn_score(lease, lease.tenant, today=today)
    current = lease.monthly_rent_amount
    market = lease.unit.market_rent or current
    strategy = select_strategy(score, current, market)
    return {
        "churn_score": score,
        "factors": factors,
        "churn_risk_level": risk_level(score),
        "rent_strategy": strategy,
        "recommended_rent": calculate_recommended_rent(current, market, strategy, score),
    }
