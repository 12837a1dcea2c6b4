import datetime
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.exceptions import ApplicationError
from tenants import lifecycle, services
from tenants.lifecycle import ACTIVE, MONTH_TO_MONTH, NOTICE, VACANT
from tenants.models import LeaseStatusLog, TenantLease
from tenants.signals import lease_status_changed
from tenants.tests.factories import LeaseFactory, TenantFactory
from units.models import UnitsUnit
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

ACTOR = "user:manager@example.com"
TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


def lease_in(status, **kwargs):
    traits = {MONTH_TO_MONTH: {"month_to_month": True}, NOTICE: {"notice": True}, VACANT: {"vacant": True}}
    return LeaseFactory(**traits.get(status, {}), **kwargs)


# What each target status needs to be reachable.
TARGET_FIELDS = {
    ACTIVE: {"lease_end_date": TODAY + 365 * DAY, "monthly_rent_amount": Decimal("1850.00")},
    MONTH_TO_MONTH: {},
    NOTICE: {"notice_move_out_date": TODAY + 45 * DAY},
    VACANT: {},
}
ALL_PAIRS = [(a, b) for a in lifecycle.STATUSES for b in lifecycle.STATUSES]


@pytest.fixture
def received():
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    lease_status_changed.connect(receiver, dispatch_uid="test_services.receiver")
    yield calls
    lease_status_changed.disconnect(dispatch_uid="test_services.receiver")


@pytest.mark.parametrize(("from_status", "to_status"), ALL_PAIRS)
def test_every_transition_in_the_table(from_status, to_status, django_capture_on_commit_callbacks, received):
    lease = lease_in(from_status)
    unit_status_before = lease.unit.status
    allowed = lifecycle.is_transition_allowed(from_status, to_status)

    with django_capture_on_commit_callbacks(execute=True):
        if allowed:
            result = services.lease_transition(
                lease=lease, to_status=to_status, actor=ACTOR, reason="test", **TARGET_FIELDS[to_status]
            )
        else:
            with pytest.raises(ApplicationError) as exc:
                services.lease_transition(
                    lease=lease, to_status=to_status, actor=ACTOR, reason="test", **TARGET_FIELDS[to_status]
                )

    lease.refresh_from_db()
    lease.unit.refresh_from_db()
    logs = list(LeaseStatusLog.objects.filter(lease=lease))
    if allowed:
        assert result.lease_status == to_status
        assert lease.lease_status == to_status
        assert lease.lease_status_changed_by == ACTOR
        assert lease.lease_status_changed_at is not None
        assert [(log.previous_status, log.new_status, log.reason, log.changed_by) for log in logs] == [
            (from_status, to_status, "test", ACTOR)
        ]
        expected_unit = {VACANT: "vacant", ACTIVE: "occupied"}.get(to_status, unit_status_before)
        assert lease.unit.status == expected_unit
        assert received == [
            {
                "signal": lease_status_changed,
                "lease_ids": [lease.pk],
                "previous_status": from_status,
                "new_status": to_status,
                "actor": ACTOR,
                "reason": "test",
            }
        ]
    else:
        assert exc.value.message == lifecycle.transition_error(from_status, to_status)
        assert exc.value.status_code == 400
        assert lease.lease_status == from_status
        assert lease.lease_status_changed_at is None
        assert logs == []
        assert lease.unit.status == unit_status_before
        assert received == []


def test_convert_mtm_sets_holdover_the_day_after_the_end_date():
    lease = LeaseFactory(lease_end_date=datetime.date(2025, 12, 31))
    result = services.lease_convert_mtm(lease=lease, actor=ACTOR)
    assert result.holdover_start_date == datetime.date(2026, 1, 1)
    # Stored as a real date (filterable), not a datetime string.
    assert TenantLease.objects.filter(holdover_start_date=datetime.date(2026, 1, 1)).count() == 1
    log = LeaseStatusLog.objects.get(lease=lease)
    assert log.reason == "Converted to month-to-month"
    assert log.metadata == {"holdover_start_date": "2026-01-01", "lease_end_date": "2025-12-31"}


def test_convert_mtm_twice_is_refused_with_the_spec_message():
    lease = LeaseFactory(month_to_month=True)
    with pytest.raises(ApplicationError, match="^Lease is already month-to-month.$"):
        services.lease_convert_mtm(lease=lease, actor=ACTOR)


def test_give_notice_sets_dates_and_keeps_unit_occupied():
    lease = LeaseFactory(month_to_month=True)
    result = services.lease_give_notice(
        lease=lease, actor=ACTOR, notice_date=TODAY, notice_move_out_date=TODAY + 30 * DAY, reason="Relocating"
    )
    assert (result.lease_status, result.notice_date, result.notice_move_out_date) == (NOTICE, TODAY, TODAY + 30 * DAY)
    assert result.holdover_start_date == lease.holdover_start_date  # history kept
    lease.unit.refresh_from_db()
    assert lease.unit.status == "occupied"
    log = LeaseStatusLog.objects.get(lease=lease)
    assert (log.previous_status, log.reason) == (MONTH_TO_MONTH, "Relocating")
    assert log.metadata == {"notice_date": TODAY.isoformat(), "notice_move_out_date": (TODAY + 30 * DAY).isoformat()}


def test_give_notice_defaults_notice_date_to_today():
    lease = LeaseFactory()
    result = services.lease_give_notice(lease=lease, actor=ACTOR, notice_move_out_date=TODAY + 60 * DAY)
    assert result.notice_date == TODAY
    assert LeaseStatusLog.objects.get(lease=lease).reason == "Notice given"


@pytest.mark.parametrize(
    ("move_out", "message"),
    [
        (TODAY + 29 * DAY, "Move-out date must be at least 30 days after the notice date."),
        (TODAY, "Move-out date must be after the notice date."),
        (TODAY - 10 * DAY, "Move-out date must be after the notice date."),
    ],
)
def test_give_notice_validates_the_notice_period(move_out, message):
    lease = LeaseFactory()
    with pytest.raises(ApplicationError, match=f"^{message}$"):
        services.lease_give_notice(lease=lease, actor=ACTOR, notice_date=TODAY, notice_move_out_date=move_out)
    lease.refresh_from_db()
    assert lease.lease_status == ACTIVE and lease.notice_date is None
    assert not LeaseStatusLog.objects.exists()


def test_mark_vacant_defaults_to_today_and_vacates_the_unit():
    lease = LeaseFactory(notice=True)
    result = services.lease_mark_vacant(lease=lease, actor=ACTOR)
    assert (result.lease_status, result.actual_move_out_date) == (VACANT, TODAY)
    assert UnitsUnit.objects.get(pk=lease.unit_id).status == "vacant"


def test_mark_vacant_with_a_date_and_not_in_the_future():
    lease = LeaseFactory(notice=True)
    with pytest.raises(ApplicationError, match="cannot be in the future"):
        services.lease_mark_vacant(lease=lease, actor=ACTOR, actual_move_out_date=TODAY + DAY)
    result = services.lease_mark_vacant(lease=lease, actor=ACTOR, actual_move_out_date=TODAY - 2 * DAY)
    assert result.actual_move_out_date == TODAY - 2 * DAY


def test_renew_from_month_to_month_sets_the_new_term_and_clears_holdover():
    lease = LeaseFactory(month_to_month=True, unit=UnitFactory(status="occupied"))
    result = services.lease_renew(
        lease=lease, actor=ACTOR, lease_end_date=TODAY + 365 * DAY, monthly_rent_amount=Decimal("1900.00")
    )
    result.refresh_from_db()
    assert result.lease_status == ACTIVE
    assert result.lease_end_date == TODAY + 365 * DAY
    assert result.monthly_rent_amount == Decimal("1900.00")
    assert result.holdover_start_date is None
    log = LeaseStatusLog.objects.get(lease=lease)
    assert log.reason == "Lease renewed"
    assert log.metadata["kind"] == "renewal"
    assert log.metadata["previous_monthly_rent_amount"] == "1700.00"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"lease_end_date": TODAY}, "The new lease end date must be in the future."),
        ({"lease_end_date": TODAY + 30 * DAY, "monthly_rent_amount": Decimal("0")}, "greater than zero"),
    ],
)
def test_renew_validates_the_new_term(fields, message):
    lease = LeaseFactory(month_to_month=True)
    with pytest.raises(ApplicationError, match=message):
        services.lease_renew(lease=lease, actor=ACTOR, **fields)
    lease.refresh_from_db()
    assert lease.lease_status == MONTH_TO_MONTH


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (VACANT, "Only a month-to-month lease can be moved to active this way."),
        (ACTIVE, "Lease is already active."),
        (NOTICE, "Cannot move a lease from notice to active."),
    ],
)
def test_renew_only_from_month_to_month(status, message):
    lease = lease_in(status)
    with pytest.raises(ApplicationError, match=f"^{message}$"):
        services.lease_renew(lease=lease, actor=ACTOR, lease_end_date=TODAY + 365 * DAY)


def test_activate_new_lease_on_a_vacant_unit():
    lease = LeaseFactory(vacant=True)
    new_tenant = TenantFactory()
    result = services.lease_activate_new(
        lease=lease,
        actor=ACTOR,
        tenant=new_tenant,
        lease_begin_date=TODAY,
        lease_end_date=TODAY + 365 * DAY,
        monthly_rent_amount=Decimal("1950.00"),
        lease_number="L-NEW-1",
    )
    result.refresh_from_db()
    assert result.lease_status == ACTIVE
    assert result.tenant_id == new_tenant.pk
    assert result.lease_number == "L-NEW-1"
    assert (result.notice_date, result.notice_move_out_date, result.actual_move_out_date) == (None, None, None)
    assert UnitsUnit.objects.get(pk=lease.unit_id).status == "occupied"
    log = LeaseStatusLog.objects.get(lease=lease)
    assert (log.previous_status, log.new_status, log.metadata["kind"]) == (VACANT, ACTIVE, "new_lease")
    assert log.metadata["tenant_id"] == str(new_tenant.pk)


def test_activate_new_refuses_a_lease_number_in_use():
    taken = LeaseFactory()
    lease = LeaseFactory(vacant=True)
    with pytest.raises(ApplicationError, match="already in use"):
        services.lease_activate_new(
            lease=lease,
            actor=ACTOR,
            lease_begin_date=TODAY,
            lease_end_date=TODAY + 365 * DAY,
            monthly_rent_amount=Decimal("1950.00"),
            lease_number=taken.lease_number,
        )


def test_activate_new_only_from_vacant():
    lease = LeaseFactory(month_to_month=True)
    with pytest.raises(ApplicationError, match="^Only a vacant lease can be moved to active this way.$"):
        services.lease_activate_new(
            lease=lease, actor=ACTOR, lease_begin_date=TODAY, lease_end_date=TODAY + 365 * DAY, monthly_rent_amount=1
        )


def test_fields_that_do_not_belong_to_the_target_are_refused():
    lease = LeaseFactory()
    with pytest.raises(ApplicationError, match="Cannot set notice_date"):
        services.lease_transition(lease=lease, to_status=MONTH_TO_MONTH, actor=ACTOR, notice_date=TODAY)


def test_a_deleted_lease_is_not_found():
    lease = LeaseFactory()
    TenantLease.objects.filter(pk=lease.pk).delete()
    with pytest.raises(ApplicationError) as exc:
        services.lease_convert_mtm(lease=lease, actor=ACTOR)
    assert (exc.value.message, exc.value.status_code) == ("Lease not found.", 404)


def test_transition_checks_the_current_row_not_the_stale_object():
    lease = LeaseFactory()
    stale = TenantLease.objects.get(pk=lease.pk)
    services.lease_convert_mtm(lease=lease, actor=ACTOR)
    with pytest.raises(ApplicationError, match="^Lease is already month-to-month.$"):
        services.lease_convert_mtm(lease=stale, actor=ACTOR)
    assert LeaseStatusLog.objects.count() == 1


def test_transition_locks_the_row():
    lease = LeaseFactory()
    with CaptureQueriesContext(connection) as ctx:
        services.lease_convert_mtm(lease=lease, actor=ACTOR)
    if connection.features.has_select_for_update:
        assert any("FOR UPDATE" in q["sql"] for q in ctx.captured_queries)
    assert any(q["sql"].startswith('INSERT INTO "lease_status_log"') for q in ctx.captured_queries)


def test_a_long_email_is_recorded_in_full():
    lease = LeaseFactory()
    actor = "user:" + "x" * 60 + "@example.com"  # longer than the spec's 50 characters
    result = services.lease_convert_mtm(lease=lease, actor=actor)
    assert result.lease_status_changed_by == actor
    assert LeaseStatusLog.objects.get(lease=lease).changed_by == actor


# --- the hook --------------------------------------------------------------------------------------------


def test_signal_is_sent_once_and_only_after_commit(django_capture_on_commit_callbacks, received):
    lease = LeaseFactory()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.lease_convert_mtm(lease=lease, actor=ACTOR)
        assert received == []  # not before commit
    assert len(callbacks) == 1
    callbacks[0]()
    assert len(received) == 1
    assert received[0]["lease_ids"] == [lease.pk]
    assert (received[0]["previous_status"], received[0]["new_status"]) == (ACTIVE, MONTH_TO_MONTH)


def test_signal_is_not_sent_when_the_transaction_rolls_back(django_capture_on_commit_callbacks, received):
    lease = LeaseFactory()
    with django_capture_on_commit_callbacks(execute=True):
        with pytest.raises(RuntimeError):
            with transaction.atomic():
                services.lease_convert_mtm(lease=lease, actor=ACTOR)
                raise RuntimeError("boom")
    assert received == []
    lease.refresh_from_db()
    assert lease.lease_status == ACTIVE
    assert not LeaseStatusLog.objects.exists()


def test_signal_is_not_sent_for_a_refused_transition(django_capture_on_commit_callbacks, received):
    lease = LeaseFactory(vacant=True)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(ApplicationError):
            services.lease_give_notice(lease=lease, actor=ACTOR, notice_move_out_date=TODAY + 40 * DAY)
    assert callbacks == [] and received == []


def test_a_failing_receiver_does_not_break_the_transition_or_other_receivers(
    django_capture_on_commit_callbacks, received
):
    def broken(sender, **kwargs):
        raise ValueError("receiver bug")

    lease_status_changed.connect(broken, dispatch_uid="test_services.broken")
    try:
        lease = LeaseFactory()
        with django_capture_on_commit_callbacks(execute=True):
            services.lease_convert_mtm(lease=lease, actor=ACTOR)
    finally:
        lease_status_changed.disconnect(dispatch_uid="test_services.broken")
    assert len(received) == 1
    lease.refresh_from_db()
    assert lease.lease_status == MONTH_TO_MONTH


def test_when_sets_the_change_timestamp():
    lease = LeaseFactory()
    when = timezone.now() - datetime.timedelta(hours=3)
    result = services.lease_convert_mtm(lease=lease, actor=ACTOR)
    assert result.lease_status_changed_at >= when
    other = LeaseFactory()
    result = services.lease_transition(lease=other, to_status=MONTH_TO_MONTH, actor=ACTOR, when=when)
    assert result.lease_status_changed_at == when
