import datetime

import factory

from predictive_maintenance.models import Equipment
from properties.tests.factories import PropertyFactory


class EquipmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Equipment

    property_ref = factory.SubFactory(PropertyFactory)
    equipment_type = Equipment.EquipmentType.WATER_HEATER
    name = "Water heater"
    install_date = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=365 * 8))
    age_years = 8.0
    expected_lifespan_years = 12
