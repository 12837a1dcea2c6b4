import datetime

import pytest

from tenants import lifecycle
from tenants.lifecycle import ACTIVE, MONTH_TO_MONTH, NOTICE, VACANT

ALLOWED = {
    (ACTIVE, MONTH_TO_MONTH),
    (ACTIVE, NOTICE),
    (MONTH_TO_MONTH, NOTICE),
    (MONTH_TO_MONTH, ACTIVE),
    (NOTICE, VACANT),
    (VACANT, ACTIVE),
}
ALL_PAIRS = [(a, b) for a in lifecycle.STATUSES for b in lifecycle.STATUSES]


def test_constants_match_the_spec():
    assert lifecycle.EXPIRING_SOON_DAYS == 30
    assert lifecycle.EXPIRING_CRITICAL_DAYS == 7
    assert lifecycle.LONG_HOLDOVER_DAYS == 90
    assert lifecycle.MIN_NOTICE_DAYS == 30
    assert set(lifecycle.TRANSITIONS) == ALLOWED


@pytest.mark.parametrize(("from_status", "to_status"), ALL_PAIRS)
def test_transition_table(from_status, to_status):
    allowed = (from_status, to_status) in ALLOWED
    assert lifecycle.is_transition_allowed(from_status, to_status) is allowed
    error = lifecycle.transition_error(from_status, to_status)
    assert (error is None) is allowed


@pytest.mark.parametrize(
    ("from_status", "to_status", "message"),
    [
        (MONTH_TO_MONTH, MONTH_TO_MONTH, "Lease is already month-to-month."),
        (ACTIVE, ACTIVE, "Lease is already active."),
        (NOTICE, NOTICE, "Lease is already on notice."),
        (VACANT, VACANT, "Lease is already vacant."),
        (VACANT, NOTICE, "Cannot move a lease from vacant to notice."),
        (NOTICE, MONTH_TO_MONTH, "Cannot move a lease from notice to month-to-month."),
        (ACTIVE, VACANT, "Cannot move a lease from active to vacant."),
        (ACTIVE, "bogus", "Unknown lease status 'bogus'."),
    ],
)
def test_transition_error_messages(from_status, to_status, message):
    assert lifecycle.transition_error(from_status, to_status) == message


D = datetime.date(2026, 3, 15)


@pytest.mark.parametrize(
    ("move_out", "message"),
    [
        (D + datetime.timedelta(days=30), None),
        (D + datetime.timedelta(days=31), None),
        (D + datetime.timedelta(days=29), "Move-out date must be at least 30 days after the notice date."),
        (D + datetime.timedelta(days=1), "Move-out date must be at least 30 days after the notice date."),
        (D, "Move-out date must be after the notice date."),
        (D - datetime.timedelta(days=3), "Move-out date must be after the notice date."),
    ],
)
def test_notice_period(move_out, message):
    assert lifecycle.notice_period_error(notice_date=D, move_out_date=move_out) == message


def test_holdover_start_is_the_day_after_the_end_date():
    assert lifecycle.holdover_start(datetime.date(2025, 12, 31), today=D) == datetime.date(2026, 1, 1)
    assert lifecycle.holdover_start(None, today=D) == D


@pytest.mark.parametrize(
    ("days", "flag"),
    [(None, None), (-1, None), (0, "critical"), (7, "critical"), (8, "soon"), (30, "soon"), (31, None), (365, None)],
)
def test_expiry_flag(days, flag):
    assert lifecycle.expiry_flag(days) == flag


@pytest.mark.parametrize("status", [MONTH_TO_MONTH, NOTICE, VACANT])
def test_expiry_flag_only_for_active_leases(status):
    assert lifecycle.expiry_flag(3, lease_status=status) is None


@pytest.mark.parametrize(("days", "flag"), [(None, False), (0, False), (90, False), (91, True), (400, True)])
def test_is_long_holdover(days, flag):
    assert lifecycle.is_long_holdover(days) is flag


@pytest.mark.parametrize("status", [ACTIVE, NOTICE, VACANT])
def test_long_holdover_only_while_month_to_month(status):
    assert lifecycle.is_long_holdover(200, lease_status=status) is False


def test_days_between():
    assert lifecycle.days_between(D, D + datetime.timedelta(days=18)) == 18
    assert lifecycle.days_between(None, D) is None
    assert lifecycle.days_between(D, None) is None


def test_state_since_is_the_tenancys_own_date_not_the_reclassification():
    """One definition of "in this state since": a lease reclassified today after 519 days of holdover has been
    month-to-month since the day after its end date (the same date the unit and renewals show)."""
    end = datetime.date(2025, 6, 25)
    holdover = lifecycle.holdover_start(end, today=datetime.date(2026, 11, 26))
    dates = dict(
        lease_begin_date=datetime.date(2024, 6, 26),
        holdover_start_date=holdover,
        notice_date=datetime.date(2026, 10, 1),
        actual_move_out_date=datetime.date(2026, 11, 1),
        changed_on=datetime.date(2026, 11, 28),
    )
    assert lifecycle.state_since(lease_status=MONTH_TO_MONTH, **dates) == datetime.date(2025, 6, 26)
    assert (
        lifecycle.days_between(lifecycle.state_since(lease_status=MONTH_TO_MONTH, **dates), datetime.date(2026, 11, 28))
        == 520
    )
    assert lifecycle.state_since(lease_status=ACTIVE, **dates) == datetime.date(2024, 6, 26)
    assert lifecycle.state_since(lease_status=NOTICE, **dates) == datetime.date(2026, 10, 1)
    assert lifecycle.state_since(lease_status=VACANT, **dates) == datetime.date(2026, 11, 1)
    # A missing date falls back to when UnitCycle recorded the change.
    assert lifecycle.state_since(lease_status=NOTICE, **{**dates, "notice_date": None}) == datetime.date(2026, 11, 28)
