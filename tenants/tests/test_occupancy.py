"""One lease in occupancy (active, month-to-month or notice) per unit: a database constraint, a clear 400 from the
lifecycle service, and the ledger's indexes (issue 16 §3)."""

import datetime

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from tenants import services
from tenants.models import LeaseStatusLog, TenantLease, TenantLedgerEntry
from tenants.tests.factories import LeaseFactory
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
ACTOR = "user:manager@example.com"


@pytest.mark.parametrize("second", ["active", "month_to_month", "notice"])
def test_the_database_refuses_a_second_occupying_lease(second):
    first = LeaseFactory()
    traits = {"month_to_month": {"month_to_month": True}, "notice": {"notice": True}}.get(second, {})
    with pytest.raises(IntegrityError), transaction.atomic():
        LeaseFactory(unit=first.unit, **traits)
    assert TenantLease.objects.filter(unit=first.unit).count() == 1


def test_vacant_leases_are_history_any_number_per_unit():
    unit = UnitFactory(status="vacant")
    LeaseFactory(vacant=True, unit=unit)
    LeaseFactory(vacant=True, unit=unit)
    current = LeaseFactory(unit=unit)
    assert set(TenantLease.objects.filter(unit=unit).values_list("lease_status", flat=True)) == {"vacant", "active"}
    assert current.lease_status == "active"


def test_activating_a_lease_on_an_occupied_unit_is_a_clear_400():
    current = LeaseFactory(lease_number="L-CURRENT")
    old = LeaseFactory(vacant=True, unit=current.unit)
    with pytest.raises(ApplicationError) as err:
        services.lease_activate_new(
            lease=old,
            actor=ACTOR,
            lease_begin_date=TODAY,
            lease_end_date=TODAY + 365 * DAY,
            monthly_rent_amount=current.monthly_rent_amount,
        )
    assert err.value.status_code == 400
    assert str(err.value.message) == (
        "Lease L-CURRENT is still active on this unit: move it out (notice, then vacant) before another lease can "
        "start."
    )
    old.refresh_from_db()
    assert old.lease_status == "vacant" and not LeaseStatusLog.objects.filter(lease=old).exists()


def test_once_the_occupant_moves_out_the_unit_can_be_let_again():
    current = LeaseFactory(notice=True, unit=UnitFactory(status="occupied"))
    old = LeaseFactory(vacant=True, unit=current.unit)
    services.lease_mark_vacant(lease=current, actor=ACTOR, actual_move_out_date=TODAY - DAY)
    result = services.lease_activate_new(
        lease=old, actor=ACTOR, lease_begin_date=TODAY, lease_end_date=TODAY + 365 * DAY, monthly_rent_amount=1900
    )
    assert result.lease_status == "active"


def test_a_race_past_the_check_still_answers_400(monkeypatch):
    """Another lease takes the unit between the check and the write: the constraint's IntegrityError becomes a 400."""
    current = LeaseFactory(lease_number="L-RACE")
    old = LeaseFactory(vacant=True, unit=current.unit)
    calls = []
    real = services._refuse_second_occupant

    def checked_too_early(lease):
        calls.append(lease.pk)
        if len(calls) > 1:  # the second call comes after the IntegrityError
            return real(lease)

    monkeypatch.setattr(services, "_refuse_second_occupant", checked_too_early)
    with pytest.raises(ApplicationError, match="^Lease L-RACE is still active on this unit"):
        services.lease_activate_new(
            lease=old,
            actor=ACTOR,
            lease_begin_date=TODAY,
            lease_end_date=TODAY + 365 * DAY,
            monthly_rent_amount=1800,
        )
    assert len(calls) == 2


def test_status_log_time_can_be_given_for_a_move_recorded_after_the_fact():
    lease = LeaseFactory()
    when = timezone.now() - datetime.timedelta(days=400)
    log = LeaseStatusLog.objects.create(lease=lease, previous_status="active", new_status="notice", created_at=when)
    assert LeaseStatusLog.objects.get(pk=log.pk).created_at == when
    assert LeaseStatusLog.objects.create(lease=lease, previous_status="x", new_status="y").created_at > when


def _ledger_indexes() -> dict[str, list[str]]:
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, TenantLedgerEntry._meta.db_table)
    return {name: c["columns"] for name, c in constraints.items() if c["index"] and not c["primary_key"]}


def test_ledger_indexes_due_date_in_trans_type_and_tenant_alone_out():
    columns = sorted(_ledger_indexes().values())
    assert ["due_date"] in columns
    assert ["tenant_id", "trans_type", "trans_date"] in columns
    assert ["trans_type"] not in columns and ["tenant_id"] not in columns
