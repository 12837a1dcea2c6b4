import datetime
from decimal import Decimal

import factory

from tenants.tests.factories import LeaseFactory
from turnover.models import TurnoverCase, TurnoverChecklist, TurnoverDeduction


class TurnoverCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TurnoverCase

    lease = factory.SubFactory(LeaseFactory, notice=True)
    unit = factory.SelfAttribute("lease.unit")
    property = factory.SelfAttribute("lease.property")
    notice_date = factory.LazyAttribute(lambda o: o.lease.notice_date)
    expected_move_out = factory.LazyAttribute(lambda o: o.lease.notice_move_out_date)
    security_deposit = factory.LazyAttribute(lambda o: o.lease.security_deposit)
    refund_amount = factory.LazyAttribute(lambda o: o.lease.security_deposit)


class TurnoverDeductionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TurnoverDeduction

    case = factory.SubFactory(TurnoverCaseFactory)
    category = TurnoverDeduction.Category.CLEANING
    description = "Oven and fridge left dirty"
    amount = Decimal("120.00")
    chargeable_amount = Decimal("120.00")


class TurnoverChecklistFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TurnoverChecklist

    case = factory.SubFactory(TurnoverCaseFactory)
    category = "cleaning"
    item = factory.Sequence(lambda n: f"Deep clean entire unit {n}")
    estimated_cost = Decimal("250.00")


def days_ago(n: int) -> datetime.date:
    return datetime.date.today() - datetime.timedelta(days=n)
