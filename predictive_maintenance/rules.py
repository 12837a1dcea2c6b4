"""An equipment record's warranty and age as a manager reads them (pure: dates in, facts out; no ORM, no clock).

- Warranty: "active" (more than EXPIRING_WITHIN_DAYS left), "expiring" (0 to 60 days left: a warranty that
  ends today still covers today), "expired" (the date has passed), "none" (no warranty date on file).
- Age: days since install / 365.25, rounded to 2 places (never below 0). The SQL of
  `predictive_maintenance.services.equipment_ages_recompute` computes the same number set-based; a test keeps
  them equal (across 29 February too).
"""

from __future__ import annotations

import datetime

EXPIRING_WITHIN_DAYS = 60
DAYS_PER_YEAR = 365.25
AGE_DECIMALS = 2

ACTIVE, EXPIRING, EXPIRED, NONE = "active", "expiring", "expired", "none"
WARRANTY_STATES = (ACTIVE, EXPIRING, EXPIRED, NONE)

# Bounds of the register's inputs (equipment services).
MAX_AGE_YEARS = 80  # an install date further back is a typo
MAX_WARRANTY_YEARS = 50  # a roof's warranty may run 30 years; 50 past the install date is a typo
LIFESPAN_RANGE = (1, 100)


def warranty_days_left(expiration: datetime.date | None, today: datetime.date) -> int | None:
    return None if expiration is None else (expiration - today).days


def warranty_state(expiration: datetime.date | None, today: datetime.date) -> str:
    days = warranty_days_left(expiration, today)
    if days is None:
        return NONE
    if days < 0:
        return EXPIRED
    return EXPIRING if days <= EXPIRING_WITHIN_DAYS else ACTIVE


def warranty_window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The expiration dates that count as "expiring" on `today` (inclusive), for filtering in SQL."""
    return today, today + datetime.timedelta(days=EXPIRING_WITHIN_DAYS)


def age_years(install_date: datetime.date, today: datetime.date) -> float:
    return round(max((today - install_date).days, 0) / DAYS_PER_YEAR, AGE_DECIMALS)


def lifespan_used_pct(age: float, expected_lifespan_years: int | None) -> float:
    return round(100.0 * age / expected_lifespan_years, 1) if expected_lifespan_years else 0.0
