"""pricing.market: the spec's compute_market_rent, step by step, at its boundaries (pure: no database)."""

import datetime
import uuid
from decimal import Decimal

import pytest

from pricing import market
from pricing.market import CompIndex, UnitFacts, compute_market_rent, leave_one_out

P = uuid.uuid4()
NOV = datetime.date(2026, 11, 29)  # seasonal 0.98
OCT = datetime.date(2026, 10, 15)  # seasonal 1.00


def unit(n, sqft=850, rent="1900.00", *, occupied=True, beds=2, baths="1.0", prop=P, market_rent="0", since=None):
    return UnitFacts(
        unit_id=f"u{n}",
        property_id=prop,
        unit_number=f"A-{n}",
        address="12 Main St",
        bedrooms=beds,
        bathrooms=Decimal(baths),
        square_feet=sqft,
        current_rent=Decimal(rent),
        market_rent=Decimal(market_rent),
        occupied=occupied,
        vacant_since=since,
    )


def price(target, others, as_of=OCT):
    return compute_market_rent(target, index=CompIndex([target, *others]), as_of=as_of)


def test_three_comps_average_with_size_adjustment():
    comps = [unit(1, 800, "1800"), unit(2, 850, "1900"), unit(3, 900, "2000")]
    est = price(unit(0, 850, "1700"), comps)
    assert est.method == market.METHOD_COMPS and est.comp_count == 3
    assert est.comp_avg_rent == Decimal("1900.00") and est.comp_avg_sqft == 850.0
    assert est.market_rent == Decimal("1900.00")  # same size: factor 1.0, October: 1.00
    bigger = price(unit(0, 900, "1700"), comps)  # 900 / 850, as a float, as the spec computes it
    assert bigger.size_factor == 900 / 850
    assert bigger.market_rent == round(Decimal("1900") * Decimal(str(900 / 850)), 2) == Decimal("2011.76")


def test_two_comps_fall_back_to_the_units_market_rent_then_current_rent():
    comps = [unit(1, 800, "1800"), unit(2, 850, "1900")]
    est = price(unit(0, 850, "1700", market_rent="1750"), comps)
    assert est.method == market.METHOD_UNIT_MARKET and est.market_rent == Decimal("1750.00")
    assert est.comp_count == 0 and est.nearby_comps == 2
    assert price(unit(0, 850, "1700"), comps).method == market.METHOD_UNIT_CURRENT
    nothing = price(unit(0, 850, "0"), comps)
    assert nothing.method == market.METHOD_NONE and nothing.market_rent == Decimal("0.00")


def test_size_window_is_plus_minus_100_inclusive():
    edge = [unit(1, 750, "1800"), unit(2, 950, "1900"), unit(3, 850, "2000")]
    assert price(unit(0, 850), edge).comp_count == 3
    outside = [unit(1, 749, "1800"), unit(2, 951, "1900"), unit(3, 850, "2000")]
    assert price(unit(0, 850), outside).nearby_comps == 1


def test_only_occupied_same_property_same_bed_bath_and_never_itself():
    other = uuid.uuid4()
    noise = [
        unit(1, occupied=False),
        unit(2, beds=3),
        unit(3, baths="2.0"),
        unit(4, prop=other),
        unit(5),
        unit(6),
    ]
    target = unit(0)  # occupied: in its own group and window, excluded
    assert price(target, noise).nearby_comps == 2
    assert price(target, [*noise, unit(7)]).comp_count == 3


def test_unknown_size_compares_with_every_size_and_skips_the_size_factor():
    comps = [unit(1, 500, "1500"), unit(2, 1000, "2000"), unit(3, 9000, "2500")]
    est = price(unit(0, 0), comps)
    assert est.comp_count == 3 and est.size_factor is None and est.market_rent == Decimal("2000.00")


@pytest.mark.parametrize(
    ("month", "factor"),
    [(1, 0.97), (2, 0.97), (3, 0.99), (4, 1.01), (5, 1.03), (6, 1.05), (7, 1.05), (8, 1.04), (9, 1.02), (10, 1.0),
     (11, 0.98), (12, 0.96)],
)  # fmt: skip
def test_seasonal_table(month, factor):
    comps = [unit(1, rent="2000"), unit(2, rent="2000"), unit(3, rent="2000")]
    est = price(unit(0), comps, as_of=datetime.date(2026, month, 10))
    assert est.seasonal_factor == factor
    assert est.market_rent == (Decimal("2000") * Decimal(str(factor))).quantize(Decimal("0.01"))


@pytest.mark.parametrize(
    ("days", "discount"),
    [(0, 0.0), (14, 0.0), (15, 0.005 / 7), (21, 0.005), (28, 0.01), (84, 0.05), (85, 0.05), (400, 0.05)],
)
def test_vacancy_discount_half_percent_per_week_after_14_days_max_5(days, discount):
    assert market.vacancy_discount(days) == pytest.approx(discount)
    comps = [unit(1, rent="2000"), unit(2, rent="2000"), unit(3, rent="2000")]
    target = unit(0, occupied=False, since=OCT - datetime.timedelta(days=days))
    est = price(target, comps)
    assert est.days_vacant == days
    expected = Decimal("2000") * (Decimal(str(1 - discount)) if days > 14 else 1)
    assert est.market_rent == round(expected, 2)


def test_days_vacant_is_zero_when_occupied_or_unknown():
    assert market.days_vacant(unit(0, since=OCT - datetime.timedelta(days=40)), OCT) == 0
    assert market.days_vacant(unit(0, occupied=False), OCT) == 0
    assert market.days_vacant(unit(0, occupied=False, since=OCT + datetime.timedelta(days=3)), OCT) == 0


def test_listed_comps_are_the_most_similar_with_similarity():
    comps = [unit(i, 850 + d, "1900") for i, d in enumerate([0, 10, -20, 50, -90, 100, 30], start=1)]
    est = price(unit(0, 850), comps)
    assert est.comp_count == 7 and len(est.comps) == market.COMPS_LISTED
    assert [c.square_feet for c in est.comps] == [850, 860, 830, 880, 900]
    assert est.comps[0].similarity == 1.0 and est.comps[-1].similarity == 0.75
    assert est.comps[0].address == "12 Main St, Unit A-1"
    assert market.similarity(850, 950) == 0.5


def test_leave_one_out_excludes_the_unit_itself():
    units = [unit(1, rent="1000"), unit(2, rent="1000"), unit(3, rent="1000"), unit(4, rent="1100")]
    acc = leave_one_out(units, CompIndex(units))
    # u1..u3: comps avg (1000+1000+1100)/3 = 1033.33 -> 3.33% off; u4: 1000 vs 1100 -> 9.09% off
    assert acc["units"] == 4 and acc["occupied_units"] == 4 and acc["coverage_pct"] == 100.0
    assert acc["median_abs_pct_error"] == pytest.approx(3.33, abs=0.01)
    assert acc["within_5_pct_share"] == 75.0
    assert leave_one_out([unit(1)], CompIndex([unit(1)]))["median_abs_pct_error"] is None


def test_nearest_comps_walk_outwards_and_break_ties_by_unit_number():
    import random

    rng = random.Random(7)
    others = [unit(i, rng.randint(780, 920), "1900") for i in range(1, 60)]
    for target in (unit(0, 850), unit(0, 780), unit(0, 920), unit(0, 851, occupied=False)):
        index = CompIndex([target, *others])
        group, i, j, _inside = index.window(target)
        got = [c.unit_id for c in index.nearest(target, group, i, j, 7)]
        brute = sorted(
            (m for m in group.members[i:j] if m.unit_id != target.unit_id),
            key=lambda m: (abs(m.square_feet - target.square_feet), m.unit_number),
        )
        assert got == [m.unit_id for m in brute[:7]]
