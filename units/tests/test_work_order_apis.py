"""/api/v1/units/work-orders/: the contract of issue 16 (ISSUE16.md), through the real URLs."""

import csv
import datetime
import io
import uuid
from decimal import Decimal

import pytest
from PIL import Image

from core.permissions import ACCESS_QUERIES
from invoices.tests.factories import InvoiceFactory, VendorFactory
from properties.tests.factories import PropertyFactory
from tenants.tests.factories import LeaseFactory
from units.models import UnitsMaintenance, WorkOrderEvent, WorkOrderFile
from units.services import work_order_create
from units.tests.factories import UnitFactory, WorkOrderFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()
DAY = datetime.timedelta(days=1)
URL = "/api/v1/units/work-orders/"

LIST_KEYS = {
    "id", "work_order_number", "unit", "unit_number", "building", "property", "property_name", "title",
    "description", "technician_notes", "category", "priority", "status", "requested_date", "scheduled_date",
    "completed_date", "closed_at", "estimated_cost", "actual_cost", "assigned_vendor", "vendor_name", "reported_by",
    "lease", "lease_number", "tenant", "tenant_name", "age_days", "sla_target_days", "sla_due_date", "sla_breached",
    "allowed_transitions", "created_at", "updated_at",
}  # fmt: skip


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def book():
    """Harbor View: unit A-101 (Jordan Lee's lease), A-102 (vacant); Alder Court: Z-1."""
    harbor = PropertyFactory(name="Harbor View")
    alder = PropertyFactory(name="Alder Court")
    a101 = UnitFactory(property=harbor, unit_number="A-101", building="A")
    a102 = UnitFactory(property=harbor, unit_number="A-102", building="B", status="vacant")
    z1 = UnitFactory(property=alder, unit_number="Z-1")
    lease = LeaseFactory(
        unit=a101, lease_number="L-0101", lease_begin_date=TODAY - 400 * DAY, tenant__first_name="Jordan",
        tenant__last_name="Lee",
    )  # fmt: skip
    vendor = VendorFactory(name="ProFlow Plumbing")
    return {"harbor": harbor, "alder": alder, "a101": a101, "a102": a102, "z1": z1, "lease": lease, "vendor": vendor}


def rows(client, query=""):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 200, response.content
    return response.json()["results"]


def numbers(client, query=""):
    return sorted(r["work_order_number"] for r in rows(client, query))


# --- create ------------------------------------------------------------------------------------------------


def test_create_links_the_occupying_lease_and_answers_the_detail(api_client, book):
    response = api_client.post(
        URL,
        {
            "unit": str(book["a101"].pk),
            "title": "Dripping kitchen faucet",
            "category": "plumbing",
            "priority": "high",
            "description": "Drips all night.",
            "requested_date": (TODAY - 2 * DAY).isoformat(),
            "estimated_cost": "150.00",
            "reported_by": "Jordan Lee",
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert set(body) == LIST_KEYS | {"files", "events", "invoices"}
    assert body["status"] == "open" and body["work_order_number"] == "WO-0000001"
    assert (body["lease"], body["lease_number"], body["tenant_name"]) == (str(book["lease"].pk), "L-0101", "Jordan Lee")
    assert body["tenant"] == str(book["lease"].tenant_id)
    assert (body["unit_number"], body["building"], body["property_name"]) == ("A-101", "A", "Harbor View")
    assert body["estimated_cost"] == "150.00" and body["actual_cost"] is None
    assert body["sla_target_days"] == 3 and body["sla_due_date"] == (TODAY + DAY).isoformat()
    assert body["age_days"] == 2 and body["sla_breached"] is False
    assert body["allowed_transitions"] == ["assigned", "in_progress", "cancelled"]
    assert body["files"] == [] and body["invoices"] == []
    assert [(e["kind"], e["actor_name"], e["to_status"]) for e in body["events"]] == [
        ("created", "Pat Manager", "open")
    ]
    assert body["events"][0]["message"] == "Opened for unit A-101."


def test_create_with_a_vendor_starts_assigned_and_overrides_work(api_client, book):
    body = api_client.post(
        URL,
        {"unit": str(book["a101"].pk), "title": "Leak", "assigned_vendor": str(book["vendor"].pk), "lease": None},
        format="json",
    ).json()
    assert (body["status"], body["vendor_name"], body["lease"], body["tenant"]) == (
        "assigned",
        "ProFlow Plumbing",
        None,
        None,
    )
    assert body["requested_date"] == TODAY.isoformat()


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        ({"colour": "red"}, "colour", "Unknown field"),
        ({"status": "closed"}, "status", "starts open"),
        ({"title": ""}, "title", "may not be blank"),
        ({"title": None}, "title", "may not be null"),
        ({"category": "magic"}, "category", "not a valid choice"),
        ({"priority": "whenever"}, "priority", "not a valid choice"),
        ({"requested_date": (TODAY + 4 * DAY).isoformat()}, "requested_date", "at most 3 days ahead"),
        ({"requested_date": (TODAY - 6 * 366 * DAY).isoformat()}, "requested_date", "at most 5 years back"),
        ({"requested_date": "0798-01-01"}, "requested_date", "must be between"),
        ({"requested_date": "03/01/2026"}, "requested_date", "wrong format"),
        ({"scheduled_date": (TODAY - DAY).isoformat()}, "scheduled_date", "cannot be before"),
        ({"estimated_cost": "12.345"}, "estimated_cost", "decimal places"),
        ({"estimated_cost": "-5"}, "estimated_cost", "greater than or equal to 0"),
        ({"estimated_cost": "1000000.01"}, "estimated_cost", "less than or equal to 1000000"),
        ({"estimated_cost": "1e5"}, "estimated_cost", "exponent"),
        ({"estimated_cost": True}, "estimated_cost", "valid number"),
        ({"assigned_vendor": "not-a-uuid"}, "assigned_vendor", "valid UUID"),
        ({"assigned_vendor": "INACTIVE"}, "assigned_vendor", "no longer an active vendor"),
        ({"assigned_vendor": str(uuid.uuid4())}, "assigned_vendor", "Vendor not found"),
        ({"lease": "OTHER"}, "lease", "not a lease of this unit"),
        ({"tenant": "OTHER"}, "tenant", "no lease on this unit"),
        ({"unit": str(uuid.uuid4())}, "unit", "Unit not found"),
        ({"description": "x" * 5001}, "description", "no more than 5000"),
    ],
)
def test_create_refuses_with_a_clear_400(api_client, book, change, field, words):
    other = LeaseFactory(unit=book["a102"])
    body = {"unit": str(book["a101"].pk), "title": "Leak", **change}
    for key, value in list(body.items()):
        if value == "INACTIVE":
            body[key] = str(VendorFactory(is_active=False).pk)
        elif value == "OTHER":
            body[key] = str(other.pk if key == "lease" else other.tenant_id)
    response = api_client.post(URL, body, format="json")
    assert response.status_code == 400, response.content
    payload = response.json()
    assert words in payload["detail"]
    assert field in payload["detail"] or payload.get("field") == field
    assert not UnitsMaintenance.objects.exists()


def test_create_is_idempotent_with_a_key(api_client, book):
    body = {"unit": str(book["a101"].pk), "title": "Leak"}
    first = api_client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="k-create-1")
    again = api_client.post(URL, body, format="json", HTTP_IDEMPOTENCY_KEY="k-create-1")
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true" and again.json()["id"] == first.json()["id"]
    assert UnitsMaintenance.objects.count() == 1


# --- list, filters, summary, export --------------------------------------------------------------------------


@pytest.fixture
def orders(book):
    """Five work orders across both properties and every kind of state."""
    a101, a102, z1, lease, vendor = book["a101"], book["a102"], book["z1"], book["lease"], book["vendor"]
    return {
        "open": WorkOrderFactory(
            work_order_number="WO-1", unit=a101, lease=lease, tenant=lease.tenant, priority="low",
            requested_date=TODAY - 20 * DAY, category="plumbing",
        ),  # 20 days old, low = 14-day target: breached
        "assigned": WorkOrderFactory(
            work_order_number="WO-2", unit=a101, status="assigned", assigned_vendor=vendor, priority="emergency",
            requested_date=TODAY, category="electrical", title="Sparking outlet",
        ),
        "completed": WorkOrderFactory(
            work_order_number="WO-3", unit=a102, status="completed", priority="high", requested_date=TODAY - 10 * DAY,
            completed_date=TODAY - 2 * DAY, actual_cost=Decimal("300.00"), assigned_vendor=vendor, category="hvac",
        ),  # completed 8 days after, target 3: breached
        "closed": WorkOrderFactory(
            work_order_number="WO-4", unit=a102, status="closed", priority="medium", requested_date=TODAY - 40 * DAY,
            completed_date=TODAY - 38 * DAY, actual_cost=Decimal("75.00"), category="painting",
            title="=HYPERLINK(\"http://evil\")",
        ),
        "elsewhere": WorkOrderFactory(
            work_order_number="WO-5", unit=z1, status="cancelled", requested_date=TODAY - 5 * DAY, category="pest",
        ),
    }  # fmt: skip


def test_list_rows_carry_the_computed_fields(api_client, orders):
    by_number = {r["work_order_number"]: r for r in rows(api_client)}
    assert set(by_number["WO-1"]) == LIST_KEYS
    assert (by_number["WO-1"]["age_days"], by_number["WO-1"]["sla_breached"]) == (20, True)
    assert by_number["WO-1"]["tenant_name"] == "Jordan Lee" and by_number["WO-1"]["lease_number"] == "L-0101"
    assert (by_number["WO-2"]["vendor_name"], by_number["WO-2"]["sla_breached"]) == ("ProFlow Plumbing", False)
    assert by_number["WO-2"]["allowed_transitions"] == ["in_progress", "open", "cancelled"]
    assert (by_number["WO-3"]["age_days"], by_number["WO-3"]["sla_breached"]) == (8, True)
    assert by_number["WO-3"]["actual_cost"] == "300.00"
    assert (by_number["WO-4"]["age_days"], by_number["WO-4"]["sla_breached"]) == (2, False)
    assert by_number["WO-4"]["allowed_transitions"] == []
    assert by_number["WO-5"]["sla_breached"] is False


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("status=open", ["WO-1"]),
        ("status=open&status=assigned", ["WO-1", "WO-2"]),
        ("status=completed,closed", ["WO-3", "WO-4"]),
        ("category=plumbing&category=hvac", ["WO-1", "WO-3"]),
        ("priority=emergency", ["WO-2"]),
        ("open=true", ["WO-1", "WO-2"]),
        ("open=false", ["WO-3", "WO-4", "WO-5"]),
        ("sla_breached=true", ["WO-1", "WO-3"]),
        ("sla_breached=false", ["WO-2", "WO-4", "WO-5"]),
        ("search=sparking", ["WO-2"]),
        ("search=proflow", ["WO-2", "WO-3"]),
        ("search=Lee", ["WO-1"]),
        ("search=A-102", ["WO-3", "WO-4"]),
        (f"requested_date__gte={(TODAY - 10 * DAY).isoformat()}", ["WO-2", "WO-3", "WO-5"]),
        (f"requested_date__lte={(TODAY - 20 * DAY).isoformat()}", ["WO-1", "WO-4"]),
    ],
)
def test_filters(api_client, orders, query, expected):
    assert numbers(api_client, query) == expected


def test_filters_by_ids(api_client, book, orders):
    assert numbers(api_client, f"property={book['alder'].pk}") == ["WO-5"]
    assert numbers(api_client, f"unit={book['a102'].pk}") == ["WO-3", "WO-4"]
    assert numbers(api_client, f"assigned_vendor={book['vendor'].pk}") == ["WO-2", "WO-3"]
    assert numbers(api_client, f"lease={book['lease'].pk}") == ["WO-1"]
    assert numbers(api_client, f"tenant={book['lease'].tenant_id}") == ["WO-1"]


def test_ordering_by_urgency_status_and_sla(api_client, orders):
    assert [r["work_order_number"] for r in rows(api_client, "ordering=-priority")][:2] == ["WO-2", "WO-3"]
    assert [r["work_order_number"] for r in rows(api_client, "ordering=status")] == [
        "WO-1",
        "WO-2",
        "WO-3",
        "WO-4",
        "WO-5",
    ]
    assert [r["work_order_number"] for r in rows(api_client, "ordering=sla_due_date")][0] == "WO-4"
    assert [r["work_order_number"] for r in rows(api_client)][0] == "WO-2"  # newest request first


@pytest.mark.parametrize(
    "query",
    [
        "status=haunted",
        "priority=whenever",
        "open=maybe",
        "sla_breached=sometimes",
        "requested_date__gte=not-a-date",
        "requested_date__lte=0798-01-01",
        "unit=nope",
        "property=123",
        "page_size=0",
    ],
)
def test_bad_filters_answer_400(api_client, orders, query):
    for path in (URL, f"{URL}summary/", f"{URL}export/"):
        if path != URL and query.startswith("page_size"):
            continue
        if path.endswith("summary/") and query.startswith("status"):
            continue  # the summary counts every status: it leaves `status` out
        response = api_client.get(f"{path}?{query}")
        assert response.status_code == 400, (path, query, response.content)
        assert response.json()["detail"]


def test_summary_counts_every_status_and_ignores_the_status_filter(api_client, book, orders):
    body = api_client.get(f"{URL}summary/?status=open").json()
    assert body == {
        "by_status": {"open": 1, "assigned": 1, "in_progress": 0, "completed": 1, "closed": 1, "cancelled": 1},
        "sla_breached": 2,
        "total": 5,
    }
    body = api_client.get(f"{URL}summary/?property={book['harbor'].pk}&search=a-10").json()
    assert body["total"] == 4 and body["by_status"]["cancelled"] == 0


def test_export_is_the_filtered_list_as_csv(api_client, orders):
    response = api_client.get(f"{URL}export/?property={orders['closed'].property_id}&ordering=requested_date")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response["Content-Disposition"] == f'attachment; filename="work-orders-{TODAY.isoformat()}.csv"'
    table = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["work_order_number"] for r in table] == ["WO-4", "WO-1", "WO-3", "WO-2"]
    assert table[0]["title"] == '\'=HYPERLINK("http://evil")'  # a formula is neutralised
    assert table[0]["actual_cost"] == "75.00" and table[0]["status"] == "closed"
    assert table[1]["tenant"] == "Jordan Lee" and table[1]["lease_number"] == "L-0101"
    assert table[3]["vendor"] == "ProFlow Plumbing"


# --- detail, PATCH, transition ---------------------------------------------------------------------------------


def test_detail_and_unknown_ids(api_client, orders):
    wo = orders["completed"]
    InvoiceFactory(work_order=wo, vendor=wo.assigned_vendor, invoice_number="INV-77", total_amount=Decimal("300.00"))
    body = api_client.get(f"{URL}{wo.pk}/").json()
    assert body["invoices"] == [
        {
            "id": body["invoices"][0]["id"],
            "invoice_number": "INV-77",
            "vendor_name": "ProFlow Plumbing",
            "invoice_date": TODAY.isoformat(),
            "total_amount": "300.00",
            "status": body["invoices"][0]["status"],
        }
    ]
    for bad in (uuid.uuid4(), "not-a-uuid"):
        response = api_client.get(f"{URL}{bad}/")
        assert response.status_code == 404 and response.json() == {"detail": "Work order not found."}
        assert api_client.post(f"{URL}{bad}/transition/", {"status": "closed"}, format="json").status_code == 404


def test_patch_changes_fields_and_refuses_status_and_unit(api_client, book, orders):
    wo = orders["open"]
    response = api_client.patch(
        f"{URL}{wo.pk}/",
        {
            "priority": "emergency",
            "technician_notes": "Shut-off valve seized.",
            "assigned_vendor": str(book["vendor"].pk),
        },
        format="json",
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["priority"], body["status"], body["technician_notes"]) == (
        "emergency",
        "assigned",
        "Shut-off valve seized.",
    )
    assert body["sla_due_date"] == (TODAY - 19 * DAY).isoformat()
    assert [e["kind"] for e in body["events"]] == ["status", "note", "updated"]  # newest first
    for field, words in (("status", "transition/"), ("unit", "can't change"), ("actual_cost", "completing")):
        response = api_client.patch(f"{URL}{wo.pk}/", {field: "x"}, format="json")
        assert response.status_code == 400 and words in response.json()["detail"], response.content
    response = api_client.patch(f"{URL}{orders['closed'].pk}/", {"title": "New"}, format="json")
    assert response.status_code == 400 and "can no longer be changed" in response.json()["detail"]


def test_transition_through_the_flow_and_illegal_moves(api_client, book):
    wo = work_order_create(unit=book["a101"], title="Leak", requested_date=TODAY - DAY)
    url = f"{URL}{wo.pk}/transition/"
    response = api_client.post(url, {"status": "completed", "actual_cost": "10.00"}, format="json")
    assert response.status_code == 400
    assert response.json() == {
        "detail": "An open work order can't move to completed.",
        "allowed": ["assigned", "in_progress", "cancelled"],
    }
    response = api_client.post(url, {"status": "assigned"}, format="json")
    assert response.status_code == 400 and response.json()["detail"] == "Choose a vendor to assign the work order to."
    body = api_client.post(url, {"status": "assigned", "assigned_vendor": str(book["vendor"].pk)}, format="json").json()
    assert body["status"] == "assigned" and body["vendor_name"] == "ProFlow Plumbing"
    assert api_client.post(url, {"status": "in_progress"}, format="json").status_code == 200
    response = api_client.post(url, {"status": "completed"}, format="json")
    assert response.status_code == 400 and "actual cost" in response.json()["detail"]
    body = api_client.post(
        url, {"status": "completed", "actual_cost": 0, "technician_notes": "Tightened the nut."}, format="json"
    ).json()
    assert (body["status"], body["actual_cost"], body["completed_date"]) == ("completed", "0.00", TODAY.isoformat())
    assert body["age_days"] == 1 and body["technician_notes"] == "Tightened the nut."
    response = api_client.post(url, {"status": "in_progress"}, format="json")
    assert response.status_code == 400 and response.json()["allowed"] == ["closed", "in_progress"]
    body = api_client.post(url, {"status": "closed"}, format="json").json()
    assert body["status"] == "closed" and body["closed_at"] and body["allowed_transitions"] == []
    response = api_client.post(url, {"status": "in_progress", "note": "again"}, format="json")
    assert response.status_code == 400 and response.json() == {
        "detail": "A closed work order is final; it can't move to in progress.",
        "allowed": [],
    }


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({}, "status: This field is required"),
        ({"status": "haunted"}, "not a valid choice"),
        ({"status": "cancelled", "reason": "x"}, "reason: Unknown field"),
        ({"status": "completed", "actual_cost": "1.001"}, "decimal places"),
        ({"status": "completed", "actual_cost": None}, "may not be null"),
        ({"status": "completed", "actual_cost": "5", "completed_date": "2026-13-01"}, "wrong format"),
        ({"status": "cancelled", "note": "x" * 2001}, "no more than 2000"),
    ],
)
def test_transition_input_is_checked(api_client, book, body, words):
    wo = work_order_create(unit=book["a101"], title="Leak")
    response = api_client.post(f"{URL}{wo.pk}/transition/", body, format="json")
    assert response.status_code == 400 and words in response.json()["detail"], response.content


def test_transition_is_idempotent_with_a_key(api_client, book):
    wo = work_order_create(unit=book["a101"], title="Leak")
    url = f"{URL}{wo.pk}/transition/"
    first = api_client.post(url, {"status": "in_progress"}, format="json", HTTP_IDEMPOTENCY_KEY="k-move-1")
    again = api_client.post(url, {"status": "in_progress"}, format="json", HTTP_IDEMPOTENCY_KEY="k-move-1")
    assert first.status_code == again.status_code == 200 and again["Idempotent-Replayed"] == "true"
    assert WorkOrderEvent.objects.filter(work_order=wo, kind="status").count() == 1


# --- files -------------------------------------------------------------------------------------------------


def png() -> io.BytesIO:
    buf = io.BytesIO()
    Image.new("RGB", (40, 20), (10, 120, 200)).save(buf, "PNG")
    buf.seek(0)
    buf.name = "leak.png"
    return buf


def upload(client) -> dict:
    response = client.post("/api/v1/files/", {"file": png(), "purpose": "work_order"}, format="multipart")
    assert response.status_code == 201, response.content
    return response.json()


def test_attach_a_photo_served_through_a_signed_link_then_remove_it(api_client, anon_client, book):
    wo = work_order_create(unit=book["a101"], title="Leak")
    stored = upload(api_client)
    response = api_client.post(f"{URL}{wo.pk}/files/", {"file": stored["id"]}, format="json")
    assert response.status_code == 201, response.content
    entry = response.json()
    assert (entry["file"], entry["kind"], entry["original_name"], entry["content_type"]) == (
        stored["id"],
        "photo",
        "leak.png",
        "image/png",
    )
    assert (entry["width"], entry["height"], entry["uploaded_by_name"]) == (40, 20, "Pat Manager")
    assert entry["url"].startswith("http://testserver/api/v1/files/signed/")
    assert entry["thumbnail_url"].startswith("http://testserver/api/v1/files/signed/")
    content = anon_client.get(entry["url"].removeprefix("http://testserver"))
    assert content.status_code == 200 and content["Content-Type"] == "image/png"
    assert anon_client.get(entry["thumbnail_url"].removeprefix("http://testserver")).status_code == 200
    detail = api_client.get(f"{URL}{wo.pk}/").json()
    assert [f["id"] for f in detail["files"]] == [entry["id"]]
    assert detail["events"][0]["kind"] == "file" and detail["events"][0]["message"] == "Added photo leak.png."

    again = api_client.post(f"{URL}{wo.pk}/files/", {"file": stored["id"]}, format="json")
    assert again.status_code == 400 and "already attached" in again.json()["detail"]
    assert api_client.delete(f"{URL}{wo.pk}/files/{entry['id']}/").status_code == 204
    assert not WorkOrderFile.objects.exists()
    assert api_client.delete(f"{URL}{wo.pk}/files/{entry['id']}/").status_code == 404
    assert api_client.get(f"{URL}{wo.pk}/").json()["events"][0]["message"] == "Removed photo leak.png."


def test_attaching_needs_a_file_the_caller_may_see(api_client, make_user, book):
    wo = work_order_create(unit=book["a101"], title="Leak")
    someone = make_user("maintenance_coordinator", properties=[book["harbor"]])
    theirs = upload(someone)
    response = api_client.post(f"{URL}{wo.pk}/files/", {"file": theirs["id"]}, format="json")
    assert response.status_code == 201  # an all-properties manager sees every upload
    mine = upload(api_client)
    response = someone.post(f"{URL}{wo.pk}/files/", {"file": mine["id"]}, format="json")
    assert response.status_code == 400 and response.json()["detail"].startswith("File not found")
    response = someone.post(f"{URL}{wo.pk}/files/", {"file": str(uuid.uuid4())}, format="json")
    assert response.status_code == 400
    response = someone.post(f"{URL}{wo.pk}/files/", {"file": mine["id"], "kind": "selfie"}, format="json")
    assert response.status_code == 400 and "kind" in response.json()["detail"]


# --- who may do what -----------------------------------------------------------------------------------------


def test_roles(make_user, book):
    wo = work_order_create(unit=book["a101"], title="Leak")
    body = {"unit": str(book["a101"].pk), "title": "x"}
    read_only, leasing, coordinator = (
        make_user("read_only"),
        make_user("leasing_agent"),
        make_user("maintenance_coordinator"),
    )
    assert read_only.get(URL).status_code == 200 and read_only.get(f"{URL}{wo.pk}/").status_code == 200
    assert read_only.post(URL, body, format="json").status_code == 403
    assert read_only.post(f"{URL}{wo.pk}/transition/", {"status": "cancelled"}, format="json").status_code == 403
    assert leasing.get(URL).status_code == 403
    assert coordinator.post(URL, body, format="json").status_code == 201
    assert coordinator.patch(f"{URL}{wo.pk}/", {"title": "y"}, format="json").status_code == 200


def test_a_scoped_manager_sees_and_touches_only_their_properties(make_user, book, orders):
    scoped = make_user("property_manager", properties=[book["alder"]])
    assert numbers(scoped) == ["WO-5"]
    assert scoped.get(f"{URL}summary/").json()["total"] == 1
    assert b"WO-1" not in b"".join(scoped.get(f"{URL}export/").streaming_content)
    outside = orders["open"]
    assert scoped.get(f"{URL}{outside.pk}/").status_code == 404
    assert scoped.patch(f"{URL}{outside.pk}/", {"title": "x"}, format="json").status_code == 404
    assert scoped.post(f"{URL}{outside.pk}/transition/", {"status": "cancelled"}, format="json").status_code == 404
    response = scoped.post(URL, {"unit": str(book["a101"].pk), "title": "x"}, format="json")
    assert response.status_code == 400 and response.json()["detail"] == "Unit not found."


# --- query counts: constant in rows ------------------------------------------------------------------------------


def _grow(book, n):
    vendor = book["vendor"]
    for _ in range(n):
        unit = UnitFactory(property=book["harbor"])
        lease = LeaseFactory(unit=unit)
        WorkOrderFactory(unit=unit, assigned_vendor=vendor, lease=lease, tenant=lease.tenant, status="assigned")


@pytest.mark.parametrize(
    ("path", "queries"),
    # the token, then: count + page; one aggregate; one streamed select
    [(URL + "?page_size=100", 3), (URL + "summary/", 2), (URL + "export/", 2), (URL + "?sla_breached=true", 3)],
)
def test_list_summary_and_export_queries_do_not_grow_with_rows(
    api_client, book, django_assert_max_num_queries, path, queries
):
    for extra in (3, 15):
        _grow(book, extra)
        with django_assert_max_num_queries(queries + ACCESS_QUERIES):
            response = api_client.get(path)
            if getattr(response, "streaming", False):
                assert len(b"".join(response.streaming_content).splitlines()) > extra
            assert response.status_code == 200


def test_detail_queries_do_not_grow_with_files_events_and_invoices(api_client, book, django_assert_max_num_queries):
    wo = work_order_create(unit=book["a101"], title="Leak")
    for extra in (2, 8):
        for _ in range(extra):
            stored = upload(api_client)
            api_client.post(f"{URL}{wo.pk}/files/", {"file": stored["id"]}, format="json")
            InvoiceFactory(work_order=wo)  # and every attachment adds an event
        # the token, the work order, its files, events and invoices
        with django_assert_max_num_queries(5 + ACCESS_QUERIES):
            body = api_client.get(f"{URL}{wo.pk}/").json()
        assert len(body["files"]) >= extra and len(body["invoices"]) >= extra
