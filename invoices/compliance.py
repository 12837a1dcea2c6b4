"""A vendor's paperwork as a manager reads it (pure: dates in, states out).

Insurance and license each are "active", "expiring" (lapses within EXPIRING_WITHIN_DAYS: spec 5.4 alerts 30
days before a vendor's insurance lapses), "expired" (the date has passed) or "missing" (no date on file). A
document that lapses today is still valid today: expiring, 0 days left.
"""

from __future__ import annotations

import datetime

EXPIRING_WITHIN_DAYS = 30

ACTIVE, EXPIRING, EXPIRED, MISSING = "active", "expiring", "expired", "missing"
STATES = (ACTIVE, EXPIRING, EXPIRED, MISSING)
# The vendor's overall state is its worst document: an expired one first, then a missing one, then one that
# is about to lapse.
_SEVERITY = {ACTIVE: 0, EXPIRING: 1, MISSING: 2, EXPIRED: 3}


def document_state(expiry: datetime.date | None, today: datetime.date) -> str:
    if expiry is None:
        return MISSING
    days = (expiry - today).days
    if days < 0:
        return EXPIRED
    return EXPIRING if days <= EXPIRING_WITHIN_DAYS else ACTIVE


def vendor_compliance(
    *, insurance_expiry: datetime.date | None, license_expiry: datetime.date | None, today: datetime.date
) -> dict:
    """{state, insurance, license, insurance_days_left, license_days_left, days_to_expiry} where
    `days_to_expiry` counts to the earlier of the two dates on file (negative once it has passed; None when
    neither is on file)."""
    insurance = document_state(insurance_expiry, today)
    license_ = document_state(license_expiry, today)
    insurance_days = (insurance_expiry - today).days if insurance_expiry else None
    license_days = (license_expiry - today).days if license_expiry else None
    known = [d for d in (insurance_days, license_days) if d is not None]
    return {
        "state": max((insurance, license_), key=_SEVERITY.__getitem__),
        "insurance": insurance,
        "license": license_,
        "insurance_days_left": insurance_days,
        "license_days_left": license_days,
        "days_to_expiry": min(known) if known else None,
    }


def expiring_window(today: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The expiry dates that count as "expiring" on `today` (inclusive), for filtering in SQL."""
    return today, today + datetime.timedelta(days=EXPIRING_WITHIN_DAYS)
