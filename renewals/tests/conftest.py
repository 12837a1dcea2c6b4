import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from core.messaging.testing import FakeEmailBackend, FakeSmsBackend
from properties.tests.factories import PropertyFactory
from tenants.models import TenantLedgerEntry
from tenants.tests.factories import LeaseFactory, LedgerEntryFactory, TenantFactory
from units.tests.factories import UnitFactory, WorkOrderFactory

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def fake_messaging(settings):
    """Email and SMS go to in-memory fakes (the outbox rows are still written)."""
    settings.MESSAGING_SMS_BACKEND = "core.messaging.testing.FakeSmsBackend"
    settings.MESSAGING_EMAIL_BACKEND = "core.messaging.testing.FakeEmailBackend"
    FakeSmsBackend.reset()
    FakeEmailBackend.reset()
    yield
    FakeSmsBackend.reset()
    FakeEmailBackend.reset()


@pytest.fixture
def harbor(db):
    return PropertyFactory(
        name="Harbor View",
        manager_name="Dana Reyes",
        manager_email="dana@harborview.example",
        phone="+12065550100",
        address="100 Harbor Way",
        city="Sacramento",
        state="CA",
        zip_code="95814",
        total_units=10,
    )


@pytest.fixture
def portfolio(harbor):
    """Three candidates at Harbor View (no vacant units: market trend 1.0) and one lease out of the window.

    maria  active, ends in 45 days, $1,700 vs market $1,800, 2 years' tenure, clean history
    james  month-to-month, $1,600 vs market $1,900
    sarah  active, ends in 60 days, pays above market, 2 months' tenure, always late, 10 work orders: critical
    omar   active, ends in 200 days: not a candidate
    """

    def lease(first, last, *, unit_number, market, rent, **kw):
        tenant = TenantFactory(
            first_name=first,
            last_name=last,
            email=f"{first.lower()}@example.com",
            phone=f"+1206555{unit_number[-3:]:0>4}",
        )
        unit = UnitFactory(property=harbor, unit_number=unit_number, market_rent=Decimal(market))
        return LeaseFactory(tenant=tenant, unit=unit, monthly_rent_amount=Decimal(rent), **kw)

    maria = lease(
        "Maria",
        "Gonzalez",
        unit_number="A-102",
        market="1800.00",
        rent="1700.00",
        lease_begin_date=TODAY - 730 * DAY,
        lease_end_date=TODAY + 45 * DAY,
    )
    james = lease(
        "James",
        "Chen",
        unit_number="B-205",
        market="1900.00",
        rent="1600.00",
        month_to_month=True,
        lease_begin_date=TODAY - 500 * DAY,
    )
    sarah = lease(
        "Sarah",
        "Williams",
        unit_number="C-314",
        market="1700.00",
        rent="1750.00",
        lease_begin_date=TODAY - 60 * DAY,
        lease_end_date=TODAY + 60 * DAY,
    )
    omar = lease(
        "Omar", "Haddad", unit_number="D-401", market="1800.00", rent="1750.00", lease_end_date=TODAY + 200 * DAY
    )
    for m in range(2):
        due = TODAY - (30 * m + 3) * DAY
        charge = LedgerEntryFactory(tenant=sarah.tenant, lease=sarah, trans_date=due, due_date=due)
        LedgerEntryFactory(
            tenant=sarah.tenant,
            lease=sarah,
            trans_type=TenantLedgerEntry.TransType.PAYMENT,
            applies_to=charge,
            due_date=due,
            trans_date=due + 10 * DAY,
        )
    for w in range(10):
        WorkOrderFactory(unit=sarah.unit, requested_date=TODAY - (w + 1) * DAY)
    return {"maria": maria, "james": james, "sarah": sarah, "omar": omar}
