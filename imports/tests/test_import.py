import datetime
import io

import pytest
from django.core.management import call_command

from imports.models import ImportKey, ImportRun
from imports.services import import_check, import_run_execute
from properties.models import Properties
from tenants.models import TenantLease, Tenants
from units.models import UnitsUnit

pytestmark = pytest.mark.django_db

URL = "/api/v1/imports/"

PROPS = """external_id,name,code,address,city,state,zip_code
P1,Cedar Court,CED,1 Cedar Ave,Seattle,WA,98101
P2,Birch Place,BIR,2 Birch St,Portland,or,97201
"""
UNITS = """external_id,property_external_id,unit_number,bedrooms,bathrooms,market_rent,current_rent
U1,P1,101,2,1.5,"1,850.00",1800
U2,P1,102,1,1,1500.50,1500
U3,P2,1,3,2,2100,2100
"""
TENANTS = """external_id,first_name,last_name,email,phone
T1,Alex,Rivera,alex@example.com,206-555-0100
T2,Sam,Lee,sam@example.com,
"""
LEASES = """external_id,lease_number,tenant_external_id,unit_external_id,lease_begin_date,lease_end_date,monthly_rent_amount,security_deposit,lease_status,notice_move_out_date
L1,L-1,T1,U1,2025-01-01,2025-12-31,1800.00,1800,active,
L2,L-2,T2,U3,2026-01-01,2026-12-31,2100,0,active,
"""


def upload(client, kind, text, dry_run=True, name=None):
    f = io.BytesIO(text.encode())
    f.name = name or f"{kind}.csv"
    return client.post(URL, {"kind": kind, "file": f, "dry_run": "true" if dry_run else "false"}, format="multipart")


def run(kind, text, dry_run=False, today=None):
    r = ImportRun.objects.create(kind=kind, dry_run=dry_run, content=text)
    return import_run_execute(run_id=r.pk, today=today)


def seed_all(today=datetime.date(2026, 3, 1)):
    for kind, text in (("properties", PROPS), ("units", UNITS), ("tenants", TENANTS), ("leases", LEASES)):
        r = run(kind, text, today=today)
        assert r.status == "committed", (kind, r.errors, r.message)


# --- parsing -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "fragment"),
    [("1,2OO", "'1,2OO' is not an amount"), ("1,20", "not an amount"), ("12.345", "not an amount"), ("-5", "not an")],
)
def test_money_is_strict(cell, fragment):
    run("properties", PROPS)
    plan = import_check(
        kind="units", content=f'external_id,property_external_id,unit_number,market_rent\nU9,P1,9,"{cell}"\n'
    )
    assert plan.errors == [{"row": 2, "column": "market_rent", "message": plan.errors[0]["message"]}]
    assert fragment in plan.errors[0]["message"]


def test_thousands_separator_accepted_when_grouped():
    run("properties", PROPS)
    plan = import_check(
        kind="units", content='external_id,property_external_id,unit_number,market_rent\nU9,P1,9,"12,345.50"\n'
    )
    assert not plan.errors
    assert str(plan.rows[0][2]["market_rent"]) == "12345.50"


@pytest.mark.parametrize(
    ("cell", "fragment"),
    [("2026-02-30", "not a real calendar date"), ("03/01/2026", "YYYY-MM-DD"), ("1899-01-01", "must be between")],
)
def test_dates_are_strict(cell, fragment):
    seed_all()
    plan = import_check(
        kind="leases",
        content=f"external_id,lease_number,tenant_external_id,unit_external_id,lease_begin_date,monthly_rent_amount\n"
        f"L9,L-9,T1,U2,{cell},1000\n",
    )
    assert [(e["row"], e["column"]) for e in plan.errors] == [(2, "lease_begin_date")]
    assert fragment in plan.errors[0]["message"]


def test_header_problems_are_row_one():
    plan = import_check(kind="properties", content="external_id,name,colour\nP1,X,red\n")
    cols = {e["column"] for e in plan.errors}
    assert {e["row"] for e in plan.errors} == {1}
    assert {"colour", "code", "address"} <= cols


def test_rows_numbered_like_a_spreadsheet_blank_lines_counted():
    content = PROPS + "\nP3,,X3,3 St,Tacoma,WA,98401\n"
    plan = import_check(kind="properties", content=content)
    assert plan.errors == [{"row": 5, "column": "name", "message": "Required: this cell is empty."}]


# --- committing ----------------------------------------------------------------------------------------------


def test_full_import_units_vacant_until_leased_and_lifecycle_run():
    run("properties", PROPS)
    run("units", UNITS)
    assert set(UnitsUnit.objects.values_list("status", flat=True)) == {"vacant"}
    run("tenants", TENANTS)
    r = run("leases", LEASES, today=datetime.date(2026, 3, 1))
    assert r.status == "committed" and r.created_count == 2
    assert "Transitioned 1 to MTM" in r.summary["lifecycle"]
    l1 = TenantLease.objects.get(lease_number="L-1")
    assert l1.lease_status == "month_to_month" and l1.holdover_start_date == datetime.date(2026, 1, 1)
    assert l1.property.code == "CED"
    statuses = dict(UnitsUnit.objects.values_list("unit_number", "status"))
    assert statuses == {"101": "occupied", "102": "vacant", "1": "occupied"}
    assert Properties.objects.get(code="BIR").state == "OR"


def test_reimport_updates_never_duplicates():
    seed_all()
    counts = (
        Properties.objects.count(),
        UnitsUnit.objects.count(),
        Tenants.objects.count(),
        TenantLease.objects.count(),
    )
    r = run("units", UNITS.replace("1500.50", "1600.00"))
    assert (r.created_count, r.updated_count, r.summary["changed"]) == (0, 3, 1)
    assert str(UnitsUnit.objects.get(unit_number="102").market_rent) == "1600.00"
    seed_all()
    assert (
        counts
        == (2, 3, 2, 2)
        == (
            Properties.objects.count(),
            UnitsUnit.objects.count(),
            Tenants.objects.count(),
            TenantLease.objects.count(),
        )
    )
    assert ImportKey.objects.count() == 9


def test_bad_row_writes_nothing():
    run("properties", PROPS)
    bad = UNITS + 'U4,P1,103,2,1,"1,2OO",1000\nU5,NOPE,1,1,1,1,1\n'
    r = run("units", bad)
    assert r.status == "invalid" and r.error_count == 2
    assert [(e["row"], e["column"]) for e in r.errors] == [(5, "market_rent"), (6, "property_external_id")]
    assert UnitsUnit.objects.count() == 0


def test_natural_key_conflicts():
    run("properties", PROPS)
    r = run("properties", "external_id,name,code,address,city,state,zip_code\nOTHER,Cedar Court,NEW,a,b,WA,1\n")
    assert r.status == "invalid" and r.errors[0]["column"] == "name"
    r = run("units", UNITS + "U9,P1,101,1,1,1,1\n")
    assert r.errors == [{"row": 5, "column": "unit_number", "message": r.errors[0]["message"]}]
    assert "also on row 2" in r.errors[0]["message"]


def test_dry_run_writes_nothing_and_counts():
    r = run("properties", PROPS, dry_run=True)
    assert r.status == "validated" and r.created_count == 2 and Properties.objects.count() == 0


def test_command_imports_directory(tmp_path):
    for kind, text in (("properties", PROPS), ("units", UNITS), ("tenants", TENANTS), ("leases", LEASES)):
        (tmp_path / f"{kind}.csv").write_text(text)
    out = io.StringIO()
    call_command("import_portfolio", str(tmp_path), "--dry-run", stdout=out)
    assert "Dry run" in out.getvalue() and TenantLease.objects.count() == 0
    call_command("import_portfolio", str(tmp_path), "--today", "2026-03-01", stdout=out)
    assert TenantLease.objects.count() == 2


# --- one lease in occupancy per unit -----------------------------------------------------------------------

LEASE_HEADER = LEASES.splitlines()[0] + "\n"


def test_two_occupying_leases_for_one_unit_in_a_file_is_a_row_error():
    for kind, text in (("properties", PROPS), ("units", UNITS), ("tenants", TENANTS)):
        run(kind, text)
    r = run("leases", LEASES + "L3,L-3,T2,U1,2026-01-01,2026-12-31,1900,0,notice,2027-01-31\n")
    assert r.status == "invalid" and TenantLease.objects.count() == 0
    assert r.errors == [
        {
            "row": 4,
            "column": "lease_status",
            "message": "Unit 'U1' already has lease L-1 in occupancy on row 2; a unit has one active, "
            "month-to-month or notice lease at a time.",
        }
    ]


def test_a_new_occupying_lease_on_a_unit_already_let_is_a_row_error_not_a_crash():
    seed_all()
    new_lease = "L9,L-9,T2,U1,2026-02-01,2027-01-31,1950,0,active,\n"
    r = run("leases", LEASE_HEADER + new_lease, today=datetime.date(2026, 3, 1))
    assert r.status == "invalid" and r.errors[0]["row"] == 2
    assert r.errors[0]["message"].startswith("Unit 'U1' already has lease L-1 in occupancy (month-to-month);")
    assert not TenantLease.objects.filter(lease_number="L-9").exists()


def test_the_same_file_may_move_the_old_lease_out_and_the_new_one_in():
    seed_all()
    # the new lease's row comes first: the writes still move L-1 out before L-9 takes the unit
    content = (
        LEASE_HEADER
        + "L9,L-9,T2,U1,2026-02-01,2027-01-31,1950,0,active,\n"
        + "L1,L-1,T1,U1,2025-01-01,2025-12-31,1800.00,1800,vacant,\n"
    )
    r = run("leases", content, today=datetime.date(2026, 3, 1))
    assert r.status == "committed", (r.errors, r.message)
    by_number = dict(TenantLease.objects.filter(unit__unit_number="101").values_list("lease_number", "lease_status"))
    assert by_number == {"L-1": "vacant", "L-9": "active"}
    assert UnitsUnit.objects.get(unit_number="101").status == "occupied"


# --- API -----------------------------------------------------------------------------------------------------


def test_api_dry_run_then_commit(api_client):
    resp = upload(api_client, "properties", PROPS + "P3,Oak,OAK,1 Oak,Tacoma,Washington,98401\n")
    assert resp.status_code == 201, resp.content
    body = resp.json()
    assert body["status"] == "invalid" and body["errors"][0]["row"] == 4 and body["errors"][0]["column"] == "state"
    assert Properties.objects.count() == 0
    resp = upload(api_client, "properties", PROPS, dry_run=False)
    assert resp.json()["status"] == "committed" and Properties.objects.count() == 2
    detail = api_client.get(f"{URL}{resp.json()['id']}/")
    assert detail.status_code == 200 and detail.json()["created_count"] == 2
    listed = api_client.get(URL)
    assert listed.status_code == 200 and listed.json()["count"] == 2
    assert api_client.get(URL, {"status": "committed"}).json()["count"] == 1
    assert api_client.get(URL, {"kind": "units"}).json()["count"] == 0
    assert api_client.get(URL, {"kind": "nope"}).status_code == 400


def test_api_background_commit_for_large_files(api_client, settings):
    settings.IMPORT_BACKGROUND_ROWS = 1
    settings.JOBS_RUN_INLINE = True
    resp = upload(api_client, "properties", PROPS, dry_run=False)
    assert resp.status_code in (201, 202)
    run_id = resp.json()["id"]
    body = api_client.get(f"{URL}{run_id}/").json()
    assert body["status"] == "committed" and body["job_id"] and body["progress"] == 100


def test_api_template_and_bad_input(api_client):
    resp = api_client.get(f"{URL}templates/leases/")
    assert resp.status_code == 200 and resp["Content-Type"].startswith("text/csv")
    header, example = resp.content.decode().splitlines()
    assert header.startswith("external_id,lease_number")
    assert api_client.get(f"{URL}templates/nope/").status_code == 404
    assert api_client.get(f"{URL}not-a-uuid/").status_code == 404
    assert upload(api_client, "nope", PROPS).status_code == 400
    f = io.BytesIO(b"\xff\xfe\x00bad")
    f.name = "x.csv"
    assert api_client.post(URL, {"kind": "properties", "file": f}, format="multipart").status_code == 400


def test_templates_import_cleanly():
    from imports.export import template_csv

    for kind in ("properties", "units", "tenants", "leases"):
        r = run(kind, template_csv(kind))
        assert r.status == "committed", (kind, r.errors)


def test_api_permissions(make_user):
    from properties.tests.factories import PropertyFactory

    assert upload(make_user("leasing_agent"), "properties", PROPS).status_code == 403
    scoped = make_user("property_manager", properties=[PropertyFactory()])
    resp = upload(scoped, "properties", PROPS)
    assert resp.status_code == 403 and "every property" in resp.json()["detail"]
    assert upload(make_user("property_manager"), "properties", PROPS).status_code == 201
