"""Writes of the invoices app, split by topic:

    invoices.py     vendor invoices: enter with line items, edit while received, received -> approved -> paid
                    (or rejected), attachments (core/files references)

Callers import from `invoices.services`; the names below are its public surface.
"""

from invoices.services.invoices import (
    LineInput,
    invoice_attachment_add,
    invoice_attachment_remove,
    invoice_create,
    invoice_transition,
    invoice_update,
)

__all__ = [
    "LineInput",
    "invoice_attachment_add",
    "invoice_attachment_remove",
    "invoice_create",
    "invoice_transition",
    "invoice_update",
]
