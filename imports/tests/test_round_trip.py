"""The demo's own export, imported into an emptied database, reproduces the same portfolio (issue 15 §4)."""

import datetime
from collections import Counter

import pytest
from django.core.management import call_command

from demo.seed import portfolio_delete, seed_portfolio
from imports.models import ImportKey
from imports.services import import_directory
from properties.models import Properties
from tenants.models import TenantLease, Tenants
from tenants.services import lease_statuses_classify
from units.models import UnitsUnit

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 6, 15)


def snapshot() -> dict:
    return {
        "counts": (
            Properties.objects.count(),
            UnitsUnit.objects.count(),
            Tenants.objects.count(),
            TenantLease.objects.count(),
        ),
        "lease_states": Counter(TenantLease.objects.values_list("lease_status", flat=True)),
        "unit_states": Counter(UnitsUnit.objects.values_list("status", flat=True)),
        "leases": sorted(
            TenantLease.objects.values_list(
                "lease_number",
                "lease_status",
                "status",
                "property__code",
                "unit__unit_number",
                "tenant__email",
                "monthly_rent_amount",
                "security_deposit",
                "lease_begin_date",
                "lease_end_date",
                "notice_date",
                "notice_move_out_date",
                "actual_move_out_date",
                "holdover_start_date",
            )
        ),
        "units": sorted(
            UnitsUnit.objects.values_list("property__code", "unit_number", "status", "market_rent", "bathrooms")
        ),
        "properties": sorted(Properties.objects.values_list("code", "name", "state", "total_units", "year_built")),
    }


def test_export_delete_import_reproduces_counts_and_lifecycle_states(tmp_path):
    seed_portfolio(leases=200, today=TODAY, with_history=False)
    lease_statuses_classify(today=TODAY)
    before = snapshot()
    assert before["counts"][3] == 200 and len(before["lease_states"]) >= 3

    call_command("export_portfolio", str(tmp_path))
    portfolio_delete()
    assert TenantLease.objects.count() == 0 and UnitsUnit.objects.count() == 0

    results = import_directory(directory=tmp_path, today=TODAY)
    assert [r["status"] for r in results] == ["committed"] * 4, [r["errors"][:3] for r in results]
    assert snapshot() == before

    # importing the same files again updates every record and creates none
    again = import_directory(directory=tmp_path, today=TODAY)
    assert [r["created"] for r in again] == [0, 0, 0, 0]
    assert [r["updated"] for r in again] == list(before["counts"])
    assert snapshot() == before
    assert ImportKey.objects.count() == sum(before["counts"])


def test_export_of_live_records_reimports_in_place(tmp_path):
    """Without deleting: the exported ids are the records' own, so the import updates them."""
    seed_portfolio(leases=50, today=TODAY, with_history=False)
    lease_statuses_classify(today=TODAY)
    before = snapshot()
    call_command("export_portfolio", str(tmp_path))
    results = import_directory(directory=tmp_path, today=TODAY)
    assert [r["created"] for r in results] == [0, 0, 0, 0]
    assert snapshot() == before
