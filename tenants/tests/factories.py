import datetime
from decimal import Decimal

import factory

from tenants.models import TenantLease, TenantLedgerEntry, Tenants
from units.tests.factories import UnitFactory


class TenantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tenants

    first_name = factory.Sequence(lambda n: f"First{n}")
    last_name = factory.Sequence(lambda n: f"Last{n}")
    email = factory.Sequence(lambda n: f"tenant{n}@example.com")
    phone = factory.Sequence(lambda n: f"+1206555{n % 10000:04d}")


class LeaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TenantLease

    lease_number = factory.Sequence(lambda n: f"L-T{n:06d}")
    tenant = factory.SubFactory(TenantFactory)
    unit = factory.SubFactory(UnitFactory)
    property = factory.SelfAttribute("unit.property")
    lease_begin_date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=200))
    lease_end_date = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=165))
    monthly_rent_amount = Decimal("1700.00")
    security_deposit = Decimal("1700.00")


class LedgerEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TenantLedgerEntry

    tenant = factory.SubFactory(TenantFactory)
    trans_type = TenantLedgerEntry.TransType.CHARGE
    trans_date = factory.LazyFunction(datetime.date.today)
    due_date = factory.LazyFunction(datetime.date.today)
    amount = Decimal("1700.00")
