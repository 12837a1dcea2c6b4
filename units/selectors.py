from django.db.models import QuerySet

from units.models import UnitsMaintenance, UnitsUnit


def unit_list() -> QuerySet[UnitsUnit]:
    return UnitsUnit.objects.select_related("property")


def work_order_list() -> QuerySet[UnitsMaintenance]:
    return UnitsMaintenance.objects.select_related("unit", "property", "assigned_vendor")
