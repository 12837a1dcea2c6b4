"""send_sms / send_email: validation first, outbox row always, backends chosen by settings, dedupe, retry."""

import pytest

from core.ai.testing import no_network  # noqa: F401
from core.exceptions import ApplicationError
from core.messaging import normalise_email, normalise_phone, retry_failed_messages, retry_message, send_email, send_sms
from core.messaging.backends import DeliveryError
from core.messaging.selectors import outbox_list
from core.messaging.testing import FakeEmailBackend, FakeSmsBackend
from core.models import OutboxMessage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_network")]


@pytest.fixture
def fakes(settings):
    settings.MESSAGING_SMS_BACKEND = "core.messaging.testing.FakeSmsBackend"
    settings.MESSAGING_EMAIL_BACKEND = "core.messaging.testing.FakeEmailBackend"
    FakeSmsBackend.reset()
    FakeEmailBackend.reset()
    yield
    FakeSmsBackend.reset()
    FakeEmailBackend.reset()


# ── not configured: the outbox ───────────────────────────────────────────────────────────────────


def test_without_keys_messages_land_in_the_outbox():
    sms = send_sms(to="(555) 234-5678", body="Your rent of $1,850.00 is due April 1.", feature="collections")
    email = send_email(
        to="Tenant@Example.COM", subject="Rent reminder", text="Hi Sam", html="<p>Hi Sam</p>", feature="collections"
    )
    assert (sms.status, sms.backend, sms.to, sms.channel, sms.attempts) == (
        "stored",
        "outbox",
        "+15552345678",
        "sms",
        1,
    )
    assert (email.status, email.backend, email.to, email.html) == (
        "stored",
        "outbox",
        "Tenant@example.com",
        "<p>Hi Sam</p>",
    )
    assert email.from_address == "noreply@unitcycle.local" and sms.sent_at is None
    assert OutboxMessage.objects.count() == 2


# ── validation ───────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("5552345678", "+15552345678"),
        ("+1 (555) 234-5678", "+15552345678"),
        ("1-555-234-5678", "+15552345678"),
        ("+44 20 7946 0958", "+442079460958"),
        ("0044 20 7946 0958", "+442079460958"),
        ("555.234.5678", "+15552345678"),
    ],
)
def test_phone_numbers_are_normalised_to_e164(raw, expected):
    assert normalise_phone(raw) == expected


@pytest.mark.parametrize("raw", ["", "12345", "555-CALL-NOW", "+1 055 234 5678", "+1555123456789012", "+0123456789"])
def test_invalid_phone_numbers_are_rejected_before_anything_is_written(raw, fakes):
    with pytest.raises(ApplicationError) as err:
        send_sms(to=raw, body="hi")
    assert err.value.status_code == 400 and err.value.extra == {"field": "to"}
    assert not OutboxMessage.objects.exists() and FakeSmsBackend.sent == []


@pytest.mark.parametrize("raw", ["", "not-an-email", "a@b", "Sam <sam@example.com>", "sam@example.com\nBcc: x@y.z"])
def test_invalid_emails_are_rejected_before_anything_is_written(raw):
    with pytest.raises(ApplicationError, match="email"):
        send_email(to=raw, subject="s", text="t")
    assert not OutboxMessage.objects.exists()
    assert normalise_email(" pat@Example.ORG ") == "pat@example.org"


def test_message_content_is_checked_too():
    with pytest.raises(ApplicationError, match="empty"):
        send_sms(to="5552345678", body="  ")
    with pytest.raises(ApplicationError, match="1601 characters; the limit is 1600"):
        send_sms(to="5552345678", body="x" * 1601)
    with pytest.raises(ApplicationError, match="single line"):
        send_email(to="a@example.com", subject="Hi\r\nBcc: evil@example.com", text="t")
    with pytest.raises(ApplicationError, match="plain-text body"):
        send_email(to="a@example.com", subject="Hi", text="", html="<p>x</p>")
    assert not OutboxMessage.objects.exists()


# ── configured backends (fakes) ──────────────────────────────────────────────────────────────────


def test_configured_backend_sends_and_records_the_provider_id(fakes, user):
    message = send_sms(to="+15552345678", body="Hello", feature="showings", related_object=user)
    assert (message.status, message.backend, message.provider_message_id) == ("sent", "fake-sms", "SMfake0001")
    assert message.sent_at is not None and message.related_type == "auth.user" and message.related_id == str(user.pk)
    assert FakeSmsBackend.sent == [{"to": "+15552345678", "body": "Hello", "message_id": str(message.id)}]
    assert list(outbox_list(related_object=user)) == [message]

    email = send_email(
        to="a@example.com", subject="Welcome", text="Hi", html="<b>Hi</b>", reply_to="office@example.com"
    )
    sent = FakeEmailBackend.sent[0]
    assert (sent.to, sent.subject, sent.text, sent.html, sent.reply_to, sent.message_id) == (
        "a@example.com",
        "Welcome",
        "Hi",
        "<b>Hi</b>",
        "office@example.com",
        str(email.id),
    )


def test_provider_failure_marks_the_message_failed_and_retryable_never_lost(fakes):
    FakeSmsBackend.fail_with = DeliveryError("Twilio error 20500: Internal error", retryable=True)
    message = send_sms(to="+15552345678", body="Hello")
    assert (message.status, message.retryable, message.error) == ("failed", True, "Twilio error 20500: Internal error")
    assert OutboxMessage.objects.get(id=message.id).status == "failed"

    FakeSmsBackend.fail_with = None
    retried = retry_message(message.id)
    assert (retried.id, retried.status, retried.attempts, retried.error, retried.retryable) == (
        message.id,
        "sent",
        2,
        "",
        False,
    )
    with pytest.raises(ApplicationError, match="Only failed messages can be retried; this one is sent"):
        retry_message(message.id)


def test_an_unexpected_backend_crash_is_recorded_not_raised(fakes, monkeypatch):
    monkeypatch.setattr(FakeEmailBackend, "send_email", lambda self, email: 1 / 0)
    message = send_email(to="a@example.com", subject="s", text="t")
    assert (message.status, message.retryable) == ("failed", True) and "ZeroDivisionError" in message.error


def test_misconfigured_backend_fails_the_message_not_the_caller(settings):
    settings.MESSAGING_SMS_BACKEND = "twilio"  # but no Twilio credentials
    message = send_sms(to="+15552345678", body="hi")
    assert message.status == "failed" and "TWILIO_ACCOUNT_SID" in message.error and message.retryable


def test_dedupe_key_sends_once(fakes):
    first = send_sms(to="+15552345678", body="Day 1 reminder", dedupe_key="collections:case-7:step-1")
    again = send_sms(to="+15552345678", body="Day 1 reminder", dedupe_key="collections:case-7:step-1")
    assert again.id == first.id and len(FakeSmsBackend.sent) == 1
    with pytest.raises(ApplicationError, match="already used for another message"):
        send_sms(to="+15559876543", body="x", dedupe_key="collections:case-7:step-1")


def test_dedupe_key_retries_a_failed_message(fakes):
    FakeSmsBackend.fail_with = DeliveryError("down", retryable=True)
    first = send_sms(to="+15552345678", body="Reminder", dedupe_key="k-1")
    FakeSmsBackend.fail_with = None
    again = send_sms(to="+15552345678", body="Reminder", dedupe_key="k-1")
    assert (again.id, again.status, again.attempts) == (first.id, "sent", 2) and len(FakeSmsBackend.sent) == 1


def test_retry_failed_messages_agent_is_idempotent(fakes):
    FakeSmsBackend.fail_with = DeliveryError("down", retryable=True)
    send_sms(to="+15552345678", body="a")
    FakeSmsBackend.fail_with = DeliveryError("invalid number", retryable=False)
    send_sms(to="+15552345679", body="b")
    FakeSmsBackend.fail_with = None
    assert retry_failed_messages() == "Retried 1 messages: 1 delivered to the provider, 0 failed again."
    assert retry_failed_messages() == "Retried 0 messages: 0 delivered to the provider, 0 failed again."
    assert len(FakeSmsBackend.sent) == 1


def test_retry_of_unknown_message_is_404():
    import uuid

    with pytest.raises(ApplicationError) as err:
        retry_message(uuid.uuid4())
    assert err.value.status_code == 404


# ── STOP: every feature's SMS honours the opt-out; a safety page still goes ─────────────────────────


def test_a_number_that_texted_stop_gets_no_sms_from_any_feature_until_start(fakes):
    from core.messaging import sms_opt_out_set, sms_opted_out

    sms_opt_out_set(phone="(555) 234-5678", keyword="STOP")
    assert sms_opted_out("+1 555 234 5678")
    reminder = send_sms(to="555-234-5678", body="Rent is due.", feature="collections", dedupe_key="c:1")
    again = send_sms(to="555-234-5678", body="Rent is due.", feature="collections", dedupe_key="c:1")
    assert (reminder.status, reminder.attempts, reminder.backend) == ("blocked", 0, "")
    assert "opted out" in reminder.error and again.pk == reminder.pk
    assert FakeSmsBackend.sent == []

    page = send_sms(to="555-234-5678", body="Fire alarm at Oak St.", feature="notifications", urgent=True)
    assert page.status == "sent" and len(FakeSmsBackend.sent) == 1

    sms_opt_out_set(phone="+15552345678", keyword="start")
    assert not sms_opted_out("5552345678")
    assert send_sms(to="555-234-5678", body="Rent is due.", feature="collections").status == "sent"
    assert OutboxMessage.objects.filter(status="blocked").count() == 1
