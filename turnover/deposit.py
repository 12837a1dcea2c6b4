"""Deposit disposition (spec 2.1 "Deposit Deduction Calculation"), exact to the cent. Pure: Decimal only, no
floats, no Django, no clock.

    refund_amount = security_deposit - sum(approved deductions)   (spec)

with two refinements written down in docs/decisions.md ("Turnover foundations"):

- A replacement of an item with a useful life (units.useful_life) is charged only for the life it had left:
  chargeable = amount x (life - age) / life. An 8-year-old carpet with a 10-year life: 20% of the replacement
  cost; an item exactly at or past its life: 0; never negative; a new item (age 0): the whole amount. Repairs,
  cleaning and anything without a life item are charged in full.
- Each line's chargeable amount is rounded half-up to the cent; totals are sums of the rounded lines (so the
  itemized statement adds up). Unapproved lines are shown but not charged. A refund below zero is 0, and the
  difference is `balance_owed` (the tenant owes it).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from units.useful_life import cents, life_years, remaining_life_fraction
from units.useful_life import checked_amount as _money

ZERO = Decimal("0.00")
ONE = Decimal(1)


@dataclass(frozen=True, slots=True)
class Deduction:
    """One line of the itemized statement, as entered. `life_item` (a key of units.useful_life.LIFE_TABLE) and
    `age_years` go together: a replacement of something with a useful life, and how old it was; `life_years`, when
    given, is the life recorded on the deduction (TurnoverDeduction.useful_life_years), else the table's."""

    category: str
    amount: Decimal
    approved: bool = False
    description: str = ""
    life_item: str | None = None
    age_years: Decimal | None = None
    life_years: Decimal | None = None


@dataclass(frozen=True, slots=True)
class DeductionLine:
    deduction: Deduction
    life_years: Decimal | None  # None: no depreciation (charged in full)
    remaining_fraction: Decimal  # 1 when charged in full
    chargeable: Decimal  # after depreciation, rounded to the cent (whether approved or not)
    charged: Decimal  # chargeable when approved, else 0.00
    reason: str


@dataclass(frozen=True, slots=True)
class Disposition:
    security_deposit: Decimal
    lines: tuple[DeductionLine, ...]
    total_deductions: Decimal  # sum of the approved lines' chargeable amounts
    refund_amount: Decimal  # never negative
    balance_owed: Decimal  # what the tenant owes beyond the deposit; 0 when the deposit covers it


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")


def deduction_line(deduction: Deduction) -> DeductionLine:
    amount = _money(deduction.amount, "A deduction's amount")
    has_item, has_age = bool(deduction.life_item), deduction.age_years is not None  # "" is no item (the model's)
    if has_item != has_age:
        raise ValueError("A replacement with a useful life needs both the item and its age.")
    if not has_item:
        life, fraction, chargeable = None, ONE, cents(amount)
        reason = "Charged in full (no useful-life item)."
    else:
        life = life_years(deduction.life_item) if deduction.life_years is None else Decimal(deduction.life_years)
        fraction = remaining_life_fraction(age_years=deduction.age_years, life_years=life)
        chargeable = cents(amount * fraction)
        age = Decimal(deduction.age_years)
        if fraction == 0:
            reason = f"Item {_fmt(age)} years old, at or past its {_fmt(life)}-year life: nothing chargeable."
        else:
            reason = (
                f"Item {_fmt(age)} years old of a {_fmt(life)}-year life: "
                f"{_fmt(life - age)}/{_fmt(life)} of the cost chargeable."
            )
    if not deduction.approved:
        reason += " Not approved: not charged."
    return DeductionLine(
        deduction=deduction,
        life_years=life,
        remaining_fraction=fraction,
        chargeable=chargeable,
        charged=chargeable if deduction.approved else ZERO,
        reason=reason,
    )


def deposit_disposition(*, security_deposit, deductions: Iterable[Deduction]) -> Disposition:
    """The refund (or the balance owed) of `security_deposit` after the approved `deductions`."""
    deposit = cents(_money(security_deposit, "The security deposit"))
    lines = tuple(deduction_line(d) for d in deductions)
    total = sum((line.charged for line in lines), ZERO)
    difference = deposit - total
    return Disposition(
        security_deposit=deposit,
        lines=lines,
        total_deductions=total,
        refund_amount=max(difference, ZERO),
        balance_owed=max(-difference, ZERO),
    )
