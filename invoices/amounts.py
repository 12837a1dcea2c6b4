"""An invoice's amounts, computed (pure: Decimal only, no floats, no Django).

A line's amount is quantity x unit price rounded half-up to the cent; the subtotal is the sum of the line
amounts; the total is subtotal + tax. The client's arithmetic is never trusted: the server computes these.
Bounds keep a typo from becoming a payment: quantities above 0 and at most 10,000, unit prices from 0 to
1,000,000, tax from 0 to 1,000,000, a total of at most 10,000,000, and 1 to 200 lines.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
QUANTITY_MIN = Decimal("0.01")
QUANTITY_MAX = Decimal("10000")
UNIT_PRICE_MAX = Decimal("1000000")
TAX_MAX = Decimal("1000000")
TOTAL_MAX = Decimal("10000000")
LINES_MIN, LINES_MAX = 1, 200


def cents(value: Decimal) -> Decimal:
    """Rounded half-up to the cent (2.675 -> 2.68, never banker's rounding)."""
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def line_amount(quantity: Decimal, unit_price: Decimal) -> Decimal:
    return cents(quantity * unit_price)


@dataclass(frozen=True, slots=True)
class Totals:
    amounts: tuple[Decimal, ...]  # one per line, in order
    subtotal: Decimal
    tax: Decimal
    total: Decimal


def invoice_totals(lines: Iterable[tuple[Decimal, Decimal]], tax: Decimal) -> Totals:
    """`lines` as (quantity, unit_price) pairs."""
    amounts = tuple(line_amount(q, p) for q, p in lines)
    subtotal = sum(amounts, Decimal("0.00"))
    tax = cents(tax)
    return Totals(amounts=amounts, subtotal=subtotal, tax=tax, total=subtotal + tax)


def line_problem(quantity: Decimal, unit_price: Decimal) -> str | None:
    """Why a line's numbers are refused, else None."""
    if not quantity.is_finite() or quantity < QUANTITY_MIN or quantity > QUANTITY_MAX:
        return f"The quantity must be more than 0 and at most {QUANTITY_MAX:,.0f}."
    if quantity != quantity.quantize(CENT):
        return "The quantity can have at most 2 decimal places."
    if not unit_price.is_finite() or unit_price < 0 or unit_price > UNIT_PRICE_MAX:
        return f"The unit price must be from 0.00 to {UNIT_PRICE_MAX:,.2f}."
    if unit_price != unit_price.quantize(CENT):
        return "The unit price can have at most 2 decimal places."
    return None


def totals_problem(totals: Totals) -> str | None:
    """Why the invoice's totals are refused (count of lines, the tax, the total's ceiling), else None."""
    n = len(totals.amounts)
    if n < LINES_MIN:
        return "An invoice needs at least one line item."
    if n > LINES_MAX:
        return f"An invoice can have at most {LINES_MAX} line items (got {n})."
    if totals.tax < 0 or totals.tax > TAX_MAX:
        return f"The tax must be from 0.00 to {TAX_MAX:,.2f}."
    if totals.total > TOTAL_MAX:
        return f"The invoice total of ${totals.total:,.2f} is above the ${TOTAL_MAX:,.2f} limit; check the lines."
    return None
