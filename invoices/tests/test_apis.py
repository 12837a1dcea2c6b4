"""Invoices API (issue 16 §2): enter with line items, edit while received, received -> approved -> paid | rejected,
attachments through core/files, filters, summary chips, CSV export; through the real URLs."""

from __future__ import annotations

import csv
import datetime
import io
import uuid
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from rest_framework.test import APIClient

from core.permissions import ACCESS_QUERIES
from invoices.models import InvoiceAttachments, InvoiceEvents, InvoiceLineItems, Invoices
from invoices.tests.factories import InvoiceFactory, InvoiceLineItemFactory, VendorFactory
from properties.tests.factories import PropertyFactory
from units.tests.factories import UnitFactory, WorkOrderFactory

URL = "/api/v1/invoices/"
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def world(db):
    prop = PropertyFactory(name="Harbor View")
    other = PropertyFactory(name="Elm Court")
    unit = UnitFactory(property=prop, unit_number="A-101")
    unit2 = UnitFactory(property=prop, unit_number="A-102")
    far_unit = UnitFactory(property=other, unit_number="E-1")
    vendor = VendorFactory(name="ProFlow Plumbing")
    other_vendor = VendorFactory(name="Bright Electric")
    wo = WorkOrderFactory(unit=unit, assigned_vendor=vendor, work_order_number="WO-000123")
    return {
        "prop": prop,
        "other": other,
        "unit": unit,
        "unit2": unit2,
        "far_unit": far_unit,
        "vendor": vendor,
        "other_vendor": other_vendor,
        "wo": wo,
    }


def body(world, **overrides):
    data = {
        "vendor": str(world["vendor"].pk),
        "invoice_number": "PF-1001",
        "invoice_date": (TODAY - datetime.timedelta(days=3)).isoformat(),
        "due_date": (TODAY + datetime.timedelta(days=27)).isoformat(),
        "property": str(world["prop"].pk),
        "unit": str(world["unit"].pk),
        "tax_amount": "4.13",
        "gl_code": "6410",
        "line_items": [
            {"description": "Labor - leaking faucet", "quantity": "1.5", "unit_price": "85.00"},
            {"description": "Cartridge", "quantity": 3, "unit_price": "0.35", "gl_code": "6411"},
        ],
    }
    data.update(overrides)
    return data


def create(client, world, **overrides):
    return client.post(URL, body(world, **overrides), format="json")


def pdf_bytes() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def upload(client, purpose="invoice", name="bill.pdf"):
    f = io.BytesIO(pdf_bytes())
    f.name = name
    response = client.post("/api/v1/files/", {"file": f, "purpose": purpose}, format="multipart")
    assert response.status_code == 201, response.content
    return response.json()["id"]


# --- create ---------------------------------------------------------------------------------------------------


def test_accountant_enters_an_invoice_with_two_lines_and_the_server_computes_the_amounts(make_user, world):
    accountant = make_user("accountant")
    three_decimals = [{"description": "Cartridge", "quantity": 3, "unit_price": "0.335"}]
    unit_price_with_3_decimals = create(accountant, world, line_items=three_decimals)
    assert unit_price_with_3_decimals.status_code == 400  # 0.335 is not a price
    assert "unit_price" in str(unit_price_with_3_decimals.json())
    lines = [
        {"description": "Labor - leaking faucet", "quantity": "1.5", "unit_price": "85.00"},
        {"description": "Cartridge", "quantity": "0.33", "unit_price": "10.05", "gl_code": "6411"},
    ]
    response = create(accountant, world, line_items=lines)
    assert response.status_code == 201, response.content
    inv = response.json()
    assert inv["status"] == "received" and inv["allowed_transitions"] == ["approved", "rejected"]
    assert [li["amount"] for li in inv["line_items"]] == ["127.50", "3.32"]  # 3.3165 half-up
    assert inv["subtotal"] == "130.82" and inv["tax_amount"] == "4.13" and inv["total_amount"] == "134.95"
    assert [li["gl_code"] for li in inv["line_items"]] == ["6410", "6411"]  # the invoice's code by default
    assert inv["vendor_name"] == "ProFlow Plumbing" and inv["property_name"] == "Harbor View"
    assert inv["warnings"] == []
    saved = Invoices.objects.get(pk=inv["id"])
    assert saved.total_amount == Decimal("134.95")
    assert list(saved.line_items.values_list("position", flat=True)) == [0, 1]
    event = InvoiceEvents.objects.get(invoice=saved)
    assert event.kind == "created" and event.actor == f"user:{accountant.user.email}"
    assert inv["events"][0]["actor_name"] == accountant.user.email
    assert "2 line items, total $134.95" in inv["events"][0]["message"]


def test_client_amounts_are_ignored(api_client, world):
    lines = [{"description": "Labor", "quantity": "2", "unit_price": "50.00", "amount": "999.00"}]
    inv = create(api_client, world, line_items=lines, total_amount="1.00", subtotal="1.00").json()
    assert inv["line_items"][0]["amount"] == "100.00" and inv["total_amount"] == "104.13"


def test_the_work_order_fills_property_and_unit_and_another_vendor_is_a_warning(api_client, world):
    response = create(api_client, world, property=None, unit=None, work_order=str(world["wo"].pk), line_items=[
        {"description": "Labor", "unit_price": "100.00"}
    ])  # fmt: skip
    assert response.status_code == 201, response.content
    inv = response.json()
    assert inv["property"] == str(world["prop"].pk) and inv["unit"] == str(world["unit"].pk)
    assert inv["work_order_number"] == "WO-000123" and inv["work_order_detail"]["title"]
    assert inv["warnings"] == []
    mismatch = create(
        api_client,
        world,
        vendor=str(world["other_vendor"].pk),
        work_order=str(world["wo"].pk),
        line_items=[{"description": "Labor", "unit_price": "10.00"}],
    )
    assert mismatch.status_code == 201
    assert mismatch.json()["warnings"] == [
        "Work order WO-000123 is assigned to another vendor than the one on this invoice."
    ]


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"unit": "far_unit"}, "unit", "Unit E-1 is not at Harbor View"),
        ({"unit": "unit2", "work_order": "wo"}, "work_order", "is for unit A-101, not A-102"),
        ({"property": "other", "unit": None, "work_order": "wo"}, "work_order", "another property than Elm Court"),
        ({"vendor": str(uuid.uuid4())}, "vendor", "Vendor not found."),
        ({"work_order": str(uuid.uuid4())}, "work_order", "Work order not found."),
        ({"line_items": []}, "line_items", ""),
        ({"line_items": [{"description": "x", "quantity": "0"}]}, "line_items", ""),
        ({"line_items": [{"description": "x", "quantity": "10000.01"}]}, "line_items", ""),
        ({"line_items": [{"description": "x", "unit_price": "1000000.01"}]}, "line_items", ""),
        ({"line_items": [{"description": "x", "unit_price": "-1.00"}]}, "line_items", ""),
        ({"line_items": [{"description": "x", "unit_price": "1e3"}]}, "line_items", ""),
        ({"line_items": [{"description": "x", "quantity": True}]}, "line_items", ""),
        ({"line_items": [{"description": ""}]}, "line_items", ""),
        ({"line_items": [{"description": "x", "quantity": "10", "unit_price": "1000000"}] * 2}, "line_items",
         "above the $10,000,000.00 limit"),
        ({"line_items": "lots"}, "line_items", ""),
        ({"tax_amount": "-1.00"}, "tax_amount", ""),
        ({"invoice_number": "  "}, "invoice_number", ""),
        ({"invoice_date": (TODAY + datetime.timedelta(days=1)).isoformat()}, "invoice_date", "future"),
        ({"invoice_date": "0798-01-01"}, "invoice_date", "between"),
        ({"due_date": (TODAY - datetime.timedelta(days=10)).isoformat()}, "due_date", "before the invoice date"),
    ],
)  # fmt: skip
def test_create_refuses_what_does_not_add_up(api_client, world, overrides, field, words):
    resolved = {k: str(world[v].pk) if isinstance(v, str) and v in world else v for k, v in overrides.items()}
    response = create(api_client, world, **resolved)
    assert response.status_code == 400, response.content
    answer = response.json()
    assert field in str(answer), answer
    assert words in answer["detail"], answer
    assert not Invoices.objects.exists()


def test_a_vendor_number_pair_is_entered_once_and_the_answer_names_the_invoice(api_client, world):
    lines = [{"description": "Labor", "unit_price": "100.00"}]
    first = create(api_client, world, line_items=lines).json()
    again = create(api_client, world, invoice_number=" pf-1001 ", line_items=lines)
    assert again.status_code == 400
    answer = again.json()
    assert answer["detail"].startswith("ProFlow Plumbing already has invoice PF-1001, dated ")
    assert "(received, $104.13)" in answer["detail"]
    assert answer["existing_invoice"] == first["id"] and answer["field"] == "invoice_number"
    # another vendor may use the same number
    assert create(api_client, world, vendor=str(world["other_vendor"].pk), line_items=lines).status_code == 201


def test_create_is_idempotent_with_a_key(api_client, world):
    lines = [{"description": "Labor", "unit_price": "100.00"}]
    key = {"HTTP_IDEMPOTENCY_KEY": str(uuid.uuid4())}
    first = api_client.post(URL, body(world, line_items=lines), format="json", **key)
    second = api_client.post(URL, body(world, line_items=lines), format="json", **key)
    assert first.status_code == second.status_code == 201
    assert second["Idempotent-Replayed"] == "true" and second.json()["id"] == first.json()["id"]
    assert Invoices.objects.count() == 1


def test_who_may_enter_invoices(make_user, world):
    lines = [{"description": "Labor", "unit_price": "100.00"}]
    for role in ("maintenance_coordinator", "read_only", "leasing_agent"):
        assert create(make_user(role), world, line_items=lines).status_code == 403, role
    assert make_user("maintenance_coordinator").get(URL).status_code == 200  # reads them
    assert make_user("leasing_agent").get(URL).status_code == 403


# --- scope ----------------------------------------------------------------------------------------------------


def test_a_scoped_manager_works_inside_their_properties_only(make_user, world):
    scoped = make_user("property_manager", properties=[world["prop"]])
    lines = [{"description": "Labor", "unit_price": "100.00"}]
    outside = InvoiceFactory(property=world["other"], vendor=world["other_vendor"])
    assert scoped.get(f"{URL}{outside.pk}/").status_code == 404
    assert scoped.post(f"{URL}{outside.pk}/transition/", {"status": "approved"}, format="json").status_code == 404
    assert scoped.patch(f"{URL}{outside.pk}/", {"notes": "x"}, format="json").status_code == 404
    refused = create(scoped, world, property=str(world["other"].pk), unit=None, line_items=lines)
    assert refused.status_code == 400 and refused.json()["detail"] == "Property not found."
    no_property = create(scoped, world, property=None, unit=None, line_items=lines)
    assert no_property.status_code == 400 and "Choose the property" in no_property.json()["detail"]
    # a duplicate outside their scope is named but not linked
    dup = create(scoped, world, vendor=str(world["other_vendor"].pk), invoice_number=outside.invoice_number,
                 line_items=lines)  # fmt: skip
    assert dup.status_code == 400 and dup.json()["existing_invoice"] is None
    assert create(scoped, world, line_items=lines).status_code == 201
    assert scoped.get(URL).json()["count"] == 1


# --- edit -----------------------------------------------------------------------------------------------------


def test_patch_replaces_the_lines_while_received_only(api_client, world):
    inv = create(api_client, world, line_items=[{"description": "Labor", "unit_price": "100.00"}]).json()
    url = f"{URL}{inv['id']}/"
    response = api_client.patch(url, {"line_items": [
        {"description": "Labor", "quantity": "2", "unit_price": "100.00"},
        {"description": "Trip charge", "unit_price": "45.00"},
        {"description": "Parts", "quantity": "4", "unit_price": "2.50"},
    ], "tax_amount": "0", "notes": "Corrected by vendor"}, format="json")  # fmt: skip
    assert response.status_code == 200, response.content
    edited = response.json()
    assert [li["description"] for li in edited["line_items"]] == ["Labor", "Trip charge", "Parts"]
    assert (
        edited["subtotal"] == "255.00"
        and edited["total_amount"] == "255.00"
        and edited["notes"] == "Corrected by vendor"
    )
    assert InvoiceLineItems.objects.filter(invoice_id=inv["id"]).count() == 3
    assert edited["events"][0]["kind"] == "updated" and "Total $104.13 → $255.00" in edited["events"][0]["message"]
    # tax alone recomputes the total from the stored lines
    assert api_client.patch(url, {"tax_amount": "5.00"}, format="json").json()["total_amount"] == "260.00"
    # unit of another property
    bad = api_client.patch(url, {"unit": str(world["far_unit"].pk)}, format="json")
    assert bad.status_code == 400 and bad.json()["field"] == "unit"
    assert api_client.patch(url, {"property": None, "unit": None}, format="json").json()["property"] is None
    approve = api_client.post(f"{url}transition/", {"status": "approved"}, format="json")
    assert approve.status_code == 200, approve.content
    frozen = api_client.patch(url, {"notes": "late edit"}, format="json")
    assert frozen.status_code == 400
    assert (
        frozen.json()
        == {
            "detail": "A approved invoice can't be edited; only received invoices can (send it back to received first).",
            "allowed": ["paid", "rejected", "received"],
        }
        or "can't be edited" in frozen.json()["detail"]
    )


def test_patch_checks_the_number_again(api_client, world):
    lines = [{"description": "Labor", "unit_price": "100.00"}]
    create(api_client, world, line_items=lines)
    second = create(api_client, world, invoice_number="PF-1002", line_items=lines).json()
    response = api_client.patch(f"{URL}{second['id']}/", {"invoice_number": "PF-1001"}, format="json")
    assert response.status_code == 400 and "already has invoice PF-1001" in response.json()["detail"]


# --- transitions ----------------------------------------------------------------------------------------------


def test_approve_then_pay_records_who_when_and_the_payment(make_user, world):
    accountant = make_user("accountant")
    inv = create(accountant, world, line_items=[{"description": "Labor", "unit_price": "100.00"}]).json()
    url = f"{URL}{inv['id']}/transition/"
    approved = accountant.post(url, {"status": "approved", "note": "Matches the work order"}, format="json").json()
    assert approved["status"] == "approved" and approved["approved_by"] == f"user:{accountant.user.email}"
    assert approved["approved_by_name"] == accountant.user.email and approved["approved_at"]
    assert approved["allowed_transitions"] == ["paid", "rejected", "received"]
    paid_on = TODAY.isoformat()
    paid = accountant.post(
        url, {"status": "paid", "paid_date": paid_on, "payment_reference": "ACH 88812"}, format="json"
    )
    assert paid.status_code == 200, paid.content
    paid = paid.json()
    assert paid["status"] == "paid" and paid["paid_date"] == paid_on and paid["payment_reference"] == "ACH 88812"
    assert paid["allowed_transitions"] == []
    assert [(e["kind"], e["to_status"]) for e in paid["events"]] == [
        ("status", "paid"), ("status", "approved"), ("created", "received"),
    ]  # fmt: skip
    assert paid["events"][0]["message"] == f"Paid {paid_on}, reference ACH 88812."
    final = accountant.post(url, {"status": "received", "note": "oops"}, format="json")
    assert final.status_code == 400
    assert final.json() == {
        "detail": "A paid invoice is final: it can't become received.",
        "allowed": [],
        "field": "status",
    }


def test_illegal_moves_answer_400_with_the_allowed_ones(api_client, world):
    inv = create(api_client, world, line_items=[{"description": "Labor", "unit_price": "100.00"}]).json()
    url = f"{URL}{inv['id']}/transition/"
    response = api_client.post(url, {"status": "paid"}, format="json")
    assert response.status_code == 400
    answer = response.json()
    assert answer["detail"] == "A received invoice can't become paid; it can become approved or rejected."
    assert answer["allowed"] == ["approved", "rejected"]
    assert api_client.post(url, {"status": "pending"}, format="json").status_code == 400  # not a status any more
    assert api_client.post(url, {}, format="json").status_code == 400
    no_reason = api_client.post(url, {"status": "rejected"}, format="json")
    assert no_reason.status_code == 400 and no_reason.json()["field"] == "note"
    assert no_reason.json()["allowed"] == ["approved", "rejected"]
    assert Invoices.objects.get(pk=inv["id"]).status == "received"


def test_reject_and_reopen(api_client, world):
    inv = create(api_client, world, line_items=[{"description": "Labor", "unit_price": "100.00"}]).json()
    url = f"{URL}{inv['id']}/transition/"
    rejected = api_client.post(url, {"status": "rejected", "note": "Billed twice"}, format="json").json()
    assert rejected["status"] == "rejected" and rejected["rejection_reason"] == "Billed twice"
    assert rejected["allowed_transitions"] == ["received"]
    reopened = api_client.post(url, {"status": "received", "note": "Corrected bill came in"}, format="json").json()
    assert reopened["status"] == "received" and reopened["rejection_reason"] == "" and reopened["rejected_at"] is None
    assert reopened["events"][0]["message"] == "Corrected bill came in"


def test_pay_refuses_a_future_or_early_date_and_defaults_to_today(api_client, world):
    inv = create(api_client, world, line_items=[{"description": "Labor", "unit_price": "100.00"}]).json()
    url = f"{URL}{inv['id']}/transition/"
    api_client.post(url, {"status": "approved"}, format="json")
    future = api_client.post(url, {"status": "paid", "paid_date": (TODAY + datetime.timedelta(days=2)).isoformat()},
                             format="json")  # fmt: skip
    assert future.status_code == 400 and future.json()["field"] == "paid_date"
    early = api_client.post(url, {"status": "paid", "paid_date": (TODAY - datetime.timedelta(days=30)).isoformat()},
                            format="json")  # fmt: skip
    assert early.status_code == 400 and "before the invoice date" in early.json()["detail"]
    paid = api_client.post(url, {"status": "paid"}, format="json").json()
    assert paid["paid_date"] == TODAY.isoformat() and paid["payment_reference"] == ""


def test_transitions_are_idempotent_with_a_key(api_client, world):
    inv = create(api_client, world, line_items=[{"description": "Labor", "unit_price": "100.00"}]).json()
    url = f"{URL}{inv['id']}/transition/"
    key = {"HTTP_IDEMPOTENCY_KEY": str(uuid.uuid4())}
    first = api_client.post(url, {"status": "approved"}, format="json", **key)
    again = api_client.post(url, {"status": "approved"}, format="json", **key)
    assert first.status_code == again.status_code == 200 and again["Idempotent-Replayed"] == "true"
    assert InvoiceEvents.objects.filter(invoice_id=inv["id"], kind="status").count() == 1
    # without a key, a second click is a clear 400
    assert api_client.post(url, {"status": "approved"}, format="json").json()["detail"] == (
        "The invoice is already approved."
    )


def test_an_invoice_without_a_vendor_or_lines_cannot_be_approved(api_client, world):
    bare = InvoiceFactory(vendor=None, property=world["prop"])
    answer = api_client.post(f"{URL}{bare.pk}/transition/", {"status": "approved"}, format="json").json()
    assert answer["field"] == "vendor"
    no_lines = InvoiceFactory(vendor=world["vendor"], property=world["prop"])
    answer = api_client.post(f"{URL}{no_lines.pk}/transition/", {"status": "approved"}, format="json").json()
    assert answer["field"] == "line_items"


def test_a_maintenance_coordinator_cannot_approve(make_user, world):
    inv = InvoiceFactory(property=world["prop"], vendor=world["vendor"])
    coordinator = make_user("maintenance_coordinator")
    response = coordinator.post(f"{URL}{inv.pk}/transition/", {"status": "approved"}, format="json")
    assert response.status_code == 403


# --- attachments ----------------------------------------------------------------------------------------------


def test_attach_a_file_and_serve_it_by_signed_url(api_client, world):
    inv = create(api_client, world, line_items=[{"description": "Labor", "unit_price": "100.00"}]).json()
    file_id = upload(api_client)
    response = api_client.post(f"{URL}{inv['id']}/attachments/", {"file": file_id}, format="json")
    assert response.status_code == 201, response.content
    attachment = response.json()["attachments"][0]
    assert attachment["file"] == file_id and attachment["kind"] == "pdf" and attachment["original_name"] == "bill.pdf"
    assert attachment["thumbnail_url"] is None and "/files/signed/" in attachment["url"]
    assert APIClient().get(attachment["url"]).status_code == 200  # the signature is the credential
    assert InvoiceAttachments.objects.get().stored_file_id == uuid.UUID(file_id)
    twice = api_client.post(f"{URL}{inv['id']}/attachments/", {"file": file_id}, format="json")
    assert twice.status_code == 400 and "already attached" in twice.json()["detail"]
    assert response.json()["events"][0]["message"] == "Attached bill.pdf."


def test_attach_refuses_other_purposes_unknown_and_unseen_files(api_client, make_user, world):
    inv = create(api_client, world, line_items=[{"description": "Labor", "unit_price": "100.00"}]).json()
    url = f"{URL}{inv['id']}/attachments/"
    inspection = upload(api_client, purpose="inspection")
    assert "uploaded for a inspection" in api_client.post(url, {"file": inspection}, format="json").json()["detail"]
    assert api_client.post(url, {"file": str(uuid.uuid4())}, format="json").status_code == 400
    assert api_client.post(url, {"file": "nope"}, format="json").status_code == 400
    scoped = make_user("property_manager", properties=[world["prop"]])
    theirs = upload(api_client)  # uploaded by someone else: a scoped manager can't take it
    answer = scoped.post(url, {"file": theirs}, format="json")
    assert answer.status_code == 400 and answer.json()["field"] == "file"


def test_remove_an_attachment_while_received_only(api_client, world):
    inv = create(api_client, world, line_items=[{"description": "Labor", "unit_price": "100.00"}]).json()
    link = api_client.post(f"{URL}{inv['id']}/attachments/", {"file": upload(api_client)}, format="json")
    link_id = link.json()["attachments"][0]["id"]
    api_client.post(f"{URL}{inv['id']}/transition/", {"status": "approved"}, format="json")
    assert api_client.delete(f"{URL}{inv['id']}/attachments/{link_id}/").status_code == 400
    api_client.post(f"{URL}{inv['id']}/transition/", {"status": "received", "note": "fix"}, format="json")
    assert api_client.delete(f"{URL}{inv['id']}/attachments/{uuid.uuid4()}/").status_code == 404
    assert api_client.delete(f"{URL}{inv['id']}/attachments/not-a-uuid/").status_code == 404
    assert api_client.delete(f"{URL}{inv['id']}/attachments/{link_id}/").status_code == 204
    assert not InvoiceAttachments.objects.exists()


# --- list, filters, summary, export ---------------------------------------------------------------------------


@pytest.fixture
def listed(world):
    v, v2, p, p2 = world["vendor"], world["other_vendor"], world["prop"], world["other"]
    rows = [
        InvoiceFactory(vendor=v, property=p, invoice_number="PF-1", total_amount=Decimal("120.00"),
                       invoice_date=TODAY - datetime.timedelta(days=60), due_date=TODAY - datetime.timedelta(days=30)),
        InvoiceFactory(vendor=v, property=p, invoice_number="PF-2", total_amount=Decimal("80.00"), status="approved",
                       invoice_date=TODAY - datetime.timedelta(days=10), due_date=TODAY + datetime.timedelta(days=20)),
        InvoiceFactory(vendor=v2, property=p2, invoice_number="=HYPERLINK(1)", total_amount=Decimal("999.99"),
                       status="paid", invoice_date=TODAY - datetime.timedelta(days=90)),
        InvoiceFactory(vendor=v2, property=p, invoice_number="BE-9", total_amount=Decimal("45.50"), status="rejected",
                       invoice_date=TODAY - datetime.timedelta(days=5)),
    ]  # fmt: skip
    return rows


def _numbers(client, query=""):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200, response.content
    return sorted(r["invoice_number"] for r in response.json()["results"])


def test_filters(api_client, world, listed):
    assert _numbers(api_client, "status=received,approved") == ["PF-1", "PF-2"]
    assert _numbers(api_client, "status=paid&status=rejected") == ["=HYPERLINK(1)", "BE-9"]
    assert _numbers(api_client, f"vendor={world['other_vendor'].pk}") == ["=HYPERLINK(1)", "BE-9"]
    assert _numbers(api_client, f"property={world['other'].pk}") == ["=HYPERLINK(1)"]
    assert _numbers(api_client, "total_amount__gte=80&total_amount__lte=120.00") == ["PF-1", "PF-2"]
    assert _numbers(api_client, f"invoice_date__gte={(TODAY - datetime.timedelta(days=30)).isoformat()}") == [
        "BE-9", "PF-2",
    ]  # fmt: skip
    assert _numbers(api_client, "overdue=true") == ["PF-1"]
    assert _numbers(api_client, "search=bright") == ["=HYPERLINK(1)", "BE-9"]
    ordered = api_client.get(f"{URL}?ordering=-total_amount").json()["results"]
    assert [r["total_amount"] for r in ordered] == ["999.99", "120.00", "80.00", "45.50"]
    assert api_client.get(f"{URL}?ordering=vendor__name").status_code == 200
    row = next(r for r in api_client.get(URL).json()["results"] if r["invoice_number"] == "PF-1")
    assert row["is_overdue"] is True and row["allowed_transitions"] == ["approved", "rejected"]
    for bad in ("status=pending", "total_amount__gte=abc", "total_amount__gte=1e999", "invoice_date__gte=03/01/2026",
                "vendor=nope", "total_amount__lte=99999999999999"):  # fmt: skip
        assert api_client.get(f"{URL}?{bad}").status_code == 400, bad


def test_summary_counts_and_totals_per_status_ignoring_the_status_filter(api_client, world, listed):
    body = api_client.get(f"{URL}summary/?status=paid").json()
    assert body["by_status"] == {
        "processing": {"count": 0, "total": "0.00"},  # 3.2: uploads still being read or reviewed
        "received": {"count": 1, "total": "120.00"},
        "approved": {"count": 1, "total": "80.00"},
        "paid": {"count": 1, "total": "999.99"},
        "rejected": {"count": 1, "total": "45.50"},
    }
    assert body["count"] == 4 and body["total"] == "1245.49"
    assert body["overdue"] == {"count": 1, "total": "120.00"}
    mine = api_client.get(f"{URL}summary/?vendor={world['vendor'].pk}&search=PF-2").json()
    assert mine["count"] == 1 and mine["by_status"]["approved"]["count"] == 1
    assert api_client.get(f"{URL}summary/?total_amount__gte=x").status_code == 400


def test_export_is_csv_with_the_same_filters_and_no_formulas(api_client, world, listed):
    response = api_client.get(f"{URL}export/?status=paid,received&ordering=invoice_number")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["invoice_number"] for r in rows] == ["'=HYPERLINK(1)", "PF-1"]
    assert rows[0]["vendor"] == "Bright Electric" and rows[0]["total_amount"] == "999.99"
    assert rows[1]["status"] == "received" and rows[1]["property"] == "Harbor View"


def test_maintenance_coordinator_reads_the_list_and_detail(make_user, world, listed):
    coordinator = make_user("maintenance_coordinator")
    assert coordinator.get(URL).json()["count"] == 4
    assert coordinator.get(f"{URL}{listed[0].pk}/").status_code == 200
    assert coordinator.get(f"{URL}export/").status_code == 200


def test_history_of_an_invoice_from_before_the_events_table(api_client, world):
    now = timezone.now()
    old = InvoiceFactory(property=world["prop"], vendor=world["vendor"], status="paid",
                         approved_at=now - datetime.timedelta(days=9), approved_by="user:accounting@example.com",
                         paid_at=now - datetime.timedelta(days=2), paid_by="user:accounting@example.com",
                         paid_date=TODAY - datetime.timedelta(days=2), payment_reference="CHK 1042")  # fmt: skip
    events = api_client.get(f"{URL}{old.pk}/").json()["events"]
    assert [(e["to_status"], e["actor_name"]) for e in events] == [
        ("paid", "accounting@example.com"), ("approved", "accounting@example.com"), ("received", ""),
    ]  # fmt: skip
    assert "reference CHK 1042" in events[0]["message"]


# --- query counts ---------------------------------------------------------------------------------------------


def _grow(world, n):
    for _ in range(n):
        wo = WorkOrderFactory(unit=world["unit"], assigned_vendor=world["other_vendor"])
        inv = InvoiceFactory(vendor=world["vendor"], property=world["prop"], unit=world["unit"], work_order=wo)
        InvoiceLineItemFactory(invoice=inv)
        InvoiceLineItemFactory(invoice=inv)
        InvoiceEvents.objects.create(invoice=inv, at=timezone.now(), actor="user:x@example.com", kind="created")
    return inv


@pytest.mark.parametrize(("path", "bound"), [("", 2), ("export/", 1), ("summary/", 1)])
def test_list_export_and_summary_queries_do_not_grow_with_rows(api_client, world, path, bound):
    counts = []
    for n in (3, 25):
        _grow(world, n)
        with CaptureQueriesContext(connection) as ctx:
            response = api_client.get(f"{URL}{path}?page_size=100")
            assert response.status_code == 200
            if response.streaming:  # the CSV's rows are read while it is sent
                b"".join(response.streaming_content)
        counts.append(len(ctx))
    # token auth + the access check (permissions, properties), then the rows (+ the page count for the list)
    assert counts[0] == counts[1] <= bound + ACCESS_QUERIES + 1, counts


def test_detail_queries_do_not_grow_with_lines_files_and_events(api_client, world):
    counts = []
    for _ in range(2):
        inv = _grow(world, 1)
        for _ in range(10):
            InvoiceLineItemFactory(invoice=inv)
            InvoiceEvents.objects.create(invoice=inv, at=timezone.now(), actor="user:x@example.com", kind="note")
        api_client.post(f"{URL}{inv.pk}/attachments/", {"file": upload(api_client)}, format="json")
        api_client.post(f"{URL}{inv.pk}/attachments/", {"file": upload(api_client, name="photo.pdf")}, format="json")
        with CaptureQueriesContext(connection) as ctx:
            detail = api_client.get(f"{URL}{inv.pk}/")
            assert detail.status_code == 200 and len(detail.json()["attachments"]) == 2
        counts.append(len(ctx))
    # the invoice (with vendor, property, unit, work order), its lines, attachments (with files), events
    assert counts[0] == counts[1] <= 4 + ACCESS_QUERIES + 1, counts


def test_work_order_options_for_the_form_are_readable_with_the_invoice_permission(make_user, world):
    WorkOrderFactory(unit=world["unit"], status="cancelled", work_order_number="WO-CANCELLED")
    other = WorkOrderFactory(unit=world["unit2"], work_order_number="WO-OTHER-UNIT")
    accountant = make_user("accountant")
    assert accountant.get("/api/v1/units/work-orders/").status_code == 403  # no maintenance screens
    rows = accountant.get(f"{URL}work-orders/?unit={world['unit'].pk}").json()
    assert [r["work_order_number"] for r in rows] == ["WO-000123"]
    assert rows[0]["vendor_name"] == "ProFlow Plumbing" and rows[0]["unit_number"] == "A-101"
    by_vendor = accountant.get(f"{URL}work-orders/?vendor={world['vendor'].pk}").json()
    assert [r["id"] for r in by_vendor] == [str(world["wo"].pk)]
    assert {r["id"] for r in accountant.get(f"{URL}work-orders/").json()} == {str(world["wo"].pk), str(other.pk)}
    assert accountant.get(f"{URL}work-orders/?unit=nope").status_code == 400
    scoped = make_user("property_manager", properties=[world["other"]])
    assert scoped.get(f"{URL}work-orders/?unit={world['unit'].pk}").json() == []
    assert make_user("leasing_agent").get(f"{URL}work-orders/").status_code == 403
