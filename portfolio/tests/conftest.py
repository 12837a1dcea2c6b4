import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from collections_app.tests.factories import CaseFactory
from core.messaging.testing import FakeEmailBackend, FakeSmsBackend
from properties.tests.factories import PropertyFactory
from tenants.tests.factories import LeaseFactory, TenantFactory
from units.tests.factories import UnitFactory

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
        total_units=12,
    )


@pytest.fixture
def oak(db):
    return PropertyFactory(name="Oak Ridge", manager_email="lee@oakridge.example", total_units=4)


def make_lease(prop, first, last, *, unit_number, market, rent, building="A", **kw):
    tenant = TenantFactory(first_name=first, last_name=last, email=f"{first.lower()}.{last.lower()}@example.com")
    unit_kw = {"status": "vacant"} if kw.get("vacant") else {}
    unit = UnitFactory(
        property=prop,
        unit_number=unit_number,
        building=building,
        market_rent=Decimal(market),
        current_rent=Decimal(rent),
        **unit_kw,
    )
    return LeaseFactory(
        tenant=tenant,
        unit=unit,
        monthly_rent_amount=Decimal(rent),
        lease_begin_date=kw.pop("lease_begin_date", TODAY - 700 * DAY),
        **kw,
    )


@pytest.fixture
def units(harbor, oak):
    """One unit per rule (and some that match none), at Harbor View unless noted.

    nudge       active, ends in 75 days                         -> early_renewal_nudge
    far         active, ends in 200 days                        -> nothing
    soon        active, ends in 20 days                         -> nothing
    holdover    month-to-month 100 days, $1,500 vs $1,800       -> rent_increase_notice + renewal_offer
    fresh_mtm   month-to-month 20 days, $1,780 vs $1,800        -> nothing ($20 gap, 20 days)
    at_market   month-to-month 45 days at market                -> renewal_offer
    notice_near notice, moves out in 10 days                    -> move_out_inspection + listing_prep
    notice_far  notice, moves out in 40 days                    -> move_out_inspection
    vacant      moved out 12 days ago                           -> nothing
    debtor      active (ends in 300 days), escalated collections -> eviction_prep   (Oak Ridge)
    oak_mtm     month-to-month 60 days, $1,200 vs $1,400        -> rent_increase + renewal_offer (Oak Ridge)
    """
    mtm = {"month_to_month": True}
    u = {
        "nudge": make_lease(
            harbor,
            "Sarah",
            "Mitchell",
            unit_number="1822F",
            market="1400",
            rent="1325",
            lease_end_date=TODAY + 75 * DAY,
        ),
        "far": make_lease(
            harbor, "Omar", "Haddad", unit_number="1901A", market="1800", rent="1750", lease_end_date=TODAY + 200 * DAY
        ),
        "soon": make_lease(
            harbor, "Ana", "Lopez", unit_number="1902A", market="1800", rent="1750", lease_end_date=TODAY + 20 * DAY
        ),
        "holdover": make_lease(
            harbor,
            "Maria",
            "Santos",
            unit_number="1624B",
            market="1800",
            rent="1500",
            **mtm,
            lease_end_date=TODAY - 100 * DAY,
            holdover_start_date=TODAY - 99 * DAY,
        ),
        "fresh_mtm": make_lease(
            harbor,
            "Uriel",
            "Trejo",
            unit_number="1543C",
            market="1800",
            rent="1780",
            **mtm,
            lease_end_date=TODAY - 20 * DAY,
            holdover_start_date=TODAY - 19 * DAY,
        ),
        "at_market": make_lease(
            harbor,
            "Chen",
            "Wei",
            unit_number="2301A",
            market="1450",
            rent="1450",
            **mtm,
            lease_end_date=TODAY - 45 * DAY,
            holdover_start_date=TODAY - 44 * DAY,
        ),
        "notice_near": make_lease(
            harbor,
            "James",
            "Rivera",
            unit_number="1407D",
            market="1300",
            rent="1250",
            building="D",
            notice=True,
            notice_date=TODAY - 25 * DAY,
            notice_move_out_date=TODAY + 10 * DAY,
            lease_end_date=TODAY - 60 * DAY,
        ),
        "notice_far": make_lease(
            harbor,
            "Lena",
            "Park",
            unit_number="1408D",
            market="1300",
            rent="1240",
            building="D",
            notice=True,
            notice_date=TODAY - 5 * DAY,
            notice_move_out_date=TODAY + 40 * DAY,
            lease_end_date=TODAY - 30 * DAY,
        ),
        "vacant": make_lease(
            harbor,
            "Gone",
            "Away",
            unit_number="1409D",
            market="1350",
            rent="1200",
            building="D",
            vacant=True,
            notice_move_out_date=TODAY - 12 * DAY,
            actual_move_out_date=TODAY - 12 * DAY,
            lease_end_date=TODAY - 15 * DAY,
        ),
        "debtor": make_lease(
            oak, "Rob", "Tardy", unit_number="O-101", market="1400", rent="1400", lease_end_date=TODAY + 300 * DAY
        ),
        "oak_mtm": make_lease(
            oak,
            "Kim",
            "Nguyen",
            unit_number="O-102",
            market="1400",
            rent="1200",
            **mtm,
            lease_end_date=TODAY - 60 * DAY,
            holdover_start_date=TODAY - 59 * DAY,
        ),
    }
    u["case"] = CaseFactory(
        lease=u["debtor"],
        status="escalated",
        escalation_level=5,
        tenant_risk_profile="chronic",
        current_balance=Decimal("2800.00"),
        original_amount_due=Decimal("2800.00"),
        days_overdue=40,
        due_date=TODAY - 40 * DAY,
    )
    return u
