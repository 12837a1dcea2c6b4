import datetime
from decimal import Decimal

import factory
from django.utils import timezone

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

    class Params:
        # Lifecycle states, consistent with what the transitions would have written:
        # LeaseFactory(month_to_month=True), LeaseFactory(notice=True), LeaseFactory(vacant=True).
        month_to_month = factory.Trait(
            lease_status=TenantLease.LeaseStatus.MONTH_TO_MONTH,
            lease_end_date=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=40)),
            holdover_start_date=factory.LazyAttribute(lambda o: o.lease_end_date + datetime.timedelta(days=1)),
        )
        notice = factory.Trait(
            lease_status=TenantLease.LeaseStatus.NOTICE,
            notice_date=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=10)),
            notice_move_out_date=factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=25)),
        )
        vacant = factory.Trait(
            lease_status=TenantLease.LeaseStatus.VACANT,
            notice_date=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=50)),
            notice_move_out_date=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=5)),
            actual_move_out_date=factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=5)),
            unit=factory.SubFactory(UnitFactory, status="vacant"),
        )


class LedgerEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TenantLedgerEntry

    tenant = factory.SubFactory(TenantFactory)
    trans_type = TenantLedgerEntry.TransType.CHARGE
    trans_date = factory.LazyFunction(datetime.date.today)
    due_date = factory.LazyFunction(datetime.date.today)
    amount = Decimal("1700.00")
