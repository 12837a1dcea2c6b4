"""The commands and the task: run_task pricing.daily_pricing_engine, pricing_backfill, pricing_backtest; the beat
entry; the units service the apply goes through."""

import datetime
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from config.celery import app
from core.exceptions import ApplicationError
from pricing.models import PricingSnapshot
from pricing.tests.factories import small_portfolio
from units.models import UnitsUnit
from units.services import unit_asking_rent_set

TODAY = datetime.date(2026, 3, 10)
pytestmark = pytest.mark.django_db


def test_run_task_prices_every_unit_for_a_given_day():
    small_portfolio(properties=1, groups=1, per_group=4, today=TODAY)
    out = StringIO()
    call_command("run_task", "pricing.daily_pricing_engine", json.dumps({"as_of": TODAY.isoformat()}), stdout=out)
    assert "Priced 5 units for 2026-03-10: 5 snapshots written" in out.getvalue()
    schedule = app.conf.beat_schedule["daily-pricing-engine"]
    assert schedule["task"] == "pricing.daily_pricing_engine"
    assert schedule["schedule"].hour == {4} and schedule["schedule"].minute == {0}


def test_backfill_command_if_empty_and_bad_days():
    small_portfolio(properties=1, groups=1, per_group=4, today=TODAY)
    out = StringIO()
    call_command("pricing_backfill", "--days", "3", "--as-of", TODAY.isoformat(), stdout=out)
    assert "Backfilled 3 days" in out.getvalue() and PricingSnapshot.objects.count() == 15
    out = StringIO()
    call_command("pricing_backfill", "--if-empty", stdout=out)
    assert "skipping" in out.getvalue() and PricingSnapshot.objects.count() == 15
    with pytest.raises(CommandError, match="between 1 and 366"):
        call_command("pricing_backfill", "--days", "0")


def test_backtest_command_reports_leave_one_out():
    small_portfolio(properties=1, groups=2, per_group=5, today=TODAY)
    out = StringIO()
    call_command("pricing_backtest", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["units"] == 10 and result["occupied_units"] == 10 and result["median_abs_pct_error"] is not None
    out = StringIO()
    call_command("pricing_backtest", stdout=out)
    assert out.getvalue().startswith("Leave-one-out on 10 of 10 occupied units")


def test_unit_asking_rent_set_only_for_units_not_occupied():
    small_portfolio(properties=1, groups=1, per_group=3, today=TODAY)
    vacant = UnitsUnit.objects.get(status="vacant")
    assert unit_asking_rent_set(unit_id=vacant.pk, rent=Decimal("1995.00")) == (Decimal("1550.00"), Decimal("1995.00"))
    vacant.refresh_from_db()
    assert vacant.market_rent == Decimal("1995.00") and vacant.current_rent == Decimal("1800.00")  # last rent kept
    occupied = UnitsUnit.objects.filter(status="occupied").first()
    with pytest.raises(ApplicationError, match="occupied"):
        unit_asking_rent_set(unit_id=occupied.pk, rent=Decimal("1995.00"))
    for bad in ("0", "-5", "1e4", "12.345", "99999999"):
        with pytest.raises(ApplicationError):
            unit_asking_rent_set(unit_id=vacant.pk, rent=bad)
