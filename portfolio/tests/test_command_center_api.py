"""GET /api/v1/portfolio/command-center/ (+ select-all, export) and the AI queue endpoints, through the real URLs."""

import csv
import io
import uuid
from decimal import Decimal

import pytest

from core.permissions import ACCESS_QUERIES
from portfolio.models import AIActionQueue
from portfolio.services import ai_action_queue_generate
from portfolio.tests.conftest import TODAY, make_lease
from units.tests.factories import UnitFactory

pytestmark = pytest.mark.django_db
URL = "/api/v1/portfolio/"
CC = URL + "command-center/"


def get(client, url=CC, **params):
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    return response.json()


def numbers(body):
    return [r["unit_number"] for r in body["results"]]


@pytest.fixture
def queued(units):
    ai_action_queue_generate(today=TODAY)
    return units


# ── auth ─────────────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    "method,path",
    [
        ("get", "command-center/"),
        ("get", "command-center/select-all/"),
        ("get", "command-center/export/"),
        ("get", "ai-queue/"),
        ("get", "ai-queue/stats/"),
        ("post", "ai-queue/run/"),
        ("get", "ai-queue/{id}/"),
        ("post", "ai-queue/{id}/dismiss/"),
        ("get", "bulk-actions/"),
        ("post", "bulk-actions/"),
        ("post", "bulk-actions/preview/"),
        ("get", "bulk-actions/action-types/"),
        ("get", "bulk-actions/{id}/"),
        ("post", "bulk-actions/{id}/cancel/"),
    ],
)
def test_every_endpoint_needs_authentication(anon_client, method, path):
    response = getattr(anon_client, method)(URL + path.format(id=uuid.uuid4()))
    assert response.status_code == 401
    assert response.json() == {"detail": "Authentication credentials were not provided."}


# ── rows ─────────────────────────────────────────────────────────────────────────────────────────────


def test_rows_cover_every_unit_with_its_current_lease(api_client, queued, harbor):
    UnitFactory(property=harbor, unit_number="NEW-1", market_rent=Decimal("1999.00"), status="vacant")
    body = get(api_client, page_size=100)
    assert body["count"] == 12 and len(body["results"]) == 12
    rows = {r["unit_number"]: r for r in body["results"]}
    holdover = rows["1624B"]
    lease = queued["holdover"]
    assert holdover["id"] == str(lease.unit_id) and holdover["lease_id"] == str(lease.pk)
    assert (holdover["lifecycle_state"], holdover["tenant_name"], holdover["rent"], holdover["market_rent"]) == (
        "month_to_month",
        "Maria Santos",
        "1500.00",
        "1800.00",
    )
    assert (holdover["property_id"], holdover["property_name"], holdover["building"]) == (
        str(lease.property_id),
        "Harbor View",
        "A",
    )
    assert holdover["days_to_event"] == -100 and holdover["event_date"] == lease.lease_end_date.isoformat()
    assert holdover["risk_level"] is None and holdover["balance"] == "0.00"
    assert holdover["ai_action_count"] == 2
    top = holdover["ai_action"]
    assert top["action_type"] in ("rent_increase_notice", "renewal_offer") and 0.6 <= top["confidence"] <= 0.99
    assert set(top) == {"id", "action_type", "label", "description", "confidence", "priority", "status", "reason"}
    assert (rows["1822F"]["days_to_event"], rows["1407D"]["days_to_event"]) == (75, 10)
    vacant = rows["1409D"]
    assert (vacant["lifecycle_state"], vacant["tenant_name"], vacant["rent"], vacant["days_to_event"]) == (
        "vacant",
        None,
        "1350.00",
        -12,
    )
    assert vacant["balance"] is None and vacant["ai_action"] is None
    never_leased = rows["NEW-1"]
    assert (
        never_leased["lifecycle_state"],
        never_leased["lease_id"],
        never_leased["rent"],
        never_leased["days_to_event"],
    ) == ("vacant", None, "1999.00", None)
    debtor = rows["O-101"]
    assert debtor["risk_level"] == "chronic" and debtor["collections_case_id"] == str(queued["case"].pk)
    assert debtor["ai_action"]["action_type"] == "eviction_prep"
    assert body["today"] == TODAY.isoformat()


def test_a_unit_with_an_older_lease_shows_only_the_current_one(api_client, units):
    from tenants.tests.factories import LeaseFactory

    unit = units["vacant"].unit
    LeaseFactory(
        unit=unit,
        lease_begin_date=TODAY,
        lease_end_date=TODAY.replace(year=TODAY.year + 1),
        monthly_rent_amount=Decimal("1395.00"),
    )
    rows = [r for r in get(api_client, page_size=100)["results"] if r["id"] == str(unit.pk)]
    assert len(rows) == 1 and rows[0]["lifecycle_state"] == "active" and rows[0]["rent"] == "1395.00"


# ── filters and summary ──────────────────────────────────────────────────────────────────────────────


def test_lifecycle_filter_and_summary_per_state(api_client, units, harbor):
    body = get(api_client, lifecycle_state="month_to_month")
    assert sorted(numbers(body)) == ["1543C", "1624B", "2301A", "O-102"]
    assert body["summary"] == {
        "active": 4,
        "month_to_month": 4,
        "notice": 2,
        "vacant": 1,
        "total": 4,
        "total_rent": "5930.00",
        "occupied_rent": "5930.00",
        "vacant_asking_rent": "0.00",
    }
    body = get(api_client, lifecycle_state="month_to_month,notice", property=str(harbor.pk))
    assert sorted(numbers(body)) == ["1407D", "1408D", "1543C", "1624B", "2301A"]
    # the summary counts every state under the other filters (the checkboxes' counts)
    assert body["summary"] == {
        "active": 3,
        "month_to_month": 3,
        "notice": 2,
        "vacant": 1,
        "total": 5,
        "total_rent": "7220.00",
        "occupied_rent": "7220.00",
        "vacant_asking_rent": "0.00",
    }
    # all states: the vacant unit's asking rent is counted apart from what tenants pay
    s = get(api_client)["summary"]
    assert Decimal(s["total_rent"]) == Decimal(s["occupied_rent"]) + Decimal(s["vacant_asking_rent"])
    assert Decimal(s["vacant_asking_rent"]) > 0
    assert get(api_client, lifecycle_state="notice", lifecycle_state__x="ignored")["count"] == 2


@pytest.mark.parametrize(
    "params,expected",
    [
        ({"risk_level": "chronic"}, ["O-101"]),
        ({"risk_level": "chronic,standard"}, ["O-101"]),
        ({"risk_level": "good_history"}, []),
        ({"min_rent": "1450", "max_rent": "1500"}, ["1624B", "2301A"]),
        ({"min_rent": "1750"}, ["1543C", "1901A", "1902A"]),
        ({"days_to_event__gte": "0", "days_to_event__lte": "14"}, ["1407D"]),
        ({"days_to_event__lte": "-50"}, ["1624B", "O-102"]),
        ({"building": "d"}, ["1407D", "1408D", "1409D"]),
        ({"search": "santos"}, ["1624B"]),
        ({"search": "maria SANTOS"}, ["1624B"]),
        ({"search": "1407"}, ["1407D"]),
        ({"search": "Gone"}, []),  # a vacant unit's former tenant is not searchable
    ],
)
def test_filters(api_client, units, params, expected):
    assert sorted(numbers(get(api_client, page_size=100, **params))) == expected


def test_risk_none_and_ai_action_filters(api_client, queued):
    assert get(api_client, risk_level="none")["count"] == 10
    assert sorted(numbers(get(api_client, ai_action="listing_prep,eviction_prep"))) == ["1407D", "O-101"]
    assert get(api_client, has_ai_action="true")["count"] == 7
    assert get(api_client, has_ai_action="false")["count"] == 4


@pytest.mark.parametrize(
    "params,field",
    [
        ({"lifecycle_state": "expired"}, "lifecycle_state"),
        ({"risk_level": "scary"}, "risk_level"),
        ({"property": "not-a-uuid"}, "property"),
        ({"min_rent": "lots"}, "min_rent"),
        ({"days_to_event__lte": "soon"}, "days_to_event__lte"),
        ({"ordering": "vibes"}, "ordering"),
        ({"page_size": "501"}, "page_size"),
        ({"ai_action": "launch"}, "ai_action"),
    ],
)
def test_invalid_parameters_are_400(api_client, units, params, field):
    response = api_client.get(CC, params)
    assert response.status_code == 400
    assert field in response.json()["errors"]


# ── ordering ─────────────────────────────────────────────────────────────────────────────────────────


def test_ordering(api_client, queued):
    by_days = numbers(get(api_client, page_size=100))
    assert by_days[:3] == ["1624B", "O-102", "2301A"]  # longest holdovers first (most negative)
    assert numbers(get(api_client, page_size=100, ordering="-days_to_event"))[:2] == ["O-101", "1901A"]
    rents = [Decimal(r["rent"]) for r in get(api_client, page_size=100, ordering="rent")["results"]]
    assert rents == sorted(rents)
    assert numbers(get(api_client, page_size=100, ordering="-risk"))[0] == "O-101"
    conf = [
        r["ai_action"]["confidence"] if r["ai_action"] else None
        for r in get(api_client, page_size=100, ordering="-confidence")["results"]
    ]
    present = [c for c in conf if c is not None]
    assert present == sorted(present, reverse=True) and conf[len(present) :] == [None] * (len(conf) - len(present))
    asc = [
        r["ai_action"] and r["ai_action"]["confidence"]
        for r in get(api_client, page_size=100, ordering="confidence")["results"]
    ]
    assert asc[: len(present)] == sorted(present) and asc[-1] is None  # empty values last both ways


def test_pagination_is_stable(api_client, units):
    first = get(api_client, page_size=5, ordering="state")
    second = get(api_client, page_size=5, ordering="state", page=2)
    third = get(api_client, page_size=5, ordering="state", page=3)
    ids = [r["id"] for body in (first, second, third) for r in body["results"]]
    assert len(ids) == len(set(ids)) == 11 and first["next"] and third["next"] is None


@pytest.mark.parametrize("page_size", [5, 100])
def test_bounded_number_of_queries_whatever_the_page_size(
    api_client, queued, harbor, page_size, django_assert_max_num_queries
):
    for i in range(30):
        make_lease(
            harbor,
            f"Bulk{i}",
            "Tenant",
            unit_number=f"Z-{i:03d}",
            market="1600",
            rent="1500",
            month_to_month=True,
            lease_end_date=TODAY.replace(day=1),
            holdover_start_date=TODAY.replace(day=1),
        )
    ai_action_queue_generate(today=TODAY)
    # token auth (2), count, page, summary, top actions, balances, collections cases, open items (renewal
    # offers, rent increase notices, collections: tenants.open_items)
    with django_assert_max_num_queries(11 + ACCESS_QUERIES):
        body = get(
            api_client,
            page_size=page_size,
            ordering="-confidence",
            risk_level="none,chronic",
            search="e",
            lifecycle_state="active,month_to_month,notice,vacant",
        )
    assert len(body["results"]) == min(page_size, body["count"])


# ── select all and export ────────────────────────────────────────────────────────────────────────────


def test_select_all_returns_every_matching_id_and_the_total_rent(api_client, units):
    body = get(api_client, CC + "select-all/", lifecycle_state="month_to_month")
    mtm = [units[k].unit_id for k in ("holdover", "oak_mtm", "at_market", "fresh_mtm")]  # days_to_event order
    assert body == {
        "count": 4,
        "unit_ids": [str(u) for u in mtm],
        "rents": ["1500.00", "1200.00", "1450.00", "1780.00"],
        "total_rent": "5930.00",
        "truncated": False,
    }


def test_export_streams_the_current_filter_as_csv(api_client, queued):
    response = api_client.get(CC + "export/", {"lifecycle_state": "notice,month_to_month", "ordering": "unit_number"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert response.streaming
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert [r["unit_number"] for r in rows] == ["1407D", "1408D", "1543C", "1624B", "2301A", "O-102"]
    r = rows[3]
    assert (r["tenant"], r["rent"], r["days_to_event"], r["lifecycle_state"]) == (
        "Maria Santos",
        "1500.00",
        "-100",
        "month_to_month",
    )
    assert r["ai_action_type"] in ("rent_increase_notice", "renewal_offer") and r["ai_confidence"]


def test_export_neutralises_formulas(api_client, units):
    tenant = units["nudge"].tenant
    tenant.first_name = "=HYPERLINK(1)"
    tenant.save()
    response = api_client.get(CC + "export/", {"search": "mitchell"})
    text = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK(1) Mitchell" in text


# ── the AI queue ─────────────────────────────────────────────────────────────────────────────────────


def test_queue_lists_open_items_urgent_first(api_client, queued):
    body = get(api_client, URL + "ai-queue/", page_size=100)
    assert body["count"] == AIActionQueue.objects.filter(status="pending").count() == 10
    ranks = {"urgent": 3, "high": 2, "medium": 1, "low": 0}
    keys = [(ranks[r["priority"]], r["confidence"]) for r in body["results"]]
    assert keys == sorted(keys, reverse=True)
    item = next(r for r in body["results"] if r["action_type"] == "eviction_prep")
    assert (item["unit_number"], item["property_name"], item["tenant_name"], item["label"]) == (
        "O-101",
        "Oak Ridge",
        "Rob Tardy",
        "Begin eviction prep",
    )
    assert item["reason"].startswith("$2,800.00 overdue for 40 days")


@pytest.mark.parametrize(
    "params,count",
    [
        ({"action_type": "renewal_offer"}, 3),
        ({"action_type": "renewal_offer,listing_prep"}, 4),
        ({"lifecycle_state": "notice"}, 3),
        ({"min_confidence": "0.99"}, 1),
        ({"status": "dismissed"}, 0),
        ({"status": "all"}, 10),
    ],
)
def test_queue_filters(api_client, queued, params, count):
    assert get(api_client, URL + "ai-queue/", **params)["count"] == count


def test_queue_property_and_priority_filters(api_client, queued, oak):
    body = get(api_client, URL + "ai-queue/", property=str(oak.pk))
    assert {r["unit_number"] for r in body["results"]} == {"O-101", "O-102"}
    urgent = get(api_client, URL + "ai-queue/", priority="urgent")
    assert urgent["count"] == AIActionQueue.objects.filter(priority="urgent").count() > 0


def test_queue_list_query_count(api_client, queued, django_assert_max_num_queries):
    with django_assert_max_num_queries(4 + ACCESS_QUERIES):
        get(api_client, URL + "ai-queue/", page_size=100)


def test_dismiss(api_client, queued):
    item = AIActionQueue.objects.get(action_type="eviction_prep")
    response = api_client.post(f"{URL}ai-queue/{item.pk}/dismiss/")
    assert response.status_code == 200
    assert response.json()["status"] == "dismissed" and response.json()["dismissed_by"] == "user:manager@example.com"
    item.refresh_from_db()
    assert item.status == "dismissed" and item.dismissed_at is not None
    again = api_client.post(f"{URL}ai-queue/{item.pk}/dismiss/")
    assert again.status_code == 400
    assert again.json() == {"detail": "Only pending recommendations can be dismissed; this one is dismissed."}
    assert get(api_client, f"{URL}ai-queue/{item.pk}/")["status"] == "dismissed"


@pytest.mark.parametrize("item_id", [uuid.uuid4(), "nope"])
def test_unknown_queue_item_is_404(api_client, item_id):
    for response in (api_client.get(f"{URL}ai-queue/{item_id}/"), api_client.post(f"{URL}ai-queue/{item_id}/dismiss/")):
        assert response.status_code == 404 and response.json() == {"detail": "AI action not found."}


def test_queue_stats_and_run(api_client, units):
    run = api_client.post(URL + "ai-queue/run/")
    assert run.status_code == 202 and run.json()["status"] == "succeeded"  # a job, run inline under test settings
    assert run.json()["summary"].startswith("Evaluated 10 units")
    stats = get(api_client, URL + "ai-queue/stats/")
    assert stats["total"] == 10 and stats["by_action_type"]["renewal_offer"] == 3
    assert sum(stats["by_priority"].values()) == 10
