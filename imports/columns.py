"""The documented columns of each import kind, and the strict parsers behind them.

A parser takes the cell's text (stripped) and returns the value or raises `CellError(message)`. Empty cells
are `None` before the parser runs: a required column refuses them, an optional one takes its default.

Money: digits with an optional point and at most 2 decimals (`1850`, `1850.50`); a comma is accepted only as a
thousands separator between groups of three digits (`1,850.50`), so `1,2OO` or `1,20` is an error, never a
guess. No currency sign, no exponent, no negative amounts, at most MONEY_INPUT_MAX.
Dates: ISO `YYYY-MM-DD` only, a real calendar day (`2026-02-30` is an error), inside the API's date window
(core.fields.date_window: DATE_INPUT_MIN .. today + DATE_INPUT_MAX_YEARS_AHEAD years).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from core.fields import date_window_error, money_max


class CellError(Exception):
    pass


_MONEY = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)(\.\d{1,2})?$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_INT = re.compile(r"^\d+$")
_CENT = Decimal("0.01")


def text(max_length: int):
    def parse(value: str) -> str:
        if len(value) > max_length:
            raise CellError(f"At most {max_length} characters (got {len(value)}).")
        return value

    return parse


def choice(values):
    values = list(values)

    def parse(value: str) -> str:
        v = value.lower()
        if v not in values:
            raise CellError(f"'{value}' is not one of: {', '.join(values)}.")
        return v

    return parse


def integer(low: int, high: int):
    def parse(value: str) -> int:
        if not _INT.match(value):
            raise CellError(f"'{value}' is not a whole number.")
        n = int(value)
        if n < low or n > high:
            raise CellError(f"Must be between {low} and {high} (got {n}).")
        return n

    return parse


def decimal_1(low: Decimal, high: Decimal):
    """A number with at most one decimal place (bathrooms: 1.5)."""

    def parse(value: str) -> Decimal:
        if not re.match(r"^\d+(\.\d)?$", value):
            raise CellError(f"'{value}' is not a number with at most one decimal (e.g. 1.5).")
        d = Decimal(value)
        if d < low or d > high:
            raise CellError(f"Must be between {low} and {high} (got {d}).")
        return d

    return parse


def money(*, positive: bool = False):
    def parse(value: str) -> Decimal:
        if not _MONEY.match(value):
            raise CellError(
                f"'{value}' is not an amount: write digits with an optional point and at most 2 decimals, "
                "e.g. 1850.00 (a comma only between groups of three digits, e.g. 1,850.00)."
            )
        amount = Decimal(value.replace(",", "")).quantize(_CENT)
        if positive and amount <= 0:
            raise CellError("Must be greater than zero.")
        top = money_max()
        if amount > top:
            raise CellError(f"Must be at most {top:,.2f} (got {amount:,.2f}).")
        return amount

    return parse


def iso_date(value: str) -> datetime.date:
    if not _DATE.match(value):
        raise CellError(f"'{value}' is not a date in the form YYYY-MM-DD (e.g. 2026-03-01).")
    try:
        d = datetime.date.fromisoformat(value)
    except ValueError:
        raise CellError(f"'{value}' is not a real calendar date.")
    message = date_window_error(d)
    if message:
        raise CellError(message)
    return d


def email(value: str) -> str:
    try:
        validate_email(value)
    except ValidationError:
        raise CellError(f"'{value}' is not an email address.")
    if len(value) > 254:
        raise CellError("At most 254 characters.")
    return value.lower()


def us_state(value: str) -> str:
    if not re.match(r"^[A-Za-z]{2}$", value):
        raise CellError(f"'{value}' is not a two-letter state code (e.g. WA).")
    return value.upper()


@dataclass(frozen=True)
class Column:
    name: str
    parse: object
    required: bool = False
    default: object = None
    example: str = ""
    help: str = ""
    field: str | None = None  # the model field it fills (default: name); "" = not a model field


@dataclass(frozen=True)
class Kind:
    name: str
    columns: list[Column] = field(default_factory=list)

    @property
    def header(self) -> list[str]:
        return [c.name for c in self.columns]


EXTERNAL_ID = Column(
    "external_id", text(100), required=True, example="P-001", help="Your system's id; re-importing it updates", field=""
)
PROPERTY_TYPES = ["garden", "midrise", "highrise", "townhome"]
LEASE_STATUSES = ["active", "month_to_month", "notice", "vacant"]

KINDS: dict[str, Kind] = {
    "properties": Kind(
        "properties",
        [
            EXTERNAL_ID,
            Column("name", text(200), required=True, example="Cedar Court"),
            Column("code", text(20), required=True, example="CED"),
            Column("property_type", choice(PROPERTY_TYPES), default="garden", example="garden"),
            Column("address", text(255), required=True, example="100 Cedar Ave"),
            Column("city", text(100), required=True, example="Seattle"),
            Column("state", us_state, required=True, example="WA"),
            Column("zip_code", text(10), required=True, example="98101"),
            Column("jurisdiction_state", us_state, default="", example="WA"),
            Column("jurisdiction_city", text(100), default="", example="Seattle"),
            Column("year_built", integer(1800, 2100), example="1998"),
            Column("total_units", integer(0, 100_000), default=0, example="120"),
            Column("building_count", integer(1, 1000), default=1, example="4"),
            Column("manager_name", text(120), default="", example="Pat Manager"),
            Column("manager_email", email, default="", example="pat@example.com"),
            Column("phone", text(20), default="", example="206-555-0100"),
            Column("portfolio", text(100), default="UnitCycle Residential", example="UnitCycle Residential"),
        ],
    ),
    "units": Kind(
        "units",
        [
            replace(EXTERNAL_ID, example="U-001"),
            Column("property_external_id", text(100), required=True, example="P-001", field=""),
            Column("unit_number", text(20), required=True, example="101"),
            Column("building", text(20), default="A", example="A"),
            Column("floor", integer(0, 200), default=1, example="1"),
            Column("unit_type", text(30), default="", example="2BR/2BA"),
            Column("bedrooms", integer(0, 20), default=1, example="2"),
            Column("bathrooms", decimal_1(Decimal("0"), Decimal("20")), default=Decimal("1"), example="2"),
            Column("square_feet", integer(0, 100_000), default=0, example="950"),
            Column("market_rent", money(), default=Decimal("0.00"), example="1850.00"),
            Column("current_rent", money(), default=Decimal("0.00"), example="1800.00"),
        ],
    ),
    "tenants": Kind(
        "tenants",
        [
            replace(EXTERNAL_ID, example="T-001"),
            Column("first_name", text(100), required=True, example="Alex"),
            Column("last_name", text(100), required=True, example="Rivera"),
            Column("email", email, required=True, example="alex.rivera@example.com"),
            Column("phone", text(20), default="", example="206-555-0199"),
            Column("preferred_contact", choice(["email", "sms", "phone"]), default="email", example="email"),
            Column("emergency_contact_name", text(120), default="", example="Sam Rivera"),
            Column("emergency_contact_phone", text(20), default="", example="206-555-0142"),
        ],
    ),
    "leases": Kind(
        "leases",
        [
            replace(EXTERNAL_ID, example="L-001"),
            Column("lease_number", text(30), required=True, example="L-0001"),
            Column("tenant_external_id", text(100), required=True, example="T-001", field=""),
            Column("unit_external_id", text(100), required=True, example="U-001", field=""),
            Column("lease_begin_date", iso_date, required=True, example="2026-01-01"),
            Column("lease_end_date", iso_date, example="2026-12-31"),
            Column("move_in_date", iso_date, example="2026-01-01"),
            Column("monthly_rent_amount", money(positive=True), required=True, example="1800.00"),
            Column("security_deposit", money(), default=Decimal("0.00"), example="1800.00"),
            Column("lease_status", choice(LEASE_STATUSES), default="active", example="active"),
            Column("notice_date", iso_date, example=""),
            Column("notice_move_out_date", iso_date, example=""),
            Column("actual_move_out_date", iso_date, example=""),
            Column("holdover_start_date", iso_date, example=""),
        ],
    ),
}

ORDER = ["properties", "units", "tenants", "leases"]
