import uuid

import pytest

from core.messaging import send_email, send_sms
from core.messaging.backends import DeliveryError
from core.messaging.testing import FakeSmsBackend
from core.models import InboundMessage, OutboxMessage
from core.permissions import ACCESS_QUERIES

pytestmark = pytest.mark.django_db


@pytest.fixture
def outbox():
    a = send_sms(to="+15552345678", body="Rent due", feature="collections")
    b = send_email(to="sam@example.com", subject="Renewal offer", text="Hi", feature="renewals")
    c = send_email(to="lisa@example.com", subject="Welcome", text="Hi", feature="onboarding")
    OutboxMessage.objects.filter(id=c.id).update(status="failed", error="SendGrid error 500", retryable=True)
    return a, b, c


def test_outbox_list_is_paginated_and_filterable(api_client, outbox, django_assert_max_num_queries):
    a, b, c = outbox
    with django_assert_max_num_queries(4 + ACCESS_QUERIES):
        resp = api_client.get("/api/v1/messages/outbox/")
    assert resp.status_code == 200
    body = resp.json()
    assert body["count"] == 3 and [r["id"] for r in body["results"]] == [str(c.id), str(b.id), str(a.id)]
    row = body["results"][2]
    assert {k: row[k] for k in ("channel", "to", "body", "status", "backend", "feature")} == {
        "channel": "sms",
        "to": "+15552345678",
        "body": "Rent due",
        "status": "stored",
        "backend": "outbox",
        "feature": "collections",
    }
    assert "html" not in row

    def ids(**params):
        return {r["id"] for r in api_client.get("/api/v1/messages/outbox/", params).json()["results"]}

    assert ids(channel="email") == {str(b.id), str(c.id)}
    assert ids(status="failed") == {str(c.id)}
    assert ids(feature="renewals") == {str(b.id)}
    assert ids(recipient="SAM@") == {str(b.id)}
    assert ids(search="welcome") == {str(c.id)}
    assert api_client.get("/api/v1/messages/outbox/", {"page_size": 1}).json()["next"]


def test_outbox_detail_and_retry(api_client, outbox, settings):
    _, stored, failed = outbox
    detail = api_client.get(f"/api/v1/messages/outbox/{failed.id}/").json()
    assert detail["status"] == "failed" and detail["status_events"] == [] and "html" in detail

    settings.MESSAGING_EMAIL_BACKEND = "core.messaging.testing.FakeEmailBackend"
    resp = api_client.post(f"/api/v1/messages/outbox/{failed.id}/retry/")
    assert resp.status_code == 200
    assert (resp.json()["status"], resp.json()["attempts"], resp.json()["backend"]) == ("sent", 2, "fake-email")
    assert OutboxMessage.objects.get(id=failed.id).status == "sent"

    again = api_client.post(f"/api/v1/messages/outbox/{stored.id}/retry/")
    assert (
        again.status_code == 400
        and again.json()["detail"] == "Only failed messages can be retried; this one is stored."
    )
    assert api_client.post(f"/api/v1/messages/outbox/{uuid.uuid4()}/retry/").status_code == 404


def test_retry_that_fails_again_keeps_the_message(api_client, settings):
    settings.MESSAGING_SMS_BACKEND = "core.messaging.testing.FakeSmsBackend"
    FakeSmsBackend.reset()
    FakeSmsBackend.fail_with = DeliveryError("Twilio error 20500", retryable=True)
    try:
        message = send_sms(to="+15552345678", body="x")
        resp = api_client.post(f"/api/v1/messages/outbox/{message.id}/retry/")
    finally:
        FakeSmsBackend.reset()
    assert resp.status_code == 200 and resp.json()["status"] == "failed" and resp.json()["attempts"] == 2


def test_inbound_list(api_client):
    InboundMessage.objects.create(channel="sms", provider="twilio", from_address="+15552345678", body="Sink leaking")
    InboundMessage.objects.create(channel="email", provider="sendgrid", from_address="a@example.com", subject="Parking")
    body = api_client.get("/api/v1/messages/inbound/", {"search": "leak"}).json()
    assert body["count"] == 1 and body["results"][0]["from_address"] == "+15552345678"
    assert api_client.get("/api/v1/messages/inbound/", {"channel": "email"}).json()["count"] == 1


def test_one_contacts_messages_both_ways(api_client, outbox):
    """`?contact=` finds a tenant's messages by their email and phone, however the phone was typed."""
    sms, email, _ = outbox
    InboundMessage.objects.create(channel="sms", provider="twilio", from_address="+15552345678", body="Paid today")
    InboundMessage.objects.create(channel="sms", provider="twilio", from_address="+15559999999", body="Other")
    contact = "(555) 234-5678,sam@EXAMPLE.com,not a phone"
    out = api_client.get("/api/v1/messages/outbox/", {"contact": contact}).json()
    assert {r["id"] for r in out["results"]} == {str(sms.id), str(email.id)}
    inbound = api_client.get("/api/v1/messages/inbound/", {"contact": contact}).json()
    assert [r["body"] for r in inbound["results"]] == ["Paid today"]
    assert api_client.get("/api/v1/messages/outbox/", {"contact": "nobody"}).json()["count"] == 0


def test_messages_api_needs_login(anon_client):
    assert anon_client.get("/api/v1/messages/outbox/").status_code == 401
    assert anon_client.post(f"/api/v1/messages/outbox/{uuid.uuid4()}/retry/").status_code == 401


def test_admin_lists_and_retry_action(client, user, settings):
    from core.ai.services import ai_call_log_create
    from core.services import user_role_set

    user_role_set(user=user, role="administrator")
    type(user).objects.filter(pk=user.pk).update(is_staff=True, is_superuser=True)  # what an administrator is
    client.force_login(user)
    ai_call_log_create(
        feature="renewals",
        prompt_name="renewals.letter",
        prompt_version="1",
        kind="json",
        provider="offline",
        model="offline",
        outcome="success",
        latency_ms=3,
    )
    failed = send_sms(to="+15552345678", body="x")
    OutboxMessage.objects.filter(id=failed.id).update(status="failed", retryable=True)
    InboundMessage.objects.create(channel="sms", provider="twilio", from_address="+15552345678", body="hi")
    for path in (
        "/admin/core/aicalllog/",
        "/admin/core/outboxmessage/",
        "/admin/core/inboundmessage/",
        f"/admin/core/outboxmessage/{failed.id}/change/",
    ):
        assert client.get(path).status_code == 200, path

    settings.MESSAGING_SMS_BACKEND = "core.messaging.testing.FakeSmsBackend"
    FakeSmsBackend.reset()
    resp = client.post(
        "/admin/core/outboxmessage/", {"action": "retry_selected", "_selected_action": [str(failed.id)]}, follow=True
    )
    assert resp.status_code == 200 and OutboxMessage.objects.get(id=failed.id).status == "sent"
    FakeSmsBackend.reset()
