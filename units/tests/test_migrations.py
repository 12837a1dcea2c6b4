"""units 0004: existing work orders join the new flow, set-based (a fixed number of statements)."""

import datetime
import importlib
import types
from decimal import Decimal

import pytest
from django.apps import apps as django_apps
from django.db import connection

from invoices.tests.factories import VendorFactory
from tenants.tests.factories import LeaseFactory
from units.models import UnitsMaintenance
from units.tests.factories import UnitFactory, WorkOrderFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)
migration = importlib.import_module("units.migrations.0004_work_order_flow_data")


def run():
    migration.forwards(django_apps, types.SimpleNamespace(connection=connection))


def test_existing_orders_join_the_flow(django_assert_max_num_queries):
    unit = UnitFactory()
    old = LeaseFactory(
        unit=unit,
        lease_begin_date=TODAY - 900 * DAY,
        lease_status="vacant",
        status="terminated",
        actual_move_out_date=TODAY - 300 * DAY,
    )
    new = LeaseFactory(unit=unit, lease_begin_date=TODAY - 200 * DAY)
    vendor = VendorFactory()
    legacy = dict(unit=unit, sla_due_date=None)
    with_vendor = WorkOrderFactory(**legacy, assigned_vendor=vendor, requested_date=TODAY - 5 * DAY, priority="high")
    plain = WorkOrderFactory(**legacy, requested_date=TODAY - 400 * DAY, priority="emergency")
    between = WorkOrderFactory(**legacy, requested_date=TODAY - 250 * DAY, priority="low")
    cancelled = WorkOrderFactory(**legacy, status="cancelled", requested_date=TODAY - 2 * DAY)
    done = WorkOrderFactory(
        **legacy, status="completed", completed_date=TODAY, actual_cost=Decimal("5"), assigned_vendor=vendor
    )
    with django_assert_max_num_queries(8):
        run()
    rows = {wo.pk: wo for wo in UnitsMaintenance.objects.all()}
    assert rows[with_vendor.pk].status == "assigned"
    assert (rows[plain.pk].status, rows[done.pk].status) == ("open", "completed")
    assert rows[with_vendor.pk].sla_due_date == TODAY - 2 * DAY
    assert rows[plain.pk].sla_due_date == TODAY - 399 * DAY
    assert rows[between.pk].sla_due_date == TODAY - 236 * DAY
    assert rows[cancelled.pk].sla_due_date == TODAY + 5 * DAY
    assert rows[cancelled.pk].closed_at == rows[cancelled.pk].updated_at
    assert (rows[with_vendor.pk].lease_id, rows[with_vendor.pk].tenant_id) == (new.pk, new.tenant_id)
    assert (rows[plain.pk].lease_id, rows[plain.pk].tenant_id) == (old.pk, old.tenant_id)
    assert (rows[between.pk].lease_id, rows[between.pk].tenant_id) == (None, None)  # between tenants
    run()  # twice: same result
    assert UnitsMaintenance.objects.get(pk=with_vendor.pk).lease_id == new.pk


def test_on_an_empty_table():
    run()
    assert not UnitsMaintenance.objects.exists()
