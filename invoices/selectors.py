import datetime

from django.db.models import Count, DecimalField, IntegerField, OuterRef, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from invoices import compliance
from invoices.models import Invoices, Vendor
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


def invoice_list(*, with_details: bool = False) -> QuerySet[Invoices]:
    qs = Invoices.objects.select_related("vendor", "property", "unit", "work_order")
    return qs.prefetch_related("line_items", "attachments") if with_details else qs
