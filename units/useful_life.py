"""How long the things in a unit are expected to last, in years, and what replacing one may charge a tenant
(prorated by the life left): the deposit disposition (turnover.deposit) and the repair-cost responsibility engine
(responsibility.rules) both charge by it, so it lives here, below both (moved from turnover.useful_life). Pure, no
Django.

A policy, not a statute: no state the demo seeds requires depreciation (docs/decisions.md "Deposit law"), and
charging by remaining life is never less favourable to the tenant than the statutes. Where the lives property
managers commonly quote form a range, the table takes the SHORT end (a shorter life leaves less remaining value,
so the tenant is charged less): interior paint 3 years (of 3–5), carpet 10 (the make-ready estimate's carpet life
too). IRS Publication 527's 5-year MACRS class for appliances and carpeting is a tax recovery period, not a
physical life, and is not used. Changing a number here changes future charges only: a deduction keeps the life it
was computed with.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal


@dataclass(frozen=True, slots=True)
class UsefulLife:
    key: str
    label: str
    years: Decimal


CARPET = "carpet"
INTERIOR_PAINT = "interior_paint"

LIFE_TABLE: dict[str, UsefulLife] = {
    life.key: life
    for life in (
        UsefulLife(CARPET, "Carpet", Decimal(10)),
        UsefulLife(INTERIOR_PAINT, "Interior paint", Decimal(3)),
        UsefulLife("vinyl_flooring", "Vinyl / LVP flooring", Decimal(10)),
        UsefulLife("hardwood_floor_finish", "Hardwood floor refinish", Decimal(10)),
        UsefulLife("blinds", "Window blinds", Decimal(5)),
        UsefulLife("drapes", "Drapes / curtains", Decimal(5)),
        UsefulLife("refrigerator", "Refrigerator", Decimal(10)),
        UsefulLife("range", "Range / oven", Decimal(15)),
        UsefulLife("dishwasher", "Dishwasher", Decimal(9)),
        UsefulLife("microwave", "Microwave", Decimal(7)),
        UsefulLife("washer", "Clothes washer", Decimal(10)),
        UsefulLife("dryer", "Clothes dryer", Decimal(10)),
        UsefulLife("garbage_disposal", "Garbage disposal", Decimal(10)),
        UsefulLife("water_heater", "Water heater", Decimal(10)),
        UsefulLife("light_fixture", "Light fixture", Decimal(10)),
        UsefulLife("faucet", "Faucet", Decimal(15)),
        UsefulLife("interior_door", "Interior door", Decimal(20)),
        UsefulLife("window_screen", "Window screen", Decimal(10)),
        UsefulLife("countertop_laminate", "Laminate countertop", Decimal(15)),
    )
}

# For a model field's choices: [(key, label), ...] in table order.
LIFE_CHOICES: list[tuple[str, str]] = [(life.key, life.label) for life in LIFE_TABLE.values()]


def life_years(key: str) -> Decimal:
    """The item's useful life in years; ValueError for an item the table does not know."""
    try:
        return LIFE_TABLE[key].years
    except KeyError:
        raise ValueError(f"No useful life on file for '{key}'.") from None


# --- depreciation: what replacing an item may charge -------------------------------------------------------

CENT = Decimal("0.01")


def cents(value: Decimal) -> Decimal:
    """Rounded half-up to the cent (0.005 -> 0.01, never banker's rounding)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def checked_amount(value, what: str) -> Decimal:
    if isinstance(value, float | bool):
        raise TypeError(f"{what} must be a Decimal, an int or a string, not {type(value).__name__}.")
    amount = Decimal(value)
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"{what} must be a finite amount of at least 0.")
    return amount


def remaining_life_fraction(*, age_years: Decimal, life_years: Decimal) -> Decimal:
    """The share of the item's life left: (life - age) / life, between 0 and 1 (unrounded)."""
    age, life = Decimal(age_years), Decimal(life_years)
    if not age.is_finite() or age < 0:
        raise ValueError("An item's age must be at least 0 years.")
    if not life.is_finite() or life <= 0:
        raise ValueError("An item's useful life must be more than 0 years.")
    if age >= life:
        return Decimal(0)
    return (life - age) / life


def depreciated_amount(amount, *, age_years: Decimal, life_years: Decimal) -> Decimal:
    """What replacing the item may charge: `amount` prorated by the life left, rounded half-up to the cent."""
    return cents(
        checked_amount(amount, "The amount") * remaining_life_fraction(age_years=age_years, life_years=life_years)
    )
