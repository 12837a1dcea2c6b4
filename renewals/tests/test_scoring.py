import datetime
from decimal import Decimal

import pytest

from renewals import scoring as s

TODAY = datetime.date(2026, 11, 22)


def inputs(**kw):
    base = dict(
        late_payments=0,
        total_charges=12,
        work_orders_12mo=0,
        current_rent=Decimal("1700"),
        market_rent=Decimal("2000"),
        lease_begin_date=TODAY - datetime.timedelta(days=int(365.25 * 3) + 1),
        property_total_units=100,
        property_vacant_units=10,
    )
    base.update(kw)
    return s.ChurnInputs(**base)


@pytest.mark.parametrize(
    "late,charges,expected", [(0, 12, 0.0), (3, 12, 0.5), (6, 12, 1.0), (12, 12, 1.0), (1, 0, 1.0)]
)
def test_late_payment_factor(late, charges, expected):
    assert s.churn_factors(inputs(late_payments=late, total_charges=charges), today=TODAY)[
        "late_payments"
    ] == pytest.approx(expected)


@pytest.mark.parametrize("wos,expected", [(0, 0.0), (5, 0.5), (10, 1.0), (25, 1.0)])
def test_maintenance_factor(wos, expected):
    assert s.churn_factors(inputs(work_orders_12mo=wos), today=TODAY)["maintenance_requests"] == pytest.approx(expected)


@pytest.mark.parametrize(
    "current,market,expected",
    [
        ("1700", "2000", 0.0),
        ("1600", "2000", 0.0),
        ("1850", "2000", 0.5),
        ("2000", "2000", 1.0),
        ("2300", "2000", 1.0),
        ("1500", None, 1.0),
        ("1500", "0", 1.0),
    ],
)
def test_rent_gap_factor(current, market, expected):
    m = Decimal(market) if market is not None else None
    f = s.churn_factors(inputs(current_rent=Decimal(current), market_rent=m), today=TODAY)
    assert f["rent_gap"] == pytest.approx(expected)


def test_rent_gap_without_any_rent_is_neutral():
    f = s.churn_factors(inputs(current_rent=Decimal("0"), market_rent=None), today=TODAY)
    assert f["rent_gap"] == 0.5


@pytest.mark.parametrize("years,expected", [(0, 1.0), (1.5, 0.5), (3, 0.0), (5, 0.0)])
def test_tenure_factor(years, expected):
    begin = TODAY - datetime.timedelta(days=round(years * 365.25))
    assert s.churn_factors(inputs(lease_begin_date=begin), today=TODAY)["tenure_short"] == pytest.approx(
        expected, abs=1e-3
    )


@pytest.mark.parametrize(
    "vacant,total,expected", [(0, 100, 1.0), (5, 100, 0.5), (10, 100, 0.0), (30, 100, 0.0), (0, 0, 1.0)]
)
def test_market_trend_factor(vacant, total, expected):
    f = s.churn_factors(inputs(property_vacant_units=vacant, property_total_units=total), today=TODAY)
    assert f["market_trend"] == pytest.approx(expected)


def test_weighted_sum_and_rounding():
    # late 0.5*0.30 + maint 0.3*0.15 + gap 0.5*0.25 + tenure 0.5*0.15 + trend 0.5*0.15 = 0.47
    score, factors = s.churn_score(
        inputs(
            late_payments=3,
            work_orders_12mo=3,
            current_rent=Decimal("1850"),
            lease_begin_date=TODAY - datetime.timedelta(days=round(1.5 * 365.25)),
            property_vacant_units=5,
        ),
        today=TODAY,
    )
    assert score == pytest.approx(0.47, abs=1e-3)
    assert set(factors) == set(s.WEIGHTS)
    assert sum(s.WEIGHTS.values()) == pytest.approx(1.0)


@pytest.mark.parametrize(
    "score,level",
    [
        (0.0, "low"),
        (0.299, "low"),
        (0.3, "medium"),
        (0.499, "medium"),
        (0.5, "high"),
        (0.7, "high"),
        (0.701, "critical"),
        (1.0, "critical"),
    ],
)
def test_risk_levels(score, level):
    assert s.churn_risk_level(score) == level


@pytest.mark.parametrize(
    "score,current,market,strategy",
    [
        (0.8, "1500", "2000", "hold"),  # critical, any gap
        (0.8, "2100", "2000", "hold"),
        (0.6, "1500", "2000", "below_market_retain"),  # high, below market
        (0.4, "1500", "2000", "market_rate"),  # medium, below market
        (0.2, "1500", "2000", "market_rate"),  # low, below market
        (0.2, "2000", "2000", "above_market_premium"),  # low, at market
        (0.2, "2100", "2000", "above_market_premium"),  # low, above market
        (0.6, "2000", "2000", "hold"),  # uncovered by the spec: high at/above market -> hold
        (0.4, "2100", "2000", "hold"),  # uncovered by the spec: medium at/above market -> hold
    ],
)
def test_strategy_table(score, current, market, strategy):
    assert s.rent_strategy(score, Decimal(current), Decimal(market)) == strategy


@pytest.mark.parametrize(
    "current,market,strategy,score,expected",
    [
        ("1850", "2000", "hold", 0.8, "1850.00"),
        ("1500", "2000", "below_market_retain", 0.6, "1530.00"),  # +2%
        ("1890", "2000", "below_market_retain", 0.6, "1900.00"),  # capped at 95% of market
        ("1950", "2000", "below_market_retain", 0.6, "1950.00"),  # never below current
        ("2100", "2000", "market_rate", 0.4, "2100.00"),  # never below current
        ("1800", "2000", "market_rate", 0.4, "1890.00"),  # +5% for medium
        ("1800", "2000", "market_rate", 0.2, "1944.00"),  # +8% for low
        ("1900", "2000", "market_rate", 0.2, "2000.00"),  # capped at market
        ("2000", "2000", "above_market_premium", 0.1, "2060.00"),  # market * 1.03
        ("1234.57", "1333.33", "market_rate", 0.1, "1333.33"),
        ("1111.11", "1500", "market_rate", 0.35, "1166.67"),  # 1111.11*1.05 = 1166.6655 -> half-up
    ],
)
def test_recommended_rent(current, market, strategy, score, expected):
    result = s.recommended_rent(Decimal(current), Decimal(market), strategy, score)
    assert isinstance(result, Decimal)
    assert result == Decimal(expected)


def test_increase_pct_and_reasoning():
    assert s.rent_increase_pct(Decimal("1800"), Decimal("1890")) == 5.0
    assert "retain" in s.rent_reasoning("hold", 0.82, Decimal("1850"), Decimal("2000"))


def test_recommended_term():
    start, end = s.recommended_term(lease_end_date=datetime.date(2027, 1, 31), today=TODAY)
    assert (start, end) == (datetime.date(2027, 2, 1), datetime.date(2028, 1, 31))
    # month-to-month: starts the first of next month
    start, end = s.recommended_term(lease_end_date=datetime.date(2026, 6, 30), today=TODAY)
    assert (start, end) == (datetime.date(2026, 12, 1), datetime.date(2027, 11, 30))


@pytest.mark.parametrize(
    "current,market,expected",
    [
        ("2000", "2000", "2060.00"),
        ("2050", "2000", "2060.00"),
        ("2060", "2000", "2060.00"),
        ("2300", "2000", "2300.00"),
    ],
)
def test_above_market_premium_never_cuts_the_rent(current, market, expected):
    # "Max increase: 3% above market": a tenant already paying more keeps the current rent.
    result = s.recommended_rent(Decimal(current), Decimal(market), "above_market_premium", 0.1)
    assert result == Decimal(expected)
    assert s.rent_increase_pct(Decimal(current), result) >= 0


def test_tenure_factor_stays_within_one_for_a_future_begin_date():
    f = s.churn_factors(inputs(lease_begin_date=TODAY + datetime.timedelta(days=200)), today=TODAY)
    assert f["tenure_short"] == 1.0


def test_recommended_term_for_a_lease_ending_today_and_a_leap_day():
    start, end = s.recommended_term(lease_end_date=TODAY, today=TODAY, months=6)
    assert (start, end) == (TODAY + datetime.timedelta(days=1), datetime.date(2027, 5, 22))
    start, end = s.recommended_term(lease_end_date=datetime.date(2028, 2, 28), today=TODAY)
    assert (start, end) == (datetime.date(2028, 2, 29), datetime.date(2029, 2, 28))  # not one day short
    start, end = s.recommended_term(lease_end_date=datetime.date(2027, 1, 30), today=TODAY, months=1)
    assert (start, end) == (datetime.date(2027, 1, 31), datetime.date(2027, 2, 28))
    start, end = s.recommended_term(lease_end_date=datetime.date(2027, 2, 28), today=TODAY, months=1)
    assert (start, end) == (datetime.date(2027, 3, 1), datetime.date(2027, 3, 31))
