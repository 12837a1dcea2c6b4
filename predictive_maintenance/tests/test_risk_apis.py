"""The 2.3 endpoints through their real URLs: risk scores (latest per unit, filters, summary, CSV), the heatmap,
the suggestions queue with approve/dismiss; scoped to the caller's properties; bounded queries."""

import datetime

import pytest

from demo.seed import seed_portfolio
from predictive_maintenance.models import PreventiveWorkOrderSuggestion, UnitRiskScore
from predictive_maintenance.services import risk_scores_compute
from properties.models import Properties
from units.models import UnitsMaintenance

pytestmark = pytest.mark.django_db
BASE = "/api/v1/predictive-maintenance"
TODAY = datetime.date(2026, 7, 13)


@pytest.fixture
def scored():
    seed_portfolio(leases=120, today=TODAY)
    risk_scores_compute(today=TODAY)


def test_risk_scores_latest_per_unit_with_filters(scored, api_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        body = api_client.get(f"{BASE}/risk-scores/", {"page_size": 50}).json()
    assert body["count"] == UnitRiskScore.objects.count()
    scores = [r["risk_score"] for r in body["results"]]
    assert scores == sorted(scores, reverse=True)
    first = body["results"][0]
    assert {"unit_number", "building", "floor", "property_name", "weights", "predicted_cost_90_days"} <= set(first)
    high = api_client.get(f"{BASE}/risk-scores/", {"risk_level": "high,critical"}).json()
    assert high["count"] == UnitRiskScore.objects.filter(risk_level__in=["high", "critical"]).count()
    assert api_client.get(f"{BASE}/risk-scores/", {"risk_level": "extreme"}).status_code == 400
    prop = Properties.objects.first()
    mine = api_client.get(f"{BASE}/risk-scores/", {"property": prop.pk}).json()
    assert mine["count"] == UnitRiskScore.objects.filter(property=prop).count()
    summary = api_client.get(f"{BASE}/risk-scores/summary/").json()
    assert summary["total"] == UnitRiskScore.objects.count() and summary["score_date"] == TODAY.isoformat()
    assert summary["pending_suggestions"] == PreventiveWorkOrderSuggestion.objects.count()
    csv = api_client.get(f"{BASE}/risk-scores/export/", {"risk_level": "critical,high"})
    lines = b"".join(csv.streaming_content).decode().strip().splitlines()
    assert lines[0].startswith("property_name,building,floor,unit_number") and len(lines) == high["count"] + 1


def test_heatmap_is_property_building_floor_unit(scored, api_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        body = api_client.get(f"{BASE}/risk-heatmap/").json()
    assert sum(body["counts"].values()) == UnitRiskScore.objects.count()
    prop = body["properties"][0]
    floor = prop["buildings"][0]["floors"][0]
    cell = floor["units"][0]
    assert {"unit_id", "unit_number", "risk_score", "risk_level", "factors"} <= set(cell)
    floors = [f["floor"] for f in prop["buildings"][0]["floors"]]
    assert floors == sorted(floors, reverse=True)  # top floor first, as the wireframe
    one = api_client.get(f"{BASE}/risk-heatmap/", {"property": prop["id"]}).json()
    assert [p["id"] for p in one["properties"]] == [prop["id"]]
    assert api_client.get(f"{BASE}/risk-heatmap/", {"property": "nope"}).status_code == 400


def test_suggestions_queue_approve_and_dismiss(scored, api_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        queue = api_client.get(f"{BASE}/suggestions/").json()
    assert queue["count"] == PreventiveWorkOrderSuggestion.objects.filter(status="suggested").count() > 1
    first, second = queue["results"][0], queue["results"][1]
    assert first["risk_score_value"] >= second["risk_score_value"]
    response = api_client.post(f"{BASE}/suggestions/{first['id']}/approve/", HTTP_IDEMPOTENCY_KEY="approve-1")
    assert response.status_code == 200, response.json()
    done = response.json()
    assert done["status"] == "work_order_created" and done["work_order_number"].startswith("WO-")
    assert UnitsMaintenance.objects.filter(pk=done["work_order"], unit_id=first["unit"]).exists()
    again = api_client.post(f"{BASE}/suggestions/{first['id']}/approve/", HTTP_IDEMPOTENCY_KEY="approve-1")
    assert again.status_code == 200 and again.json()["work_order"] == done["work_order"]  # a retry: same answer
    assert api_client.post(f"{BASE}/suggestions/{first['id']}/approve/").status_code == 409
    assert api_client.post(f"{BASE}/suggestions/{second['id']}/dismiss/", {}, format="json").status_code == 400
    dismissed = api_client.post(
        f"{BASE}/suggestions/{second['id']}/dismiss/", {"reason": "Replaced in May"}, format="json"
    ).json()
    assert dismissed["status"] == "dismissed" and dismissed["dismiss_reason"] == "Replaced in May"
    assert dismissed["decided_by_name"]
    pending = api_client.get(f"{BASE}/suggestions/").json()["count"]
    assert pending == queue["count"] - 2
    every = api_client.get(f"{BASE}/suggestions/", {"status": "all"}).json()["count"]
    assert every == queue["count"]
    assert api_client.get(f"{BASE}/suggestions/", {"status": "dismissed"}).json()["count"] == 1


def test_a_scoped_manager_sees_and_decides_only_their_properties(scored, make_user):
    props = list(Properties.objects.order_by("name"))
    inside = next(p for p in props if PreventiveWorkOrderSuggestion.objects.filter(unit__property=p).exists())
    client = make_user("property_manager", properties=[inside])
    scores = client.get(f"{BASE}/risk-scores/", {"page_size": 200}).json()
    assert {r["property"] for r in scores["results"]} == {str(inside.pk)}
    heat = client.get(f"{BASE}/risk-heatmap/").json()
    assert [p["id"] for p in heat["properties"]] == [str(inside.pk)]
    outside = PreventiveWorkOrderSuggestion.objects.exclude(unit__property=inside).first()
    assert client.post(f"{BASE}/suggestions/{outside.pk}/approve/").status_code == 404
    assert client.get(f"{BASE}/suggestions/{outside.pk}/").status_code == 404


def test_roles_read_and_decide_as_declared(scored, make_user):
    s = PreventiveWorkOrderSuggestion.objects.first()
    readonly = make_user("read_only")
    assert readonly.get(f"{BASE}/suggestions/").status_code == 200
    assert readonly.post(f"{BASE}/suggestions/{s.pk}/approve/").status_code == 403
    leasing = make_user("leasing_agent")
    assert leasing.get(f"{BASE}/risk-scores/").status_code == 403
