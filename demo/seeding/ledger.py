"""A year of rent: charges, payments (on time, late, partial), late fees, and the ~4% currently overdue.

Everything is relative to `today`: the twelve months end with the current one, and a late payment that would
land after `today` is paid on time instead. So shares move a little with the day of the month;
demo/tests/margins.py holds the bounds that stay true on every date of the year.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import random
import uuid
from dataclasses import dataclass
from decimal import Decimal

from demo.seeding.common import _DAYS, SeedRandom, _money, _top_k, add_months
from demo.seeding.portfolio import LeaseFacts, PortfolioPlan

OVERDUE_SHARE = 0.04  # of occupied (non-vacant) leases
LATE_FEE_GRACE_DAYS = 5


PROFILES = ("good", "standard", "repeat", "chronic")  # collections 1.3: 0-1 / 2 / 3-5 / 6+ late in 12 months
PROFILE_WEIGHTS = (82, 8, 6, 4)
PROFILE_OVERDUE_WEIGHT = {"good": 0.3, "standard": 2.0, "repeat": 3.0, "chronic": 6.0}
PAYMENT_METHODS = (("ACH", "ACH"), ("Card", "CRD"), ("Check", "CHK"), ("Money order", "MO"))


@dataclass(slots=True)
class HistoryPlan:
    profiles: list[str]
    overdue: set[int]


def plan_history(rng: random.Random, plan: PortfolioPlan) -> HistoryPlan:
    profiles = rng.choices(PROFILES, weights=PROFILE_WEIGHTS, k=len(plan.states))
    occupied = [g for g, s in enumerate(plan.states) if s != "vacant"]
    n = int(len(occupied) * OVERDUE_SHARE + 0.5)
    overdue = _top_k(rng, occupied, lambda g: PROFILE_OVERDUE_WEIGHT[profiles[g]], n)
    return HistoryPlan(profiles=profiles, overdue=overdue)


def _late_count(rng: random.Random, profile: str) -> int:
    if profile == "good":
        return 1 if rng.random() < 0.06 else 0
    if profile == "standard":
        return 2
    if profile == "repeat":
        return rng.randint(3, 5)
    return rng.randint(6, 10)


LATE_DAYS = {"good": (1, 6), "standard": (1, 10), "repeat": (2, 15), "chronic": (3, 20)}


@functools.lru_cache(maxsize=64)
def _months(last_month: datetime.date) -> tuple[tuple[datetime.date, str, str], ...]:
    """The twelve firsts-of-month ending at `last_month`, with their rent and late-fee descriptions."""
    out = []
    for k in range(-11, 1):
        m = add_months(last_month, k)
        out.append((m, f"Rent - {m:%b %Y}", f"Late fee - {m:%b %Y}"))
    return tuple(out)


def _ledger(
    rng: SeedRandom, f: LeaseFacts, profile: str, overdue: bool, late_fee: int, today: datetime.date
) -> list[dict]:
    """Twelve months of rent charges with their payments (up to the move-out for vacant leases).

    Hot path (2M+ rows at 100k leases): Decimal amounts are made once per lease, rows are plain dicts.
    """
    mi = f.move_in
    rent, prior = _money(f.rent), (_money(f.prior_rent) if f.prior_rent else None)
    charges: list[tuple[datetime.date, Decimal, str, str]] = []  # (date, amount, description, fee description)
    for month, desc, fee_desc in _months((f.move_out or today).replace(day=1)):
        amount = prior if (prior is not None and month < f.begin) else rent
        if month >= mi:
            charges.append((month, amount, desc, fee_desc))
        elif (mi.year, mi.month) == (month.year, month.month):  # moved in mid-month: prorated
            days = calendar.monthrange(month.year, month.month)[1]
            cents = int(amount * 100) * (days - mi.day + 1) // days
            charges.append((mi, _money(cents), f"Rent (prorated) - {month:%b %Y}", fee_desc))

    unpaid: set[int] = set()
    if overdue:
        due = [i for i, c in enumerate(charges) if c[0] < today]
        k = rng.choices((1, 2, 3), cum_weights=(65, 90, 100))[0]
        unpaid = set(due[-k:]) | {i for i, c in enumerate(charges) if c[0] >= today}
    paid = [i for i in range(len(charges)) if i not in unpaid]
    late = set(rng.sample(paid, min(_late_count(rng, profile), len(paid))))
    method, prefix = rng.choices(PAYMENT_METHODS, cum_weights=(60, 85, 95, 100))[0]
    pay_desc = f"Payment - {method}"
    late_lo, late_span = LATE_DAYS[profile][0], LATE_DAYS[profile][1] - LATE_DAYS[profile][0] + 1
    fee = _money(late_fee)
    grace = _DAYS[LATE_FEE_GRACE_DAYS]
    tenant_id, lease_id, uuid4 = f.tenant_id, f.lease_id, rng.uuid
    rows: list[dict] = []

    def charge(code, desc, d, due_date, amount) -> uuid.UUID:
        row_id = uuid4()
        rows.append(
            {
                "id": row_id,
                "tenant_id": tenant_id,
                "lease_id": lease_id,
                "trans_type": "Charge",
                "charge_code": code,
                "description": desc,
                "trans_date": d,
                "due_date": due_date,
                "amount": amount,
            }
        )
        return row_id

    def payment(charge_id, due_date, d, amount) -> None:
        rows.append(
            {
                "id": uuid4(),
                "tenant_id": tenant_id,
                "lease_id": lease_id,
                "trans_type": "Payment",
                "charge_code": "rent",
                "description": pay_desc,
                "trans_date": d,
                "due_date": due_date,
                "amount": amount,
                "applies_to_id": charge_id,
                "reference": f"{prefix}-{100_000_000 + rng.getrandbits(29)}",
            }
        )

    charge_ids = []
    for i, (d, amount, desc, fee_desc) in enumerate(charges):
        charge_id = charge("rent", desc, d, d, amount)
        charge_ids.append(charge_id)
        if i in unpaid:
            if today > d + grace and rng.random() < 0.8:
                charge("late_fee", fee_desc, d + grace, d + grace, fee)
            continue
        pay_date, days_late = None, 0
        if i in late:
            days_late = late_lo + int(rng.random() * late_span)
            pay_date = d + _DAYS[days_late]
            if pay_date > today:  # would be in the future: this one was paid on time
                pay_date, days_late = None, 0
        if pay_date is None:
            pay_date = max(d - _DAYS[int(rng.random() * 5)], mi)  # on or up to 4 days before the 1st
        payment(charge_id, d, pay_date, amount)
        if days_late > LATE_FEE_GRACE_DAYS and rng.random() < 0.75:
            fee_id = charge("late_fee", fee_desc, d + grace, d + grace, fee)
            payment(fee_id, d + grace, pay_date, fee)

    if overdue and unpaid and rng.random() < 0.35:  # a partial payment on the oldest unpaid rent
        i = min(unpaid)
        d, amount = charges[i][0], charges[i][1]
        if d < today:
            part = max(100, int(amount * 100 * Decimal(rng.uniform(0.25, 0.75))) // 100 * 100)
            when = d + _DAYS[rng.randint(1, min(20, (today - d).days))]
            payment(charge_ids[i], d, when, _money(part))
    if f.state == "vacant" and rng.random() < 0.1:  # left owing a little after the deposit
        mo = f.move_out
        charge(
            "damage",
            rng.choice(("Carpet replacement beyond deposit", "Cleaning beyond deposit", "Damaged blinds and screens")),
            mo,
            mo + _DAYS[14],
            _money(rng.randint(17, 90) * 500),
        )
    return rows
