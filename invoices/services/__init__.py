"""Writes for vendors and vendor invoices, split by topic:

    vendors.py   vendor_create / vendor_update / vendor_deactivate (vendors are never deleted)
    extraction.py  3.2: invoice_upload / invoice_extract / invoice_extraction_approve / _match_work_order /
                 _flag / _reject / extraction_retry
    invoices.py  invoice_create (with line items) / invoice_update (while received) / invoice_transition
                 (received -> approved -> paid, rejected) / invoice_attachment_add / invoice_attachment_remove

Callers import from `invoices.services`; the names below are its public surface.
"""

from invoices.services.extraction import (
    ACCOUNT_CHOICES,
    extraction_retry,
    invoice_extract,
    invoice_extraction_approve,
    invoice_extraction_flag,
    invoice_extraction_match_work_order,
    invoice_extraction_reject,
    invoice_upload,
)
from invoices.services.invoices import (
    invoice_attachment_add,
    invoice_attachment_remove,
    invoice_create,
    invoice_transition,
    invoice_update,
)
from invoices.services.vendors import HOURLY_RATE_MAX, vendor_create, vendor_deactivate, vendor_update

__all__ = [
    "ACCOUNT_CHOICES",
    "HOURLY_RATE_MAX",
    "extraction_retry",
    "invoice_extract",
    "invoice_extraction_approve",
    "invoice_extraction_flag",
    "invoice_extraction_match_work_order",
    "invoice_extraction_reject",
    "invoice_upload",
    "invoice_attachment_add",
    "invoice_attachment_remove",
    "invoice_create",
    "invoice_transition",
    "invoice_update",
    "vendor_create",
    "vendor_deactivate",
    "vendor_update",
]
