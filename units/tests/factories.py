import datetime
from decimal import Decimal

import factory

from properties.tests.factories import PropertyFactory
from units.models import UnitsMaintenance, UnitsUnit
from units.workflow import sla_due_date


class UnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitsUnit

    property = factory.SubFactory(PropertyFactory)
    unit_number = factory.Sequence(lambda n: f"A-{100 + n}")
    building = "A"
    floor = 1
    bedrooms = 2
    bathrooms = Decimal("1.0")
    square_feet = 850
    market_rent = Decimal("1800.00")
    current_rent = Decimal("1700.00")
    status = UnitsUnit.Status.OCCUPIED


class WorkOrderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UnitsMaintenance

    work_order_number = factory.Sequence(lambda n: f"WO-T{n:06d}")
    unit = factory.SubFactory(UnitFactory)
    property = factory.SelfAttribute("unit.property")
    title = "Leaking kitchen faucet"
    category = UnitsMaintenance.Category.PLUMBING
    priority = UnitsMaintenance.Priority.MEDIUM
    requested_date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))
    sla_due_date = factory.LazyAttribute(lambda o: sla_due_date(requested=o.requested_date, priority=o.priority))
