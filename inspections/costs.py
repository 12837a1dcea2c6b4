"""The spec's cost estimation reference (3.1 "Cost Estimation Reference") and what a damage item becomes on the
turnover case. Pure: Decimal only, no Django.

A reviewer's item without a cost gets the midpoint of its category x severity range (wall damage, moderate:
$75-200 -> $137.50). "other" has no row in the table: its cost must be given.
"""

from __future__ import annotations

from decimal import Decimal

# category -> severity -> (low, high), USD (spec 3.1)
COST_TABLE: dict[str, dict[str, tuple[Decimal, Decimal]]] = {
    "wall_damage": {
        "minor": (Decimal(25), Decimal(75)),
        "moderate": (Decimal(75), Decimal(200)),
        "severe": (Decimal(200), Decimal(500)),
    },
    "floor_damage": {
        "minor": (Decimal(50), Decimal(150)),
        "moderate": (Decimal(150), Decimal(400)),
        "severe": (Decimal(400), Decimal(1200)),
    },
    "fixture_damage": {
        "minor": (Decimal(30), Decimal(100)),
        "moderate": (Decimal(100), Decimal(300)),
        "severe": (Decimal(300), Decimal(800)),
    },
    "appliance_damage": {
        "minor": (Decimal(50), Decimal(150)),
        "moderate": (Decimal(150), Decimal(500)),
        "severe": (Decimal(500), Decimal(2000)),
    },
    "cleaning_needed": {
        "minor": (Decimal(100), Decimal(200)),
        "moderate": (Decimal(200), Decimal(400)),
        "severe": (Decimal(400), Decimal(800)),
    },
}

CATEGORIES = ("wall_damage", "floor_damage", "fixture_damage", "appliance_damage", "cleaning_needed", "other")
SEVERITIES = ("minor", "moderate", "severe")

# An inspection category -> the turnover deduction's category (turnover.models.TurnoverDeduction.Category).
DEDUCTION_CATEGORY = {
    "wall_damage": "wall_damage",
    "floor_damage": "flooring",
    "fixture_damage": "other",
    "appliance_damage": "appliance_repair",
    "cleaning_needed": "cleaning",
    "other": "other",
}


def cost_range(category: str, severity: str) -> tuple[Decimal, Decimal] | None:
    """The table's (low, high) for the category and severity; None for "other" (no row)."""
    if severity not in SEVERITIES:
        raise ValueError(f"Unknown severity '{severity}'.")
    if category not in CATEGORIES:
        raise ValueError(f"Unknown category '{category}'.")
    return COST_TABLE.get(category, {}).get(severity)


def default_cost(category: str, severity: str) -> Decimal | None:
    """The midpoint of the range, to the cent; None where the table has no row."""
    found = cost_range(category, severity)
    if found is None:
        return None
    low, high = found
    return ((low + high) / 2).quantize(Decimal("0.01"))


def deduction_category(category: str, *, life_item: str = "") -> str:
    """The turnover deduction category: a carpet replacement is "carpet", else by the table above."""
    if life_item == "carpet":
        return "carpet"
    if life_item == "interior_paint":
        return "paint"
    return DEDUCTION_CATEGORY.get(category, "other")
