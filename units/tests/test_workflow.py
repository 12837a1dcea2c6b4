"""units.workflow: the transition table, the rule checks, SLA targets, ages. Pure: no database."""

import datetime
from decimal import Decimal

import pytest

from units import workflow as wf
from units.models import UnitsMaintenance

D = datetime.date
TODAY = D(2026, 11, 29)


def move(current, target, *, vendor=False, cost=None, note=""):
    return wf.Move(current=current, target=target, has_vendor=vendor, actual_cost=cost, note=note)


def test_statuses_match_the_model_choices():
    assert wf.STATUSES == tuple(UnitsMaintenance.Status.values)
    assert set(wf.SLA_TARGET_DAYS) == set(UnitsMaintenance.Priority.values)
    assert set(wf.TRANSITIONS) == set(wf.STATUSES)
    assert all(t in wf.STATUSES for targets in wf.TRANSITIONS.values() for t in targets)


def test_the_transition_table():
    assert wf.allowed_transitions("open") == ("assigned", "in_progress", "cancelled")
    assert wf.allowed_transitions("assigned") == ("in_progress", "open", "cancelled")
    assert wf.allowed_transitions("in_progress") == ("completed", "cancelled")
    assert wf.allowed_transitions("completed") == ("closed", "in_progress")
    assert wf.allowed_transitions("closed") == ()
    assert wf.allowed_transitions("cancelled") == ()
    assert wf.allowed_transitions("haunted") == ()


ALL_PAIRS = [(a, b) for a in wf.STATUSES for b in wf.STATUSES if a != b]


@pytest.mark.parametrize(("current", "target"), ALL_PAIRS, ids=[f"{a}->{b}" for a, b in ALL_PAIRS])
def test_every_pair_is_allowed_exactly_when_the_table_says(current, target):
    # with everything a move could need: a vendor, a cost, a note
    problem = wf.transition_problem(move(current, target, vendor=True, cost=Decimal("10"), note="why"))
    if target in wf.allowed_transitions(current):
        assert problem is None
    else:
        assert problem is not None and "can't move" in problem


@pytest.mark.parametrize(
    ("mv", "message"),
    [
        (move("open", "open"), "already open"),
        (move("in_progress", "in_progress"), "already in progress"),
        (move("closed", "in_progress", note="x"), "A closed work order is final"),
        (move("cancelled", "completed", cost=Decimal("1")), "A cancelled work order is final"),
        (move("assigned", "completed", cost=Decimal("1")), "An assigned work order can't move to completed"),
        (move("open", "closed", cost=Decimal("1")), "An open work order can't move to closed"),
        (move("open", "completed", cost=Decimal("1")), "can't move to completed"),
        (move("open", "haunted"), "Unknown status 'haunted'"),
        (move("open", "assigned"), "Choose a vendor"),
        (move("in_progress", "completed"), "actual cost to complete"),
        (move("completed", "closed"), "actual cost to close"),
        (move("completed", "in_progress"), "why the work order is reopened"),
        (move("completed", "in_progress", note="   "), "why the work order is reopened"),
    ],
)
def test_refusals_say_why(mv, message):
    assert message in wf.transition_problem(mv)


def test_moves_that_need_nothing_more():
    assert wf.transition_problem(move("open", "in_progress")) is None  # in-house staff, no vendor
    assert wf.transition_problem(move("open", "assigned", vendor=True)) is None
    assert wf.transition_problem(move("assigned", "open", vendor=False)) is None
    assert wf.transition_problem(move("open", "cancelled")) is None
    assert wf.transition_problem(move("in_progress", "cancelled")) is None
    assert wf.transition_problem(move("in_progress", "completed", cost=Decimal("0"))) is None  # 0 is a cost
    assert wf.transition_problem(move("completed", "closed", cost=Decimal("0.00"))) is None
    assert wf.transition_problem(move("completed", "in_progress", note="Leak came back")) is None


def test_reopening_is_only_completed_back_to_in_progress():
    assert wf.is_reopening("completed", "in_progress")
    assert not wf.is_reopening("open", "in_progress")
    assert not wf.is_reopening("completed", "closed")


@pytest.mark.parametrize(
    ("status", "vendor", "expected"),
    [
        ("open", True, "assigned"),
        ("open", False, "open"),
        ("assigned", False, "open"),
        ("assigned", True, "assigned"),
        ("in_progress", False, "in_progress"),
        ("in_progress", True, "in_progress"),
        ("completed", False, "completed"),
    ],
)
def test_status_for_vendor(status, vendor, expected):
    assert wf.status_for_vendor(status, vendor) == expected


@pytest.mark.parametrize(("priority", "days"), [("emergency", 1), ("high", 3), ("medium", 7), ("low", 14)])
def test_sla_targets_and_due_dates(priority, days):
    assert wf.sla_target_days(priority) == days
    assert wf.sla_due_date(requested=D(2026, 2, 27), priority=priority) == D(2026, 2, 27) + datetime.timedelta(days)


def test_an_unknown_priority_gets_the_medium_target():
    assert wf.sla_target_days("whenever") == 7


def age(status, requested, completed=None, final_on=None, today=TODAY):
    return wf.age_days(status=status, requested=requested, completed=completed, final_on=final_on, today=today)


def test_age_runs_to_today_while_open_and_stops_when_done():
    assert age("open", D(2026, 11, 20)) == 9
    assert age("assigned", D(2026, 11, 20)) == 9
    assert age("in_progress", D(2026, 11, 29)) == 0
    assert age("completed", D(2026, 11, 20), completed=D(2026, 11, 23)) == 3
    assert age("closed", D(2026, 11, 1), completed=D(2026, 11, 1)) == 0
    # cancelled: stops on the day it was cancelled; without that day, at today
    assert age("cancelled", D(2026, 11, 1), final_on=D(2026, 11, 4)) == 3
    assert age("cancelled", D(2026, 11, 1)) == 28
    # a completed order missing its date (legacy data) still has an age
    assert age("completed", D(2026, 11, 20)) == 9
    # a request dated a few days ahead is not negative
    assert age("open", D(2026, 12, 1)) == 0


def breached(status, due, completed=None, today=TODAY):
    return wf.sla_breached(status=status, due=due, completed=completed, today=today)


def test_sla_breach_edges():
    due = D(2026, 11, 28)
    # open work: breached the day after the due date, not on it
    assert breached("open", due) is True
    assert breached("assigned", D(2026, 11, 29)) is False
    assert breached("in_progress", D(2026, 11, 29), today=D(2026, 11, 30)) is True
    # done work is judged on its completed date, whatever today is
    assert breached("completed", due, completed=D(2026, 11, 28)) is False
    assert breached("completed", due, completed=D(2026, 11, 29)) is True
    assert breached("closed", due, completed=D(2026, 11, 29)) is True
    assert breached("closed", due, completed=None) is False
    assert breached("cancelled", D(2020, 1, 1)) is False


def test_requested_date_window():
    assert wf.requested_date_problem(TODAY, today=TODAY) is None
    assert wf.requested_date_problem(TODAY + datetime.timedelta(days=3), today=TODAY) is None
    assert "at most 3 days ahead (2026-12-02)" in wf.requested_date_problem(D(2026, 12, 3), today=TODAY)
    assert wf.requested_date_problem(D(2021, 11, 29), today=TODAY) is None
    assert "at most 5 years back (2021-11-29)" in wf.requested_date_problem(D(2021, 11, 28), today=TODAY)
    # 29 February: five years back is the 28th
    assert wf.requested_date_problem(D(2023, 2, 28), today=D(2028, 2, 29)) is None
    assert wf.requested_date_problem(D(2023, 2, 27), today=D(2028, 2, 29)) is not None


def test_completed_date_window():
    requested = D(2026, 11, 20)
    assert wf.completed_date_problem(D(2026, 11, 20), requested=requested, today=TODAY) is None
    assert wf.completed_date_problem(TODAY, requested=requested, today=TODAY) is None
    assert "future" in wf.completed_date_problem(D(2026, 11, 30), requested=requested, today=TODAY)
    assert "before the requested" in wf.completed_date_problem(D(2026, 11, 19), requested=requested, today=TODAY)
