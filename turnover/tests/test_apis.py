"""The turnover API through its real URLs: permissions, scoping, filters, validation (4xx, never 500), illegal
moves with the allowed next stage, deductions, the letter, CSV, kanban and stats, and query-count bounds."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tenants.models import TenantLedgerEntry
from tenants.services import lease_give_notice
from tenants.tests.factories import LeaseFactory
from turnover.models import TurnoverCase
from turnover.services import turnover_cases_open

pytestmark = pytest.mark.django_db
URL = "/api/v1/turnover/"


def _case(**lease):
    return turnover_cases_open(lease_ids=[LeaseFactory(notice=True, **lease).pk])[0]


def _vacant_case(deposit="500.00"):
    lease = LeaseFactory(vacant=True, security_deposit=Decimal(deposit))
    return turnover_cases_open(lease_ids=[lease.pk])[0]


def test_giving_notice_through_the_api_puts_a_case_on_the_board(make_user, django_capture_on_commit_callbacks):
    manager = make_user("property_manager")
    lease = LeaseFactory(unit__unit_number="A-102")
    move_out = timezone.localdate() + datetime.timedelta(days=45)
    with django_capture_on_commit_callbacks(execute=True):
        response = manager.post(
            f"/api/v1/tenants/leases/{lease.pk}/give-notice/",
            {"notice_move_out_date": move_out.isoformat()},
            format="json",
        )
    assert response.status_code == 200, response.content
    board = manager.get(f"{URL}kanban/").json()
    notice = board["columns"][0]
    assert notice["stage"] == "notice" and notice["count"] == 1
    card = notice["cases"][0]
    assert card["unit_number"] == "A-102" and card["checklist_total"] == 8 and card["inspection_work_order_number"]
    assert board["active"] == 1
    detail = manager.get(f"{URL}{card['id']}/").json()
    assert len(detail["checklist"]) == 8 and detail["allowed_moves"][0]["stage"] == "inspect"


def test_advance_stage_forward_persists_and_an_illegal_move_answers_400_with_the_allowed_stage(make_user):
    manager = make_user("maintenance_coordinator")
    case = _case()
    response = manager.post(f"{URL}{case.pk}/advance-stage/", {"stage": "listed"}, format="json")
    assert response.status_code == 400
    assert response.json()["allowed"][0]["stage"] == "inspect"
    response = manager.post(f"{URL}{case.pk}/advance-stage/", {"stage": "inspect"}, format="json")
    assert response.status_code == 200 and response.json()["stage"] == "inspect"
    assert manager.get(f"{URL}{case.pk}/").json()["inspection_date"] == timezone.localdate().isoformat()
    back = manager.post(f"{URL}{case.pk}/advance-stage/", {"stage": "notice"}, format="json")
    assert back.status_code == 400 and "reason" in back.json()["detail"]
    back = manager.post(f"{URL}{case.pk}/advance-stage/", {"stage": "notice", "reason": "Wrong card"}, format="json")
    assert back.status_code == 200
    assert back.json()["events"][-1]["reason"] == "Wrong card"
    assert manager.post(f"{URL}{case.pk}/advance-stage/", {"stage": "nope"}, format="json").status_code == 400


@pytest.mark.parametrize(
    "body",
    [
        {"category": "paint", "description": "x", "amount": "-1"},
        {"category": "paint", "description": "x", "amount": "0"},
        {"category": "paint", "description": "x", "amount": "1.005"},
        {"category": "paint", "description": "x", "amount": "50000.01"},
        {"category": "paint", "description": "x", "amount": "1e3"},
        {"category": "nope", "description": "x", "amount": "10"},
        {"category": "paint", "description": "", "amount": "10"},
        {"category": "carpet", "description": "x", "amount": "10", "life_item": "carpet"},
        {"category": "carpet", "description": "x", "amount": "10", "life_item": "rocket", "item_age_years": "1"},
        {"category": "paint", "description": "x", "amount": "10", "photo": "not-a-uuid"},
    ],
)
def test_deductions_are_validated(make_user, body):
    manager = make_user("property_manager")
    case = _vacant_case()
    response = manager.post(f"{URL}{case.pk}/deductions/", body, format="json")
    assert response.status_code == 400, response.content


def test_deductions_approve_delete_letter_and_send_through_the_api(make_user):
    manager = make_user("property_manager")
    case = _vacant_case("500.00")
    r = manager.post(
        f"{URL}{case.pk}/deductions/",
        {
            "category": "carpet",
            "description": "Carpet replaced",
            "amount": "1000.00",
            "life_item": "carpet",
            "item_age_years": "8",
        },
        format="json",
    )
    assert r.status_code == 201, r.content
    line = r.json()["deductions"][0]
    assert line["chargeable_amount"] == "200.00" and "8 years old of a 10-year life" in line["depreciation"]
    assert r.json()["total_deductions"] == "0.00"  # not approved yet
    r = manager.post(f"{URL}{case.pk}/deductions/{line['id']}/approve/", {}, format="json")
    assert r.json()["total_deductions"] == "200.00" and r.json()["refund_amount"] == "300.00"
    r = manager.post(
        f"{URL}{case.pk}/deductions/",
        {"category": "cleaning", "description": "Deep clean", "amount": "450.00", "approved": True},
        format="json",
    )
    body = r.json()
    assert body["total_deductions"] == "650.00" and body["balance_owed"] == "150.00" and body["refund_amount"] == "0.00"
    extra = manager.post(
        f"{URL}{case.pk}/deductions/", {"category": "other", "description": "x", "amount": "5"}, format="json"
    )
    extra_id = [d for d in extra.json()["deductions"] if d["description"] == "x"][0]["id"]
    assert manager.delete(f"{URL}{case.pk}/deductions/{extra_id}/").status_code == 200
    r = manager.post(f"{URL}{case.pk}/generate-deduction-letter/", {}, format="json")
    assert r.status_code == 200, r.content
    text = r.json()["letter_text"]
    assert "Carpet replaced" in text and "Deep clean" in text and "$150.00" in text and "$500.00" in text
    assert r.json()["deadline"]["date"] and r.json()["deadline"]["citation"]
    assert manager.get(f"{URL}{case.pk}/letter-preview/").status_code == 200
    for _ in range(2):
        r = manager.post(f"{URL}{case.pk}/send-deduction-letter/", {}, format="json")
        assert r.status_code == 200, r.content
    assert r.json()["letter_sent_at"]
    charges = TenantLedgerEntry.objects.filter(tenant=case.lease.tenant, trans_type="Charge", charge_code="damage")
    assert [c.amount for c in charges] == [Decimal("150.00")]
    late = manager.post(
        f"{URL}{case.pk}/deductions/", {"category": "other", "description": "y", "amount": "5"}, format="json"
    )
    assert late.status_code == 400


def test_checklist_patch_completes_costs_and_opens_a_work_order(make_user):
    manager = make_user("maintenance_coordinator")
    case = _case()
    item = case.checklist_items.order_by("category").first()
    r = manager.patch(
        f"{URL}{case.pk}/checklist/{item.pk}/",
        {"completed": True, "actual_cost": "212.50", "create_work_order": True},
        format="json",
    )
    assert r.status_code == 200, r.content
    assert r.json()["completed"] and r.json()["actual_cost"] == "212.50" and r.json()["work_order_number"]
    assert manager.get(f"{URL}{case.pk}/").json()["make_ready_actual_cost"] == "212.50"
    bad = manager.patch(f"{URL}{case.pk}/checklist/{item.pk}/", {"actual_cost": "-3"}, format="json")
    assert bad.status_code == 400
    assert manager.patch(f"{URL}{case.pk}/checklist/nope/", {}, format="json").status_code == 404


def test_roles_read_only_reads_leasing_moves_maintenance_cannot_approve(make_user):
    case = _vacant_case()
    readonly, maint = make_user("read_only"), make_user("maintenance_coordinator")
    assert readonly.get(f"{URL}{case.pk}/").status_code == 200
    assert readonly.post(f"{URL}{case.pk}/advance-stage/", {"stage": "make_ready"}, format="json").status_code == 403
    r = maint.post(
        f"{URL}{case.pk}/deductions/", {"category": "other", "description": "x", "amount": "5"}, format="json"
    )
    assert r.status_code == 201
    d = r.json()["deductions"][0]["id"]
    assert maint.post(f"{URL}{case.pk}/deductions/{d}/approve/", {}, format="json").status_code == 403
    assert maint.post(f"{URL}{case.pk}/generate-deduction-letter/", {}, format="json").status_code == 403
    assert (
        make_user("accountant")
        .post(f"{URL}{case.pk}/advance-stage/", {"stage": "make_ready"}, format="json")
        .status_code
        == 403
    )


def test_scoped_manager_sees_only_their_properties(make_user):
    mine, theirs = _case(), _case()
    client = make_user("property_manager", properties=[mine.property])
    ids = [c["id"] for c in client.get(URL).json()["results"]]
    assert ids == [str(mine.pk)]
    assert client.get(f"{URL}{theirs.pk}/").status_code == 404
    assert client.post(f"{URL}{theirs.pk}/advance-stage/", {"stage": "inspect"}, format="json").status_code == 404
    assert client.get(f"{URL}kanban/").json()["active"] == 1
    assert client.get(f"{URL}dashboard-stats/").json()["active"] == 1
    assert str(theirs.pk) not in b"".join(client.get(f"{URL}export/").streaming_content).decode()


def test_filters_csv_and_stats(make_user):
    manager = make_user("property_manager")
    a, b = _case(), _vacant_case()
    assert [c["id"] for c in manager.get(URL, {"stage": "inspect"}).json()["results"]] == [str(b.pk)]
    assert [c["id"] for c in manager.get(URL, {"property": str(a.property_id)}).json()["results"]] == [str(a.pk)]
    assert manager.get(URL, {"stage": "bogus"}).status_code == 400
    csv = b"".join(manager.get(f"{URL}export/").streaming_content).decode()
    assert csv.splitlines()[0].startswith("property,unit,stage") and len(csv.splitlines()) == 3
    stats = manager.get(f"{URL}dashboard-stats/").json()
    assert stats["by_stage"]["notice"] == 1 and stats["by_stage"]["inspect"] == 1 and stats["active"] == 2
    assert Decimal(stats["make_ready_estimated_total"]) == a.make_ready_estimated_cost + b.make_ready_estimated_cost


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_list_kanban_and_detail_query_counts_do_not_grow_with_cases(make_user):
    manager = make_user("property_manager")
    for _ in range(2):
        _case()
    small = {u: _queries(manager, u) for u in (URL, f"{URL}kanban/", f"{URL}dashboard-stats/")}
    for _ in range(6):
        _case()
    big = {u: _queries(manager, u) for u in (URL, f"{URL}kanban/", f"{URL}dashboard-stats/")}
    assert big == small
    case = TurnoverCase.objects.first()
    assert _queries(manager, f"{URL}{case.pk}/") <= 12


def test_lease_give_notice_service_path_is_the_same_as_the_api(django_capture_on_commit_callbacks):
    lease = LeaseFactory()
    with django_capture_on_commit_callbacks(execute=True):
        lease_give_notice(
            lease=lease, actor="user:x", notice_move_out_date=timezone.localdate() + datetime.timedelta(days=31)
        )
    assert TurnoverCase.objects.filter(lease=lease, stage="notice").count() == 1
