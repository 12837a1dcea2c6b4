"""What to do with a market estimate (2.2): gap, demand, confidence, strategy and recommended rent, the
price-drop impact for a vacant unit that sits above market, and the sentence that explains the price.

Pure: facts in, decisions out. The spec fixes the market-rent arithmetic (`pricing.market`) and leaves these
rules open; the choices and their numbers are documented in docs/decisions.md ("2.2 Dynamic pricing").
Recommendations are never applied here or by the engine: a manager applies a vacant unit's recommended rent.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from core.formatting import money, whole_money
from pricing.market import (
    FALLBACK_WORDS,
    METHOD_COMPS,
    METHOD_NONE,
    METHOD_UNIT_CURRENT,
    METHOD_UNIT_MARKET,
    MIN_COMPS,
    VACANCY_GRACE_DAYS,
    MarketEstimate,
    UnitFacts,
)

AGGRESSIVE = "aggressive"
MARKET = "market"
CONSERVATIVE = "conservative"
LEASE_UP = "lease_up"
PREMIUM = "premium"
STRATEGIES = (AGGRESSIVE, MARKET, CONSERVATIVE, LEASE_UP, PREMIUM)

# "At market": the rent within ±1% of the market estimate (below: gap < -1%; above: gap > +1%).
AT_MARKET_BAND_PCT = 1.0

# Demand: how full the unit's property is for its bedroom count. 80% occupied or less -> 0, full -> 1.
DEMAND_FLOOR_OCCUPANCY = 0.80
HIGH_DEMAND = 0.85
PREMIUM_DEMAND = 0.5
AGGRESSIVE_MARKUP = Decimal("1.02")
PREMIUM_HOLD_PCT = 3.0  # a unit 3%+ above its comps (while demand holds) keeps its premium

# Confidence: 0.6 with the minimum 3 comps, +0.05 per further comp, at most 0.95; -0.1 when the size factor
# moves the price more than 10%. Fallbacks are low: 0.3 (recorded market rent), 0.2 (current rent), 0 (nothing).
CONFIDENCE_MIN_COMPS = 0.6
CONFIDENCE_PER_COMP = 0.05
CONFIDENCE_MAX = 0.95
CONFIDENCE_LARGE_SIZE_ADJ = 0.1
CONFIDENCE_FALLBACK = {METHOD_UNIT_MARKET: 0.3, METHOD_UNIT_CURRENT: 0.2, METHOD_NONE: 0.0}
LOW_CONFIDENCE = 0.5

ROUND_TO = Decimal(5)  # recommended rents are whole $5 steps

# Days to lease versus price (the price-drop impact): at or below market a vacant unit leases in about
# BASE_DAYS_TO_LEASE days; each 1% above market adds DAYS_PER_PCT_ABOVE days. A drop costs its amount every
# month of the first lease (LEASE_TERM_MONTHS) and earns back the rent of the vacant days it saves.
PRICE_DROP_AFTER_DAYS = 21
BASE_DAYS_TO_LEASE = 14.0
DAYS_PER_PCT_ABOVE = 5.0
LEASE_TERM_MONTHS = 12
DAYS_PER_YEAR = 365
CENT = Decimal("0.01")


@dataclass(frozen=True)
class PriceDrop:
    drop: Decimal  # how much to reduce the asking rent
    new_rent: Decimal
    days_saved: int
    vacancy_recovered: Decimal  # rent of the days saved
    cost: Decimal  # the drop over the first lease
    net_gain: Decimal
    worth_it: bool
    text: str


@dataclass(frozen=True)
class PriceDecision:
    current_rent: Decimal
    market_rent: Decimal
    recommended_rent: Decimal
    rent_gap_amount: Decimal
    rent_gap_pct: float
    position: str  # below | at | above
    demand_score: float
    confidence_score: float
    strategy: str
    strategy_reason: str
    price_drop: PriceDrop | None
    summary: str
    adjustments: list[dict]
    fallback: str


def round_rent(amount: Decimal) -> Decimal:
    """To the nearest $5 (halves up), as a cents Decimal."""
    return ((Decimal(amount) / ROUND_TO).quantize(Decimal(1), rounding=ROUND_HALF_UP) * ROUND_TO).quantize(CENT)


def gap(current: Decimal, market: Decimal) -> tuple[Decimal, float]:
    """(current - market, that as % of market rounded to 0.01); negative = below market; 0% when market is 0."""
    amount = (Decimal(current) - Decimal(market)).quantize(CENT)
    pct = round(float(amount / Decimal(market) * 100), 2) if market else 0.0
    return amount, pct


def position(gap_pct: float) -> str:
    if gap_pct < -AT_MARKET_BAND_PCT:
        return "below"
    if gap_pct > AT_MARKET_BAND_PCT:
        return "above"
    return "at"


def demand_scores(units: Iterable[UnitFacts]) -> dict[tuple, float]:
    """{(property_id, bedrooms): 0..1} from how full each property is for each bedroom count."""
    total, occupied = Counter(), Counter()
    for u in units:
        key = (u.property_id, u.bedrooms)
        total[key] += 1
        occupied[key] += u.occupied
    return {key: demand_score(occupied[key], n) for key, n in total.items()}


def demand_score(occupied: int, total: int) -> float:
    if total <= 0:
        return 0.5
    rate = occupied / total
    return round(min(max((rate - DEMAND_FLOOR_OCCUPANCY) / (1 - DEMAND_FLOOR_OCCUPANCY), 0.0), 1.0), 2)


def confidence(estimate: MarketEstimate) -> float:
    if estimate.method != METHOD_COMPS:
        return CONFIDENCE_FALLBACK[estimate.method]
    score = min(CONFIDENCE_MIN_COMPS + CONFIDENCE_PER_COMP * (estimate.comp_count - MIN_COMPS), CONFIDENCE_MAX)
    if estimate.size_factor is not None and abs(estimate.size_factor - 1) > 0.1:
        score -= CONFIDENCE_LARGE_SIZE_ADJ
    return round(score, 2)


def choose_strategy(
    *, occupied: bool, days_vacant: int, current: Decimal, market: Decimal, gap_pct: float, demand: float, conf: float
) -> tuple[str, Decimal, str]:
    """(strategy, recommended rent, why): the first rule that applies."""
    if conf < LOW_CONFIDENCE:
        rent = current if current else market
        return CONSERVATIVE, round_rent(rent), "Too few comparable units to move the price: hold the current rent."
    if not occupied and days_vacant > VACANCY_GRACE_DAYS:
        return LEASE_UP, round_rent(market), f"Vacant {days_vacant} days: price at the discounted market to lease up."
    if gap_pct >= PREMIUM_HOLD_PCT and demand >= PREMIUM_DEMAND:
        return PREMIUM, round_rent(current), "Above its comps while demand holds: keep the premium."
    if demand >= HIGH_DEMAND:
        return (
            AGGRESSIVE,
            round_rent(market * AGGRESSIVE_MARKUP),
            "High demand for this floor plan (nearly full): 2% over market.",
        )
    return MARKET, round_rent(market), "Price at market."


def expected_days_to_lease(gap_pct: float) -> float:
    """The days-to-lease model: BASE_DAYS_TO_LEASE at or below market, +DAYS_PER_PCT_ABOVE per 1% above."""
    return BASE_DAYS_TO_LEASE + DAYS_PER_PCT_ABOVE * max(gap_pct, 0.0)


def price_drop_impact(*, current: Decimal, market: Decimal, new_rent: Decimal, days_vacant: int) -> PriceDrop | None:
    """For a vacant unit above market for PRICE_DROP_AFTER_DAYS+ days: what dropping to `new_rent` gains."""
    if days_vacant < PRICE_DROP_AFTER_DAYS or not market or current <= market or new_rent >= current:
        return None
    drop = (current - new_rent).quantize(CENT)
    before = float((current - market) / market * 100)
    after = float((new_rent - market) / market * 100)
    days_saved = round(expected_days_to_lease(before) - expected_days_to_lease(after))
    recovered = (new_rent * 12 / DAYS_PER_YEAR * days_saved).quantize(CENT, rounding=ROUND_HALF_UP)
    cost = drop * LEASE_TERM_MONTHS
    net = recovered - cost
    worth = net > 0
    text = (
        f"Reduce by {dollars(drop)} to {dollars(new_rent)}: about {days_saved} fewer vacant days, "
        f"net {'gain' if net >= 0 else 'loss'} {dollars(abs(net))} over a {LEASE_TERM_MONTHS}-month lease."
    )
    return PriceDrop(drop, new_rent, days_saved, recovered, cost, net, worth, text)


def dollars(amount) -> str:
    """`$1,912` (to the dollar, for sentences)."""
    return whole_money(Decimal(amount).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def _pct(factor: float) -> str:
    value = round((factor - 1) * 100, 1)
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    return f"{sign}{abs(value):g}%"


def explain(estimate: MarketEstimate, as_of: datetime.date) -> tuple[str, list[dict], str]:
    """(summary, adjustments, fallback): "3 comps averaging $1,912; +2.3% for size; +5% for July; ...".

    Each adjustment is {kind, factor, label}; `fallback` names what stood in for comps ("" when comps were used).
    """
    adjustments: list[dict] = []
    fallback = ""
    if estimate.method == METHOD_COMPS:
        n = estimate.comp_count
        parts = [f"{n} comp{'s' if n != 1 else ''} averaging {dollars(estimate.comp_avg_rent)}"]
        if estimate.size_factor is not None and round(estimate.size_factor, 3) != 1:
            label = f"{_pct(estimate.size_factor)} for size (vs {estimate.comp_avg_sqft:,.0f} sq ft average)"
            adjustments.append({"kind": "size", "factor": round(estimate.size_factor, 4), "label": label})
    else:
        found = estimate.nearby_comps
        fallback = (
            f"Only {found} comparable occupied unit{'s' if found != 1 else ''} ({MIN_COMPS} needed): "
            f"used {FALLBACK_WORDS[estimate.method]}, {money(estimate.base_rent)}."
        )
        parts = [f"fallback: {FALLBACK_WORDS[estimate.method]} {dollars(estimate.base_rent)}"]
    if estimate.seasonal_factor != 1:
        label = f"{_pct(estimate.seasonal_factor)} for {as_of:%B}"
        adjustments.append({"kind": "seasonal", "factor": estimate.seasonal_factor, "label": label})
    if estimate.vacancy_discount:
        factor = 1 - estimate.vacancy_discount
        label = f"{_pct(factor)} for {estimate.days_vacant} days vacant"
        adjustments.append({"kind": "vacancy", "factor": round(factor, 6), "label": label})
    summary = "; ".join(parts + [a["label"] for a in adjustments])
    return summary, adjustments, fallback


def decide(unit: UnitFacts, estimate: MarketEstimate, *, demand: float, as_of: datetime.date) -> PriceDecision:
    """Everything a snapshot stores beyond the estimate itself."""
    current, market = unit.rent_now, estimate.market_rent
    amount, pct = gap(current, market)
    conf = confidence(estimate)
    strategy, recommended, why = choose_strategy(
        occupied=unit.occupied,
        days_vacant=estimate.days_vacant,
        current=current,
        market=market,
        gap_pct=pct,
        demand=demand,
        conf=conf,
    )
    drop = None
    if not unit.occupied:
        drop = price_drop_impact(current=current, market=market, new_rent=recommended, days_vacant=estimate.days_vacant)
    summary, adjustments, fallback = explain(estimate, as_of)
    return PriceDecision(
        current_rent=current,
        market_rent=market,
        recommended_rent=recommended,
        rent_gap_amount=amount,
        rent_gap_pct=pct,
        position=position(pct),
        demand_score=demand,
        confidence_score=conf,
        strategy=strategy,
        strategy_reason=why,
        price_drop=drop,
        summary=summary,
        adjustments=adjustments,
        fallback=fallback,
    )
