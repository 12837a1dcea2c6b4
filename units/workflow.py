"""The work-order flow as data: which status may follow which, what each move needs, and the service-level
targets by priority. Pure (no Django, no clock): facts in, decisions out; `today` is passed in.

    open -> assigned (a vendor) | in_progress (in-house staff) | cancelled
    assigned -> in_progress | open (unassigned) | cancelled
    in_progress -> completed (an actual cost; 0 is a cost) | cancelled
    completed -> closed | in_progress (reopened: a note says why)
    closed, cancelled: final
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

OPEN = "open"
ASSIGNED = "assigned"
IN_PROGRESS = "in_progress"
COMPLETED = "completed"
CLOSED = "closed"
CANCELLED = "cancelled"

STATUSES = (OPEN, ASSIGNED, IN_PROGRESS, COMPLETED, CLOSED, CANCELLED)
LABELS = {
    OPEN: "open",
    ASSIGNED: "assigned",
    IN_PROGRESS: "in progress",
    COMPLETED: "completed",
    CLOSED: "closed",
    CANCELLED: "cancelled",
}
# Work still to be done (the list's `open=true`, the dashboard's "open work orders").
ACTIVE = (OPEN, ASSIGNED, IN_PROGRESS)
# The work is done: the age stops at the completed date, the SLA is judged on it.
DONE = (COMPLETED, CLOSED)
# Nothing more happens: no transition, no edit.
FINAL = (CLOSED, CANCELLED)

TRANSITIONS: dict[str, tuple[str, ...]] = {
    OPEN: (ASSIGNED, IN_PROGRESS, CANCELLED),
    ASSIGNED: (IN_PROGRESS, OPEN, CANCELLED),
    IN_PROGRESS: (COMPLETED, CANCELLED),
    COMPLETED: (CLOSED, IN_PROGRESS),
    CLOSED: (),
    CANCELLED: (),
}

# Service-level targets: days from the request to the completed work (docs/decisions.md, "Work orders").
SLA_TARGET_DAYS = {"emergency": 1, "high": 3, "medium": 7, "low": 14}

# How far a request date may lie from today: a few days ahead (a request logged for Monday's visit), five
# years back (entering history); anything else is a typo.
REQUESTED_DAYS_AHEAD = 3
REQUESTED_YEARS_BACK = 5


def allowed_transitions(status: str) -> tuple[str, ...]:
    """The statuses a work order in `status` may move to (empty for final and unknown statuses)."""
    return TRANSITIONS.get(status, ())


def is_reopening(current: str, target: str) -> bool:
    return current == COMPLETED and target == IN_PROGRESS


@dataclass(frozen=True)
class Move:
    """A requested status change, with the order as it would be after the request's other fields apply."""

    current: str
    target: str
    has_vendor: bool
    actual_cost: Decimal | None
    note: str = ""


def _a(status: str) -> str:
    """ "An open", "A completed": the label with its article, for the start of a sentence."""
    label = LABELS[status]
    return f"{'An' if label[0] in 'aeiou' else 'A'} {label}"


def transition_problem(move: Move) -> str | None:
    """Why the move is refused, in a sentence a manager can act on; None when it is allowed."""
    current, target = move.current, move.target
    if target not in STATUSES:
        return f"Unknown status '{target}'; one of: {', '.join(STATUSES)}."
    if current == target:
        return f"The work order is already {LABELS[target]}."
    if current in FINAL:
        return f"{_a(current)} work order is final; it can't move to {LABELS[target]}."
    if target not in allowed_transitions(current):
        return f"{_a(current)} work order can't move to {LABELS[target]}."
    if target == ASSIGNED and not move.has_vendor:
        return "Choose a vendor to assign the work order to."
    if target in DONE and move.actual_cost is None:
        verb = "complete" if target == COMPLETED else "close"
        return f"Enter the actual cost to {verb} the work order (0 if it cost nothing)."
    if is_reopening(current, target) and not (move.note or "").strip():
        return "Say why the work order is reopened (a note)."
    return None


def status_for_vendor(status: str, has_vendor: bool) -> str:
    """Before the work starts the status says whether a vendor has it: giving an open order a vendor assigns
    it, taking the vendor off an assigned order opens it again. Later statuses keep theirs."""
    if status == OPEN and has_vendor:
        return ASSIGNED
    if status == ASSIGNED and not has_vendor:
        return OPEN
    return status


# --- ages and service levels -------------------------------------------------------------------------------


def sla_target_days(priority: str) -> int:
    return SLA_TARGET_DAYS.get(priority, SLA_TARGET_DAYS["medium"])


def sla_due_date(*, requested: datetime.date, priority: str) -> datetime.date:
    return requested + datetime.timedelta(days=sla_target_days(priority))


def age_end(
    *, status: str, completed: datetime.date | None, final_on: datetime.date | None, today: datetime.date
) -> datetime.date:
    """Where the age stops: the completed date for done work, the day it was cancelled (`final_on`) for
    cancelled work, today for work still open."""
    if status in DONE and completed is not None:
        return completed
    if status == CANCELLED:
        return final_on or completed or today
    return today


def age_days(
    *,
    status: str,
    requested: datetime.date,
    completed: datetime.date | None,
    final_on: datetime.date | None,
    today: datetime.date,
) -> int:
    """Days from the request to the completed date, or to today while the work is open (never negative)."""
    end = age_end(status=status, completed=completed, final_on=final_on, today=today)
    return max(0, (end - requested).days)


def sla_breached(*, status: str, due: datetime.date, completed: datetime.date | None, today: datetime.date) -> bool:
    """Open work past its due date, or work completed after it. Cancelled work breaches nothing."""
    if status in ACTIVE:
        return today > due
    if status in DONE:
        return completed is not None and completed > due
    return False


def requested_date_problem(requested: datetime.date, *, today: datetime.date) -> str | None:
    """Why a request date is refused (more than a few days ahead or more than five years back), else None."""
    latest = today + datetime.timedelta(days=REQUESTED_DAYS_AHEAD)
    try:
        earliest = today.replace(year=today.year - REQUESTED_YEARS_BACK)
    except ValueError:  # 29 February
        earliest = today.replace(year=today.year - REQUESTED_YEARS_BACK, day=28)
    if requested > latest:
        return f"The requested date can be at most {REQUESTED_DAYS_AHEAD} days ahead ({latest:%Y-%m-%d})."
    if requested < earliest:
        return f"The requested date can be at most {REQUESTED_YEARS_BACK} years back ({earliest:%Y-%m-%d})."
    return None


def completed_date_problem(completed: datetime.date, *, requested: datetime.date, today: datetime.date) -> str | None:
    if completed > today:
        return "The completed date can't be in the future."
    if completed < requested:
        return "The completed date can't be before the requested date."
    return None
