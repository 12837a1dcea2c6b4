"""The pricing API through its real URLs: shapes, filters, scoping, permissions, validation, query bounds."""

import datetime
import uuid
from decimal import Decimal

import pytest
from django.utils import timezone

from pricing.models import PricingSnapshot
from pricing.services import pricing_engine_run, pricing_history_backfill
from pricing.tests.factories import small_portfolio
from units.models import UnitsUnit

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()
BASE = "/api/v1/pricing"


@pytest.fixture
def priced():
    props = small_portfolio(properties=2, groups=2, per_group=4, today=TODAY)
    pricing_history_backfill(days=5, as_of=TODAY)
    return props


def test_snapshots_latest_per_unit_filtered_and_ordered(api_client, priced, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        body = api_client.get(f"{BASE}/snapshots/").json()
    assert body["count"] == 20
    row = body["results"][0]
    assert {"unit_number", "bedrooms", "current_rent", "market_rent", "recommended_rent", "rent_gap_pct", "summary",
            "pricing_strategy", "confidence_score", "comp_count", "position"} <= set(row)  # fmt: skip
    assert {r["snapshot_date"] for r in body["results"]} == {TODAY.isoformat()}
    gaps = [r["rent_gap_pct"] for r in body["results"]]
    assert gaps == sorted(gaps)  # most below market first
    prop = priced[0]
    assert api_client.get(f"{BASE}/snapshots/", {"property": prop.pk}).json()["count"] == 10
    vacant = api_client.get(f"{BASE}/snapshots/", {"is_vacant": "true"}).json()
    assert vacant["count"] == 4 and all(r["is_vacant"] for r in vacant["results"])
    assert api_client.get(f"{BASE}/snapshots/", {"bedrooms": 2}).json()["count"] == 10
    by_market = api_client.get(f"{BASE}/snapshots/", {"ordering": "-market_rent"}).json()["results"]
    assert [Decimal(r["market_rent"]) for r in by_market] == sorted(
        (Decimal(r["market_rent"]) for r in by_market), reverse=True
    )
    for bad in ({"bedrooms": "x"}, {"bedrooms": "-1"}, {"property": "nope"}, {"position": "sideways"}):
        assert api_client.get(f"{BASE}/snapshots/", bad).status_code == 400, bad


def test_snapshots_export_csv(api_client, priced):
    response = api_client.get(f"{BASE}/snapshots/export/", {"is_vacant": "false"})
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    lines = b"".join(response.streaming_content).decode().strip().splitlines()
    assert lines[0].startswith("property,unit,bedrooms") and len(lines) == 1 + 16


def test_unit_history_has_90_days_comps_and_the_explanation(api_client, priced, django_assert_max_num_queries):
    unit = UnitsUnit.objects.filter(status="vacant").first()
    with django_assert_max_num_queries(8):
        body = api_client.get(f"{BASE}/units/{unit.pk}/history/").json()
    assert len(body["history"]) == 5 and body["history"][-1]["snapshot_date"] == TODAY.isoformat()
    latest = body["latest"]
    assert latest["comps"] and latest["comps"][0]["similarity_score"] <= 1
    assert latest["explanation"]["summary"].startswith(f"{latest['comp_count']} comps averaging")
    assert body["can_apply"] is True and body["unit_status"] == "vacant"
    assert api_client.get(f"{BASE}/units/{uuid.uuid4()}/history/").status_code == 404
    assert api_client.get(f"{BASE}/units/not-a-uuid/history/").status_code == 404


def test_apply_recommended_rent_persists_and_is_idempotent(api_client, priced):
    unit = UnitsUnit.objects.filter(status="vacant").first()
    url = f"{BASE}/units/{unit.pk}/apply/"
    response = api_client.post(url, {}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert response.status_code == 200, response.content
    body = response.json()
    unit.refresh_from_db()
    assert body["asking_rent"] == body["latest"]["recommended_rent"] == str(unit.market_rent)
    assert body["latest"]["applied_by_name"] and body["latest"]["applied_rent"] == str(unit.market_rent)
    replay = api_client.post(url, {}, format="json", HTTP_IDEMPOTENCY_KEY="k-1")
    assert replay.status_code == 200 and replay["Idempotent-Replayed"] == "true"
    assert api_client.post(url, {}, format="json").status_code == 200  # again without a key: nothing changes
    occupied = UnitsUnit.objects.filter(status="occupied").first()
    refused = api_client.post(f"{BASE}/units/{occupied.pk}/apply/", {}, format="json")
    assert refused.status_code == 400 and "renewal" in refused.json()["detail"]


def test_revenue_opportunity_shape_and_totals(api_client, priced, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        body = api_client.get(f"{BASE}/revenue-opportunity/").json()
    snaps = list(PricingSnapshot.objects.filter(snapshot_date=TODAY, is_vacant=False))
    assert body["total_units_analyzed"] == len(snaps) == 16
    assert body["units_below_market"] + body["units_at_market"] + body["units_above_market"] == 16
    below = sum((s.market_rent - s.current_rent for s in snaps if s.rent_gap_pct < -1), Decimal("0"))
    assert Decimal(str(body["total_monthly_gap"])) == below
    assert Decimal(str(body["annual_revenue_opportunity"])) == below * 12
    assert {"property_id", "property_name", "units_below", "monthly_gap", "avg_gap_pct"} <= set(body["by_property"][0])
    assert body["model_accuracy"]["units"] > 0 and body["vacant_units"] == 4
    one = api_client.get(f"{BASE}/revenue-opportunity/", {"property": priced[0].pk}).json()
    assert one["total_units_analyzed"] == 8 and len(one["by_property"]) == 1
    assert api_client.get(f"{BASE}/revenue-opportunity/", {"property": "x"}).status_code == 400


def test_run_engine_all_or_one_property_and_404_for_unknown(api_client, priced):
    response = api_client.post(f"{BASE}/run-engine/", {}, format="json")
    assert response.status_code == 202 and response.json()["status"] == "succeeded"
    assert "Priced 20 units" in response.json()["result"]["summary"]
    one = api_client.post(f"{BASE}/run-engine/", {"property": str(priced[0].pk)}, format="json")
    assert one.status_code == 202 and "Priced 10 units" in one.json()["result"]["summary"]
    assert api_client.post(f"{BASE}/run-engine/", {"property": str(uuid.uuid4())}, format="json").status_code == 404
    assert api_client.post(f"{BASE}/run-engine/", {"property": "nope"}, format="json").status_code == 400


def test_a_scoped_manager_sees_only_their_properties(make_user, priced):
    inside, outside = priced
    client = make_user("property_manager", properties=[inside])
    body = client.get(f"{BASE}/snapshots/").json()
    assert body["count"] == 10 and {r["property_id"] for r in body["results"]} == {str(inside.pk)}
    opp = client.get(f"{BASE}/revenue-opportunity/").json()
    assert [p["property_name"] for p in opp["by_property"]] == [inside.name]
    out_unit = UnitsUnit.objects.filter(property=outside, status="vacant").first()
    assert client.get(f"{BASE}/units/{out_unit.pk}/history/").status_code == 404
    assert client.post(f"{BASE}/units/{out_unit.pk}/apply/", {}, format="json").status_code == 404
    assert client.post(f"{BASE}/run-engine/", {"property": str(outside.pk)}, format="json").status_code == 404


def test_roles(make_user, priced):
    unit = UnitsUnit.objects.filter(status="vacant").first()
    maintenance = make_user("maintenance_coordinator")
    assert maintenance.get(f"{BASE}/snapshots/").status_code == 200
    assert maintenance.post(f"{BASE}/units/{unit.pk}/apply/", {}, format="json").status_code == 403
    leasing = make_user("leasing_agent")
    assert leasing.post(f"{BASE}/run-engine/", {}, format="json").status_code == 403
    assert leasing.post(f"{BASE}/units/{unit.pk}/apply/", {}, format="json").status_code == 200
    readonly = make_user("read_only")
    assert readonly.post(f"{BASE}/units/{unit.pk}/apply/", {}, format="json").status_code == 403


def test_nothing_priced_yet_answers_empty_not_an_error(api_client):
    small_portfolio(properties=1, groups=1, per_group=3, today=TODAY)
    assert api_client.get(f"{BASE}/snapshots/").json()["count"] == 0
    body = api_client.get(f"{BASE}/revenue-opportunity/").json()
    assert body["total_units_analyzed"] == 0 and body["model_accuracy"] is None and body["snapshot_date"] is None
    unit = UnitsUnit.objects.first()
    hist = api_client.get(f"{BASE}/units/{unit.pk}/history/").json()
    assert hist["latest"] is None and hist["history"] == [] and hist["can_apply"] is False
    assert api_client.post(f"{BASE}/units/{unit.pk}/apply/", {}, format="json").status_code == 400


def test_history_is_the_last_90_days():
    small_portfolio(properties=1, groups=1, per_group=3, today=TODAY)
    pricing_engine_run(as_of=TODAY - datetime.timedelta(days=95))
    pricing_engine_run(as_of=TODAY)
    from pricing.selectors import unit_pricing_history

    unit = UnitsUnit.objects.first()
    assert [s.snapshot_date for s in unit_pricing_history(unit=unit, today=TODAY)] == [TODAY]
