"""turnover.update_vacancy_days: set-based (the same statements for 3 cases or 30), idempotent, one notification
per delayed case and per overdue deposit statement, ever."""

import datetime
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.models import Notification
from tenants.tests.factories import LeaseFactory
from turnover.models import TurnoverCase
from turnover.services import turnover_cases_open, turnover_vacancy_days_update

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 29)


def _cases(n: int, *, moved_out_days_ago: int):
    leases = [
        LeaseFactory(
            vacant=True,
            notice_date=TODAY - datetime.timedelta(days=moved_out_days_ago + 30),
            notice_move_out_date=TODAY - datetime.timedelta(days=moved_out_days_ago),
            actual_move_out_date=TODAY - datetime.timedelta(days=moved_out_days_ago),
            security_deposit=Decimal("900.00"),
        ).pk
        for _ in range(n)
    ]
    return turnover_cases_open(lease_ids=leases, today=TODAY)


def _run(today=TODAY) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as ctx:
        summary = turnover_vacancy_days_update(today=today)
    return summary, len(ctx.captured_queries)


def test_days_vacant_and_the_delay_flag_once():
    (late,) = _cases(1, moved_out_days_ago=31)
    (fresh,) = _cases(1, moved_out_days_ago=30)
    TurnoverCase.objects.update(days_vacant=0)
    _run()
    late.refresh_from_db()
    fresh.refresh_from_db()
    assert late.days_vacant == 31 and late.delayed_at is not None
    assert fresh.days_vacant == 30 and fresh.delayed_at is None
    notes = Notification.objects.filter(kind="turnover_delayed")
    assert [n.link for n in notes] == [f"/turnover/{late.pk}"]
    summary, _ = _run()
    assert summary.startswith("Updated days vacant on 0 cases; 0 newly delayed")
    assert Notification.objects.filter(kind="turnover_delayed").count() == 1
    _run(TODAY + datetime.timedelta(days=1))
    assert Notification.objects.filter(kind="turnover_delayed").count() == 2  # the other one crossed today


def test_a_notice_case_before_its_move_out_has_no_days_vacant():
    lease = LeaseFactory(notice=True)
    (case,) = turnover_cases_open(lease_ids=[lease.pk])
    turnover_vacancy_days_update(today=timezone.localdate())
    case.refresh_from_db()
    assert case.days_vacant == 0


def test_an_overdue_deposit_statement_raises_one_notification():
    (case,) = _cases(1, moved_out_days_ago=40)  # CA (the factory's property): 21 days
    _run()
    _run()
    notes = Notification.objects.filter(kind="turnover_letter_overdue")
    assert notes.count() == 1 and "Cal. Civ. Code" in notes[0].body
    assert str(case.pk) in notes[0].link


def test_the_agent_is_set_based_the_same_statements_whatever_the_number_of_cases():
    _cases(2, moved_out_days_ago=35)
    TurnoverCase.objects.update(days_vacant=0, delayed_at=None)
    _, small = _run()
    _cases(12, moved_out_days_ago=35)
    Notification.objects.all().delete()
    TurnoverCase.objects.update(days_vacant=0, delayed_at=None)
    _, big = _run()
    assert small == big <= 12, (small, big)
    _, idle = _run()
    assert idle <= big


def test_run_task_runs_it(capsys):
    _cases(1, moved_out_days_ago=3)
    call_command("run_task", "turnover.update_vacancy_days", '{"today": "2026-11-29"}')
    assert "Updated days vacant" in capsys.readouterr().out


def test_the_set_based_agent_matches_the_per_row_reference():
    from core.models import Notification
    from turnover.models import TurnoverEvent
    from turnover.tests.reference import agent_state, reference_update_vacancy_days

    _cases(3, moved_out_days_ago=40)
    _cases(2, moved_out_days_ago=10)
    turnover_cases_open(lease_ids=[LeaseFactory(notice=True).pk], today=TODAY)

    def reset():
        Notification.objects.all().delete()
        TurnoverEvent.objects.filter(kind="delayed").delete()
        TurnoverCase.objects.update(days_vacant=0, delayed_at=None)

    reset()
    reference_update_vacancy_days(TODAY)
    expected = agent_state()
    reset()
    turnover_vacancy_days_update(today=TODAY)
    assert agent_state() == expected
    assert len(expected["notifications"]) == 6  # 3 delayed + 3 overdue statements (CA: 21 days)
