"""How long the things in a unit are expected to last, in years: the life table the deposit disposition prorates
replacement charges by (turnover.deposit). Pure data, no Django.

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
from decimal import Decimal


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
