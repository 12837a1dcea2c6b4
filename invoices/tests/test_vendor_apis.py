import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone

from core.permissions import ACCESS_QUERIES
from invoices.models import Vendor
from invoices.tests.factories import InvoiceFactory, VendorFactory
from properties.tests.factories import PropertyFactory
from units.tests.factories import UnitFactory, WorkOrderFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/invoices/vendors/"
TODAY = timezone.localdate()


def _days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def world():
    """Two properties; ProFlow works at both (open, completed, old and cancelled orders; invoices)."""
    a, b = PropertyFactory(name="Harbor View"), PropertyFactory(name="Alder Court")
    ua, ub = UnitFactory(property=a), UnitFactory(property=b)
    proflow = VendorFactory(
        name="ProFlow Plumbing", insurance_expiry=_days(12), license_expiry=_days(400), hourly_rate=Decimal("95.00")
    )
    bolt = VendorFactory(name="Bolt Electric", trade="electrical", insurance_expiry=_days(-3), license_expiry=None)
    calm = VendorFactory(name="Calm Cleaning", trade="cleaning", insurance_expiry=_days(300), license_expiry=_days(90))
    WorkOrderFactory(unit=ua, assigned_vendor=proflow, status="open")
    WorkOrderFactory(unit=ub, assigned_vendor=proflow, status="in_progress")
    WorkOrderFactory(unit=ua, assigned_vendor=proflow, status="completed", completed_date=_days(-20))
    WorkOrderFactory(unit=ub, assigned_vendor=proflow, status="completed", completed_date=_days(-30))
    WorkOrderFactory(unit=ua, assigned_vendor=proflow, status="completed", completed_date=_days(-400))  # > 12 months
    WorkOrderFactory(unit=ua, assigned_vendor=proflow, status="cancelled")
    WorkOrderFactory(unit=ua, assigned_vendor=bolt, status="open")
    InvoiceFactory(vendor=proflow, property=a, unit=ua, total_amount=Decimal("200.50"), invoice_date=_days(-10))
    InvoiceFactory(vendor=proflow, property=b, unit=ub, total_amount=Decimal("100.00"), invoice_date=_days(-40))
    InvoiceFactory(vendor=proflow, property=a, total_amount=Decimal("999.00"), invoice_date=_days(-500))
    InvoiceFactory(vendor=proflow, property=a, total_amount=Decimal("50.00"), invoice_date=_days(-5), status="rejected")
    return {"a": a, "b": b, "ua": ua, "proflow": proflow, "bolt": bolt, "calm": calm}


def _by_name(body):
    return {v["name"]: v for v in body["results"]}


def test_list_carries_compliance_and_activity(api_client, world):
    rows = _by_name(api_client.get(URL).json())
    pf = rows["ProFlow Plumbing"]
    assert pf["trade"] == "plumbing" and pf["trade_label"] == "Plumbing"
    assert pf["compliance"] == {
        "state": "expiring",
        "insurance": "expiring",
        "license": "active",
        "insurance_days_left": 12,
        "license_days_left": 400,
        "days_to_expiry": 12,
    }
    assert (pf["open_work_orders"], pf["completed_work_orders_12mo"], pf["invoiced_12mo"]) == (2, 2, "300.50")
    assert rows["Bolt Electric"]["compliance"]["state"] == "expired"
    assert rows["Bolt Electric"]["compliance"]["license"] == "missing"
    assert (rows["Calm Cleaning"]["open_work_orders"], rows["Calm Cleaning"]["invoiced_12mo"]) == (0, "0.00")


def test_a_scoped_manager_counts_only_their_properties_work(make_user, world):
    client = make_user("property_manager", properties=[world["a"]])
    pf = _by_name(client.get(URL).json())["ProFlow Plumbing"]
    assert (pf["open_work_orders"], pf["completed_work_orders_12mo"], pf["invoiced_12mo"]) == (1, 1, "200.50")


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("compliance=expiring", {"ProFlow Plumbing"}),
        ("compliance=expired", {"Bolt Electric"}),
        ("compliance=missing", {"Bolt Electric"}),
        ("compliance=active", {"Calm Cleaning"}),
        ("trade=electrical,cleaning", {"Bolt Electric", "Calm Cleaning"}),
        ("search=proflow", {"ProFlow Plumbing"}),
        ("is_active=false", set()),
    ],
)
def test_filters(api_client, world, query, names):
    assert set(_by_name(api_client.get(f"{URL}?{query}").json())) == names


@pytest.mark.parametrize("query", ["compliance=lapsed", "trade=carpentry", "ordering=password", "page_size=0"])
def test_bad_filters_are_400_not_500(api_client, world, query):
    response = api_client.get(f"{URL}?{query}")
    assert response.status_code in (200, 400)  # an unknown ordering field is ignored by DRF
    if "ordering" not in query:
        assert response.status_code == 400


def test_ordering_by_an_activity_count(api_client, world):
    names = [v["name"] for v in api_client.get(f"{URL}?ordering=-open_work_orders").json()["results"]]
    assert names[0] == "ProFlow Plumbing"


def test_create_returns_the_representation(api_client):
    body = {
        "name": "Summit HVAC",
        "trade": "hvac",
        "email": "ops@summit.example",
        "phone": "+1 206 555 0199",
        "hourly_rate": "110.00",
        "insurance_expiry": _days(20).isoformat(),
        "license_expiry": _days(365).isoformat(),
    }
    response = api_client.post(URL, body, format="json")
    assert response.status_code == 201, response.content
    data = response.json()
    assert data["name"] == "Summit HVAC" and data["trade_label"] == "HVAC"
    assert data["compliance"]["insurance"] == "expiring" and data["open_work_orders"] == 0
    assert Vendor.objects.get(pk=data["id"]).hourly_rate == Decimal("110.00")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({}, "name"),
        ({"name": "Dup Co"}, "name"),  # case-insensitive duplicate (the fixture's "DUP CO")
        ({"name": "X Co", "trade": "carpentry"}, "trade"),
        ({"name": "X Co", "email": "nope"}, "email"),
        ({"name": "X Co", "phone": "555"}, "phone"),
        ({"name": "X Co", "hourly_rate": "1000.01"}, "hourly_rate"),
        ({"name": "X Co", "hourly_rate": -5}, "hourly_rate"),
        ({"name": "X Co", "hourly_rate": "NaN"}, "hourly_rate"),
        ({"name": "X Co", "insurance_expiry": "0798-01-01"}, "insurance_expiry"),
        ({"name": "X Co", "license_expiry": "31/01/2027"}, "license_expiry"),
        ({"name": "X Co", "is_active": "maybe"}, "is_active"),
    ],
)
def test_bad_input_answers_400(api_client, body, field):
    VendorFactory(name="DUP CO")
    response = api_client.post(URL, body, format="json")
    assert response.status_code == 400, response.content
    data = response.json()
    assert field in str(data.get("errors", {})) or data.get("field") == field, data
    assert Vendor.objects.count() == 1


def test_patch_changes_only_what_it_sends(api_client, world):
    pf = world["proflow"]
    response = api_client.patch(f"{URL}{pf.pk}/", {"insurance_expiry": _days(200).isoformat()}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["compliance"]["insurance"] == "active"
    pf.refresh_from_db()
    assert pf.insurance_expiry == _days(200) and pf.name == "ProFlow Plumbing" and pf.hourly_rate == Decimal("95.00")
    assert api_client.patch(f"{URL}{pf.pk}/", {"name": "bolt electric"}, format="json").status_code == 400


def test_deactivate_instead_of_delete(api_client, world):
    pf = world["proflow"]
    response = api_client.post(f"{URL}{pf.pk}/deactivate/")
    assert response.status_code == 200 and response.json()["is_active"] is False
    assert api_client.delete(f"{URL}{pf.pk}/").status_code == 405
    assert Vendor.objects.filter(pk=pf.pk, is_active=False).exists()
    assert "ProFlow Plumbing" not in _by_name(api_client.get(f"{URL}?is_active=true").json())


@pytest.mark.parametrize(
    ("role", "read", "write"),
    [
        ("accountant", 200, 403),  # view_invoices only
        ("maintenance_coordinator", 200, 201),
        ("read_only", 200, 403),
        ("leasing_agent", 403, 403),
    ],
)
def test_who_may_read_and_write(make_user, role, read, write):
    client = make_user(role)
    assert client.get(URL).status_code == read
    response = client.post(URL, {"name": f"{role} Co"}, format="json")
    assert response.status_code == write
    if write == 403:
        assert "can't" in response.json()["detail"]


def test_maintenance_only_role_reads_vendors(make_user, db):
    """A role with view_maintenance but not view_invoices still reads the list (the 'either' permission)."""
    from django.contrib.auth.models import Group, Permission

    client = make_user("maintenance_coordinator")
    group = Group.objects.get(name="maintenance_coordinator")
    group.permissions.remove(Permission.objects.get(codename="view_invoices", content_type__app_label="core"))
    assert client.get(URL).status_code == 200
    assert client.get("/api/v1/invoices/").status_code == 403


def test_export_is_csv_with_the_same_filters(api_client, world):
    VendorFactory(name="=HYPERLINK(evil)", trade="general")
    response = api_client.get(f"{URL}export/?trade=plumbing,general")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["name"] for r in rows] == ["'=HYPERLINK(evil)", "ProFlow Plumbing"]
    pf = rows[1]
    assert (pf["insurance_state"], pf["license_state"], pf["open_work_orders"], pf["invoiced_12mo"]) == (
        "expiring",
        "active",
        "2",
        "300.50",
    )


def test_detail_and_unknown_ids(api_client, world):
    pf = world["proflow"]
    assert api_client.get(f"{URL}{pf.pk}/").json()["completed_work_orders_12mo"] == 2
    assert api_client.get(f"{URL}00000000-0000-0000-0000-000000000000/").status_code == 404
    assert api_client.patch(f"{URL}00000000-0000-0000-0000-000000000000/", {}, format="json").status_code == 404


def _grow(world, n):
    for i in range(n):
        v = VendorFactory()
        WorkOrderFactory(unit=world["ua"], assigned_vendor=v, status="open")
        WorkOrderFactory(unit=world["ua"], assigned_vendor=v, status="completed", completed_date=_days(-i))
        InvoiceFactory(vendor=v, property=world["a"], invoice_date=_days(-i))


def test_the_list_and_export_are_one_query_whatever_the_rows(api_client, world, django_assert_max_num_queries):
    for extra in (5, 20):
        _grow(world, extra)
        with django_assert_max_num_queries(3 + ACCESS_QUERIES):  # token, count, the page (counts as subqueries)
            assert api_client.get(f"{URL}?page_size=100").status_code == 200
        with django_assert_max_num_queries(2 + ACCESS_QUERIES):
            response = api_client.get(f"{URL}export/")
            assert response.status_code == 200
            assert b"".join(response.streaming_content).count(b"\n") > extra
