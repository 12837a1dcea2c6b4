"""Shared input fields and checks: every money and date the API accepts goes through these.

- `MoneyField`: a Decimal with 2 places; refuses exponent notation ("1e5"), NaN/Infinity, more than 2
  decimals, and values outside [min_value (0.01 by default), MONEY_INPUT_MAX].
- `SaneDateField` / `SaneDateTimeField`: ISO dates within [DATE_INPUT_MIN, today + DATE_INPUT_MAX_YEARS_AHEAD
  years] (2000-01-01 .. today+10y by default) — a year-798 move-out date is a typo, not a lease event.
- `date_in_window(value, label)` for services and `amount_within_ratio(...)` for relative bounds (an approved
  rent between RENT_CHANGE_MIN_RATIO and RENT_CHANGE_MAX_RATIO of the current rent, 50%-200% by default).
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.utils import timezone
from rest_framework import serializers

from core.exceptions import ApplicationError

CENT = Decimal("0.01")
EXPONENT_RE = re.compile(r"^[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+$")


def money_max() -> Decimal:
    return Decimal(str(getattr(settings, "MONEY_INPUT_MAX", "1000000.00")))


def date_window(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    today = today or timezone.localdate()
    low = datetime.date.fromisoformat(str(getattr(settings, "DATE_INPUT_MIN", "2000-01-01")))
    years = int(getattr(settings, "DATE_INPUT_MAX_YEARS_AHEAD", 10))
    try:
        high = today.replace(year=today.year + years)
    except ValueError:  # 29 February
        high = today.replace(year=today.year + years, day=28)
    return low, high


def date_window_error(value: datetime.date, label: str = "The date") -> str | None:
    low, high = date_window()
    if value < low or value > high:
        return f"{label} must be between {low:%Y-%m-%d} and {high:%Y-%m-%d} (got {value:%Y-%m-%d})."
    return None


def date_in_window(value: datetime.date | None, label: str = "The date", *, field: str | None = None) -> None:
    """Raises ApplicationError (400) when a date a service received is outside the accepted window."""
    if value is None:
        return
    if isinstance(value, datetime.datetime):
        value = value.date()
    message = date_window_error(value, label)
    if message:
        raise ApplicationError(message, extra={"field": field} if field else None)


def parse_money(
    value, *, label: str = "The amount", min_value: Decimal | None = CENT, max_value: Decimal | None = None
) -> Decimal:
    """A plain decimal amount ("1850", "1850.50", 1850.5, "$1,850.50"); ApplicationError (400) otherwise."""
    if isinstance(value, bool) or value is None:
        raise ApplicationError(f"{label} must be a number, e.g. 1850.00.")
    text = str(value).strip().replace(",", "").lstrip("$")
    if EXPONENT_RE.match(text):
        raise ApplicationError(f"{label} must be written out in full (e.g. 1850.00), not in exponent notation.")
    try:
        amount = Decimal(text)
    except (InvalidOperation, ValueError):
        raise ApplicationError(f"{label} must be a number, e.g. 1850.00.")
    if not amount.is_finite():
        raise ApplicationError(f"{label} must be a number, e.g. 1850.00.")
    if amount != amount.quantize(CENT):
        raise ApplicationError(f"{label} can have at most 2 decimal places.")
    if min_value is not None and amount < min_value:
        raise ApplicationError(_below_minimum_message(label, min_value))
    top = max_value if max_value is not None else money_max()
    if amount > top:
        raise ApplicationError(f"{label} must be at most {top:,.2f}.")
    return amount.quantize(CENT)


def _below_minimum_message(label: str, min_value: Decimal) -> str:
    if min_value == 0:
        return f"{label} cannot be negative."
    if min_value == CENT:
        return f"{label} must be greater than zero."
    return f"{label} must be at least {min_value:,.2f}."


def amount_within_ratio(
    amount: Decimal,
    reference: Decimal | None,
    *,
    label: str,
    reference_label: str,
    low: Decimal | None = None,
    high: Decimal | None = None,
) -> None:
    """`amount` must lie within [low x reference, high x reference] (RENT_CHANGE_*_RATIO by default)."""
    if reference is None or reference <= 0:
        return
    low = low if low is not None else Decimal(str(getattr(settings, "RENT_CHANGE_MIN_RATIO", "0.5")))
    high = high if high is not None else Decimal(str(getattr(settings, "RENT_CHANGE_MAX_RATIO", "2.0")))
    lo, hi = (reference * low).quantize(CENT), (reference * high).quantize(CENT)
    if amount < lo or amount > hi:
        raise ApplicationError(
            f"{label} of ${amount:,.2f} is outside {low:.0%} to {high:.0%} of the {reference_label} "
            f"(${reference:,.2f}): enter an amount between ${lo:,.2f} and ${hi:,.2f}.",
            extra={"field": "approved_rent", "min": f"{lo:.2f}", "max": f"{hi:.2f}"},
        )


class MoneyField(serializers.DecimalField):
    """An amount of money: 2 decimal places, no exponent notation, NaN or Infinity, within bounds."""

    default_error_messages = {
        "exponent": "Write the amount out in full (e.g. 1850.00), not in exponent notation.",
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 12)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("min_value", CENT)
        kwargs.setdefault("max_value", money_max())
        kwargs.setdefault("coerce_to_string", False)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, bool):
            self.fail("invalid")
        if isinstance(data, str) and EXPONENT_RE.match(data.strip()):
            self.fail("exponent")
        if isinstance(data, float) and "e" in repr(data).lower():
            self.fail("exponent")
        return super().to_internal_value(data)


class _WindowMixin:
    def _check_window(self, value: datetime.date) -> None:
        message = date_window_error(value, "Date")
        if message:
            raise serializers.ValidationError(message)


class SaneDateField(_WindowMixin, serializers.DateField):
    """An ISO date (YYYY-MM-DD) within DATE_INPUT_MIN .. today + DATE_INPUT_MAX_YEARS_AHEAD years."""

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m-%d"])
        super().__init__(**kwargs)

    def to_internal_value(self, value):
        parsed = super().to_internal_value(value)
        self._check_window(parsed)
        return parsed


class SaneDateTimeField(_WindowMixin, serializers.DateTimeField):
    """An ISO date-time whose date lies within the same window as SaneDateField."""

    def to_internal_value(self, value):
        parsed = super().to_internal_value(value)
        self._check_window(timezone.localdate(parsed) if timezone.is_aware(parsed) else parsed.date())
        return parsed
