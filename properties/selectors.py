from django.db.models import Count, Q, QuerySet

from properties.models import Properties


def property_list() -> QuerySet[Properties]:
    """Properties annotated with occupied/vacant unit counts (one query for any page)."""
    return Properties.objects.annotate(
        occupied_units=Count("units", filter=Q(units__status="occupied")),
        vacant_units=Count("units", filter=Q(units__status="vacant")),
        unit_count=Count("units"),
    )
