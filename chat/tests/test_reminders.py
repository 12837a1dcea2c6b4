"""create_action reminders and follow-ups: the chat proposes, nothing is written until the manager confirms, and
the confirmation posts to the reminders endpoint (core.notifications), which creates the manager's reminder."""

import datetime

import pytest

from chat.analyst import due_date, due_time, plan
from core.models import Notification

from .conftest import TODAY

FRIDAY = TODAY  # 2026-11-20, a Friday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("tomorrow", datetime.date(2026, 11, 21)),
        ("on Monday", datetime.date(2026, 11, 23)),
        ("next friday", datetime.date(2026, 11, 27)),
        ("in 3 days", datetime.date(2026, 11, 23)),
        ("in two weeks", datetime.date(2026, 12, 4)),
        ("next week", datetime.date(2026, 11, 23)),
        ("on December 5th", datetime.date(2026, 12, 5)),
        ("on Jan 3", datetime.date(2027, 1, 3)),
        ("on 2026-12-24", datetime.date(2026, 12, 24)),
        ("whenever", None),
    ],
)
def test_reminder_days(text, expected):
    assert due_date(f"remind me to call {text}", FRIDAY)[0] == expected


def test_reminder_times():
    assert due_time("at 3pm")[0] == "15:00"
    assert due_time("at 9:30 am")[0] == "09:30"
    assert due_time("at 15:45")[0] == "15:45"
    assert due_time("at 12 am")[0] == "00:00"
    assert due_time("at unit 12")[0] is None


def test_a_reminder_question_plans_a_proposal():
    got = plan("Remind me to call Maria about the deposit on Monday at 10am", property_names=[], today=FRIDAY)
    assert got.tool == "create_action"
    assert got.params == {
        "action_type": "reminder",
        "title": "Call Maria about the deposit",
        "due_date": "2026-11-23",
        "due_time": "10:00",
    }
    got = plan("Follow up with the Garcias about the lease renewal next week", property_names=[], today=FRIDAY)
    assert got.params["action_type"] == "follow_up" and got.params["due_date"] == "2026-11-23"
    # "send" inside a reminder is what the manager will do, not a write the chat refuses
    assert plan("Remind me to send the renewal letters tomorrow", property_names=[], today=FRIDAY).tool == (
        "create_action"
    )


def test_the_chat_proposes_a_reminder_and_only_the_confirmation_creates_it(seeded, ask, make_user):
    from units.models import UnitsUnit

    unit = UnitsUnit.objects.select_related("property").order_by("property__name", "unit_number").first()
    text, out, done = ask(
        f"Remind me to check the boiler in unit {unit.unit_number} at {unit.property.name} in 30 days at 2pm"
    )
    assert not Notification.objects.filter(kind="reminder").exists()
    assert "Nothing is set until you confirm" in text and "Sunday, December 20, 2026 at 14:00" in text
    action = next(b for b in done["blocks"] if b["type"] == "action")
    assert action["kind"] == "confirm" and action["endpoint"] == "/api/v1/notifications/reminders/"
    assert action["body"]["title"].startswith("Check the boiler in unit")
    assert action["body"]["link"] == f"/units/{unit.pk}"
    assert action["body"]["due_at"].startswith("2026-12-20T14:00")

    manager = make_user("property_manager")
    response = manager.post(action["endpoint"], action["body"], format="json")
    assert response.status_code == 201, response.content
    reminder = Notification.objects.get(kind="reminder")
    assert reminder.kind == "reminder" and reminder.recipient == manager.user
    assert reminder.deliver_at.isoformat().startswith("2026-12-20T14:00") and reminder.link == f"/units/{unit.pk}"


def test_a_reminder_in_the_past_or_without_a_day_is_said_plainly(seeded, ask):
    text, out, done = ask("Remind me to chase the Q3 invoices on 2026-11-02")
    assert "has passed" in text and not Notification.objects.filter(kind="reminder").exists()
    text, out, done = ask("Remind me to chase the Q3 invoices")
    assert out["proposal"]["date_defaulted"] and "no day was named, so tomorrow" in text
    assert out["actions"][0]["body"]["due_at"].startswith("2026-11-21T09:00")
