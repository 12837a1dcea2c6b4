"""Warranty states and ages (pure)."""

import datetime

import pytest

from predictive_maintenance.rules import age_years, lifespan_used_pct, warranty_days_left, warranty_state

TODAY = datetime.date(2026, 3, 28)


def _in(days):
    return TODAY + datetime.timedelta(days=days)


@pytest.mark.parametrize(
    ("expiration", "state", "days"),
    [
        (None, "none", None),
        (_in(-1), "expired", -1),
        (_in(0), "expiring", 0),  # ends today: still covers today
        (_in(1), "expiring", 1),
        (_in(60), "expiring", 60),
        (_in(61), "active", 61),
    ],
)
def test_warranty_state_boundaries(expiration, state, days):
    assert warranty_state(expiration, TODAY) == state
    assert warranty_days_left(expiration, TODAY) == days


@pytest.mark.parametrize(
    ("install", "today", "age"),
    [
        (datetime.date(2020, 2, 29), datetime.date(2024, 2, 29), 4.0),  # 1461 days: four years exactly
        (datetime.date(2020, 2, 29), datetime.date(2021, 2, 28), 1.0),  # 365 days
        (datetime.date(2020, 2, 29), datetime.date(2021, 3, 1), 1.0),
        (datetime.date(2024, 2, 28), datetime.date(2024, 3, 1), 0.01),  # counts the leap day: 2 days
        (datetime.date(2023, 2, 28), datetime.date(2023, 3, 1), 0.0),  # 1 day
        (datetime.date(2016, 3, 1), datetime.date(2026, 3, 1), 10.0),  # 3652 days
        (datetime.date(2026, 3, 29), datetime.date(2026, 3, 28), 0.0),  # a future install is age 0, not negative
    ],
)
def test_age_years_counts_days_across_leap_years(install, today, age):
    assert age_years(install, today) == age


def test_lifespan_used_pct():
    assert lifespan_used_pct(8.0, 12) == 66.7
    assert lifespan_used_pct(3.0, 0) == 0.0
