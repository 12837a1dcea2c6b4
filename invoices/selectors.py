import datetime
import uuid
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from invoices import compliance
from invoices.models import InvoiceAttachments, Invoices, Vendor
from units.models import UnitsMaintenance

# Work-order statuses (issue 16's flow: open -> assigned -> in_progress -> completed -> closed, or cancelled).
WORK_ORDER_OPEN_STATUSES = ("open", "assigned", "in_progress")
WORK_ORDER_DONE_STATUSES = ("completed", "closed")
ACTIVITY_WINDOW_DAYS = 365  # "12 months" of completed work and invoiced amounts


def _per_vendor(qs: QuerySet, vendor_field: str, aggregate, output_field):
    """One correlated subquery: `aggregate` over the rows of `qs` that belong to the outer vendor (0 if none).
    `qs` comes from a scoped manager, so a person limited to some properties counts only their work."""
    rows = qs.filter(**{vendor_field: OuterRef("pk")}).order_by().values(vendor_field).annotate(v=aggregate)
    return Coalesce(Subquery(rows.values("v")[:1], output_field=output_field), Value(0), output_field=output_field)


def vendor_list(*, today: datetime.date) -> QuerySet[Vendor]:
    """Vendors with `open_work_orders`, `completed_work_orders_12mo` and `invoiced_12mo` (work orders and
    invoices of the caller's properties), each a subquery of the one list query (no query per row)."""
    since = today - datetime.timedelta(days=ACTIVITY_WINDOW_DAYS)
    work = UnitsMaintenance.objects.all()
    return Vendor.objects.annotate(
        open_work_orders=_per_vendor(
            work.filter(status__in=WORK_ORDER_OPEN_STATUSES), "assigned_vendor", Count("pk"), IntegerField()
        ),
        completed_work_orders_12mo=_per_vendor(
            work.filter(status__in=WORK_ORDER_DONE_STATUSES, completed_date__gte=since, completed_date__lte=today),
            "assigned_vendor",
            Count("pk"),
            IntegerField(),
        ),
        invoiced_12mo=_per_vendor(
            Invoices.objects.exclude(status="rejected").filter(invoice_date__gte=since, invoice_date__lte=today),
            "vendor",
            Sum("total_amount"),
            DecimalField(max_digits=14, decimal_places=2),
        ),
    )


def vendor_get(*, vendor_id, today: datetime.date) -> Vendor | None:
    return vendor_list(today=today).filter(pk=vendor_id).first()


def vendor_compliance_q(state: str, today: datetime.date) -> Q:
    """Vendors with a document in `state` ("active": both documents active), for the list filter."""
    start, end = compliance.expiring_window(today)
    if state == compliance.ACTIVE:
        return Q(insurance_expiry__gt=end, license_expiry__gt=end)
    if state == compliance.EXPIRING:
        return Q(insurance_expiry__range=(start, end)) | Q(license_expiry__range=(start, end))
    if state == compliance.EXPIRED:
        return Q(insurance_expiry__lt=today) | Q(license_expiry__lt=today)
    if state == compliance.MISSING:
        return Q(insurance_expiry__isnull=True) | Q(license_expiry__isnull=True)
    raise ValueError(f"Unknown compliance state {state!r}")


def invoice_list() -> QuerySet[Invoices]:
    """Invoices in the caller's scope with what a row shows (vendor, property, unit, work order): one query."""
    return Invoices.objects.select_related("vendor", "property", "unit", "work_order")


def invoice_get(*, invoice_id) -> Invoices | None:
    """One invoice with its lines, attachments (and their files) and history; None when it is not in the caller's
    scope or the id is malformed."""
    try:
        pk = uuid.UUID(str(invoice_id))
    except ValueError:
        return None
    return (
        invoice_list()
        .prefetch_related(
            "line_items",
            Prefetch("attachments", queryset=InvoiceAttachments.objects.select_related("stored_file")),
            "events",
        )
        .filter(pk=pk)
        .first()
    )


def invoice_summary(qs: QuerySet[Invoices], *, today: datetime.date | None = None) -> dict:
    """Counts and totals per status for the list's chips, over `qs` (already filtered, any status), plus the
    unpaid ones past their due date: one query."""
    today = today or timezone.localdate()
    zero = Value(Decimal("0.00"), output_field=DecimalField(max_digits=14, decimal_places=2))
    overdue = Q(status__in=OPEN_STATUSES, due_date__lt=today)
    aggregates = {"n": Count("id"), "sum": Coalesce(Sum("total_amount"), zero)}
    aggregates |= {
        "overdue_n": Count("id", filter=overdue),
        "overdue_sum": Coalesce(Sum("total_amount", filter=overdue), zero),
    }
    for status in Invoices.Status.values:
        aggregates[f"{status}_n"] = Count("id", filter=Q(status=status))
        aggregates[f"{status}_sum"] = Coalesce(Sum("total_amount", filter=Q(status=status)), zero)
    row = qs.order_by().aggregate(**aggregates)
    return {
        "by_status": {
            status: {"count": row[f"{status}_n"], "total": row[f"{status}_sum"]} for status in Invoices.Status.values
        },
        "overdue": {"count": row["overdue_n"], "total": row["overdue_sum"]},
        "count": row["n"],
        "total": row["sum"],
    }


OPEN_STATUSES = (Invoices.Status.RECEIVED, Invoices.Status.APPROVED)  # not yet paid, not refused


def invoice_warnings(invoice: Invoices) -> list[str]:
    """What a reviewer should look at twice (allowed, not refused): a work order assigned to another vendor."""
    warnings = []
    wo = invoice.work_order
    if wo is not None and wo.assigned_vendor_id and invoice.vendor_id and wo.assigned_vendor_id != invoice.vendor_id:
        warnings.append(
            f"Work order {wo.work_order_number} is assigned to another vendor than the one on this invoice."
        )
    return warnings


def invoice_history(invoice: Invoices) -> list[dict]:
    """The invoice's events, newest first. An invoice from before the history table (or the demo seed) has none:
    its story is read from its who/when fields instead, so every invoice shows one."""
    events = list(invoice.events.all())
    if events:
        return [
            {
                "id": str(e.pk),
                "at": e.at,
                "actor": e.actor,
                "kind": e.kind,
                "from_status": e.from_status,
                "to_status": e.to_status,
                "message": e.message,
            }
            for e in events
        ]
    stamps = [t for t in (invoice.created_at, invoice.approved_at, invoice.paid_at, invoice.rejected_at) if t]
    derived = [
        {"at": min(stamps), "actor": "", "kind": "created", "from_status": "", "to_status": "received",
         "message": "Entered."},
    ]  # fmt: skip
    if invoice.approved_at:
        derived.append({"at": invoice.approved_at, "actor": invoice.approved_by, "kind": "status",
                        "from_status": "received", "to_status": "approved", "message": ""})  # fmt: skip
    if invoice.paid_at:
        reference = f", reference {invoice.payment_reference}" if invoice.payment_reference else ""
        paid_on = f"Paid {invoice.paid_date:%Y-%m-%d}{reference}." if invoice.paid_date else ""
        derived.append({"at": invoice.paid_at, "actor": invoice.paid_by, "kind": "status",
                        "from_status": "approved", "to_status": "paid", "message": paid_on})  # fmt: skip
    if invoice.rejected_at:
        derived.append({"at": invoice.rejected_at, "actor": invoice.rejected_by, "kind": "status",
                        "from_status": "approved" if invoice.approved_at else "received", "to_status": "rejected",
                        "message": invoice.rejection_reason})  # fmt: skip
    flow = ("received", "approved", "rejected", "paid")
    derived.sort(key=lambda e: (e["at"], flow.index(e["to_status"])), reverse=True)
    return [{"id": f"derived-{i}", **e} for i, e in enumerate(derived)]


WORK_ORDER_OPTIONS_MAX = 100


def invoice_work_order_options(*, unit_id=None, property_id=None, vendor_id=None) -> QuerySet[UnitsMaintenance]:
    """Work orders an invoice may be for (not cancelled), newest first, for the invoice form's picker and 3.2's
    matching: read with the invoice permission, so the people who enter bills (accountants) can link them
    without seeing the maintenance screens. The caller's scope applies."""
    qs = UnitsMaintenance.objects.select_related("unit", "assigned_vendor").exclude(status="cancelled")
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if property_id:
        qs = qs.filter(property_id=property_id)
    if vendor_id:
        qs = qs.filter(assigned_vendor_id=vendor_id)
    return qs.order_by("-requested_date", "-created_at")


# --- 3.2 Invoice AI -------------------------------------------------------------------------------------------------

PIPELINE_STAGES = ("queued", "extracting", "failed", "review", "flagged", "duplicate", "approved", "rejected")


def extraction_stage(extraction) -> str:
    """Where an uploaded invoice is in the pipeline, in one word for the queue's status column."""
    status = extraction.invoice.status
    if status in ("approved", "paid"):
        return "approved"
    if status == "rejected":
        return "rejected"
    if status == "received":
        return "approved" if extraction.review_state == "approved" else "review"
    if extraction.status in ("queued", "extracting", "failed"):
        return extraction.status
    if extraction.review_state == "flagged":
        return "flagged"
    if extraction.duplicate_reason:
        return "duplicate"
    return "review"


def processing_queue(*, include_done: bool = False):
    """Uploaded invoices in the caller's scope, newest first: those still in processing (and, with `include_done`,
    the approved and rejected ones too). One query (extraction, invoice, file, vendor, work order joined)."""
    from invoices.models import InvoiceAIExtraction

    qs = InvoiceAIExtraction.objects.select_related(
        "invoice", "source_file", "matched_vendor", "matched_work_order"
    ).order_by("-created_at")
    if not include_done:
        qs = qs.filter(invoice__status=Invoices.Status.PROCESSING)
    return qs


def extraction_get(*, invoice: Invoices):
    """The extraction of an invoice the caller may see, with the candidates' work orders (two queries)."""
    from invoices.models import InvoiceAIExtraction

    extraction = (
        InvoiceAIExtraction._base_manager.select_related(
            "invoice", "source_file", "matched_vendor", "matched_work_order", "duplicate_of"
        )
        .filter(invoice=invoice)
        .first()
    )
    if extraction is None:
        return None, {}
    ids = [c.get("work_order") for c in extraction.wo_candidates or [] if c.get("work_order")]
    work_orders = {
        str(wo.pk): wo for wo in UnitsMaintenance.objects.select_related("unit", "property").filter(pk__in=ids)
    }
    return extraction, work_orders
