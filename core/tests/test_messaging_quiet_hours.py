"""Quiet hours in core.messaging: a non-urgent text with a contact window outside it is scheduled (not sent), the
release agent sends it when the window opens (set-based, idempotent), urgent texts go at once, dedupe holds."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.messaging import ContactWindow, deferred_messages_release, send_sms, sms_opt_out_set
from core.messaging.testing import FakeSmsBackend
from core.models import OutboxMessage

pytestmark = pytest.mark.django_db

UTC = datetime.UTC
TCPA = "47 CFR §64.1200(c)(1)"
WINDOW = ContactWindow(start=datetime.time(8), end=datetime.time(21), zone="America/New_York", citation=TCPA)
NIGHT = datetime.datetime(2026, 11, 30, 3, 0, tzinfo=UTC)  # 22:00 in New York
OPENS = datetime.datetime(2026, 11, 30, 13, 0, tzinfo=UTC)  # 8:00 EST
DAY = datetime.datetime(2026, 11, 30, 17, 0, tzinfo=UTC)  # noon


@pytest.fixture(autouse=True)
def quiet_hours_on(settings):
    settings.MESSAGING_QUIET_HOURS = True
    settings.MESSAGING_SMS_BACKEND = "core.messaging.testing.FakeSmsBackend"
    FakeSmsBackend.reset()
    yield
    FakeSmsBackend.reset()


def _night(n=0, **kw):
    return send_sms(
        to=f"+1206555{n:04d}", body=f"Rent reminder {n}", contact_window=WINDOW, now=NIGHT, dedupe_key=f"k{n}", **kw
    )


def test_outside_the_window_the_text_is_scheduled_for_8_not_sent():
    row = _night()
    assert row.status == "scheduled" and row.not_before == OPENS
    assert row.hold_reason == f"quiet hours, {TCPA}"
    assert row.attempts == 0 and FakeSmsBackend.sent == []


def test_inside_the_window_or_without_a_window_it_goes_at_once():
    assert send_sms(to="+12065550001", body="Hi", contact_window=WINDOW, now=DAY).status == "sent"
    assert send_sms(to="+12065550002", body="A reply to the tenant's own message", now=NIGHT).status == "sent"
    assert len(FakeSmsBackend.sent) == 2


def test_urgent_texts_ignore_quiet_hours():
    row = send_sms(to="+12065550003", body="Leak reported: on it", contact_window=WINDOW, now=NIGHT, urgent=True)
    assert row.status == "sent" and row.not_before is None and len(FakeSmsBackend.sent) == 1


def test_the_setting_switches_it_off(settings):
    settings.MESSAGING_QUIET_HOURS = False
    assert _night().status == "sent"


def test_the_same_message_twice_is_one_row_and_one_send():
    first = _night()
    again = _night()
    assert again.pk == first.pk and OutboxMessage.objects.count() == 1
    deferred_messages_release(now=OPENS)
    assert _night().pk == first.pk
    assert len(FakeSmsBackend.sent) == 1


def test_release_sends_what_is_due_once():
    due, later = _night(1), _night(2)
    OutboxMessage.objects.filter(pk=later.pk).update(not_before=OPENS + datetime.timedelta(hours=1))
    assert deferred_messages_release(now=OPENS - datetime.timedelta(minutes=1)) == "No scheduled messages are due."
    summary = deferred_messages_release(now=OPENS)
    assert summary.startswith("Released 1 scheduled messages: 1 handed to the provider")
    due.refresh_from_db()
    later.refresh_from_db()
    assert (due.status, due.attempts, due.sent_at is not None) == ("sent", 1, True)
    assert due.hold_reason and due.not_before == OPENS  # the history keeps why it waited
    assert later.status == "scheduled"
    assert deferred_messages_release(now=OPENS) == "No scheduled messages are due."  # idempotent
    assert [m["to"] for m in FakeSmsBackend.sent] == [due.to]


def test_release_is_set_based():
    def queries(n):
        OutboxMessage.objects.all().delete()
        for i in range(n):
            _night(i)
        with CaptureQueriesContext(connection) as ctx:
            deferred_messages_release(now=OPENS)
        assert OutboxMessage.objects.filter(status="sent").count() == n
        return len(ctx)

    assert queries(2) == queries(30)


def test_a_stop_before_the_window_opens_blocks_it():
    row = _night(5)
    sms_opt_out_set(phone=row.to, keyword="STOP")
    assert "1 blocked" in deferred_messages_release(now=OPENS)
    row.refresh_from_db()
    assert row.status == "blocked" and "STOP" in row.error and FakeSmsBackend.sent == []


def test_a_provider_failure_at_release_is_kept_retryable():
    from core.messaging.backends import DeliveryError

    row = _night(6)
    FakeSmsBackend.fail_with = DeliveryError("Twilio error 20500", retryable=True)
    assert "1 failed" in deferred_messages_release(now=OPENS)
    row.refresh_from_db()
    assert (row.status, row.retryable, row.attempts) == ("failed", True, 1)


def test_outbox_api_shows_the_schedule(api_client):
    _night(7)
    body = api_client.get("/api/v1/messages/outbox/", {"status": "scheduled"}).json()
    [row] = body["results"]
    assert row["status"] == "scheduled" and row["not_before"].startswith("2026-11-30T13:00")
    assert row["hold_reason"] == f"quiet hours, {TCPA}"


def test_the_task_runs_by_name(settings):
    from django.core.management import call_command

    _night(8)
    OutboxMessage.objects.update(not_before=datetime.datetime(2020, 1, 1, tzinfo=UTC))
    call_command("run_task", "core.release_deferred_messages")
    assert OutboxMessage.objects.get().status == "sent"
