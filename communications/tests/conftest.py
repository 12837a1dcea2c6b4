import datetime
from decimal import Decimal

import pytest

from core.messaging.testing import twilio_signature

TOKEN = "test-twilio-token"
PUBLIC = "https://uc.example.com"
# a weekday afternoon in the winter at a Washington property (14:00 Pacific)
NOON = datetime.datetime(2026, 1, 14, 22, 0, tzinfo=datetime.UTC)


@pytest.fixture
def twilio_on(settings):
    settings.TWILIO_AUTH_TOKEN = TOKEN
    settings.PUBLIC_BASE_URL = PUBLIC
    settings.ONCALL_MANAGER_PHONE = "+12065550100"
    settings.ONCALL_MANAGER_EMAIL = "oncall@example.com"
    settings.AI_PROVIDER = "offline"


@pytest.fixture
def resident(db):
    """Sarah Chen, unit B-205 at Ashford Farms (WA), rent $1,850.00 due on the 1st, a current lease."""
    from properties.tests.factories import PropertyFactory
    from tenants.tests.factories import LeaseFactory, LedgerEntryFactory, TenantFactory
    from units.tests.factories import UnitFactory

    prop = PropertyFactory(name="Ashford Farms", state="WA", city="Seattle")
    unit = UnitFactory(property=prop, unit_number="B-205")
    tenant = TenantFactory(first_name="Sarah", last_name="Chen", phone="(206) 555-0142", email="Sarah.Chen@Example.com")
    lease = LeaseFactory(
        tenant=tenant,
        unit=unit,
        monthly_rent_amount=Decimal("1850.00"),
        lease_begin_date=datetime.date(2025, 6, 1),
        lease_end_date=datetime.date(2026, 5, 31),
    )
    LedgerEntryFactory(
        tenant=tenant,
        lease=lease,
        amount=Decimal("1850.00"),
        trans_date=datetime.date(2026, 1, 1),
        due_date=datetime.date(2026, 1, 1),
    )
    return lease


def signed_sms(client_factory, *, body, sender, sid, to="+12065550199"):
    from django.test import Client

    params = {"MessageSid": sid, "From": sender, "To": to, "Body": body, "NumMedia": "0"}
    path = "/api/v1/webhooks/twilio/sms/"
    sig = twilio_signature(TOKEN, f"{PUBLIC}{path}", params)
    return Client().post(path, params, headers={"X-Twilio-Signature": sig})


@pytest.fixture
def sms(django_capture_on_commit_callbacks):
    """Posts a signed Twilio SMS webhook and runs what it queued on commit (the handler, then the task)."""

    def send(body, *, sender="+12065550142", sid="SM" + "0" * 32):
        with django_capture_on_commit_callbacks(execute=True):
            return signed_sms(None, body=body, sender=sender, sid=sid)

    return send
