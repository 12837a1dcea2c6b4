import factory

from properties.models import Properties


class PropertyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Properties

    name = factory.Sequence(lambda n: f"Test Property {n}")
    code = factory.Sequence(lambda n: f"TP{n:03d}")
    address = factory.Sequence(lambda n: f"{100 + n} Main St")
    # Sacramento, CA: the rent-increase notice is Cal. Civ. Code §827's 30 days (90 above a 10% increase),
    # so a lease ending in 30+ days can renew the day after it ends (Seattle would need 180 days).
    city = "Sacramento"
    state = "CA"
    zip_code = "95814"
    jurisdiction_state = "CA"
    jurisdiction_city = "Sacramento"
    year_built = 1995
    total_units = 10
