"""The helpers every app shares (core.utils, core.formatting, core.filters, core.validation)."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.http import QueryDict
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from core.filters import CSVSelectMultiple
from core.formatting import actor_display, letter_html, long_date, money, percent, short_date, whole_money
from core.utils import batched, parse_uuid
from core.validation import validated


def test_batched_chunks_and_rejects_zero():
    assert list(batched(range(5), 2)) == [[0, 1], [2, 3], [4]]
    assert list(batched([], 3)) == []
    with pytest.raises(ValueError):
        list(batched([1], 0))


def test_parse_uuid():
    u = uuid.uuid4()
    assert parse_uuid(u) is u
    assert parse_uuid(str(u)) == u
    for bad in (None, "", "nope", 12, "123e4567-e89b-12d3-a456-42661417400"):
        assert parse_uuid(bad) is None


def test_money_and_dates():
    assert money(Decimal("1234.5")) == "$1,234.50"
    assert money(Decimal("-12")) == "-$12.00"
    assert money(None) == "$0.00"
    assert money(Decimal("0.125")) == "$0.13"  # half-up, not banker's rounding
    assert whole_money(1150) == "$1,150"
    assert whole_money("1150.5") == "$1,150.50"
    d = datetime.date(2026, 3, 5)
    assert short_date(d) == "Mar 5, 2026" and long_date(d) == "March 5, 2026"
    assert short_date(None) == "" and long_date(None) == ""
    assert percent(3.5) == "3.5%" and percent(5.0) == "5%" and percent(1.96) == "1.96%"


def test_letter_html_escapes():
    html = letter_html("Dear <Ana>,\n\nOne\ntwo")
    assert "<p>Dear &lt;Ana&gt;,</p>" in html and "<p>One<br>two</p>" in html


def test_money_template_filter_is_the_same_function():
    from core.ai.offline import render_message

    assert render_message("{{ x|money }}", {"x": Decimal("0.125")}) == "$0.13"


def test_csv_widget_reads_commas_and_repeats():
    data = QueryDict("s=a,b&s=c&s=&s= d ")
    assert CSVSelectMultiple().value_from_datadict(data, {}, "s") == ["a", "b", "c", "d"]


def test_validated_raises_400_error():
    class In(serializers.Serializer):
        n = serializers.IntegerField(min_value=1)

    assert validated(In, {"n": "3"}) == {"n": 3}
    with pytest.raises(ValidationError):
        validated(In, {"n": 0})


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/tenants/leases/?lease_end_date__gte=0798-01-01",
        "/api/v1/tenants/ledger/?trans_date__lte=9999-12-31",
        "/api/v1/units/work-orders/?requested_date__gte=1066-10-14",
        "/api/v1/invoices/?invoice_date__lte=3026-01-01",
        "/api/v1/predictive-maintenance/equipment/?warranty_expiration__gte=0001-01-01",
        "/api/v1/renewals/?lease_end_date__gte=1900-01-01",
    ],
)
def test_date_query_filters_outside_the_window_are_a_400_that_says_the_window(url, make_user):
    client = make_user("read_only")
    response = client.get(url)
    assert response.status_code == 400, response.content
    assert "must be between" in response.content.decode()


@pytest.mark.parametrize(
    ("actor", "shown"),
    [
        ("user:pat@example.com", "pat@example.com"),
        ("system", "System"),
        ("system:migration", "System"),
        ("", ""),
        (None, ""),
        ("vendor portal", "vendor portal"),
    ],
)
def test_actor_display_reads_audit_actors_the_same_way_everywhere(actor, shown):
    assert actor_display(actor) == shown
