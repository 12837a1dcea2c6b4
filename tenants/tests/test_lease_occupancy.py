"""tenants.selectors.lease_in_occupancy: whose lease a unit was under on a date (work orders link it)."""

import datetime

import pytest

from tenants.selectors import lease_in_occupancy, unit_lease_get, unit_tenant_get
from tenants.tests.factories import LeaseFactory
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
D = datetime.date
DAY = datetime.timedelta(days=1)


def on(unit, day):
    lease = lease_in_occupancy(unit_id=unit.pk, on=day)
    return lease.lease_number if lease else None


def test_an_active_lease_from_its_move_in_date(django_assert_num_queries):
    unit = UnitFactory()
    LeaseFactory(
        unit=unit, lease_number="L1", lease_begin_date=D(2026, 1, 1), move_in_date=D(2026, 1, 5), lease_end_date=None
    )
    assert on(unit, D(2025, 12, 31)) is None
    assert on(unit, D(2026, 1, 3)) is None  # signed but not moved in yet
    assert on(unit, D(2026, 1, 5)) == "L1"
    with django_assert_num_queries(1):
        lease = lease_in_occupancy(unit_id=unit.pk, on=D(2030, 1, 1))
        assert lease.tenant.full_name  # tenant joined
    assert on(UnitFactory(), D(2026, 6, 1)) is None  # another unit's lease is not this unit's


def test_without_a_move_in_date_the_lease_begins_on_its_begin_date():
    unit = UnitFactory()
    LeaseFactory(unit=unit, lease_number="L1", lease_begin_date=D(2026, 1, 1), move_in_date=None)
    assert on(unit, D(2025, 12, 31)) is None
    assert on(unit, D(2026, 1, 1)) == "L1"


def test_a_moved_out_lease_ends_on_its_actual_move_out_date():
    unit = UnitFactory()
    LeaseFactory(
        unit=unit,
        lease_number="L1",
        lease_begin_date=D(2025, 1, 1),
        lease_end_date=D(2026, 6, 30),
        lease_status="vacant",
        status="terminated",
        notice_move_out_date=D(2026, 3, 31),
        actual_move_out_date=D(2026, 3, 15),
    )
    assert on(unit, D(2026, 3, 15)) == "L1"  # the move-out day still belongs to it
    assert on(unit, D(2026, 3, 16)) is None


def test_a_vacant_lease_without_a_move_out_ends_on_its_notice_date_else_its_end_date():
    with_notice, without = UnitFactory(), UnitFactory()
    LeaseFactory(
        unit=with_notice,
        lease_number="L1",
        lease_begin_date=D(2025, 1, 1),
        lease_end_date=D(2026, 6, 30),
        lease_status="vacant",
        notice_move_out_date=D(2026, 3, 31),
    )
    LeaseFactory(
        unit=without,
        lease_number="L2",
        lease_begin_date=D(2025, 1, 1),
        lease_end_date=D(2026, 6, 30),
        lease_status="vacant",
    )
    assert on(with_notice, D(2026, 3, 31)) == "L1"
    assert on(with_notice, D(2026, 4, 1)) is None
    assert on(without, D(2026, 6, 30)) == "L2"
    assert on(without, D(2026, 7, 1)) is None


def test_month_to_month_and_notice_and_unclassified_leases_continue_past_their_end_date():
    mtm, notice, unclassified = UnitFactory(), UnitFactory(), UnitFactory()
    LeaseFactory(
        unit=mtm,
        lease_number="MTM",
        lease_begin_date=D(2024, 1, 1),
        lease_end_date=D(2025, 1, 1),
        lease_status="month_to_month",
    )
    LeaseFactory(
        unit=notice,
        lease_number="NOTICE",
        lease_begin_date=D(2024, 1, 1),
        lease_end_date=D(2025, 1, 1),
        lease_status="notice",
        notice_move_out_date=D(2025, 2, 1),  # past, but nobody marked it vacant: still there
    )
    # active, end date passed, the nightly agent has not made it month-to-month yet
    LeaseFactory(unit=unclassified, lease_number="ACTIVE", lease_begin_date=D(2024, 1, 1), lease_end_date=D(2025, 1, 1))
    assert on(mtm, D(2026, 11, 1)) == "MTM"
    assert on(notice, D(2026, 11, 1)) == "NOTICE"
    assert on(unclassified, D(2026, 11, 1)) == "ACTIVE"


@pytest.mark.parametrize("contract", ["expired", "terminated"])
def test_an_expired_or_terminated_contract_ends_on_its_end_date(contract):
    unit = UnitFactory()
    LeaseFactory(
        unit=unit, lease_number="L1", lease_begin_date=D(2024, 1, 1), lease_end_date=D(2025, 1, 1), status=contract
    )
    assert on(unit, D(2025, 1, 1)) == "L1"
    assert on(unit, D(2025, 1, 2)) is None


def test_turnover_between_two_leases_and_the_latest_start_wins():
    unit = UnitFactory()
    LeaseFactory(
        unit=unit,
        lease_number="OLD",
        lease_begin_date=D(2024, 1, 1),
        lease_end_date=D(2025, 12, 31),
        lease_status="vacant",
        status="terminated",
        actual_move_out_date=D(2026, 1, 10),
    )
    LeaseFactory(unit=unit, lease_number="NEW", lease_begin_date=D(2026, 1, 20), move_in_date=D(2026, 1, 21))
    assert on(unit, D(2026, 1, 10)) == "OLD"
    assert on(unit, D(2026, 1, 15)) is None  # between tenants: nobody
    assert on(unit, D(2026, 1, 21)) == "NEW"
    # the next tenant moves in on the old one's move-out day: the newer lease is the one in occupancy
    LeaseFactory(unit=unit, lease_number="SAME-DAY", lease_begin_date=D(2026, 1, 10))
    assert on(unit, D(2026, 1, 10)) == "SAME-DAY"


def test_unit_lease_and_unit_tenant_belong_to_the_unit():
    unit, other = UnitFactory(), UnitFactory()
    lease = LeaseFactory(unit=unit)
    elsewhere = LeaseFactory(unit=other)
    assert unit_lease_get(unit_id=unit.pk, lease_id=lease.pk) == lease
    assert unit_lease_get(unit_id=unit.pk, lease_id=elsewhere.pk) is None
    assert unit_lease_get(unit_id=unit.pk, lease_id="not-a-uuid") is None
    assert unit_tenant_get(unit_id=unit.pk, tenant_id=lease.tenant_id) == lease.tenant
    assert unit_tenant_get(unit_id=unit.pk, tenant_id=elsewhere.tenant_id) is None
    assert unit_tenant_get(unit_id=unit.pk, tenant_id="nope") is None
