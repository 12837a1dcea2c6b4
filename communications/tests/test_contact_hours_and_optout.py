import datetime

import pytest

NIGHT_PACIFIC = datetime.datetime(2026, 1, 15, 6, 30, tzinfo=datetime.UTC)  # 22:30 in Seattle
DAY_PACIFIC = datetime.datetime(2026, 1, 15, 20, 0, tzinfo=datetime.UTC)  # 12:00 in Seattle


@pytest.mark.django_db
def test_contact_hours_come_from_the_jurisdiction_rules_in_the_property_time_zone():
    from properties.selectors import sms_contact_window
    from properties.tests.factories import PropertyFactory

    wa = sms_contact_window(PropertyFactory(state="WA", jurisdiction_state="WA", jurisdiction_city=""))
    hi = sms_contact_window(PropertyFactory(state="HI", jurisdiction_state="HI", jurisdiction_city=""))
    assert not wa.allows(NIGHT_PACIFIC) and hi.allows(NIGHT_PACIFIC)  # 20:30 in Honolulu
    assert wa.allows(DAY_PACIFIC) and wa.citation == "47 CFR §64.1200(c)(1)"
    nxt = wa.next_open(NIGHT_PACIFIC)
    assert (nxt.hour, nxt.date()) == (8, datetime.date(2026, 1, 15))
    assert wa.next_open(DAY_PACIFIC) == DAY_PACIFIC


@pytest.mark.django_db
def test_a_broadcast_at_night_is_held_then_released_at_8(twilio_on, resident):
    from communications.models import BroadcastRecipient
    from communications.services import broadcast_create, broadcast_send, held_messages_release
    from core.models import OutboxMessage

    b = broadcast_create(
        title="Notice",
        content="Water off tomorrow 9-11.",
        channels=["sms"],
        recipient_filter={"property_id": str(resident.property_id)},
    )
    broadcast_send(broadcast_id=b.pk, now=NIGHT_PACIFIC)
    assert BroadcastRecipient.objects.get().status == "held"
    assert not OutboxMessage.objects.exists()
    held_messages_release(now=NIGHT_PACIFIC + datetime.timedelta(hours=10))  # 08:30 Seattle
    assert BroadcastRecipient.objects.get().status == "sent"
    assert OutboxMessage.objects.get().body == "Water off tomorrow 9-11."
    b.refresh_from_db()
    assert b.status == "sent" and b.sent_count == 1
    broadcast_send(broadcast_id=b.pk, now=DAY_PACIFIC)  # again: nothing twice
    assert OutboxMessage.objects.count() == 1


@pytest.mark.django_db
def test_a_staff_sms_to_an_opted_out_number_is_refused(twilio_on, resident, sms, make_user):
    from communications.models import TenantConversation

    sms("STOP", sid="SM" + "f" * 32)
    conv = TenantConversation.objects.get(tenant=resident.tenant)
    client = make_user("property_manager")
    response = client.post(
        f"/api/v1/communications/conversations/{conv.pk}/reply/", {"content": "Hi", "channel": "sms"}, format="json"
    )
    assert response.status_code == 400 and "opted out" in response.json()["detail"]
    ok = client.post(
        f"/api/v1/communications/conversations/{conv.pk}/reply/", {"content": "Hi", "channel": "email"}, format="json"
    )
    assert ok.status_code == 201


@pytest.mark.django_db
def test_a_florida_broadcast_at_half_past_8_pm_is_held_under_florida_law(twilio_on, resident):
    from communications.models import BroadcastRecipient
    from communications.services import broadcast_create, broadcast_send, held_messages_release
    from core.models import OutboxMessage
    from properties.models import Properties

    Properties.objects.filter(pk=resident.property_id).update(state="FL", jurisdiction_state="FL", jurisdiction_city="")
    b = broadcast_create(
        title="Notice",
        content="Pool closed Monday.",
        channels=["sms"],
        recipient_filter={"property_id": str(resident.property_id)},
    )
    evening = datetime.datetime(2026, 1, 16, 1, 30, tzinfo=datetime.UTC)  # 20:30 in Miami: allowed federally, not in FL
    broadcast_send(broadcast_id=b.pk, now=evening)
    held = BroadcastRecipient.objects.get()
    assert held.status == "held" and "Fla. Stat. §501.616(6)(a)" in held.reason and "8:00 PM" in held.reason
    assert not OutboxMessage.objects.exists()
    held_messages_release(now=datetime.datetime(2026, 1, 16, 13, 5, tzinfo=datetime.UTC))  # 8:05 in Miami
    assert BroadcastRecipient.objects.get().status == "sent"
