"""Celery tasks of the invoices app: each calls one service."""

from celery import shared_task

from invoices.services import invoice_extract


@shared_task(name="invoices.extract_invoice", acks_late=True)
def extract_invoice(invoice_id: str) -> str:
    """Queued after an upload (3.2): reads one uploaded invoice and stores the extraction and its checks.
    Safe to run twice (a finished extraction is not read again)."""
    extraction = invoice_extract(invoice_id=invoice_id)
    return "No extraction for that invoice." if extraction is None else f"Extraction {extraction.status}."
