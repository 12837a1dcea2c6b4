"""pricing.strategy: gap band, demand, confidence, strategy, the price-drop model and the explanation."""

import datetime
from decimal import Decimal

import pytest

from pricing import strategy
from pricing.market import CompIndex, compute_market_rent
from pricing.strategy import choose_strategy, price_drop_impact
from pricing.tests.test_market import OCT, unit

D = Decimal


def test_gap_and_the_at_market_band():
    assert strategy.gap(D("1850"), D("2050")) == (D("-200.00"), -9.76)
    assert strategy.gap(D("100"), D("0")) == (D("100.00"), 0.0)
    assert [strategy.position(p) for p in (-1.01, -1.0, 0, 1.0, 1.01)] == ["below", "at", "at", "at", "above"]


@pytest.mark.parametrize(("occupied", "total", "score"), [(8, 10, 0.0), (7, 10, 0.0), (9, 10, 0.5), (10, 10, 1.0)])
def test_demand_score_from_occupancy(occupied, total, score):
    assert strategy.demand_score(occupied, total) == score
    assert strategy.demand_score(0, 0) == 0.5


def test_confidence_grows_with_comps_and_is_low_for_fallbacks():
    comps = [unit(i, rent="1900") for i in range(1, 20)]
    three = compute_market_rent(unit(0), index=CompIndex([unit(0), *comps[:3]]), as_of=OCT)
    many = compute_market_rent(unit(0), index=CompIndex([unit(0), *comps]), as_of=OCT)
    none = compute_market_rent(unit(0, market_rent="1800"), index=CompIndex([unit(0)]), as_of=OCT)
    assert strategy.confidence(three) == 0.6 and strategy.confidence(many) == 0.95
    assert strategy.confidence(none) == 0.3 < strategy.LOW_CONFIDENCE


def _choose(**kw):
    base = dict(occupied=True, days_vacant=0, current=D("2000"), market=D("2000"), gap_pct=0.0, demand=0.5, conf=0.8)
    return choose_strategy(**{**base, **kw})


def test_strategy_rules_in_order():
    assert _choose(conf=0.3)[:2] == ("conservative", D("2000.00"))
    assert _choose(occupied=False, days_vacant=15, market=D("1902.40"))[:2] == ("lease_up", D("1900.00"))
    assert _choose(occupied=False, days_vacant=14)[0] == "market"
    assert _choose(gap_pct=3.0, current=D("2061"), demand=0.5)[:2] == ("premium", D("2060.00"))
    assert _choose(gap_pct=3.0, demand=0.4)[0] == "market"
    assert _choose(demand=0.85)[:2] == ("aggressive", D("2040.00"))
    assert _choose()[:2] == ("market", D("2000.00"))
    assert strategy.round_rent(D("1902.50")) == D("1905.00")


def test_days_to_lease_model():
    assert strategy.expected_days_to_lease(-3) == 14 and strategy.expected_days_to_lease(0) == 14
    assert strategy.expected_days_to_lease(5) == 14 + 25


def test_price_drop_arithmetic():
    # $2,100 asked, market $2,000 (5% over), drop to $2,000: 25 days saved x $2,000 x 12/365 - $100 x 12
    d = price_drop_impact(current=D("2100"), market=D("2000"), new_rent=D("2000.00"), days_vacant=21)
    assert d.drop == D("100.00") and d.days_saved == 25
    assert d.vacancy_recovered == D("1643.84") and d.cost == D("1200.00") and d.net_gain == D("443.84")
    assert d.worth_it and d.text.startswith("Reduce by $100 to $2,000: about 25 fewer vacant days, net gain $444")
    # a small drop that does not pay
    small = price_drop_impact(current=D("2010"), market=D("2000"), new_rent=D("2000"), days_vacant=30)
    assert small.days_saved == 2 and small.net_gain == D("131.51") - D("120.00")
    loss = price_drop_impact(current=D("2002"), market=D("2000"), new_rent=D("2000"), days_vacant=30)
    assert loss.days_saved == 0 and loss.net_gain == D("-24.00") and not loss.worth_it and "net loss $24" in loss.text


@pytest.mark.parametrize(
    ("kw", "expected"),
    [
        (dict(days_vacant=20), None),  # not yet 21 days
        (dict(current=D("2000")), None),  # not above market
        (dict(new_rent=D("2100")), None),  # no drop
        (dict(market=D("0")), None),
    ],
)
def test_no_price_drop_before_21_days_or_at_market(kw, expected):
    base = dict(current=D("2100"), market=D("2000"), new_rent=D("2000"), days_vacant=21)
    assert price_drop_impact(**{**base, **kw}) is expected


def test_explanation_names_comps_adjustments_and_fallback():
    comps = [unit(1, 800, "1850"), unit(2, 850, "1900"), unit(3, 900, "1986")]
    target = unit(0, 900, "2300", occupied=False, since=datetime.date(2026, 7, 1))
    as_of = datetime.date(2026, 7, 21)  # 20 days vacant, July
    est = compute_market_rent(target, index=CompIndex([target, *comps]), as_of=as_of)
    summary, adjustments, fallback = strategy.explain(est, as_of)
    assert summary == (
        "3 comps averaging $1,912; +5.9% for size (vs 850 sq ft average); +5% for July; −0.4% for 20 days vacant"
    )
    assert [a["kind"] for a in adjustments] == ["size", "seasonal", "vacancy"] and fallback == ""
    lone = unit(9, market_rent="1750")
    est = compute_market_rent(lone, index=CompIndex([lone, comps[0]]), as_of=as_of)
    summary, _adj, fallback = strategy.explain(est, as_of)
    assert fallback.startswith("Only 1 comparable occupied unit (3 needed): used the unit's recorded market rent")
    assert summary.startswith("fallback: the unit's recorded market rent $1,750; +5% for July")


def test_decide_for_a_vacant_unit_above_market_for_weeks():
    comps = [unit(i, rent="2000") for i in range(1, 6)]
    target = unit(0, rent="2150", occupied=False, since=OCT - datetime.timedelta(days=28))
    est = compute_market_rent(target, index=CompIndex([target, *comps]), as_of=OCT)
    dec = strategy.decide(target, est, demand=0.6, as_of=OCT)
    assert est.market_rent == D("1980.00")  # 1% off for 2 weeks beyond the 14th day
    assert dec.strategy == "lease_up" and dec.recommended_rent == D("1980.00") and dec.position == "above"
    assert dec.price_drop is not None and dec.price_drop.drop == D("170.00")
