from django.db.models import QuerySet

from units.models import UnitsMaintenance, UnitsUnit


def unit_list() -> QuerySet[UnitsUnit]:
    return UnitsUnit.objects.select_related("property")


def work_order_list() -> QuerySet[UnitsMaintenance]:
    return UnitsMaintenance.objects.select_related("unit", "property", "assigned_vendor")


OPEN_WORK_ORDER_STATUSES = (UnitsMaintenance.Status.OPEN, UnitsMaintenance.Status.IN_PROGRESS)


def open_work_orders_by_unit(*, unit_ids, category: str | None = None, titles=None) -> dict:
    """{unit_id: {title: work order id}} of open / in-progress work orders on these units (one query),
    optionally only of one category and only with these exact titles."""
    qs = UnitsMaintenance.objects.filter(unit_id__in=list(unit_ids), status__in=OPEN_WORK_ORDER_STATUSES)
    if category:
        qs = qs.filter(category=category)
    if titles is not None:
        qs = qs.filter(title__in=list(titles))
    out: dict = {}
    for unit_id, title, pk in qs.order_by("requested_date").values_list("unit_id", "title", "id"):
        out.setdefault(unit_id, {}).setdefault(title, pk)
    return out
