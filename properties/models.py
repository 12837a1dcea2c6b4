from django.db import models

from core.models import BaseModel


class Properties(BaseModel):
    """A residential property (community) in the portfolio; units are grouped into buildings."""

    class PropertyType(models.TextChoices):
        GARDEN = "garden", "Garden apartments"
        MIDRISE = "midrise", "Mid-rise"
        HIGHRISE = "highrise", "High-rise"
        TOWNHOME = "townhome", "Townhomes"

    name = models.CharField(max_length=200, unique=True)
    code = models.CharField(max_length=20, unique=True)
    portfolio = models.CharField(max_length=100, default="UnitCycle Residential")
    property_type = models.CharField(max_length=20, choices=PropertyType.choices, default=PropertyType.GARDEN)
    address = models.CharField(max_length=255)
    city = models.CharField(max_length=100)
    state = models.CharField(max_length=2)
    zip_code = models.CharField(max_length=10)
    jurisdiction_state = models.CharField(max_length=2, blank=True, default="")
    jurisdiction_city = models.CharField(max_length=100, blank=True, default="")
    year_built = models.PositiveIntegerField(null=True, blank=True)
    total_units = models.PositiveIntegerField(default=0)
    building_count = models.PositiveIntegerField(default=1)
    manager_name = models.CharField(max_length=120, blank=True, default="")
    manager_email = models.EmailField(blank=True, default="")
    phone = models.CharField(max_length=20, blank=True, default="")

    class Meta:
        db_table = "properties"
        ordering = ["name"]
        verbose_name = "property"
        verbose_name_plural = "properties"

    def __str__(self):
        return self.name
