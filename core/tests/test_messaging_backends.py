"""The real twilio and sendgrid SDKs against local HTTP stubs of their APIs (no network)."""

import base64
import json
from urllib.parse import parse_qs

import pytest

from core.ai.testing import LocalHTTPStub, no_network  # noqa: F401
from core.messaging import send_email, send_sms
from core.models import OutboxMessage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_network")]


@pytest.fixture
def twilio_api(settings):
    with LocalHTTPStub() as stub:
        settings.TWILIO_ACCOUNT_SID = "AC" + "1" * 32
        settings.TWILIO_AUTH_TOKEN = "secret-token"
        settings.TWILIO_FROM_NUMBER = "+15005550006"
        settings.TWILIO_API_BASE_URL = stub.url
        settings.MESSAGING_SMS_BACKEND = "auto"
        settings.PUBLIC_BASE_URL = "https://app.unitcycle.example"
        yield stub


@pytest.fixture
def sendgrid_api(settings):
    with LocalHTTPStub() as stub:
        settings.SENDGRID_API_KEY = "SG.test-key"
        settings.SENDGRID_API_HOST = stub.url
        settings.MESSAGING_EMAIL_BACKEND = "auto"
        settings.FROM_EMAIL = "UnitCycle <noreply@unitcycle.example>"
        yield stub


def twilio_message(sid="SM" + "a" * 32, status="queued"):
    return {
        "sid": sid,
        "status": status,
        "to": "+15552345678",
        "from": "+15005550006",
        "body": "x",
        "account_sid": "AC" + "1" * 32,
        "num_segments": "1",
        "direction": "outbound-api",
    }


def test_twilio_success(twilio_api):
    twilio_api.add(201, twilio_message())
    message = send_sms(to="555-234-5678", body="Hi Sam, rent is due.", feature="collections")

    assert (message.status, message.backend, message.provider_message_id) == ("sent", "twilio", "SM" + "a" * 32)
    [req] = twilio_api.requests
    assert (req.method, req.path) == ("POST", f"/2010-04-01/Accounts/AC{'1' * 32}/Messages.json")
    assert req.headers["authorization"] == "Basic " + base64.b64encode(f"AC{'1' * 32}:secret-token".encode()).decode()
    form = {k: v[0] for k, v in parse_qs(req.body.decode()).items()}
    assert form == {
        "To": "+15552345678",
        "From": "+15005550006",
        "Body": "Hi Sam, rent is due.",
        "StatusCallback": "https://app.unitcycle.example/api/v1/webhooks/twilio/status/",
    }


def test_twilio_messaging_service_and_no_callback_for_a_local_base_url(twilio_api, settings):
    settings.TWILIO_MESSAGING_SERVICE_SID = "MG" + "2" * 32
    settings.PUBLIC_BASE_URL = "http://127.0.0.1:8000"
    twilio_api.add(201, twilio_message())
    send_sms(to="+15552345678", body="x")
    form = {k: v[0] for k, v in parse_qs(twilio_api.requests[0].body.decode()).items()}
    assert form == {"To": "+15552345678", "MessagingServiceSid": "MG" + "2" * 32, "Body": "x"}


def test_twilio_refusal_is_a_final_failure(twilio_api):
    twilio_api.add(
        400,
        {
            "code": 21211,
            "message": "The 'To' number +15552345678 is not a valid phone number.",
            "more_info": "https://www.twilio.com/docs/errors/21211",
            "status": 400,
        },
    )
    message = send_sms(to="+15552345678", body="x")
    assert (message.status, message.retryable) == ("failed", False)
    assert (
        message.error
        == "Twilio error 21211: Unable to create record: The 'To' number +15552345678 is not a valid phone number."
    )


def test_twilio_server_error_is_retryable_and_retry_succeeds(twilio_api):
    from core.messaging import retry_message

    twilio_api.add(503, {"code": 20500, "message": "Service unavailable", "status": 503})
    message = send_sms(to="+15552345678", body="x")
    assert (message.status, message.retryable) == ("failed", True)
    twilio_api.add(201, twilio_message(sid="SM" + "b" * 32))
    assert retry_message(message.id).provider_message_id == "SM" + "b" * 32


def test_sendgrid_success(sendgrid_api):
    sendgrid_api.add(202, b"", headers={"X-Message-Id": "LRzXl_NHStOGhQ4kofSm_A"})
    message = send_email(
        to="sam@example.com",
        subject="Your renewal offer",
        text="Hi Sam",
        html="<p>Hi Sam</p>",
        feature="renewals",
        reply_to="office@unitcycle.example",
    )

    assert (message.status, message.backend, message.provider_message_id) == (
        "sent",
        "sendgrid",
        "LRzXl_NHStOGhQ4kofSm_A",
    )
    [req] = sendgrid_api.requests
    assert (req.method, req.path, req.headers["authorization"]) == ("POST", "/v3/mail/send", "Bearer SG.test-key")
    body = req.json
    assert body["from"] == {"email": "noreply@unitcycle.example", "name": "UnitCycle"}
    assert body["personalizations"][0]["to"] == [{"email": "sam@example.com"}]
    assert body["subject"] == "Your renewal offer" and body["reply_to"] == {"email": "office@unitcycle.example"}
    assert body["content"] == [
        {"type": "text/plain", "value": "Hi Sam"},
        {"type": "text/html", "value": "<p>Hi Sam</p>"},
    ]
    assert body["custom_args"] == {"outbox_id": str(message.id)}


def test_sendgrid_refusal_and_outage(sendgrid_api):
    sendgrid_api.add(
        400, {"errors": [{"message": "The from address does not match a verified Sender Identity.", "field": "from"}]}
    )
    refused = send_email(to="sam@example.com", subject="s", text="t")
    assert (refused.status, refused.retryable) == ("failed", False)
    assert refused.error == "SendGrid error 400: The from address does not match a verified Sender Identity."

    sendgrid_api.add(500, "oops", content_type="text/plain")
    down = send_email(to="sam@example.com", subject="s", text="t")
    assert (down.status, down.retryable, down.error) == ("failed", True, "SendGrid error 500: oops")
    assert OutboxMessage.objects.filter(status="failed").count() == 2


def test_unreachable_provider_is_retryable(settings):
    settings.SENDGRID_API_KEY = "SG.k"
    settings.SENDGRID_API_HOST = "http://127.0.0.1:9"  # discard port: connection refused
    message = send_email(to="sam@example.com", subject="s", text="t")
    assert (message.status, message.retryable) == ("failed", True) and "Could not reach SendGrid" in message.error


def test_django_mail_backend(settings, mailoutbox):
    settings.MESSAGING_EMAIL_BACKEND = "django"
    message = send_email(to="sam@example.com", subject="Hello", text="Plain", html="<b>Rich</b>")
    assert (message.status, message.backend) == ("sent", "django") and message.provider_message_id.startswith("<")
    [mail] = mailoutbox
    assert (mail.to, mail.subject, mail.body, mail.alternatives[0][0]) == (
        ["sam@example.com"],
        "Hello",
        "Plain",
        "<b>Rich</b>",
    )
    assert mail.extra_headers["X-UnitCycle-Outbox-Id"] == str(message.id)
    assert json.loads(json.dumps(mail.extra_headers))  # headers are plain strings
