"""Documents (issue 15 §2): one template renders the on-screen preview and the PDF; the PDF's text reads back."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal

import pytest

from core.documents import pdf_pages, pdf_text
from core.documents.rendering import (
    FONTS_DIR,
    document_html,
    document_pdf,
    document_store,
    weasyprint_available,
    weasyprint_missing_reason,
)
from core.exceptions import ApplicationError

needs_weasyprint = pytest.mark.skipif(
    not weasyprint_available(),
    reason=f"PDF rendering needs WeasyPrint and Pango: {weasyprint_missing_reason()} "
    "(pip install weasyprint==70.0; apt: libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)",
)

DEDUCTIONS = [
    {"description": "Carpet cleaning, living room", "amount": Decimal("180.00")},
    {"description": "Replace broken blind, bedroom", "amount": Decimal("45.50")},
]
CONTEXT = {
    "date": dt.date(2026, 4, 2),
    "property_name": "Birch Court",
    "property_address": "12 Birch Court, Springfield, IL 62701",
    "tenant_name": "Jordan Alvarez",
    "forwarding_address": "88 Elm Street\nPeoria, IL 61602",
    "unit_number": "4B",
    "move_out_date": dt.date(2026, 3, 15),
    "deposit": Decimal("1500.00"),
    "deductions": DEDUCTIONS,
    "total_deductions": Decimal("225.50"),
    "refund": Decimal("1274.50"),
    "manager_name": "Pat Manager",
    "jurisdiction_note": "Illinois requires this statement within 30 days of move-out.",
}


def test_deposit_letter_renders_to_html_for_the_preview():
    html = document_html(template="deposit_letter", context=CONTEXT, title="Deposit letter")
    assert "<title>Deposit letter</title>" in html
    for text in ("Jordan Alvarez", "unit 4B", "$1500.00", "Carpet cleaning, living room", "$45.50", "$1274.50"):
        assert text in html, text
    assert "Refund to you" in html and "88 Elm Street<br>Peoria" in html
    assert "@font-face" not in html and "counter(page)" not in html  # the preview uses the app's own fonts
    pdf_source = document_html(template="deposit_letter", context=CONTEXT, pdf=True)
    assert "dm-sans-latin-400-normal.woff" in pdf_source and 'counter(page) " of " counter(pages)' in pdf_source


def test_a_balance_owed_reads_as_such_and_values_are_escaped():
    html = document_html(
        template="deposit_letter",
        context={**CONTEXT, "tenant_name": "<script>x</script>", "refund": Decimal("-120.25")},
    )
    assert "Balance you owe" in html and "$120.25" in html and "$-" not in html
    assert "<script>x" not in html and "&lt;script&gt;" in html


def test_unknown_template_names_are_refused():
    with pytest.raises(ApplicationError):
        document_html(template="../../settings", context={})


def test_fonts_are_bundled():
    assert {p.name for p in FONTS_DIR.glob("*.woff")} >= {
        "dm-sans-latin-400-normal.woff",
        "dm-sans-latin-700-normal.woff",
        "plus-jakarta-sans-latin-700-normal.woff",
    }


@needs_weasyprint
def test_deposit_letter_renders_to_pdf_and_its_text_reads_back():
    rendered = document_pdf(template="deposit_letter", context=CONTEXT, title="Deposit letter")
    assert rendered.pdf.startswith(b"%PDF-")
    assert rendered.sha256 == hashlib.sha256(rendered.pdf).hexdigest()
    text = pdf_text(rendered.pdf)
    for words in ("Security deposit: itemized statement", "Jordan Alvarez", "Carpet cleaning, living room", "$1274.50"):
        assert words in text, (words, text)
    assert "Page 1 of 1" in text
    fonts = {str(f.get_object()["/BaseFont"]).split("+")[-1] for f in _page_fonts(rendered.pdf)}
    assert {"DM-Sans", "DM-Sans-Bold", "Plus-Jakarta-Sans-Bold"} <= fonts  # the bundled fonts, embedded


def _page_fonts(pdf: bytes):
    import io

    from pypdf import PdfReader

    return PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"].values()


@needs_weasyprint
def test_long_documents_number_every_page():
    many = [{"description": f"Item {i}", "amount": Decimal("1.00")} for i in range(120)]
    rendered = document_pdf(template="deposit_letter", context={**CONTEXT, "deductions": many})
    pages = pdf_pages(rendered.pdf)
    assert rendered.pages == len(pages) > 1
    assert f"Page 1 of {len(pages)}" in pages[0] and f"Page {len(pages)} of {len(pages)}" in pages[-1]


@needs_weasyprint
def test_a_stored_document_records_its_sha256(user, settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)
    stored = document_store(template="deposit_letter", context=CONTEXT, filename="deposit-4B", user=user)
    assert stored.purpose == "document" and stored.content_type == "application/pdf"
    assert stored.original_name == "deposit-4B.pdf" and stored.page_count == 1
    with open(tmp_path / stored.storage_name, "rb") as f:
        assert hashlib.sha256(f.read()).hexdigest() == stored.sha256


def test_without_weasyprint_pdf_rendering_is_a_clear_503(monkeypatch):
    from core.documents import rendering

    monkeypatch.setattr(rendering, "_weasyprint", lambda: None)
    with pytest.raises(ApplicationError) as info:
        document_pdf(template="deposit_letter", context=CONTEXT)
    assert info.value.status_code == 503
