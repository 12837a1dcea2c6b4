from django.db.models import QuerySet

from predictive_maintenance.models import Equipment, MaintenancePrediction


def equipment_list() -> QuerySet[Equipment]:
    return Equipment.objects.select_related("property_ref", "unit")


def prediction_list() -> QuerySet[MaintenancePrediction]:
    return MaintenancePrediction.objects.select_related("unit")
