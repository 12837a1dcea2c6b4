from django.db.models import QuerySet

from invoices.models import Invoices, Vendor


def vendor_list() -> QuerySet[Vendor]:
    return Vendor.objects.all()


def invoice_list(*, with_details: bool = False) -> QuerySet[Invoices]:
    qs = Invoices.objects.select_related("vendor", "property", "unit", "work_order")
    return qs.prefetch_related("line_items", "attachments") if with_details else qs
