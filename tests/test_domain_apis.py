"""Cross-app API tests for the base domain: properties, units, work orders, vendors, invoices, equipment,
the dashboard cards and the property honeycomb grid."""

import datetime
import uuid
from decimal import Decimal

import pytest

from core.permissions import ACCESS_QUERIES
from invoices.tests.factories import InvoiceFactory, VendorFactory
from predictive_maintenance.tests.factories import EquipmentFactory
from properties.tests.factories import PropertyFactory
from tenants.models import TenantLease, TenantLedgerEntry
from tenants.tests.factories import LeaseFactory, LedgerEntryFactory
from units.models import UnitsUnit
from units.tests.factories import UnitFactory, WorkOrderFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date.today()


@pytest.fixture
def portfolio():
    prop = PropertyFactory(name="Harbor View", total_units=4)
    other = PropertyFactory(name="Alder Court", total_units=1)
    units = [UnitFactory(property=prop, unit_number=f"A-10{i}", building="A" if i < 2 else "B") for i in range(4)]
    UnitFactory(property=other, unit_number="Z-1", status=UnitsUnit.Status.VACANT)
    units[3].status = UnitsUnit.Status.VACANT
    units[3].save()
    leases = [
        LeaseFactory(unit=units[0], monthly_rent_amount=Decimal("1500.00")),
        LeaseFactory(
            unit=units[1],
            lease_status=TenantLease.LeaseStatus.MONTH_TO_MONTH,
            lease_end_date=TODAY - datetime.timedelta(days=40),
            holdover_start_date=TODAY - datetime.timedelta(days=39),
            monthly_rent_amount=Decimal("1600.50"),
        ),
        LeaseFactory(
            unit=units[2],
            lease_status=TenantLease.LeaseStatus.NOTICE,
            notice_move_out_date=TODAY + datetime.timedelta(days=20),
            monthly_rent_amount=Decimal("1700.25"),
        ),
        LeaseFactory(
            unit=units[3],
            lease_status=TenantLease.LeaseStatus.VACANT,
            status="terminated",
            actual_move_out_date=TODAY - datetime.timedelta(days=10),
        ),
    ]
    # Tenant 0 owes an overdue charge of 1500 and has paid 200 of it; tenant 1 is paid up.
    charge = LedgerEntryFactory(
        tenant=leases[0].tenant,
        lease=leases[0],
        amount=Decimal("1500.00"),
        due_date=TODAY - datetime.timedelta(days=10),
        trans_date=TODAY - datetime.timedelta(days=10),
    )
    LedgerEntryFactory(
        tenant=leases[0].tenant,
        lease=leases[0],
        trans_type=TenantLedgerEntry.TransType.PAYMENT,
        amount=Decimal("200.00"),
        applies_to=charge,
        due_date=charge.due_date,
    )
    c2 = LedgerEntryFactory(
        tenant=leases[1].tenant, amount=Decimal("1600.50"), due_date=TODAY - datetime.timedelta(days=5)
    )
    LedgerEntryFactory(
        tenant=leases[1].tenant,
        trans_type=TenantLedgerEntry.TransType.PAYMENT,
        amount=Decimal("1600.50"),
        applies_to=c2,
    )
    # A charge not yet due counts in the balance but not in overdue.
    LedgerEntryFactory(tenant=leases[1].tenant, amount=Decimal("50.00"), due_date=TODAY + datetime.timedelta(days=5))
    vendor = VendorFactory(name="ProFlow Plumbing")
    WorkOrderFactory(unit=units[0], assigned_vendor=vendor, status="open")
    WorkOrderFactory(unit=units[1], assigned_vendor=vendor, status="completed", actual_cost=Decimal("245.10"))
    EquipmentFactory(property_ref=prop, unit=units[0])
    InvoiceFactory(vendor=vendor, property=prop, unit=units[0])
    return {"prop": prop, "other": other, "units": units, "leases": leases, "vendor": vendor}


def test_property_list_with_occupancy(api_client, portfolio):
    resp = api_client.get("/api/v1/properties/?search=harbor")
    assert resp.status_code == 200
    body = resp.json()
    assert body["count"] == 1
    row = body["results"][0]
    assert row["name"] == "Harbor View"
    assert row["occupied_units"] == 3 and row["vacant_units"] == 1
    assert row["occupancy_rate"] == 75.0


def test_property_detail_and_404(api_client, portfolio):
    assert api_client.get(f"/api/v1/properties/{portfolio['prop'].id}/").json()["name"] == "Harbor View"
    resp = api_client.get(f"/api/v1/properties/{uuid.uuid4()}/")
    assert resp.status_code == 404 and resp.json() == {"detail": "Property not found."}
    resp = api_client.get(f"/api/v1/units/{uuid.uuid4()}/")
    assert resp.status_code == 404 and resp.json() == {"detail": "Unit not found."}
    resp = api_client.get("/api/v1/properties/not-a-uuid/")
    assert resp.status_code == 404 and resp.json() == {"detail": "Not found."}


def test_unit_filters(api_client, portfolio):
    pid = portfolio["prop"].id
    assert api_client.get(f"/api/v1/units/?property={pid}").json()["count"] == 4
    assert api_client.get(f"/api/v1/units/?property={pid}&status=vacant").json()["count"] == 1
    assert api_client.get(f"/api/v1/units/?property={pid}&building=B").json()["count"] == 2
    detail = api_client.get(f"/api/v1/units/{portfolio['units'][0].id}/").json()
    assert detail["property_name"] == "Harbor View"
    assert detail["market_rent"] == "1800.00"


@pytest.mark.parametrize(
    "query",
    ["status=bogus", "property=not-a-uuid", "min_rent=abc", "floor=x", "ordering=nonexistent_field,-also"],
)
def test_invalid_filters_are_400_never_500(api_client, portfolio, query):
    resp = api_client.get(f"/api/v1/units/?{query}")
    if "ordering" in query:
        # DRF ignores unknown ordering fields rather than failing; it must still not be a 500.
        assert resp.status_code == 200
    else:
        assert resp.status_code == 400, resp.content
        assert resp.json()["detail"]


def test_work_orders_filters_and_vendor_name(api_client, portfolio):
    resp = api_client.get(f"/api/v1/units/work-orders/?unit={portfolio['units'][1].id}")
    rows = resp.json()["results"]
    assert len(rows) == 1 and rows[0]["vendor_name"] == "ProFlow Plumbing" and rows[0]["actual_cost"] == "245.10"
    assert api_client.get("/api/v1/units/work-orders/?status=open").json()["count"] == 1
    assert api_client.get("/api/v1/units/work-orders/?status=open&status=completed").json()["count"] == 2
    assert api_client.get("/api/v1/units/work-orders/?requested_date__gte=not-a-date").status_code == 400


def test_vendors_invoices_equipment(api_client, portfolio):
    assert api_client.get("/api/v1/invoices/vendors/?search=proflow").json()["count"] == 1
    inv = api_client.get("/api/v1/invoices/").json()["results"][0]
    assert inv["vendor_name"] == "ProFlow Plumbing"
    detail = api_client.get(f"/api/v1/invoices/{inv['id']}/").json()
    assert detail["line_items"] == [] and detail["attachments"] == []
    eq = api_client.get(f"/api/v1/predictive-maintenance/equipment/?unit={portfolio['units'][0].id}").json()
    assert eq["count"] == 1
    assert eq["results"][0]["lifespan_used_pct"] == pytest.approx(66.7)


def test_dashboard_stats(api_client, portfolio):
    body = api_client.get("/api/v1/dashboard/stats/").json()
    assert body["properties"] == 2
    assert body["total_units"] == 5 and body["occupied_units"] == 3 and body["vacant_units"] == 2
    assert body["occupancy_rate"] == 60.0
    assert body["lifecycle"] == {"active": 1, "month_to_month": 1, "notice": 1, "vacant": 1}
    # rent roll: active + MTM + notice
    assert body["monthly_rent_roll"] == "4800.75"
    assert body["overdue_balance"] == "1300.00"
    assert body["delinquent_tenants"] == 1
    assert body["open_work_orders"] == 1


def test_unit_grid(api_client, portfolio):
    resp = api_client.get(f"/api/v1/properties/{portfolio['prop'].id}/unit-grid/")
    assert resp.status_code == 200
    body = resp.json()
    assert body["property"]["name"] == "Harbor View"
    by_unit = {u["unit_number"]: u for u in body["units"]}
    assert [by_unit[n]["lease"]["lease_status"] for n in ("A-100", "A-101", "A-102", "A-103")] == [
        "active",
        "month_to_month",
        "notice",
        "vacant",
    ]
    assert by_unit["A-100"]["balance"] == "1300.00" and by_unit["A-100"]["overdue_balance"] == "1300.00"
    assert by_unit["A-101"]["balance"] == "50.00" and by_unit["A-101"]["overdue_balance"] == "0.00"
    assert by_unit["A-101"]["lease"]["holdover_start_date"] is not None
    assert api_client.get(f"/api/v1/properties/{uuid.uuid4()}/unit-grid/").json() == {"detail": "Property not found."}


def _grow(portfolio, n):
    prop = portfolio["prop"]
    for _ in range(n):
        unit = UnitFactory(property=prop)
        LeaseFactory(unit=unit)
        WorkOrderFactory(unit=unit)
        EquipmentFactory(property_ref=prop, unit=unit)
        InvoiceFactory(unit=unit, property=prop)


@pytest.mark.parametrize(
    "path,max_queries",
    [
        ("/api/v1/properties/?page_size=100", 4),
        ("/api/v1/units/?page_size=100", 4),
        ("/api/v1/units/work-orders/?page_size=100", 4),
        ("/api/v1/invoices/?page_size=100", 4),
        ("/api/v1/invoices/vendors/?page_size=100", 4),
        ("/api/v1/predictive-maintenance/equipment/?page_size=100", 4),
        ("/api/v1/dashboard/stats/", 8),
        ("UNIT_GRID", 6),
    ],
)
def test_list_endpoints_bounded_queries(api_client, portfolio, django_assert_max_num_queries, path, max_queries):
    """Query count must not grow with rows: measured at 5 and at 25 extra rows."""
    if path == "UNIT_GRID":
        path = f"/api/v1/properties/{portfolio['prop'].id}/unit-grid/"
    for extra in (5, 20):
        _grow(portfolio, extra)
        with django_assert_max_num_queries(max_queries + ACCESS_QUERIES):
            assert api_client.get(path).status_code == 200
