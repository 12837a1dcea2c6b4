"""Reminders (core.notifications): a notification to one person at a due time — hidden from every bell until then,
only ever in its recipient's, emailed to them once by `core.deliver_due_reminders`; the endpoint validates."""

import datetime

import pytest
from django.utils import timezone

from core.models import Notification, OutboxMessage
from core.notifications.services import reminders_deliver_due

URL = "/api/v1/notifications/reminders/"


def _bell(client):
    return [n["title"] for n in client.get("/api/v1/notifications/").json()["results"]]


@pytest.mark.django_db
def test_a_reminder_shows_in_its_recipients_bell_when_due_and_is_emailed_once(make_user, django_assert_max_num_queries):
    alice, bob = make_user("property_manager"), make_user("property_manager")
    due = timezone.now() + datetime.timedelta(hours=2)
    created = alice.post(
        URL, {"title": "Call the plumber", "body": "About unit 12", "due_at": due.isoformat(), "link": "/units"}
    )
    assert created.status_code == 201, created.content
    reminder = created.json()
    assert reminder["title"] == "Call the plumber" and reminder["delivered_at"] is None
    assert [r["id"] for r in alice.get(URL, {"pending": "true"}).json()["results"]] == [reminder["id"]]
    assert bob.get(URL).json()["results"] == []

    # not due yet: in nobody's bell, and the agent sends nothing
    assert "Call the plumber" not in _bell(alice)
    assert reminders_deliver_due() == "No reminders due."

    # due: in Alice's bell only; emailed to her once, however often the agent runs
    Notification.objects.filter(pk=reminder["id"]).update(deliver_at=timezone.now() - datetime.timedelta(minutes=1))
    assert "Call the plumber" in _bell(alice)
    assert "Call the plumber" not in _bell(bob)
    with django_assert_max_num_queries(12):
        assert reminders_deliver_due() == "1 reminders due, 1 emailed."
    assert reminders_deliver_due() == "No reminders due."
    mail = OutboxMessage.objects.get(feature="notifications.reminder")
    assert mail.to == alice.user.email and mail.subject == "Reminder: Call the plumber"
    assert "About unit 12" in mail.body
    assert Notification.objects.get(pk=reminder["id"]).delivered_at is not None
    # Bob cannot mark it read: it is not his
    assert bob.post(f"/api/v1/notifications/{reminder['id']}/read/").status_code == 404
    assert alice.post(f"/api/v1/notifications/{reminder['id']}/read/").status_code == 200


@pytest.mark.django_db
def test_the_agent_is_set_based(make_user, django_assert_max_num_queries):
    from core.notifications.services import reminder_create

    client = make_user("property_manager")
    soon = timezone.now() + datetime.timedelta(minutes=5)
    for i in range(30):
        reminder_create(user=client.user, title=f"Reminder {i}", due_at=soon)
    later = soon + datetime.timedelta(minutes=1)
    # one read, one claim, one update; then the outbox writes (a fixed few per message)
    assert reminders_deliver_due(now=later, limit=10) == "10 reminders due, 10 emailed."
    assert reminders_deliver_due(now=later) == "20 reminders due, 20 emailed."
    assert OutboxMessage.objects.filter(feature="notifications.reminder").count() == 30


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"title": "", "due_at": "2099-01-01T09:00:00Z"}, "title"),
        ({"title": "x"}, "due_at"),
        ({"title": "x", "due_at": "tomorrow"}, "due_at"),
        ({"title": "x", "due_at": (timezone.now() - datetime.timedelta(days=1)).isoformat()}, "in the future"),
        ({"title": "x", "due_at": (timezone.now() + datetime.timedelta(days=900)).isoformat()}, "two years"),
        (
            {"title": "x", "due_at": (timezone.now() + datetime.timedelta(days=1)).isoformat(), "link": "https://x"},
            "path inside the app",
        ),
    ],
)
def test_the_endpoint_refuses_bad_reminders_with_a_400(make_user, body, message):
    response = make_user("read_only").post(URL, body, format="json")
    assert response.status_code == 400 and message in response.content.decode(), response.content
    assert not Notification.objects.exists()
