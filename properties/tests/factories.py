import factory

from properties.models import Properties


class PropertyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Properties

    name = factory.Sequence(lambda n: f"Test Property {n}")
    code = factory.Sequence(lambda n: f"TP{n:03d}")
    address = factory.Sequence(lambda n: f"{100 + n} Main St")
    city = "Seattle"
    state = "WA"
    zip_code = "98101"
    jurisdiction_state = "WA"
    jurisdiction_city = "Seattle"
    year_built = 1995
    total_units = 10
