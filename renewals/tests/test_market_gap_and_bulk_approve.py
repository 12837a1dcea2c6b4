"""The renewals list's market columns and gap filter; POST /api/v1/renewals/bulk-approve/."""

import uuid
from decimal import Decimal

import pytest

from core.permissions import ACCESS_QUERIES
from renewals.models import RenewalRecommendation
from renewals.tests.factories import RenewalRecommendationFactory

pytestmark = pytest.mark.django_db
LIST = "/api/v1/renewals/"
BULK = "/api/v1/renewals/bulk-approve/"


@pytest.fixture
def gaps(db):
    """B-504 above market (the issue's case), one at market, two below."""
    return {
        "above": RenewalRecommendationFactory(current_rent=Decimal("1520.00"), market_rent=Decimal("1480.00")),
        "at": RenewalRecommendationFactory(current_rent=Decimal("1480.00"), market_rent=Decimal("1480.00")),
        "below4": RenewalRecommendationFactory(current_rent=Decimal("1418.00"), market_rent=Decimal("1480.00")),
        "below15": RenewalRecommendationFactory(current_rent=Decimal("1258.00"), market_rent=Decimal("1480.00")),
    }


def ids_of(body):
    return {r["id"] for r in body["results"]}


def test_rows_carry_market_rent_and_gap(api_client, gaps):
    rows = {r["id"]: r for r in api_client.get(LIST).json()["results"]}
    above = rows[str(gaps["above"].pk)]
    assert (above["market_rent"], above["market_gap"], above["market_gap_pct"]) == ("1480.00", "40.00", 2.7)
    below = rows[str(gaps["below4"].pk)]
    assert (below["market_gap"], below["market_gap_pct"]) == ("-62.00", -4.2)


def test_gap_filter_targets_below_market(api_client, gaps, django_assert_max_num_queries):
    with django_assert_max_num_queries(3 + ACCESS_QUERIES):  # token, count, page
        body = api_client.get(LIST, {"gap_pct_max": 0}).json()
    assert ids_of(body) == {str(gaps[k].pk) for k in ("at", "below4", "below15")}
    body = api_client.get(LIST, {"gap_pct_min": -10, "gap_pct_max": -1}).json()
    assert ids_of(body) == {str(gaps["below4"].pk)}
    assert ids_of(api_client.get(LIST, {"gap_pct_min": 1}).json()) == {str(gaps["above"].pk)}
    ordered = api_client.get(LIST, {"ordering": "market_gap_pct"}).json()["results"]
    assert [r["market_gap_pct"] for r in ordered] == [-15.0, -4.2, 0.0, 2.7]
    assert api_client.get(LIST, {"gap_pct_max": "below"}).status_code == 400


def test_bulk_approve_approves_only_the_pending_ones(api_client, gaps):
    sent = RenewalRecommendationFactory(status="sent")
    unknown = uuid.uuid4()
    ids = [str(gaps["below4"].pk), str(gaps["below15"].pk), str(sent.pk), str(unknown)]
    response = api_client.post(BULK, {"ids": ids}, format="json")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["approved"] == 2
    assert body["skipped"] == [
        {"id": str(sent.pk), "reason": "It is sent to tenant, not pending."},
        {"id": str(unknown), "reason": "Renewal recommendation not found."},
    ]
    for key in ("below4", "below15"):
        rec = RenewalRecommendation.objects.get(pk=gaps[key].pk)
        assert rec.status == "approved" and rec.reviewed_by and rec.reviewed_at and rec.approved_rent is None
    assert RenewalRecommendation.objects.get(pk=gaps["above"].pk).status == "pending"
    # again: nothing left to approve
    again = api_client.post(BULK, {"ids": ids[:2]}, format="json").json()
    assert again["approved"] == 0 and len(again["skipped"]) == 2


def test_bulk_approve_writes_a_missing_letter_first(api_client):
    rec = RenewalRecommendationFactory(renewal_letter_text="", renewal_letter_subject="")
    body = api_client.post(BULK, {"ids": [str(rec.pk)]}, format="json").json()
    assert body == {"approved": 1, "skipped": []}
    rec.refresh_from_db()
    assert rec.status == "approved" and "$1,785.00" in rec.renewal_letter_text and rec.letter_provider == "offline"


def test_bulk_approve_queries_do_not_grow_with_the_selection(api_client, django_assert_max_num_queries):
    recs = RenewalRecommendationFactory.create_batch(30)
    with django_assert_max_num_queries(
        8 + ACCESS_QUERIES
    ):  # token, load, savepoint/lock, update (+ transaction statements)
        body = api_client.post(BULK, {"ids": [str(r.pk) for r in recs]}, format="json").json()
    assert body["approved"] == 30


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"ids": []},
        {"ids": "abc"},
        {"ids": ["not-a-uuid"]},
        {"ids": [str(uuid.uuid4())] * 501},
        {"ids": [None]},
    ],
)
def test_bulk_approve_bad_input_is_400(api_client, payload):
    response = api_client.post(BULK, payload, format="json")
    assert response.status_code == 400, response.content
    assert "detail" in response.json()
