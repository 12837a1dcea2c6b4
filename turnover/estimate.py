"""The make-ready cost estimate of a turnover (spec 2.1: "estimates turnover costs based on tenant tenure and unit
history") and the default make-ready checklist. Pure: Decimal only, no Django, no clock.

One line per default checklist item, each with its reason, then (when the unit has history) one adjustment line,
so the total is always the sum of the lines. The rules (docs/decisions.md "Turnover foundations"):

- Size: the unit's square feet; unknown (0) -> estimated from bedrooms (550 + 300 per bedroom).
- Cleaning: $0.30 per sq ft, at least $150.
- Paint: years since the last full repaint, else the tenure (the walls are assumed painted at move-in). At least
  3 years (interior paint's life, units.useful_life) -> full repaint at $1.25 per sq ft, at least $800;
  otherwise touch-up at the checklist's $400.
- Carpet: its age, else the tenure (a lower bound). At or past its 10-year life -> replacement at $2.50 per sq ft;
  otherwise cleaning at $0.25 per sq ft, at least $150.
- Appliances, HVAC, re-key, plumbing, electrical: the checklist's flat amounts.
- History: with at least 2 past turnover costs of the unit (positive ones), the estimate is the average of the
  rules' total and the mean of those costs (half each), added as one "history adjustment" line (up or down).
Every amount is rounded half-up to the cent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from units.useful_life import CARPET, INTERIOR_PAINT, life_years

CENT = Decimal("0.01")

# Category keys (TurnoverChecklist.category) and the spec's default make-ready checklist, in its order.
CLEANING, PAINT, FLOORING, APPLIANCES, HVAC, SECURITY, PLUMBING, ELECTRICAL = (
    "cleaning",
    "paint",
    "flooring",
    "appliances",
    "hvac",
    "security",
    "plumbing",
    "electrical",
)
HISTORY = "history"


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    category: str
    item: str
    estimated_cost: Decimal


DEFAULT_CHECKLIST: tuple[ChecklistItem, ...] = (
    ChecklistItem(CLEANING, "Deep clean entire unit", Decimal("250.00")),
    ChecklistItem(PAINT, "Touch-up / full repaint walls", Decimal("400.00")),
    ChecklistItem(FLOORING, "Carpet clean or replacement", Decimal("300.00")),
    ChecklistItem(APPLIANCES, "Test and clean all appliances", Decimal("100.00")),
    ChecklistItem(HVAC, "Replace filters, test system", Decimal("75.00")),
    ChecklistItem(SECURITY, "Re-key locks", Decimal("85.00")),
    ChecklistItem(PLUMBING, "Check faucets, toilets, drains", Decimal("50.00")),
    ChecklistItem(ELECTRICAL, "Test outlets, switches, smoke detectors", Decimal("50.00")),
)
CATEGORY_LABELS = {
    CLEANING: "Cleaning",
    PAINT: "Paint",
    FLOORING: "Flooring",
    APPLIANCES: "Appliances",
    HVAC: "HVAC",
    SECURITY: "Security",
    PLUMBING: "Plumbing",
    ELECTRICAL: "Electrical",
}
_DEFAULTS = {item.category: item for item in DEFAULT_CHECKLIST}

# The rules' numbers.
SQFT_BASE, SQFT_PER_BEDROOM = 550, 300
CLEANING_PER_SQFT, CLEANING_MIN = Decimal("0.30"), Decimal("150.00")
REPAINT_AFTER_YEARS = life_years(INTERIOR_PAINT)  # 3
REPAINT_PER_SQFT, REPAINT_MIN = Decimal("1.25"), Decimal("800.00")
TOUCH_UP = _DEFAULTS[PAINT].estimated_cost
CARPET_LIFE_YEARS = life_years(CARPET)  # 10
CARPET_REPLACE_PER_SQFT = Decimal("2.50")
CARPET_CLEAN_PER_SQFT, CARPET_CLEAN_MIN = Decimal("0.25"), Decimal("150.00")
HISTORY_MIN_COSTS = 2
HISTORY_WEIGHT = Decimal("0.5")


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class EstimateLine:
    category: str
    item: str
    amount: Decimal
    reason: str


@dataclass(frozen=True, slots=True)
class Estimate:
    total: Decimal
    lines: tuple[EstimateLine, ...]
    rules_total: Decimal  # before the history adjustment
    square_feet: int  # the size the rules used (given or estimated from bedrooms)


def _years(value, what: str) -> Decimal:
    if isinstance(value, float | bool):
        raise TypeError(f"{what} must be a Decimal, an int or a string.")
    years = Decimal(value)
    if not years.is_finite() or years < 0:
        raise ValueError(f"{what} must be at least 0 years.")
    return years


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _usd(value: Decimal) -> str:
    return f"${value:,.2f}"


def _line(category: str, amount: Decimal, reason: str) -> EstimateLine:
    return EstimateLine(category=category, item=_DEFAULTS[category].item, amount=cents(amount), reason=reason)


def make_ready_estimate(
    *,
    tenure_years,
    square_feet: int,
    bedrooms: int,
    years_since_repaint=None,
    carpet_age_years=None,
    past_turnover_costs: Sequence = (),
) -> Estimate:
    """The make-ready estimate of a unit whose tenant of `tenure_years` is leaving (see the module's rules)."""
    tenure = _years(tenure_years, "The tenure")
    if isinstance(square_feet, bool) or not isinstance(square_feet, int) or square_feet < 0:
        raise ValueError("The square feet must be a whole number of at least 0.")
    if isinstance(bedrooms, bool) or not isinstance(bedrooms, int) or bedrooms < 0:
        raise ValueError("The bedrooms must be a whole number of at least 0.")
    lines: list[EstimateLine] = []

    if square_feet:
        sqft, size_note = square_feet, f"{square_feet:,} sq ft"
    else:
        sqft = SQFT_BASE + SQFT_PER_BEDROOM * bedrooms
        size_note = f"{sqft:,} sq ft estimated from {bedrooms} bedroom{'' if bedrooms == 1 else 's'}"
    size = Decimal(sqft)

    by_size = size * CLEANING_PER_SQFT
    if by_size >= CLEANING_MIN:
        lines.append(_line(CLEANING, by_size, f"{_usd(CLEANING_PER_SQFT)}/sq ft for {size_note}."))
    else:
        lines.append(_line(CLEANING, CLEANING_MIN, f"Minimum {_usd(CLEANING_MIN)} ({size_note})."))

    if years_since_repaint is None:
        paint_age, paint_source = tenure, "the tenure; last repaint not on file"
    else:
        paint_age, paint_source = (
            _years(years_since_repaint, "The years since the last repaint"),
            "from the last repaint",
        )
    if paint_age >= REPAINT_AFTER_YEARS:
        amount = max(size * REPAINT_PER_SQFT, REPAINT_MIN)
        lines.append(
            _line(
                PAINT,
                amount,
                f"Full repaint: walls {_fmt(paint_age)} years old ({paint_source}), "
                f"{_fmt(REPAINT_AFTER_YEARS)} or more; {_usd(REPAINT_PER_SQFT)}/sq ft, "
                f"at least {_usd(REPAINT_MIN)} ({size_note}).",
            )
        )
    else:
        lines.append(
            _line(
                PAINT,
                TOUCH_UP,
                f"Touch-up: walls {_fmt(paint_age)} years old ({paint_source}), under {_fmt(REPAINT_AFTER_YEARS)}.",
            )
        )

    if carpet_age_years is None:
        carpet_age, carpet_source = tenure, "the tenure; carpet age not on file"
    else:
        carpet_age, carpet_source = _years(carpet_age_years, "The carpet's age"), "its recorded age"
    if carpet_age >= CARPET_LIFE_YEARS:
        lines.append(
            _line(
                FLOORING,
                size * CARPET_REPLACE_PER_SQFT,
                f"Replace carpet: {_fmt(carpet_age)} years old ({carpet_source}), at or past its "
                f"{_fmt(CARPET_LIFE_YEARS)}-year life; {_usd(CARPET_REPLACE_PER_SQFT)}/sq ft ({size_note}).",
            )
        )
    else:
        amount = max(size * CARPET_CLEAN_PER_SQFT, CARPET_CLEAN_MIN)
        lines.append(
            _line(
                FLOORING,
                amount,
                f"Clean carpet: {_fmt(carpet_age)} years old ({carpet_source}), within its "
                f"{_fmt(CARPET_LIFE_YEARS)}-year life; {_usd(CARPET_CLEAN_PER_SQFT)}/sq ft, "
                f"at least {_usd(CARPET_CLEAN_MIN)}.",
            )
        )

    for category in (APPLIANCES, HVAC, SECURITY, PLUMBING, ELECTRICAL):
        lines.append(_line(category, _DEFAULTS[category].estimated_cost, "Checklist flat amount."))

    rules_total = sum((line.amount for line in lines), Decimal("0.00"))
    past = [cents(_past_cost(c)) for c in past_turnover_costs]
    past = [c for c in past if c > 0]
    total = rules_total
    if len(past) >= HISTORY_MIN_COSTS:
        mean = cents(sum(past, Decimal("0.00")) / len(past))
        total = cents(rules_total * (1 - HISTORY_WEIGHT) + mean * HISTORY_WEIGHT)
        lines.append(
            EstimateLine(
                category=HISTORY,
                item="Unit history adjustment",
                amount=total - rules_total,
                reason=(
                    f"Half the rules' {_usd(rules_total)}, half the unit's average of {_usd(mean)} "
                    f"over {len(past)} past turnovers."
                ),
            )
        )
    return Estimate(total=total, lines=tuple(lines), rules_total=rules_total, square_feet=sqft)


def _past_cost(value) -> Decimal:
    if isinstance(value, float | bool):
        raise TypeError("A past turnover cost must be a Decimal, an int or a string.")
    cost = Decimal(value)
    if not cost.is_finite() or cost < 0:
        raise ValueError("A past turnover cost must be at least 0.")
    return cost
