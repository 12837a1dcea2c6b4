"""Test helpers for features that send messages (import only from tests).

settings.MESSAGING_SMS_BACKEND = "core.messaging.testing.FakeSmsBackend"
FakeSmsBackend.sent  # [{"to": ..., "body": ...}]
"""

from __future__ import annotations

import base64
import hashlib
import hmac

from core.messaging.backends import SENT, DeliveryError, DeliveryResult, EmailBackend, SmsBackend


class FakeSmsBackend(SmsBackend):
    """Records messages instead of sending them. Set `FakeSmsBackend.fail_with = DeliveryError(...)` to fail."""

    name = "fake-sms"
    sent: list[dict] = []
    fail_with: DeliveryError | None = None

    def send_sms(self, *, to, body, message_id):
        if FakeSmsBackend.fail_with is not None:
            raise FakeSmsBackend.fail_with
        FakeSmsBackend.sent.append({"to": to, "body": body, "message_id": message_id})
        return DeliveryResult(status=SENT, provider_message_id=f"SMfake{len(FakeSmsBackend.sent):04d}")

    @classmethod
    def reset(cls):
        cls.sent = []
        cls.fail_with = None


class FakeEmailBackend(EmailBackend):
    name = "fake-email"
    sent: list = []
    fail_with: DeliveryError | None = None

    def send_email(self, email):
        if FakeEmailBackend.fail_with is not None:
            raise FakeEmailBackend.fail_with
        FakeEmailBackend.sent.append(email)
        return DeliveryResult(status=SENT, provider_message_id=f"fake-email-{len(FakeEmailBackend.sent)}")

    @classmethod
    def reset(cls):
        cls.sent = []
        cls.fail_with = None


def twilio_signature(auth_token: str, url: str, params: dict) -> str:
    """What Twilio puts in X-Twilio-Signature: base64(HMAC-SHA1(token, url + sorted key/value pairs))."""
    payload = url + "".join(f"{key}{params[key]}" for key in sorted(params))
    return base64.b64encode(hmac.new(auth_token.encode(), payload.encode(), hashlib.sha1).digest()).decode()
