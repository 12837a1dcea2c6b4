"""The turnover pipeline's rules (spec 2.1): stages, which moves are allowed, which date each stage stamps, days
vacant and the delay rule. Pure: no Django, no clock (`today` is passed in).

- Forward: exactly one stage at a time (Notice -> Inspect -> Make Ready -> Listed -> Leased), each stamping its
  date. The system may jump to Leased when the unit's new lease starts (`force`).
- Back: to any earlier stage, only with a reason (logged); the dates of the stages after the target are cleared,
  so moving forward again stamps them afresh.
- Days vacant: whole days since the move-out (the actual one, else the expected one once it has passed), 0
  before it; frozen at the leased date once leased.
- Delayed: spec "Target: 21 days from notice to leased. If > 30 days, flag as delayed", counted on days vacant
  (docs/decisions.md: a notice is itself at least 30 days long, so counting from the notice would flag every case).
"""

from __future__ import annotations

import datetime

NOTICE, INSPECT, MAKE_READY, LISTED, LEASED = "notice", "inspect", "make_ready", "listed", "leased"
STAGES: tuple[str, ...] = (NOTICE, INSPECT, MAKE_READY, LISTED, LEASED)
OPEN_STAGES: tuple[str, ...] = STAGES[:-1]
STAGE_LABELS = {
    NOTICE: "Notice",
    INSPECT: "Inspect",
    MAKE_READY: "Make Ready",
    LISTED: "Listed",
    LEASED: "Leased",
}
# The date field each stage stamps when the case enters it (notice_date is the lease's, set on opening).
STAGE_DATE_FIELDS: dict[str, tuple[str, ...]] = {
    NOTICE: (),
    INSPECT: ("inspection_date",),
    MAKE_READY: ("make_ready_start",),
    LISTED: ("make_ready_complete", "listed_date"),
    LEASED: ("leased_date",),
}
DELAY_DAYS = 30  # spec: "If > 30 days, flag as delayed"
TARGET_DAYS = 21  # spec: "Target: 21 days from notice to leased"
INSPECTION_DAYS_BEFORE_MOVE_OUT = 2  # spec: "auto-schedules an inspection work order 2 days before move-out"


def index(stage: str) -> int:
    try:
        return STAGES.index(stage)
    except ValueError:
        raise ValueError(f"Unknown stage {stage!r}; one of {', '.join(STAGES)}.") from None


def next_stage(stage: str) -> str | None:
    i = index(stage)
    return STAGES[i + 1] if i + 1 < len(STAGES) else None


def previous_stages(stage: str) -> tuple[str, ...]:
    return STAGES[: index(stage)]


def move_problem(current: str, target: str, *, reason: str = "", force: bool = False) -> str | None:
    """Why the move is refused, or None when it is allowed."""
    if target not in STAGES:
        return f"Unknown stage '{target}'; one of {', '.join(STAGES)}."
    if target == current:
        return f"The case is already at {STAGE_LABELS[target]}."
    if index(target) > index(current):
        if force or target == next_stage(current):
            return None
        return (
            f"A case moves forward one stage at a time: from {STAGE_LABELS[current]} the next stage is "
            f"{STAGE_LABELS[next_stage(current)]}."
        )
    if not (reason or "").strip():
        return f"Moving back to {STAGE_LABELS[target]} needs a reason."
    return None


def dates_to_clear(target: str) -> tuple[str, ...]:
    """The date fields of the stages after `target` (cleared on a move back)."""
    return tuple(f for s in STAGES[index(target) + 1 :] for f in STAGE_DATE_FIELDS[s])


def dates_to_stamp(current: str, target: str) -> tuple[str, ...]:
    """The date fields a forward move stamps: the stages entered, from the one after `current` to `target`."""
    return tuple(f for s in STAGES[index(current) + 1 : index(target) + 1] for f in STAGE_DATE_FIELDS[s])


def move_out_of(*, actual: datetime.date | None, expected: datetime.date) -> datetime.date:
    return actual or expected


def days_vacant(
    *,
    actual_move_out: datetime.date | None,
    expected_move_out: datetime.date,
    today: datetime.date,
    leased_date: datetime.date | None = None,
) -> int:
    """Whole days the unit has been (or was, once leased) empty; 0 before the move-out."""
    start = move_out_of(actual=actual_move_out, expected=expected_move_out)
    end = leased_date or today
    return max((end - start).days, 0)


def is_delayed(days: int) -> bool:
    return days > DELAY_DAYS


def inspection_date(*, expected_move_out: datetime.date, today: datetime.date) -> datetime.date:
    """2 days before the expected move-out, never in the past."""
    return max(expected_move_out - datetime.timedelta(days=INSPECTION_DAYS_BEFORE_MOVE_OUT), today)
