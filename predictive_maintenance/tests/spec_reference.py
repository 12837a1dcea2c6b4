"""The spec's per-unit risk function (2.3, "Risk Scoring Algorithm"), copied verbatim.

The spec leaves four names undefined; they are bound here as docs/decisions.md ("2.3 Predictive maintenance")
reads them: `year_ago` (12 calendar months before today), `get_total_cost(unit, months)` (the actual cost of the
unit's work orders requested in the last `months` calendar months, else the estimate unless cancelled), and
`date.today()` (pinned by `pinned(today)` so a test or the benchmark can score as of a given day). Equipment ages
are the stored `age_years` (the agent recomputes them first).

Used by the tests as the oracle of the agent run with the SPEC rules (`risk_scores_compute(rules="spec")`), and by
benchmarks/bench_risk_scores.py for the timing comparison.
"""

import datetime
from contextlib import contextmanager
from decimal import Decimal

from django.db.models import Avg, Case, DecimalField, F, Sum, Value, When
from django.db.models.functions import Coalesce

from predictive_maintenance.models import Equipment
from predictive_maintenance.risk import months_before
from units.models import UnitsMaintenance

_TODAY = [datetime.date.today()]


class date(datetime.date):  # noqa: N801 (the spec's `date.today()`, pinned)
    @classmethod
    def today(cls):
        return _TODAY[0]


year_ago = months_before(_TODAY[0], 12)


@contextmanager
def pinned(today: datetime.date):
    global year_ago
    saved = _TODAY[0], year_ago
    _TODAY[0], year_ago = today, months_before(today, 12)
    try:
        yield
    finally:
        _TODAY[0], year_ago = saved


_COST = Coalesce(
    "actual_cost",
    Case(When(status="cancelled", then=Value(Decimal("0"))), default=F("estimated_cost")),
    Value(Decimal("0")),
    output_field=DecimalField(max_digits=12, decimal_places=2),
)


def get_total_cost(unit, months):
    start = months_before(date.today(), months)
    total = UnitsMaintenance._base_manager.filter(
        unit=unit, requested_date__gte=start, requested_date__lte=date.today()
    ).aggregate(total=Sum(_COST))["total"]
    return Decimal(total or 0)


# --- verbatim from the spec ------------------------------------------------------------------------------------


def compute_unit_risk_score(unit):
    """Returns 0-100 risk score."""
    # Factor 1: Work Order Frequency (weight: 0.30)
    wo_12mo = UnitsMaintenance.objects.filter(unit=unit, requested_date__gte=year_ago).count()
    wo_freq = min(wo_12mo / 8, 1.0)  # 8+ work orders in 12mo = max

    # Factor 2: Cost Trend (weight: 0.20)
    cost_6mo = get_total_cost(unit, months=6)
    cost_prev_6mo = get_total_cost(unit, months=12) - cost_6mo
    if cost_prev_6mo > 0:
        cost_trend = min(float(cost_6mo / cost_prev_6mo) - 1, 1.0)
    else:
        cost_trend = 0
    cost_trend = max(0, cost_trend)

    # Factor 3: Equipment Age (weight: 0.20)
    equipment = Equipment.objects.filter(property_ref=unit.property)
    if equipment.exists():
        avg_lifespan_pct = equipment.aggregate(avg=Avg(F("age_years") * 100 / F("expected_lifespan_years")))["avg"] or 0
        equip_age = min(avg_lifespan_pct / 100, 1.0)
    else:
        equip_age = 0.3  # default

    # Factor 4: Repeat Issues (weight: 0.20)
    recent_wos = UnitsMaintenance.objects.filter(unit=unit, requested_date__gte=year_ago)
    titles = [wo.title.lower() for wo in recent_wos]
    # Check for repeated keywords
    from collections import Counter

    words = [w for t in titles for w in t.split() if len(w) > 4]
    repeats = sum(1 for _, c in Counter(words).items() if c >= 3)
    repeat_score = min(repeats / 3, 1.0)

    # Factor 5: Seasonal (weight: 0.10)
    month = date.today().month
    # HVAC risk higher in summer/winter
    seasonal = {1: 0.8, 2: 0.7, 3: 0.4, 4: 0.3, 5: 0.4, 6: 0.7, 7: 0.9, 8: 0.9, 9: 0.5, 10: 0.3, 11: 0.5, 12: 0.7}

    score = wo_freq * 30 + cost_trend * 20 + equip_age * 20 + repeat_score * 20 + seasonal.get(month, 0.5) * 10
    return round(min(score, 100), 1)
