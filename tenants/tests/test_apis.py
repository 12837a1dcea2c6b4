import datetime
import uuid
from decimal import Decimal

import pytest
from django.utils import timezone

from core.permissions import ACCESS_QUERIES
from tenants.models import LeaseStatusLog, TenantLease
from tenants.signals import lease_status_changed
from tenants.tests.factories import LeaseFactory, LedgerEntryFactory, TenantFactory
from units.models import UnitsUnit
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
LEASES = "/api/v1/tenants/leases/"
ACTOR = "user:manager@example.com"

SPEC_LEASE_KEYS = {
    "id", "lease_number", "tenant", "tenant_name", "unit", "unit_number", "property", "property_name",
    "lease_begin_date", "lease_end_date", "monthly_rent_amount", "status", "lease_status",
    "lease_status_changed_at", "holdover_start_date", "notice_date", "notice_move_out_date",
    "actual_move_out_date", "days_until_expiry", "days_in_current_status", "holdover_days",
}  # fmt: skip
EXTRA_LEASE_KEYS = {
    "expiry_flag", "is_long_holdover", "tenant_email", "tenant_phone", "security_deposit",
    "lease_status_changed_by", "days_until_move_out", "unit_market_rent", "state_since", "days_in_state",
}  # fmt: skip
STATS_KEYS = {
    "total_leases", "active", "month_to_month", "notice", "vacant",
    "expiring_30_days", "expiring_60_days", "expiring_90_days",
}  # fmt: skip


def url(lease, action=""):
    lease_id = lease if isinstance(lease, str) else lease.pk
    return f"{LEASES}{lease_id}/{action + '/' if action else ''}"


# --- auth and 404s ----------------------------------------------------------------------------------------

ACTION_ROUTES = [
    ("post", "convert-mtm"),
    ("post", "give-notice"),
    ("post", "mark-vacant"),
    ("get", "status-history"),
    ("get", ""),
]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "/api/v1/tenants/"),
        ("get", "/api/v1/tenants/ledger/"),
        ("get", LEASES),
        ("get", LEASES + "lifecycle-stats/"),
        ("get", LEASES + f"{uuid.uuid4()}/"),
        ("post", LEASES + f"{uuid.uuid4()}/convert-mtm/"),
        ("post", LEASES + f"{uuid.uuid4()}/give-notice/"),
        ("post", LEASES + f"{uuid.uuid4()}/mark-vacant/"),
        ("get", LEASES + f"{uuid.uuid4()}/status-history/"),
    ],
)
def test_every_endpoint_needs_a_token(anon_client, method, path):
    response = getattr(anon_client, method)(path)
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}


@pytest.mark.parametrize(("method", "action"), ACTION_ROUTES)
@pytest.mark.parametrize("lease_id", [str(uuid.uuid4()), "not-a-uuid", "12345"])
def test_unknown_or_malformed_lease_id_is_404(api_client, method, action, lease_id):
    response = getattr(api_client, method)(url(lease_id, action))
    assert response.status_code == 404
    assert response.json() == {"detail": "Lease not found."}


@pytest.mark.parametrize("tenant_id", [str(uuid.uuid4()), "nope"])
def test_unknown_tenant_is_404(api_client, tenant_id):
    response = api_client.get(f"/api/v1/tenants/{tenant_id}/")
    assert (response.status_code, response.json()) == (404, {"detail": "Tenant not found."})


@pytest.mark.parametrize("entry_id", [str(uuid.uuid4()), "nope"])
def test_unknown_ledger_entry_is_404(api_client, entry_id):
    response = api_client.get(f"/api/v1/tenants/ledger/{entry_id}/")
    assert (response.status_code, response.json()) == (404, {"detail": "Ledger entry not found."})


def test_actions_are_post_only(api_client):
    lease = LeaseFactory()
    assert api_client.get(url(lease, "convert-mtm")).status_code == 405
    assert api_client.post(url(lease, "status-history")).status_code == 405


# --- lease detail and list ---------------------------------------------------------------------------------


def test_lease_detail_has_every_lifecycle_field(api_client):
    lease = LeaseFactory(lease_end_date=TODAY + 5 * DAY)
    body = api_client.get(url(lease)).json()
    assert set(body) == SPEC_LEASE_KEYS | EXTRA_LEASE_KEYS
    assert body["id"] == str(lease.pk)
    assert body["tenant_name"] == f"{lease.tenant.first_name} {lease.tenant.last_name}"
    assert body["tenant_email"] == lease.tenant.email
    assert body["unit_number"] == lease.unit.unit_number
    assert body["property_name"] == lease.property.name
    assert body["unit_market_rent"] == "1800.00"
    assert body["security_deposit"] == "1700.00"
    assert body["days_until_expiry"] == 5
    assert body["expiry_flag"] == "critical"
    assert body["is_long_holdover"] is False


def test_long_holdover_and_soon_flags(api_client):
    long_mtm = LeaseFactory(month_to_month=True, holdover_start_date=TODAY - 91 * DAY)
    soon = LeaseFactory(lease_end_date=TODAY + 20 * DAY)
    body = api_client.get(url(long_mtm)).json()
    assert (body["holdover_days"], body["is_long_holdover"], body["expiry_flag"]) == (91, True, None)
    # "In this state" counts the holdover, not the day the record was last touched.
    assert (body["state_since"], body["days_in_state"]) == (str(TODAY - 91 * DAY), 91)
    assert api_client.get(url(soon)).json()["expiry_flag"] == "soon"


@pytest.fixture
def portfolio():
    """Two properties; leases in every state."""
    unit_a = UnitFactory(unit_number="A-101")
    prop_a = unit_a.property
    leases = {
        "active_far": LeaseFactory(unit=unit_a, lease_end_date=TODAY + 200 * DAY, monthly_rent_amount=Decimal("1500")),
        "active_soon": LeaseFactory(
            unit=UnitFactory(property=prop_a, unit_number="A-102"), lease_end_date=TODAY + 10 * DAY,
            tenant=TenantFactory(first_name="Maria", last_name="Gonzalez"),
        ),
        "mtm": LeaseFactory(month_to_month=True, unit=UnitFactory(property=prop_a, unit_number="B-205")),
        "notice": LeaseFactory(notice=True, lease_number="L-NOTICE-1"),
        "vacant": LeaseFactory(vacant=True),
    }  # fmt: skip
    return prop_a, leases


def ids(response):
    assert response.status_code == 200, response.json()
    return {row["id"] for row in response.json()["results"]}


def test_lease_list_filters(api_client, portfolio):
    prop_a, leases = portfolio
    pk = {k: str(v.pk) for k, v in leases.items()}
    assert ids(api_client.get(LEASES)) == set(pk.values())
    assert ids(api_client.get(LEASES, {"lease_status": "month_to_month"})) == {pk["mtm"]}
    assert ids(api_client.get(LEASES, {"lease_status": "notice,vacant"})) == {pk["notice"], pk["vacant"]}
    assert ids(api_client.get(LEASES, {"lease_status": ["notice", "vacant"]})) == {pk["notice"], pk["vacant"]}
    assert ids(api_client.get(LEASES, {"lease_status": "notice, vacant,"})) == {pk["notice"], pk["vacant"]}
    assert ids(api_client.get(LEASES, {"lease_status": ","})) == set(pk.values())
    assert ids(api_client.get(LEASES, {"property": str(prop_a.pk)})) == {pk["active_far"], pk["active_soon"], pk["mtm"]}
    assert ids(api_client.get(LEASES, {"unit": str(leases["mtm"].unit_id)})) == {pk["mtm"]}
    assert ids(api_client.get(LEASES, {"tenant": str(leases["notice"].tenant_id)})) == {pk["notice"]}
    window = {"lease_end_date__gte": TODAY.isoformat(), "lease_end_date__lte": (TODAY + 30 * DAY).isoformat()}
    assert ids(api_client.get(LEASES, window)) == {pk["active_soon"]}
    assert ids(api_client.get(LEASES, {"search": "gonz"})) == {pk["active_soon"]}
    assert ids(api_client.get(LEASES, {"search": "B-205"})) == {pk["mtm"]}
    assert ids(api_client.get(LEASES, {"search": "L-NOTICE"})) == {pk["notice"]}


@pytest.mark.parametrize(
    ("ordering", "first"),
    [
        ("lease_end_date", "mtm"),
        ("-lease_end_date", "active_far"),
        ("monthly_rent_amount", "active_far"),
        ("-lease_status", "vacant"),
    ],
)
def test_lease_list_ordering(api_client, portfolio, ordering, first):
    _, leases = portfolio
    rows = api_client.get(LEASES, {"ordering": ordering}).json()["results"]
    assert rows[0]["id"] == str(leases[first].pk)


def test_lease_list_orders_by_unit_number_and_tenant_last_name(api_client, portfolio):
    rows = api_client.get(LEASES, {"ordering": "unit__unit_number"}).json()["results"]
    numbers = [r["unit_number"] for r in rows]
    assert numbers == sorted(numbers)
    rows = api_client.get(LEASES, {"ordering": "tenant__last_name"}).json()["results"]
    assert rows[0]["tenant_name"] == "Maria Gonzalez"


@pytest.mark.parametrize(
    "params",
    [
        {"lease_status": "bogus"},
        {"lease_status": "active,bogus"},
        {"property": "not-a-uuid"},
        {"unit": "42"},
        {"tenant": "x"},
        {"lease_end_date__lte": "2026-13-45"},
        {"lease_end_date__gte": "yesterday"},
        {"lease_end_date__gte": "03/01/2026"},
        {"page_size": "1000"},
        {"page_size": "0"},
        {"page_size": "ten"},
        {"page": "999"},
    ],
)
def test_lease_list_invalid_parameters_are_400_or_404_never_500(api_client, portfolio, params):
    response = api_client.get(LEASES, params)
    expected = 404 if "page" in params else 400
    assert response.status_code == expected
    assert "detail" in response.json()


def test_unknown_ordering_field_is_ignored(api_client, portfolio):
    assert api_client.get(LEASES, {"ordering": "tenant__email"}).status_code == 200


@pytest.mark.parametrize("page_size", [5, 50])
def test_lease_list_query_count_does_not_grow_with_page_size(api_client, page_size, django_assert_max_num_queries):
    LeaseFactory.create_batch(60)
    LeaseFactory.create_batch(5, month_to_month=True)
    # token lookup + COUNT + page
    with django_assert_max_num_queries(3 + ACCESS_QUERIES):
        response = api_client.get(LEASES, {"page_size": page_size, "ordering": "-lease_end_date"})
    assert len(response.json()["results"]) == page_size


# --- actions ----------------------------------------------------------------------------------------------


@pytest.fixture
def received():
    calls = []

    def receiver(sender, **kwargs):
        calls.append(kwargs)

    lease_status_changed.connect(receiver, dispatch_uid="test_apis.receiver")
    yield calls
    lease_status_changed.disconnect(dispatch_uid="test_apis.receiver")


def test_convert_mtm(api_client, django_capture_on_commit_callbacks, received):
    lease = LeaseFactory(lease_end_date=TODAY - 3 * DAY)
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(url(lease, "convert-mtm"), {}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert {"id", "lease_status", "holdover_start_date", "lease_status_changed_at", "lease_status_changed_by"} <= set(
        body
    )
    assert body["lease_status"] == "month_to_month"
    assert body["holdover_start_date"] == (TODAY - 2 * DAY).isoformat()
    assert body["lease_status_changed_by"] == ACTOR
    assert body["lease_status_changed_at"].endswith("Z")
    lease.refresh_from_db()
    assert lease.lease_status == "month_to_month"
    log = LeaseStatusLog.objects.get(lease=lease)
    assert (log.previous_status, log.new_status, log.changed_by) == ("active", "month_to_month", ACTOR)
    assert [c["lease_ids"] for c in received] == [[lease.pk]]


def test_convert_mtm_without_a_body(api_client):
    lease = LeaseFactory()
    assert api_client.post(url(lease, "convert-mtm")).status_code == 200


def test_convert_mtm_twice(api_client):
    lease = LeaseFactory(month_to_month=True)
    response = api_client.post(url(lease, "convert-mtm"), {}, format="json")
    assert (response.status_code, response.json()) == (400, {"detail": "Lease is already month-to-month."})


@pytest.mark.parametrize(
    ("trait", "message"),
    [
        ("notice", "Cannot move a lease from notice to month-to-month."),
        ("vacant", "Cannot move a lease from vacant to month-to-month."),
    ],
)
def test_convert_mtm_refused(api_client, trait, message):
    lease = LeaseFactory(**{trait: True})
    response = api_client.post(url(lease, "convert-mtm"), {}, format="json")
    assert (response.status_code, response.json()) == (400, {"detail": message})


def test_give_notice(api_client):
    lease = LeaseFactory(month_to_month=True)
    body = {
        "notice_date": TODAY.isoformat(),
        "notice_move_out_date": (TODAY + 31 * DAY).isoformat(),
        "reason": "Tenant relocating for work",
    }
    response = api_client.post(url(lease, "give-notice"), body, format="json")
    assert response.status_code == 200, response.json()
    data = response.json()
    assert {
        k: data[k] for k in ("id", "lease_status", "notice_date", "notice_move_out_date", "days_until_move_out")
    } == {
        "id": str(lease.pk),
        "lease_status": "notice",
        "notice_date": body["notice_date"],
        "notice_move_out_date": body["notice_move_out_date"],
        "days_until_move_out": 31,
    }
    log = LeaseStatusLog.objects.get(lease=lease)
    assert (log.previous_status, log.new_status, log.reason) == (
        "month_to_month",
        "notice",
        "Tenant relocating for work",
    )


def test_give_notice_exactly_30_days_is_enough(api_client):
    lease = LeaseFactory()
    notice = TODAY - 5 * DAY
    body = {"notice_date": notice.isoformat(), "notice_move_out_date": (notice + 30 * DAY).isoformat()}
    response = api_client.post(url(lease, "give-notice"), body, format="json")
    assert response.status_code == 200
    assert response.json()["days_until_move_out"] == 25


@pytest.mark.parametrize(
    ("body", "detail"),
    [
        (
            {"notice_date": TODAY.isoformat(), "notice_move_out_date": (TODAY + 29 * DAY).isoformat()},
            "Move-out date must be at least 30 days after the notice date.",
        ),
        (
            {"notice_date": TODAY.isoformat(), "notice_move_out_date": (TODAY - DAY).isoformat()},
            "Move-out date must be after the notice date.",
        ),
        (
            {"notice_date": "2026-02-30", "notice_move_out_date": (TODAY + 60 * DAY).isoformat()},
            "notice_date: Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
        ),
        (
            {"notice_date": TODAY.isoformat(), "notice_move_out_date": "next month"},
            "notice_move_out_date: Date has wrong format. Use one of these formats instead: YYYY-MM-DD.",
        ),
        ({"notice_date": TODAY.isoformat()}, "notice_move_out_date: This field is required."),
        (
            {"notice_move_out_date": (TODAY + 60 * DAY).isoformat(), "reason": "x" * 201},
            "reason: Ensure this field has no more than 200 characters.",
        ),
    ],
)
def test_give_notice_invalid(api_client, body, detail):
    lease = LeaseFactory()
    response = api_client.post(url(lease, "give-notice"), body, format="json")
    assert response.status_code == 400
    assert response.json()["detail"] == detail
    lease.refresh_from_db()
    assert lease.lease_status == "active"
    assert not LeaseStatusLog.objects.exists()


def test_give_notice_on_a_vacant_lease(api_client):
    lease = LeaseFactory(vacant=True)
    body = {"notice_move_out_date": (TODAY + 60 * DAY).isoformat()}
    response = api_client.post(url(lease, "give-notice"), body, format="json")
    assert (response.status_code, response.json()) == (400, {"detail": "Cannot move a lease from vacant to notice."})


def test_mark_vacant(api_client):
    lease = LeaseFactory(notice=True)
    response = api_client.post(url(lease, "mark-vacant"), {}, format="json")
    assert response.status_code == 200
    body = response.json()
    assert (body["lease_status"], body["actual_move_out_date"]) == ("vacant", TODAY.isoformat())
    assert UnitsUnit.objects.get(pk=lease.unit_id).status == "vacant"


def test_mark_vacant_with_a_date(api_client):
    lease = LeaseFactory(notice=True)
    moved = (TODAY - 3 * DAY).isoformat()
    response = api_client.post(url(lease, "mark-vacant"), {"actual_move_out_date": moved}, format="json")
    assert (response.status_code, response.json()["actual_move_out_date"]) == (200, moved)


@pytest.mark.parametrize(
    ("trait", "body", "detail"),
    [
        ({}, {}, "Cannot move a lease from active to vacant."),
        ({"vacant": True}, {}, "Lease is already vacant."),
        ({"notice": True}, {"actual_move_out_date": "03/01/2026"}, "actual_move_out_date: Date has wrong format."),
        (
            {"notice": True},
            {"actual_move_out_date": (TODAY + 2 * DAY).isoformat()},
            "The move-out date cannot be in the future.",
        ),
    ],
)
def test_mark_vacant_refused(api_client, trait, body, detail):
    lease = LeaseFactory(**trait)
    response = api_client.post(url(lease, "mark-vacant"), body, format="json")
    assert response.status_code == 400
    assert response.json()["detail"].startswith(detail)


def test_status_history_newest_first(api_client):
    lease = LeaseFactory()
    api_client.post(url(lease, "give-notice"), {"notice_move_out_date": (TODAY + 30 * DAY).isoformat()}, format="json")
    api_client.post(url(lease, "mark-vacant"), {}, format="json")
    response = api_client.get(url(lease, "status-history"))
    assert response.status_code == 200
    rows = response.json()
    assert isinstance(rows, list)
    assert [(r["previous_status"], r["new_status"]) for r in rows] == [("notice", "vacant"), ("active", "notice")]
    assert set(rows[0]) == {
        "id",
        "lease",
        "previous_status",
        "new_status",
        "reason",
        "changed_by",
        "metadata",
        "created_at",
    }
    assert rows[0]["changed_by"] == ACTOR


def test_status_history_of_a_lease_without_changes(api_client):
    assert api_client.get(url(LeaseFactory(), "status-history")).json() == []


# --- lifecycle stats ----------------------------------------------------------------------------------------


def test_lifecycle_stats(api_client):
    for days in (0, 30, 31, 60, 61, 90, 91, -1):
        LeaseFactory(lease_end_date=TODAY + days * DAY)
    LeaseFactory(month_to_month=True)
    LeaseFactory(notice=True, lease_end_date=TODAY + 5 * DAY)  # not active: not "expiring"
    LeaseFactory(vacant=True)
    response = api_client.get(LEASES + "lifecycle-stats/")
    assert response.status_code == 200
    assert response.json() == {
        "total_leases": 11,
        "active": 8,
        "month_to_month": 1,
        "notice": 1,
        "vacant": 1,
        "expiring_30_days": 2,
        "expiring_60_days": 4,
        "expiring_90_days": 6,
    }


def test_lifecycle_stats_by_property(api_client, django_assert_max_num_queries):
    lease = LeaseFactory(lease_end_date=TODAY + 3 * DAY)
    LeaseFactory.create_batch(3)
    with django_assert_max_num_queries(2 + ACCESS_QUERIES):  # token + one aggregate
        body = api_client.get(LEASES + "lifecycle-stats/", {"property": str(lease.property_id)}).json()
    assert set(body) == STATS_KEYS
    assert (body["total_leases"], body["active"], body["expiring_30_days"]) == (1, 1, 1)


def test_lifecycle_stats_empty_and_invalid(api_client):
    body = api_client.get(LEASES + "lifecycle-stats/").json()
    assert body == dict.fromkeys(STATS_KEYS, 0)
    response = api_client.get(LEASES + "lifecycle-stats/", {"property": "nope"})
    assert response.status_code == 400
    assert response.json()["detail"] == "property: Must be a valid UUID."


# --- tenants -------------------------------------------------------------------------------------------------


def test_tenant_list_with_balances_and_current_lease(api_client):
    lease = LeaseFactory(month_to_month=True)
    tenant = lease.tenant
    LedgerEntryFactory(tenant=tenant, amount=Decimal("1700.00"), due_date=TODAY - 10 * DAY)
    LedgerEntryFactory(tenant=tenant, amount=Decimal("50.00"), due_date=TODAY + 10 * DAY)
    LedgerEntryFactory(tenant=tenant, trans_type="Payment", amount=Decimal("1000.00"))
    no_ledger = TenantFactory()
    response = api_client.get("/api/v1/tenants/")
    assert response.status_code == 200
    rows = {r["id"]: r for r in response.json()["results"]}
    row = rows[str(tenant.pk)]
    assert (row["balance"], row["overdue_balance"]) == ("750.00", "700.00")
    assert row["current_lease"] == {
        "id": str(lease.pk),
        "lease_number": lease.lease_number,
        "unit_id": str(lease.unit_id),
        "unit_number": lease.unit.unit_number,
        "property_id": str(lease.property_id),
        "property_name": lease.property.name,
        "lease_status": "month_to_month",
    }
    empty = rows[str(no_ledger.pk)]
    assert (empty["balance"], empty["overdue_balance"], empty["current_lease"]) == ("0.00", "0.00", None)


def test_tenant_current_lease_prefers_a_live_lease_over_a_vacated_one(api_client):
    tenant = TenantFactory()
    LeaseFactory(tenant=tenant, vacant=True, lease_begin_date=TODAY - 10 * DAY)
    live = LeaseFactory(tenant=tenant, lease_begin_date=TODAY - 400 * DAY)
    body = api_client.get(f"/api/v1/tenants/{tenant.pk}/").json()
    assert body["current_lease"]["id"] == str(live.pk)


def test_tenant_detail(api_client):
    tenant = TenantFactory()
    LedgerEntryFactory(tenant=tenant, amount=Decimal("99.50"), due_date=TODAY - DAY)
    body = api_client.get(f"/api/v1/tenants/{tenant.pk}/").json()
    assert (body["id"], body["balance"], body["overdue_balance"]) == (str(tenant.pk), "99.50", "99.50")


def test_tenant_list_filters(api_client):
    a = LeaseFactory(tenant=TenantFactory(first_name="Sarah", last_name="Williams", email="sw@example.com"))
    b = LeaseFactory(notice=True)
    TenantFactory()  # no lease
    assert ids(api_client.get("/api/v1/tenants/", {"search": "williams"})) == {str(a.tenant_id)}
    assert ids(api_client.get("/api/v1/tenants/", {"search": "sw@example"})) == {str(a.tenant_id)}
    assert ids(api_client.get("/api/v1/tenants/", {"property": str(b.property_id)})) == {str(b.tenant_id)}
    assert ids(api_client.get("/api/v1/tenants/", {"lease_status": "notice"})) == {str(b.tenant_id)}
    assert ids(api_client.get("/api/v1/tenants/", {"lease_status": "notice,active"})) == {
        str(a.tenant_id),
        str(b.tenant_id),
    }


@pytest.mark.parametrize("params", [{"property": "x"}, {"lease_status": "gone"}, {"page_size": "1000"}])
def test_tenant_list_invalid_parameters(api_client, params):
    assert api_client.get("/api/v1/tenants/", params).status_code == 400


@pytest.mark.parametrize("page_size", [5, 50])
def test_tenant_list_query_count(api_client, page_size, django_assert_max_num_queries):
    for lease in LeaseFactory.create_batch(60):
        LedgerEntryFactory(tenant=lease.tenant)
    # token + COUNT + page (current lease via subqueries) + one balance aggregate for the page
    with django_assert_max_num_queries(4 + ACCESS_QUERIES):
        response = api_client.get("/api/v1/tenants/", {"page_size": page_size})
    assert len(response.json()["results"]) == page_size
    assert all(r["balance"] == "1700.00" for r in response.json()["results"])


# --- ledger ----------------------------------------------------------------------------------------------------


def test_ledger_list_filters_and_ordering(api_client):
    lease = LeaseFactory()
    t = lease.tenant
    old = LedgerEntryFactory(tenant=t, lease=lease, trans_date=TODAY - 40 * DAY)
    pay = LedgerEntryFactory(tenant=t, lease=lease, trans_type="Payment", trans_date=TODAY - 5 * DAY)
    other = LedgerEntryFactory()
    path = "/api/v1/tenants/ledger/"
    assert ids(api_client.get(path, {"tenant": str(t.pk)})) == {str(old.pk), str(pay.pk)}
    assert ids(api_client.get(path, {"lease": str(lease.pk)})) == {str(old.pk), str(pay.pk)}
    assert ids(api_client.get(path, {"trans_type": "Payment"})) == {str(pay.pk)}
    assert ids(api_client.get(path, {"trans_date__gte": (TODAY - 10 * DAY).isoformat()})) == {
        str(pay.pk),
        str(other.pk),
    }
    assert ids(api_client.get(path, {"trans_date__lte": (TODAY - 10 * DAY).isoformat()})) == {str(old.pk)}
    rows = api_client.get(path, {"ordering": "trans_date"}).json()["results"]
    assert rows[0]["id"] == str(old.pk)
    rows = api_client.get(path).json()["results"]  # newest first by default
    assert rows[-1]["id"] == str(old.pk)
    assert rows[-1]["lease_number"] == lease.lease_number
    assert rows[-1]["tenant_name"] == t.full_name


def test_ledger_detail(api_client):
    entry = LedgerEntryFactory(amount=Decimal("12.34"))
    body = api_client.get(f"/api/v1/tenants/ledger/{entry.pk}/").json()
    assert (body["id"], body["amount"], body["lease"], body["lease_number"]) == (str(entry.pk), "12.34", None, None)


@pytest.mark.parametrize(
    "params", [{"tenant": "x"}, {"trans_type": "charge-ish"}, {"trans_date__gte": "01/02/2026"}, {"page_size": "1000"}]
)
def test_ledger_list_invalid_parameters(api_client, params):
    assert api_client.get("/api/v1/tenants/ledger/", params).status_code == 400


@pytest.mark.parametrize("page_size", [5, 50])
def test_ledger_list_query_count(api_client, page_size, django_assert_max_num_queries):
    for lease in LeaseFactory.create_batch(30):
        LedgerEntryFactory.create_batch(2, tenant=lease.tenant, lease=lease)
    with django_assert_max_num_queries(3 + ACCESS_QUERIES):
        response = api_client.get("/api/v1/tenants/ledger/", {"page_size": page_size})
    assert len(response.json()["results"]) == page_size


def test_routes_are_not_swallowed_by_the_tenant_id_route(api_client):
    LeaseFactory()
    assert "results" in api_client.get("/api/v1/tenants/leases/").json()
    assert "results" in api_client.get("/api/v1/tenants/ledger/").json()
    assert "total_leases" in api_client.get("/api/v1/tenants/leases/lifecycle-stats/").json()


def test_lease_count_unchanged_by_reads(api_client):
    LeaseFactory()
    api_client.get(LEASES)
    assert TenantLease.objects.count() == 1
