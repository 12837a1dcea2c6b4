"""3.2 Invoice AI through the real URLs: upload → extraction (offline extractor; Claude through the SDK stub with a
key) → work-order match, price check, duplicates, GL code → approve with corrections (cost onto the work order),
flag, reject, the processing queue; a damaged PDF fails with a reason and stays reviewable by hand."""

from __future__ import annotations

import datetime
import json
import uuid
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from core.ai.testing import TEST_MODEL, stub_claude
from invoices import reading
from invoices.models import InvoiceAIExtraction, Invoices
from invoices.tests.factories import InvoiceFactory, VendorFactory
from invoices.tests.pdfs import damaged_pdf, invoice_html, invoice_pdf, pdf_of, photo_png
from properties.tests.factories import PropertyFactory
from units.models import UnitsMaintenance, WorkOrderEvent
from units.tests.factories import UnitFactory, WorkOrderFactory

URL = "/api/v1/invoices/"
DAY = datetime.date(2026, 3, 15)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def world(db):
    prop = PropertyFactory(name="Harbor View")
    unit = UnitFactory(property=prop, unit_number="A-101")
    other_unit = UnitFactory(property=prop, unit_number="B-7")
    vendor = VendorFactory(name="ProFlow Plumbing", trade="plumbing", hourly_rate=Decimal("95.00"))
    VendorFactory(name="Bright Electric", trade="electrical")
    wo = WorkOrderFactory(
        unit=unit, assigned_vendor=vendor, work_order_number="WO-0000123", status="completed",
        title="Kitchen faucet leaking", description="Replace cartridge", requested_date=DAY - datetime.timedelta(days=5),
        completed_date=DAY - datetime.timedelta(days=1), estimated_cost=Decimal("300.00"),
    )  # fmt: skip
    other_wo = WorkOrderFactory(unit=other_unit, assigned_vendor=vendor, title="Bathroom outlet dead",
                                category="electrical", requested_date=DAY - datetime.timedelta(days=40))  # fmt: skip
    # the vendor's history: plumbing jobs around $250
    for i, total in enumerate(("240.00", "250.00", "260.00")):
        InvoiceFactory(vendor=vendor, invoice_number=f"OLD-{i}", status="paid", total_amount=Decimal(total),
                       subtotal=Decimal(total), invoice_date=DAY - datetime.timedelta(days=60 + i), property=prop)  # fmt: skip
    return {"prop": prop, "unit": unit, "vendor": vendor, "wo": wo, "other_wo": other_wo}


def upload(client, *files, **data):
    body = {"files": [SimpleUploadedFile(name, content) for name, content in files], **data}
    return client.post(URL + "upload/", body, format="multipart")


def extraction(client, invoice_id):
    response = client.get(f"{URL}{invoice_id}/extraction/")
    assert response.status_code == 200, response.content
    return response.json()


def test_upload_extracts_offline_matches_the_work_order_and_flags_the_price(api_client, world):
    response = upload(api_client, ("proflow.pdf", invoice_pdf()))
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["count"] == 1
    invoice_id = body["invoices"][0]["id"]
    assert Invoices.objects.get(pk=invoice_id).status == "processing"
    x = extraction(api_client, invoice_id)
    assert x["status"] == "extracted" and x["provider"] == "offline"
    assert x["extracted_vendor_name"] == "ProFlow Plumbing LLC"
    assert x["matched_vendor_name"] == "ProFlow Plumbing"
    assert x["extracted_invoice_number"] == "PF-2026-0847"
    assert x["extracted_date"] == "2026-03-15" and x["extracted_due_date"] == "2026-04-14"
    assert (x["extracted_subtotal"], x["extracted_tax"], x["extracted_total"]) == ("335.00", "0.00", "335.00")
    assert [li["total"] for li in x["extracted_line_items"]] == ["145.00", "190.00"]
    assert x["field_confidence"]["total"] >= 0.9 and all(c["ok"] for c in x["checks"])
    assert (
        x["field_locations"]["invoice_number"]["page"] == 1 and len(x["field_locations"]["invoice_number"]["bbox"]) == 4
    )
    # matched by vendor, unit, description, date and amount
    assert x["matched_work_order_number"] == "WO-0000123" and x["wo_match_confidence"] >= 0.6
    assert (
        x["wo_candidates"][0]["number"] == "WO-0000123" and x["wo_candidates"][0]["title"] == "Kitchen faucet leaking"
    )
    # $335 vs the vendor's typical $250 for plumbing
    assert x["price_anomaly_detected"] is True
    assert "34% above this vendor's typical amount for plumbing ($250.00)" in x["price_anomaly_details"]
    assert x["suggested_gl_code"] == "6210" and x["gl_account_name"].endswith("Plumbing")
    assert x["document"]["kind"] == "pdf" and "/files/signed/" in x["document"]["url"] or x["document"]["url"]


def test_an_explicit_work_order_reference_decides_the_match(api_client, world):
    world["other_wo"].work_order_number = "WO-0000999"
    world["other_wo"].save()
    response = upload(api_client, ("bill.pdf", invoice_pdf(wo="WO-0000999", unit="B-7")))
    x = extraction(api_client, response.json()["invoices"][0]["id"])
    assert x["matched_work_order_number"] == "WO-0000999" and x["wo_match_confidence"] == 0.95
    assert "names work order WO-0000999" in x["wo_match_reasoning"]


def test_approve_with_a_correction_writes_the_invoice_and_the_cost_on_the_work_order(api_client, world):
    invoice_id = upload(api_client, ("proflow.pdf", invoice_pdf())).json()["invoices"][0]["id"]
    response = api_client.post(
        f"{URL}{invoice_id}/approve-extraction/",
        {"invoice_number": "PF-2026-0847A", "tax_amount": "10.00"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="approve-1",
    )
    assert response.status_code == 200, response.content
    detail = response.json()
    assert detail["status"] == "approved" and detail["invoice_number"] == "PF-2026-0847A"
    assert detail["total_amount"] == "345.00" and detail["work_order_number"] == "WO-0000123"
    assert detail["vendor_name"] == "ProFlow Plumbing" and len(detail["line_items"]) == 2
    assert detail["gl_code"] == "6210" and detail["unit_number"] == "A-101"
    wo = UnitsMaintenance.objects.get(pk=world["wo"].pk)
    assert wo.actual_cost == Decimal("345.00")
    assert WorkOrderEvent.objects.filter(work_order=wo, message__contains="invoice PF-2026-0847A").exists()
    assert "Corrected: invoice number" in detail["events"][0]["message"]
    x = extraction(api_client, invoice_id)
    assert x["review_state"] == "approved"
    # replayed, not run twice
    again = api_client.post(f"{URL}{invoice_id}/approve-extraction/", {"invoice_number": "PF-2026-0847A", "tax_amount": "10.00"},
                            format="json", HTTP_IDEMPOTENCY_KEY="approve-1")  # fmt: skip
    assert again.status_code == 200 and again["Idempotent-Replayed"] == "true"


def test_approve_validates_overrides(api_client, world):
    invoice_id = upload(api_client, ("proflow.pdf", invoice_pdf())).json()["invoices"][0]["id"]
    for bad in ({"invoice_date": "2026-02-30"}, {"tax_amount": "1e3"}, {"tax_amount": "abc"},
                {"line_items": [{"description": "x", "unit_price": "-1"}]}, {"invoice_date": "2999-01-01"}):  # fmt: skip
        response = api_client.post(f"{URL}{invoice_id}/approve-extraction/", bad, format="json")
        assert response.status_code == 400, (bad, response.content)
    assert Invoices.objects.get(pk=invoice_id).status == "processing"


def test_a_duplicate_upload_is_flagged_before_approval(api_client, world):
    first = upload(api_client, ("proflow.pdf", invoice_pdf())).json()["invoices"][0]["id"]
    second = upload(api_client, ("proflow-again.pdf", invoice_pdf())).json()["invoices"][0]["id"]
    x = extraction(api_client, second)
    assert x["duplicate_of"] == first and "same file was already uploaded" in x["duplicate_reason"]
    queue = api_client.get(URL + "processing-queue/").json()
    stages = {row["id"]: row["stage"] for row in queue["results"]}
    assert stages[second] == "duplicate" and queue["counts"]["duplicate"] == 1


def test_same_vendor_and_number_is_a_duplicate_of_an_entered_invoice(api_client, world):
    InvoiceFactory(vendor=world["vendor"], invoice_number="PF-2026-0847", status="received", property=world["prop"])
    invoice_id = upload(api_client, ("proflow.pdf", invoice_pdf())).json()["invoices"][0]["id"]
    x = extraction(api_client, invoice_id)
    assert "Same vendor and invoice number as invoice PF-2026-0847" in x["duplicate_reason"]
    response = api_client.post(f"{URL}{invoice_id}/approve-extraction/", {}, format="json")
    assert response.status_code == 400 and "may be a duplicate" in response.json()["detail"]


def test_same_vendor_amount_and_close_date_is_a_duplicate(api_client, world):
    InvoiceFactory(vendor=world["vendor"], invoice_number="X-1", status="approved", property=world["prop"],
                   total_amount=Decimal("335.00"), invoice_date=DAY - datetime.timedelta(days=3))  # fmt: skip
    invoice_id = upload(api_client, ("proflow.pdf", invoice_pdf())).json()["invoices"][0]["id"]
    assert "Same vendor and amount ($335.00)" in extraction(api_client, invoice_id)["duplicate_reason"]


def test_a_damaged_pdf_fails_with_a_reason_and_stays_reviewable_by_hand(api_client, world):
    response = upload(api_client, ("scan.pdf", damaged_pdf()))
    assert response.status_code == 201, response.content
    invoice_id = response.json()["invoices"][0]["id"]
    x = extraction(api_client, invoice_id)
    assert x["status"] == "failed"
    assert "No text could be read from the PDF" in x["failure_reason"] or "damaged" in x["failure_reason"]
    assert x["document"]["url"]
    queue = api_client.get(URL + "processing-queue/").json()
    assert [r["stage"] for r in queue["results"] if r["id"] == invoice_id] == ["failed"]
    # entered by hand on the review screen
    response = api_client.post(
        f"{URL}{invoice_id}/approve-extraction/",
        {"vendor": str(world["vendor"].pk), "invoice_number": "HAND-1", "invoice_date": "2026-03-10",
         "work_order": str(world["wo"].pk), "line_items": [{"description": "Faucet repair", "unit_price": "120.00"}]},
        format="json",
    )  # fmt: skip
    assert response.status_code == 200, response.content
    assert response.json()["total_amount"] == "120.00"
    assert UnitsMaintenance.objects.get(pk=world["wo"].pk).actual_cost == Decimal("120.00")


def test_a_file_that_is_not_a_pdf_or_image_is_refused_by_name(api_client, world):
    response = upload(api_client, ("notes.txt", b"hello, this is not an invoice"))
    assert response.status_code == 400 and response.json()["detail"].startswith("notes.txt:")
    assert not Invoices.objects.filter(status="processing").exists()


def test_several_invoices_in_one_pdf_are_split(api_client, world):
    data = pdf_of(
        invoice_html(number="PF-1", page_label="Page 1 of 1"),
        invoice_html(number="PF-2", total="200.00", subtotal="200.00",
                     lines=(("Drain snaking", "1", "200.00", "200.00"),), page_break_before=True, page_label="Page 1 of 1"),
    )  # fmt: skip
    body = upload(api_client, ("batch.pdf", data)).json()
    assert body["count"] == 2
    assert [(r["first_page"], r["last_page"]) for r in body["invoices"]] == [(1, 1), (2, 2)]
    numbers = [extraction(api_client, r["id"])["extracted_invoice_number"] for r in body["invoices"]]
    assert numbers == ["PF-1", "PF-2"]
    second = extraction(api_client, body["invoices"][1]["id"])
    assert second["extracted_total"] == "200.00" and not second["duplicate_reason"]


def test_flag_and_reject_need_reasons(api_client, world):
    invoice_id = upload(api_client, ("proflow.pdf", invoice_pdf())).json()["invoices"][0]["id"]
    assert api_client.post(f"{URL}{invoice_id}/flag/", {"reason": ""}, format="json").status_code == 400
    x = api_client.post(f"{URL}{invoice_id}/flag/", {"reason": "Labour hours look high"}, format="json").json()
    assert x["review_state"] == "flagged" and x["flag_reason"] == "Labour hours look high"
    queue = api_client.get(URL + "processing-queue/?stage=flagged").json()
    assert [r["id"] for r in queue["results"]] == [invoice_id]
    response = api_client.post(f"{URL}{invoice_id}/reject-extraction/", {"reason": "Not our property"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "rejected"
    assert response.json()["rejection_reason"] == "Not our property"
    assert api_client.get(URL + "processing-queue/").json()["results"] == []


def test_match_work_order_by_hand(api_client, world):
    invoice_id = upload(api_client, ("proflow.pdf", invoice_pdf())).json()["invoices"][0]["id"]
    other = world["other_wo"]
    x = api_client.post(f"{URL}{invoice_id}/match-work-order/", {"work_order": str(other.pk)}, format="json").json()
    assert x["matched_work_order"] == str(other.pk) and x["wo_match_confidence"] == 1.0
    detail = api_client.post(f"{URL}{invoice_id}/approve-extraction/", {}, format="json").json()
    assert detail["work_order"] == str(other.pk)
    x = api_client.post(f"{URL}{invoice_id}/match-work-order/", {"work_order": None}, format="json")
    assert x.status_code == 400  # approved: no longer in processing


def test_ocr_unavailable_says_so_instead_of_failing(api_client, world, monkeypatch):
    monkeypatch.setattr(reading, "ocr_available", lambda: False)
    monkeypatch.setattr("invoices.serializers.ocr_available", lambda: False)
    invoice_id = upload(
        api_client, ("photo.png", photo_png(["ProFlow Plumbing", "Invoice # 77", "Total $50.00"]))
    ).json()["invoices"][0]["id"]
    x = extraction(api_client, invoice_id)
    assert x["status"] == "failed" and "OCR is unavailable" in x["failure_reason"] and x["ocr_available"] is False


@pytest.mark.skipif(not reading.ocr_available(), reason="tesseract-ocr is not installed")
def test_a_photo_is_read_with_ocr(api_client, world):
    lines = ["ProFlow Plumbing LLC", "Invoice #: PF-555", "Invoice Date: 03/12/2026", "",
             "Description        Qty     Rate      Amount", "Drain cleaning      1      180.00    180.00",
             "", "Total Due: $180.00"]  # fmt: skip
    invoice_id = upload(api_client, ("photo.png", photo_png(lines))).json()["invoices"][0]["id"]
    x = extraction(api_client, invoice_id)
    assert x["status"] == "extracted" and x["ocr_used"] is True
    assert x["matched_vendor_name"] == "ProFlow Plumbing" and x["extracted_total"] == "180.00"
    assert x["extracted_invoice_number"] == "PF-555"


@pytest.fixture
def claude(settings):
    yield from stub_claude(settings)


def test_with_a_key_the_document_reaches_claude_through_the_sdk(api_client, world, claude):
    claude.add_message(json.dumps({
        "vendor_name": "ProFlow Plumbing LLC", "invoice_number": "PF-9", "invoice_date": "2026-03-14",
        "due_date": "2026-04-13", "subtotal": 335.0, "tax": 0, "total": 335.0,
        "line_items": [{"description": "Faucet cartridge", "quantity": 1, "unit_price": 145.0, "total": 145.0},
                       {"description": "Labor", "quantity": 2, "unit_price": 95.0, "total": 190.0}],
        "vendor_address": None, "remit_to": None, "po_number": None, "work_order_reference": "WO-0000123",
        "payment_terms": "Net 30",
    }))  # fmt: skip
    invoice_id = upload(api_client, ("proflow.pdf", invoice_pdf())).json()["invoices"][0]["id"]
    x = extraction(api_client, invoice_id)
    assert x["status"] == "extracted" and x["provider"] == "anthropic" and x["extraction_model"] == TEST_MODEL
    request = claude.requests[0].json
    blocks = request["messages"][0]["content"]
    assert blocks[0]["type"] == "document" and blocks[0]["source"]["media_type"] == "application/pdf"
    assert "Extract all fields from this vendor invoice PDF." in request["system"]
    assert "ProFlow Plumbing" in blocks[-1]["text"]  # the known vendors, fenced as data
    assert x["extracted_invoice_number"] == "PF-9" and x["matched_work_order_number"] == "WO-0000123"
    assert x["field_confidence"]["total"] > 0.9  # the arithmetic held


def test_read_only_and_other_roles_cannot_upload_or_approve(make_user, world):
    readonly = make_user("read_only")
    response = upload(readonly, ("proflow.pdf", invoice_pdf()))
    assert response.status_code == 403
    assert readonly.get(URL + "processing-queue/").status_code == 200


def test_a_scoped_manager_uploads_for_their_property_and_sees_only_theirs(make_user, world):
    other = PropertyFactory(name="Elm Court")
    scoped = make_user("property_manager", properties=[world["prop"]])
    response = upload(scoped, ("proflow.pdf", invoice_pdf()))
    assert response.status_code == 400 and response.json().get("field") == "property"
    response = upload(scoped, ("proflow.pdf", invoice_pdf()), property=str(other.pk))
    assert response.status_code == 400
    response = upload(scoped, ("proflow.pdf", invoice_pdf()), property=str(world["prop"].pk))
    assert response.status_code == 201
    invoice_id = response.json()["invoices"][0]["id"]
    assert [r["id"] for r in scoped.get(URL + "processing-queue/").json()["results"]] == [invoice_id]


def test_processing_queue_is_a_fixed_number_of_queries(api_client, world, django_assert_max_num_queries):
    for i in range(3):
        upload(api_client, (f"p{i}.pdf", invoice_pdf(number=f"Q-{i}")))
    with django_assert_max_num_queries(12):
        body = api_client.get(URL + "processing-queue/").json()
    assert len(body["results"]) == 3 and body["counts"]["review"] + body["counts"]["duplicate"] == 3
    assert {"code": "6210", "name": "Repairs & Maintenance — Plumbing"} in body["gl_accounts"]
    assert InvoiceAIExtraction.objects.count() == 3


def test_a_stored_candidate_cost_is_a_decimal_string_like_the_schema_says():
    """A candidate kept in the extraction's JSON has its cost as a number; the API answers the schema's decimal string
    (schemathesis found 541.0 where "541.00" is declared)."""
    from types import SimpleNamespace

    from invoices.serializers import InvoiceExtractionSerializer

    stored = [{"work_order": str(uuid.uuid4()), "number": "WO-1", "score": 0.8, "reasons": [], "estimated_cost": 541.0}]
    out = InvoiceExtractionSerializer().get_wo_candidates(SimpleNamespace(wo_candidates=stored))
    assert out[0]["estimated_cost"] == "541.00" and out[0]["number"] == "WO-1"
