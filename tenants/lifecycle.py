"""Lease lifecycle rules (spec 1.1): states, the transition table, thresholds. Pure: no ORM, no clock.

Every function that needs "today" takes it as an argument so it can be unit-tested without freezing time.
"""

import datetime

ACTIVE = "active"
MONTH_TO_MONTH = "month_to_month"
NOTICE = "notice"
VACANT = "vacant"
STATUSES = (ACTIVE, MONTH_TO_MONTH, NOTICE, VACANT)
# A lease in one of these states has the unit: at most one per unit (database constraint
# `tenant_lease_one_occupying_per_unit`).
OCCUPYING = (ACTIVE, MONTH_TO_MONTH, NOTICE)

# How a status reads inside a sentence ("Cannot move a lease from vacant to notice.").
STATUS_WORDS = {ACTIVE: "active", MONTH_TO_MONTH: "month-to-month", NOTICE: "notice", VACANT: "vacant"}
_ALREADY = {
    ACTIVE: "Lease is already active.",
    MONTH_TO_MONTH: "Lease is already month-to-month.",
    NOTICE: "Lease is already on notice.",
    VACANT: "Lease is already vacant.",
}

# Thresholds (spec 1.1 "Business Logic & Thresholds").
EXPIRING_SOON_DAYS = 30  # amber badge
EXPIRING_CRITICAL_DAYS = 7  # red badge
LONG_HOLDOVER_DAYS = 90  # holdover_days > 90 -> flag for management review
MIN_NOTICE_DAYS = 30  # give-notice: move-out at least 30 days after the notice date
EXPIRING_WINDOWS = (30, 60, 90)  # lifecycle-stats expiring_{n}_days

# (from, to) -> what triggers it. Anything not listed is refused.
TRANSITIONS: dict[tuple[str, str], str] = {
    (ACTIVE, MONTH_TO_MONTH): "Lease end date passed without renewal (daily agent) or manual conversion",
    (ACTIVE, NOTICE): "Tenant or landlord gave notice",
    (MONTH_TO_MONTH, NOTICE): "Tenant or landlord gave notice",
    (MONTH_TO_MONTH, ACTIVE): "Renewal signed (feature 1.2)",
    (NOTICE, VACANT): "Move-out date passed (daily agent) or manual move-out",
    (VACANT, ACTIVE): "New lease signed",
}

# Unit status that follows a lease status change; None leaves the unit alone.
UNIT_STATUS_AFTER = {VACANT: "vacant", ACTIVE: "occupied", MONTH_TO_MONTH: None, NOTICE: None}

# The nightly agent.
AGENT_ACTOR = "system:daily_classify"
INITIAL_ACTOR = "system:initial_reclassification"
REASON_END_DATE_PASSED = "Lease end date passed without renewal"
REASON_MOVE_OUT_PASSED = "Move-out date passed"


def is_transition_allowed(from_status: str, to_status: str) -> bool:
    return (from_status, to_status) in TRANSITIONS


def transition_error(from_status: str, to_status: str) -> str | None:
    """The message for a refused transition, or None when it is allowed."""
    if to_status not in STATUSES:
        return f"Unknown lease status '{to_status}'."
    if from_status == to_status:
        return _ALREADY[to_status]
    if is_transition_allowed(from_status, to_status):
        return None
    return f"Cannot move a lease from {STATUS_WORDS.get(from_status, from_status)} to {STATUS_WORDS[to_status]}."


def notice_period_error(*, notice_date: datetime.date, move_out_date: datetime.date) -> str | None:
    """Validates a notice: move-out after the notice date, and at least MIN_NOTICE_DAYS after it."""
    if move_out_date <= notice_date:
        return "Move-out date must be after the notice date."
    if (move_out_date - notice_date).days < MIN_NOTICE_DAYS:
        return f"Move-out date must be at least {MIN_NOTICE_DAYS} days after the notice date."
    return None


def lease_dates_error(
    *,
    lease_begin_date: datetime.date | None,
    notice_date: datetime.date | None = None,
    move_out_date: datetime.date | None = None,
    lease_notice_date: datetime.date | None = None,
) -> str | None:
    """A lifecycle date against the lease's own dates: nothing happens before the lease starts, and nobody
    moves out before they gave notice."""
    begin = lease_begin_date
    if begin and notice_date and notice_date < begin:
        return f"The notice date cannot be before the lease start ({begin:%Y-%m-%d})."
    if begin and move_out_date and move_out_date <= begin:
        return f"The move-out date must be after the lease start ({begin:%Y-%m-%d})."
    if lease_notice_date and move_out_date and move_out_date < lease_notice_date:
        return f"The move-out date cannot be before the notice date ({lease_notice_date:%Y-%m-%d})."
    return None


def holdover_start(lease_end_date: datetime.date | None, *, today: datetime.date) -> datetime.date:
    """A month-to-month tenancy starts the day after the lease ends (today when the lease has no end date)."""
    if lease_end_date is None:
        return today
    return lease_end_date + datetime.timedelta(days=1)


def state_since(
    *,
    lease_status: str,
    lease_begin_date: datetime.date | None,
    holdover_start_date: datetime.date | None,
    notice_date: datetime.date | None,
    actual_move_out_date: datetime.date | None,
    changed_on: datetime.date | None = None,
) -> datetime.date | None:
    """The day the tenancy entered its current state, from the lease's own dates — the one definition every
    screen uses for "in this state since" / "N days": month-to-month from the holdover start (the day after
    the lease ended), notice from the notice date, vacant from the move-out, active from the lease start.
    `changed_on` (when UnitCycle recorded the change) is the fallback when the date is missing. Unlike the
    spec's `days_in_current_status` (time since the record changed), a lease reclassified today after 519
    days of holdover is 519 days in its state, not 0."""
    by_state = {
        ACTIVE: lease_begin_date,
        MONTH_TO_MONTH: holdover_start_date,
        NOTICE: notice_date,
        VACANT: actual_move_out_date,
    }
    return by_state.get(lease_status) or changed_on


def days_between(start: datetime.date | None, end: datetime.date | None) -> int | None:
    if start is None or end is None:
        return None
    return (end - start).days


def expiry_flag(days_until_expiry: int | None, *, lease_status: str = ACTIVE) -> str | None:
    """'critical' within 7 days, 'soon' within 30 days, else None.

    Only an active lease can be "expiring": a month-to-month lease has already expired, and a lease on
    notice or vacant is ending anyway. Also None once the end date has passed.
    """
    if lease_status != ACTIVE or days_until_expiry is None or days_until_expiry < 0:
        return None
    if days_until_expiry <= EXPIRING_CRITICAL_DAYS:
        return "critical"
    if days_until_expiry <= EXPIRING_SOON_DAYS:
        return "soon"
    return None


def is_long_holdover(holdover_days: int | None, *, lease_status: str = MONTH_TO_MONTH) -> bool:
    """A month-to-month tenancy running more than 90 days: flag for management review.

    Leases that have moved on (notice, vacant, renewed) are not flagged even if a holdover date remains.
    """
    return lease_status == MONTH_TO_MONTH and holdover_days is not None and holdover_days > LONG_HOLDOVER_DAYS
