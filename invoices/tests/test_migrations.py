"""Migrations 0004-0006 on legacy data: `pending` becomes `received`; legacy attachment files move into core/files
(a missing one leaves a note on the invoice's history)."""

from __future__ import annotations

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("invoices", "0003_work_order_categories"), ("files", "0001_initial")]
AFTER = [("invoices", "0006_attachments_stored_file_required")]


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


@pytest.fixture
def back_to_latest():
    """Whatever happens, the database ends on the latest schema (every app's leaf migration): tests after this
    one need the columns migrations later than AFTER add (e.g. invoices 0007)."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
def test_legacy_invoices_and_files_migrate(settings, tmp_path, back_to_latest):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Vendor, Invoice = old.get_model("invoices", "Vendor"), old.get_model("invoices", "Invoices")
    Attachment = old.get_model("invoices", "InvoiceAttachments")
    vendor = Vendor.objects.create(name="Legacy Plumbing")
    inv = Invoice.objects.create(
        vendor=vendor, invoice_number="L-1", invoice_date=datetime.date(2025, 5, 1), status="pending"
    )
    paid = Invoice.objects.create(
        vendor=vendor, invoice_number="L-2", invoice_date=datetime.date(2025, 4, 1), status="paid"
    )
    saved = default_storage.save("invoices/2025/05/bill.pdf", ContentFile(pdf_bytes()))
    Attachment.objects.create(invoice=inv, file=saved, filename="bill.pdf", size_bytes=10)
    Attachment.objects.create(invoice=inv, file="invoices/2025/05/gone.pdf", filename="gone.pdf")

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Invoice = new.get_model("invoices", "Invoices")
    Attachment = new.get_model("invoices", "InvoiceAttachments")
    Event = new.get_model("invoices", "InvoiceEvents")
    assert Invoice.objects.get(pk=inv.pk).status == "received"
    assert Invoice.objects.get(pk=paid.pk).status == "paid"
    moved = Attachment.objects.select_related("stored_file").get()
    assert moved.stored_file.original_name == "bill.pdf" and moved.stored_file.purpose == "invoice"
    assert moved.stored_file.kind == "pdf" and default_storage.exists(moved.stored_file.storage_name)
    note = Event.objects.get(invoice_id=inv.pk)
    assert note.kind == "note" and "gone.pdf" in note.message and "invoices/2025/05/gone.pdf" in note.message
    assert default_storage.exists(saved)  # the legacy bytes are not deleted
