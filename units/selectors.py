import datetime

from django.db.models import Case, Count, F, IntegerField, Prefetch, Q, QuerySet, Value, When

from core.utils import parse_uuid
from units import workflow
from units.models import UnitsMaintenance, UnitsUnit, WorkOrderEvent, WorkOrderFile


def unit_list() -> QuerySet[UnitsUnit]:
    return UnitsUnit.objects.select_related("property")


def unit_get(*, unit_id) -> UnitsUnit | None:
    pk = parse_uuid(unit_id)
    if pk is None:
        return None
    return unit_list().filter(pk=pk).first()


# --- work orders -----------------------------------------------------------------------------------------------

PRIORITY_RANK = {"low": 0, "medium": 1, "high": 2, "emergency": 3}


def _rank(field: str, ranks) -> Case:
    return Case(
        *(When(**{field: value}, then=Value(i)) for i, value in enumerate(ranks)),
        default=Value(len(ranks)),
        output_field=IntegerField(),
    )


def work_order_list() -> QuerySet[UnitsMaintenance]:
    """Work orders with everything the list row shows joined in (one query per page), and the ranks that
    `ordering=priority` / `ordering=status` sort by."""
    return UnitsMaintenance.objects.select_related("unit", "property", "assigned_vendor", "lease", "tenant").annotate(
        priority_rank=_rank("priority", list(PRIORITY_RANK)),
        status_rank=_rank("status", workflow.STATUSES),
    )


def work_order_base() -> QuerySet[UnitsMaintenance]:
    """Work orders without joins (counts)."""
    return UnitsMaintenance.objects.all()


def work_order_get(*, work_order_id) -> UnitsMaintenance | None:
    """One work order with its files (the stored file and its uploader), timeline (newest first) and invoices
    prefetched: a fixed number of queries."""
    pk = parse_uuid(work_order_id)
    if pk is None:
        return None
    return (
        work_order_list()
        .prefetch_related(
            Prefetch(
                "files",
                queryset=WorkOrderFile.objects.select_related("file", "file__uploaded_by").order_by("created_at", "id"),
            ),
            Prefetch("events", queryset=WorkOrderEvent.objects.order_by("-created_at", "-id")),
            # the invoice table lives in `invoices` (a layer up): reached through the relation, not imported
            Prefetch("invoices", queryset=_invoice_model().objects.select_related("vendor").order_by("invoice_date")),
        )
        .filter(pk=pk)
        .first()
    )


def _invoice_model():
    return UnitsMaintenance._meta.get_field("invoices").related_model


def work_order_file_get(*, work_order: UnitsMaintenance, link_id) -> WorkOrderFile | None:
    pk = parse_uuid(link_id)
    if pk is None:
        return None
    return WorkOrderFile.objects.select_related("file", "work_order").filter(pk=pk, work_order=work_order).first()


def sla_breached_q(*, today: datetime.date) -> Q:
    """Open work past its SLA due date, or work completed after it (units.workflow.sla_breached, in SQL)."""
    return Q(status__in=workflow.ACTIVE, sla_due_date__lt=today) | Q(
        status__in=workflow.DONE, completed_date__gt=F("sla_due_date")
    )


def work_order_summary(*, qs: QuerySet[UnitsMaintenance], today: datetime.date) -> dict:
    """{"by_status": {status: n, ...every status}, "sla_breached": n, "total": n} of `qs` in one query."""
    counts = qs.order_by().aggregate(
        total=Count("id"),
        sla_breached=Count("id", filter=sla_breached_q(today=today)),
        **{f"status_{s}": Count("id", filter=Q(status=s)) for s in workflow.STATUSES},
    )
    return {
        "by_status": {s: counts[f"status_{s}"] for s in workflow.STATUSES},
        "sla_breached": counts["sla_breached"],
        "total": counts["total"],
    }


OPEN_WORK_ORDER_STATUSES = workflow.ACTIVE
# The move-out inspection work order: one title for whoever opens it (turnover on notice, the command center's
# executor), so each finds the other's open one on the unit and reuses it (docs/decisions.md, turnover).
MOVE_OUT_INSPECTION_TITLE = "Move-out inspection"


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
