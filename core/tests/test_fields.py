"""core.fields: money and date inputs are bounded and explicit."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from rest_framework import serializers

from core.exceptions import ApplicationError
from core.fields import MoneyField, SaneDateField, SaneDateTimeField, amount_within_ratio, date_in_window, parse_money


class Input(serializers.Serializer):
    amount = MoneyField(required=False)
    day = SaneDateField(required=False)
    at = SaneDateTimeField(required=False)


def errors(**data):
    s = Input(data=data)
    return {} if s.is_valid() else s.errors


@pytest.mark.parametrize(
    "value", ["1e5", "1E5", 1e20, "NaN", "Infinity", "-inf", "0", "-5", "0.001", True, "1000000.01", "abc"]
)
def test_money_field_refuses(value):
    assert "amount" in errors(amount=value)


@pytest.mark.parametrize(
    "value,expected",
    [
        ("250.00", Decimal("250.00")),
        (250.5, Decimal("250.50")),
        ("0.01", Decimal("0.01")),
        (1000000, Decimal("1000000")),
    ],
)
def test_money_field_accepts(value, expected):
    s = Input(data={"amount": value})
    assert s.is_valid(), s.errors
    assert s.validated_data["amount"] == expected


def test_exponent_message_is_clear():
    assert "exponent notation" in str(errors(amount="1e5")["amount"][0])


@pytest.mark.parametrize("value", ["0798-03-01", "1999-12-31", "2999-01-01", "31/12/2025"])
def test_date_field_refuses_outside_the_window(value):
    assert "day" in errors(day=value)


def test_date_field_accepts_inside_and_says_the_window():
    today = timezone.localdate()
    assert errors(day=today.isoformat()) == {}
    assert errors(day=(today + datetime.timedelta(days=365 * 9)).isoformat()) == {}
    assert "between 2000-01-01 and" in str(errors(day="0798-03-01")["day"][0])


def test_datetime_field_window():
    assert "at" in errors(at="0798-03-01T10:00:00Z")
    assert errors(at=timezone.now().isoformat()) == {}


def test_window_is_configurable(settings):
    settings.DATE_INPUT_MIN = "1990-01-01"
    assert errors(day="1995-06-01") == {}


def test_service_helpers():
    with pytest.raises(ApplicationError, match="between 2000-01-01"):
        date_in_window(datetime.date(798, 3, 1), "The move-out date")
    date_in_window(None)
    with pytest.raises(ApplicationError, match="exponent"):
        parse_money("1e5")
    assert parse_money("$1,850.5") == Decimal("1850.50")
    with pytest.raises(ApplicationError, match=r"outside 50% to 200% of the current rent \(\$1,680.00\)"):
        amount_within_ratio(
            Decimal("100000"), Decimal("1680.00"), label="The approved rent", reference_label="current rent"
        )
    amount_within_ratio(Decimal("1800"), Decimal("1680.00"), label="x", reference_label="y")


@pytest.mark.parametrize(
    ("min_value", "value", "message"),
    [
        (Decimal("0"), "-5", "The amount cannot be negative."),
        (Decimal("0.01"), "0", "The amount must be greater than zero."),
        (Decimal("25"), "10", "The amount must be at least 25.00."),
    ],
)
def test_parse_money_says_what_the_minimum_is(min_value, value, message):
    with pytest.raises(ApplicationError, match=f"^{re.escape(message)}$"):
        parse_money(value, min_value=min_value)
    assert parse_money(str(min_value), min_value=min_value) == min_value
