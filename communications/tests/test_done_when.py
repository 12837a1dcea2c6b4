"""The issue's "Done when": signed Twilio SMS from a tenant's phone, end to end (webhook -> inbound store ->
thread -> process_inbound_message (eager Celery in tests) -> work order / notification / outbox)."""

import pytest

from communications.models import TenantConversation, TenantMessage
from core.models import InboundMessage, Notification, OutboxMessage
from units.models import UnitsMaintenance

pytestmark = pytest.mark.django_db


def _thread(lease):
    conv = TenantConversation.objects.get(tenant=lease.tenant)
    return conv, list(TenantMessage.objects.filter(conversation=conv).order_by("created_at"))


def test_rent_due_question_gets_the_tenants_actual_rent_and_due_date(twilio_on, resident, sms):
    response = sms("when is my rent due", sid="SM" + "1" * 32)
    assert response.status_code == 200
    conv, messages = _thread(resident)
    inbound, reply = messages
    assert inbound.direction == "inbound" and inbound.ai_classification["intent"] == "rent_due_date_query"
    assert inbound.ai_classification["category"] == "billing"
    assert inbound.ai_classification["confidence"] > 0.85
    assert reply.direction == "outbound" and reply.is_auto_sent and reply.is_ai_generated
    assert "Sarah" in reply.content and "$1,850.00" in reply.content and "1st of each month" in reply.content
    out = OutboxMessage.objects.get(pk=reply.outbox_message_id)
    assert out.channel == "sms" and out.to == "+12065550142" and out.body == reply.content
    assert out.feature == "communications"
    conv.refresh_from_db()
    assert conv.ai_auto_responded and conv.category == "billing"


def test_sink_leak_creates_a_plumbing_work_order_and_an_acknowledgment(twilio_on, resident, sms):
    sms("my kitchen sink is leaking under the cabinet", sid="SM" + "2" * 32)
    conv, (inbound, ack) = _thread(resident)
    wo = UnitsMaintenance.objects.get(unit=resident.unit)
    assert wo.category == "plumbing" and wo.priority in ("medium", "high")
    assert "kitchen" in wo.title.lower() and wo.tenant_id == resident.tenant_id
    assert inbound.work_order_id == wo.pk
    assert inbound.ai_classification["maintenance_details"]["issue_type"] == "plumbing"
    assert inbound.ai_classification["maintenance_details"]["location"] == "kitchen"
    assert wo.work_order_number in ack.content and ack.is_auto_sent
    assert OutboxMessage.objects.filter(to="+12065550142", body=ack.content).exists()


def test_a_second_message_about_the_same_leak_joins_the_open_work_order(twilio_on, resident, sms):
    sms("my kitchen sink is leaking under the cabinet", sid="SM" + "4" * 32)
    sms("the sink under the kitchen cabinet is still leaking, please send someone", sid="SM" + "5" * 32)
    wo = UnitsMaintenance.objects.get(unit=resident.unit)  # one work order, not two
    conv, messages = _thread(resident)
    inbound = [m for m in messages if m.direction == "inbound"]
    assert len(inbound) == 2 and all(m.work_order_id == wo.pk for m in inbound)
    assert "already open" in messages[-1].content and wo.work_order_number in messages[-1].content


def test_water_through_the_light_is_an_emergency_with_no_auto_reply(twilio_on, resident, sms):
    sms("theres water coming thru my bathroom light!!", sid="SM" + "3" * 32)
    conv, messages = _thread(resident)
    assert len(messages) == 1  # no automatic reply
    (inbound,) = messages
    c = inbound.ai_classification
    assert c["is_emergency"] is True and c["category"] == "emergency" and c["urgency"] == "critical"
    conv.refresh_from_db()
    assert conv.category == "emergency" and conv.urgency == "critical" and conv.escalated
    note = Notification.objects.get(kind="communications.emergency")
    assert note.severity == "critical" and note.property_ref == resident.property_id
    # the on-call manager is paged through messaging, SMS and email; nothing goes to the tenant
    assert OutboxMessage.objects.filter(channel="sms", to="+12065550100", feature="notifications").exists()
    assert OutboxMessage.objects.filter(channel="email", to="oncall@example.com").exists()
    assert not OutboxMessage.objects.filter(to="+12065550142").exists()
    wo = UnitsMaintenance.objects.get(unit=resident.unit)
    assert wo.priority == "emergency" and inbound.work_order_id == wo.pk


def test_the_same_webhook_twice_adds_one_message(twilio_on, resident, sms):
    sid = "SM" + "4" * 32
    assert sms("when is my rent due", sid=sid).status_code == 200
    assert sms("when is my rent due", sid=sid).status_code == 200
    assert InboundMessage.objects.count() == 1
    assert TenantMessage.objects.filter(direction="inbound").count() == 1
    assert TenantMessage.objects.filter(direction="outbound").count() == 1


def test_an_unsigned_webhook_is_refused_and_stores_nothing(twilio_on, resident):
    from django.test import Client

    response = Client().post(
        "/api/v1/webhooks/twilio/sms/", {"MessageSid": "SM" + "5" * 32, "From": "+12065550142", "Body": "hi"}
    )
    assert response.status_code == 403
    assert not TenantMessage.objects.exists()


def test_an_unknown_number_goes_to_the_unmatched_queue(twilio_on, resident, sms):
    sms("hello is this the leasing office", sender="+13125550111", sid="SM" + "6" * 32)
    conv = TenantConversation.objects.get(tenant__isnull=True)
    assert conv.contact_address == "+13125550111" and conv.candidate_tenant_ids == []
    assert conv.messages.count() == 1


def test_a_shared_number_goes_to_the_tenant_with_a_current_lease_or_to_the_queue(twilio_on, resident, sms):
    from tenants.tests.factories import LeaseFactory, TenantFactory

    partner = TenantFactory(phone="+1 206 555 0142")
    LeaseFactory(tenant=partner, vacant=True)
    sms("when is my rent due", sid="SM" + "7" * 32)
    assert TenantConversation.objects.get(tenant=resident.tenant).messages.filter(direction="inbound").count() == 1
    # a second current lease on the same number: nobody can tell who wrote -> unmatched, both listed
    LeaseFactory(tenant=partner)
    sms("who is this", sid="SM" + "8" * 32)
    queue = TenantConversation.objects.get(tenant__isnull=True)
    assert sorted(queue.candidate_tenant_ids) == sorted([str(resident.tenant_id), str(partner.pk)])


def test_stop_opts_the_number_out_and_start_back_in(twilio_on, resident, sms):
    from core.models import SmsOptOut

    sms("STOP", sid="SM" + "9" * 32)
    assert SmsOptOut.objects.get(phone="+12065550142").opted_out
    sms("when is my rent due", sid="SM" + "a" * 32)
    reply = TenantMessage.objects.get(direction="outbound")
    assert reply.delivery == "blocked" and reply.outbox_message_id is None
    sms("START", sid="SM" + "b" * 32)
    assert not SmsOptOut.objects.get(phone="+12065550142").opted_out


def test_email_from_the_tenant_lands_in_the_same_thread(
    settings, twilio_on, resident, django_capture_on_commit_callbacks
):
    from django.test import Client

    settings.SENDGRID_INBOUND_SECRET = "s3cret"
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(
            "/api/v1/webhooks/sendgrid/inbound/?token=s3cret",
            {
                "from": "Sarah <sarah.chen@example.com>",
                "to": "office@uc.example.com",
                "subject": "Lease",
                "text": "When does my lease end?",
                "headers": "Message-ID: <abc@example.com>\n",
            },
        )
    assert response.status_code == 200, response.content
    conv, (inbound, reply) = _thread(resident)
    assert inbound.channel == "email" and reply.channel == "email"
    assert "May 31, 2026" in reply.content
    assert OutboxMessage.objects.get(pk=reply.outbox_message_id).subject == "Re: Lease"
