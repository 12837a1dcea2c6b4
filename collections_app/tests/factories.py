"""Test data for collections: tenants with a chosen payment history and an overdue rent charge, and cases."""

import datetime
from decimal import Decimal

import factory

from collections_app.models import CollectionCase
from properties.tests.factories import PropertyFactory
from tenants.models import TenantLedgerEntry
from tenants.tests.factories import LeaseFactory, LedgerEntryFactory, TenantFactory
from units.tests.factories import UnitFactory

RENT = Decimal("1700.00")
T = TenantLedgerEntry.TransType


def overdue_tenant(
    *,
    due: datetime.date,
    rent: Decimal = RENT,
    late_payments: int = 0,
    on_time: int = 6,
    manager_email: str = "manager@oakridge.example",
    phone: str | None = None,
    email: str | None = None,
    property=None,
    late_fee: Decimal | None = None,
):
    """A tenant whose rent charge due on `due` is unpaid, with `late_payments` late and `on_time` on-time
    months of history in the 12 months before `due`. Returns (tenant, lease)."""
    prop = property or PropertyFactory(manager_email=manager_email, phone="+12065550100")
    unit = UnitFactory(property=prop)
    kwargs = {}
    if phone is not None:
        kwargs["phone"] = phone
    if email is not None:
        kwargs["email"] = email
    tenant = TenantFactory(**kwargs)
    lease = LeaseFactory(
        tenant=tenant,
        unit=unit,
        property=prop,
        monthly_rent_amount=rent,
        lease_begin_date=due - datetime.timedelta(days=400),
        lease_end_date=due + datetime.timedelta(days=300),
    )
    month = 1
    for i in range(late_payments + on_time):
        charge_due = due - datetime.timedelta(days=30 * (month + i))
        charge = LedgerEntryFactory(
            tenant=tenant,
            lease=lease,
            trans_type=T.CHARGE,
            trans_date=charge_due,
            due_date=charge_due,
            amount=rent,
            description="Rent",
        )
        paid = charge_due + datetime.timedelta(days=4 if i < late_payments else -1)
        LedgerEntryFactory(
            tenant=tenant,
            lease=lease,
            trans_type=T.PAYMENT,
            trans_date=paid,
            due_date=charge_due,
            amount=rent,
            applies_to=charge,
            description="Payment",
        )
    LedgerEntryFactory(
        tenant=tenant, lease=lease, trans_type=T.CHARGE, trans_date=due, due_date=due, amount=rent, description="Rent"
    )
    if late_fee:
        fee_due = due + datetime.timedelta(days=5)
        LedgerEntryFactory(
            tenant=tenant,
            lease=lease,
            trans_type=T.CHARGE,
            charge_code="late_fee",
            trans_date=fee_due,
            due_date=fee_due,
            amount=late_fee,
            description="Late fee",
        )
    return tenant, lease


class CaseFactory(factory.django.DjangoModelFactory):
    """A case without ledger rows behind it (API shape tests); workflow tests open cases through the scan."""

    class Meta:
        model = CollectionCase

    lease = factory.SubFactory(LeaseFactory)
    tenant = factory.SelfAttribute("lease.tenant")
    unit = factory.SelfAttribute("lease.unit")
    property = factory.SelfAttribute("lease.property")
    original_amount_due = RENT
    current_balance = RENT
    due_date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=4))
    days_overdue = 4
    tenant_risk_profile = "good_history"
    tone = "friendly"


DUE = datetime.date(2026, 11, 2)


def day(n: int) -> datetime.date:
    """The date `n` days after DUE (the rent's due date)."""
    return DUE + datetime.timedelta(days=n)


def at(n: int, hour: int = 12) -> datetime.datetime:
    """An aware datetime `n` days after DUE."""
    return datetime.datetime.combine(day(n), datetime.time(hour), tzinfo=datetime.UTC)
