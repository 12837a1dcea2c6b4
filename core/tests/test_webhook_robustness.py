"""Signed but hostile webhook input: never a 500 (Twilio retries 5xx), replays recognised, stored once."""

import base64
import json
import time

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from django.test import Client

from core.ai.testing import no_network  # noqa: F401
from core.models import InboundMessage, OutboxMessage
from core.tests.test_messaging_webhooks import PUBLIC, TOKEN, post_events, post_twilio

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_network")]

SMS = "/api/v1/webhooks/twilio/sms/"
STATUS = "/api/v1/webhooks/twilio/status/"
SID = "SM" + "a" * 32


@pytest.fixture
def twilio_on(settings):
    settings.TWILIO_AUTH_TOKEN = TOKEN
    settings.PUBLIC_BASE_URL = PUBLIC


def test_nul_bytes_in_an_sms_are_removed_not_a_500(twilio_on):
    resp = post_twilio(SMS, {"MessageSid": SID, "From": "+15552345678\x00", "Body": "pay\x00ment", "X": "\x00"})
    assert resp.status_code == 200
    message = InboundMessage.objects.get()
    assert message.body == "payment" and message.from_address == "+15552345678"
    assert "\x00" not in json.dumps(message.payload)


def test_a_400_character_message_sid_is_refused(twilio_on):
    resp = post_twilio(SMS, {"MessageSid": "SM" + "b" * 398, "From": "+15552345678", "Body": "x"})
    assert resp.status_code == 400 and resp.json() == {"detail": "Invalid MessageSid."}
    assert not InboundMessage.objects.exists()
    assert post_twilio(STATUS, {"MessageSid": "SM" + "b" * 398, "MessageStatus": "delivered"}).status_code == 400


def test_the_same_sms_delivered_twice_is_stored_once(twilio_on):
    params = {"MessageSid": SID, "From": "+15552345678", "Body": "hello"}
    assert post_twilio(SMS, params).status_code == 200
    assert post_twilio(SMS, params).status_code == 200
    assert InboundMessage.objects.count() == 1


def test_an_sms_without_message_sid_is_stored_once(twilio_on):
    params = {"From": "+15552345678", "To": "+15005550006", "Body": "no sid"}
    assert post_twilio(SMS, params).status_code == 200
    assert post_twilio(SMS, params).status_code == 200
    message = InboundMessage.objects.get()
    assert message.provider_message_id.startswith("sha256:") and message.body == "no sid"


def test_twilio_status_replay_is_recorded_once(twilio_on):
    message = OutboxMessage.objects.create(
        channel="sms", to="+15552345678", body="b", status="sent", backend="twilio", provider_message_id=SID
    )
    for _ in range(3):
        assert post_twilio(STATUS, {"MessageSid": SID, "MessageStatus": "delivered"}).status_code == 204
    message.refresh_from_db()
    assert message.status == "delivered" and len(message.status_events) == 1


# ── SendGrid Inbound Parse ──────────────────────────────────────────────────────────────────────


@pytest.fixture
def inbound_on(settings):
    settings.SENDGRID_INBOUND_SECRET = "s3cret"


def post_inbound(fields):
    return Client().post("/api/v1/webhooks/sendgrid/inbound/?token=s3cret", fields)


@pytest.mark.parametrize(
    "envelope",
    [
        '{"to": 5}',
        '{"to": {"a": 1}, "from": 7}',
        "[1, 2]",
        "not json",
        "[" * 3000 + "]" * 3000,
        '{"to": "only@example.com"}',
    ],
)
def test_odd_envelopes_are_400_or_stored_never_500(inbound_on, envelope):
    resp = post_inbound(
        {
            "from": "Tenant <t@example.com>",
            "subject": "hi",
            "text": "body",
            "envelope": envelope,
            "headers": f"Message-ID: <{hash(envelope)}@example.com>\n",
        }
    )
    assert resp.status_code == 200
    assert InboundMessage.objects.get().from_address == "t@example.com"


def test_envelope_recipients_are_used_when_to_is_missing(inbound_on):
    post_inbound({"from": "t@example.com", "text": "b", "envelope": '{"to": ["a@x.com", 5, "b@x.com"]}'})
    assert InboundMessage.objects.get().to_address == "a@x.com, b@x.com"


def test_nul_bytes_in_email_headers_and_fields_are_removed(inbound_on):
    resp = post_inbound(
        {
            "from": "t@example.com",
            "subject": "Sub\x00ject",
            "text": "te\x00xt",
            "headers": "Message-ID: <abc\x00@example.com>\nX-Odd: \x00\x00\n",
        }
    )
    assert resp.status_code == 200
    message = InboundMessage.objects.get()
    assert message.subject == "Subject" and message.body == "text"
    assert message.provider_message_id == "<abc@example.com>"
    assert "\x00" not in json.dumps(message.payload)


def test_an_email_without_message_id_is_stored_once(inbound_on):
    fields = {"from": "t@example.com", "to": "office@example.com", "subject": "s", "text": "same"}
    post_inbound(fields)
    post_inbound(fields)
    assert InboundMessage.objects.count() == 1


# ── SendGrid Event Webhook ──────────────────────────────────────────────────────────────────────


@pytest.fixture
def signer(settings):
    private = ec.generate_private_key(ec.SECP256R1())
    der = private.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    settings.SENDGRID_WEBHOOK_PUBLIC_KEY = base64.b64encode(der).decode()

    def post(body, *, timestamp=None):
        body = body if isinstance(body, bytes) else body.encode()
        ts = str(timestamp if timestamp is not None else int(time.time()))
        sig = base64.b64encode(private.sign(ts.encode() + body, ec.ECDSA(hashes.SHA256()))).decode()
        return post_events(body, sig, ts)

    return post


def test_a_2001_timestamp_is_refused(signer):
    message = OutboxMessage.objects.create(
        channel="email", to="a@example.com", subject="s", body="b", status="sent", backend="sendgrid"
    )
    body = json.dumps([{"event": "delivered", "outbox_id": str(message.id), "sg_event_id": "e1"}])
    for _ in range(2):
        resp = signer(body, timestamp=978307200)  # 2001-01-01
        assert resp.status_code == 403 and "Stale" in resp.json()["detail"]
    message.refresh_from_db()
    assert message.status == "sent" and message.status_events == []


def test_a_replayed_event_is_applied_once(signer):
    message = OutboxMessage.objects.create(
        channel="email", to="a@example.com", subject="s", body="b", status="sent", backend="sendgrid"
    )
    body = json.dumps([{"event": "bounce", "outbox_id": str(message.id), "sg_event_id": "evt-1", "reason": "x"}])
    assert signer(body).json()["updated"] == 1
    assert signer(body).status_code == 200
    message.refresh_from_db()
    assert len(message.status_events) == 1


def test_deeply_nested_events_are_400(signer):
    assert signer("[" * 3000 + "]" * 3000).status_code == 400
    nested = json.dumps([{"event": "open", "type": "x"}])[:-2] + ', "deep": ' + "[" * 2000 + "]" * 2000 + "}]"
    assert signer(nested).status_code == 400


def test_odd_event_field_types_do_not_500(signer):
    message = OutboxMessage.objects.create(
        channel="email",
        to="a@example.com",
        subject="s",
        body="b",
        status="sent",
        backend="sendgrid",
        provider_message_id="abc",
    )
    events = [
        {"event": {"x": 1}, "sg_message_id": 5, "outbox_id": [1]},
        {
            "event": "delivered",
            "sg_message_id": "abc.f",
            "timestamp": "yesterday",
            "type": {"a": [1]},
            "reason": "ok\x00",
        },
        "string",
        7,
        None,
    ]
    resp = signer(json.dumps(events))
    assert resp.status_code == 200 and resp.json() == {"received": 5, "updated": 1}
    message.refresh_from_db()
    assert message.status == "delivered"
    assert message.status_events[0]["event"] == {"event": "delivered", "timestamp": None, "type": ""}
