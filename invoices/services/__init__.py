"""Writes for vendors and vendor invoices, split by topic:

    vendors.py   vendor_create / vendor_update / vendor_deactivate (vendors are never deleted)
    invoices.py  invoice_create (with line items) / invoice_update (while received) / invoice_transition
                 (received -> approved -> paid, rejected) / invoice_attachment_add / invoice_attachment_remove

Callers import from `invoices.services`; the names below are its public surface.
"""

from invoices.services.invoices import (
    invoice_attachment_add,
    invoice_attachment_remove,
    invoice_create,
    invoice_transition,
    invoice_update,
)
from invoices.services.vendors import HOURLY_RATE_MAX, vendor_create, vendor_deactivate, vendor_update

__all__ = [
    "HOURLY_RATE_MAX",
    "invoice_attachment_add",
    "invoice_attachment_remove",
    "invoice_create",
    "invoice_transition",
    "invoice_update",
    "vendor_create",
    "vendor_deactivate",
    "vendor_update",
]
