from datetime import timedelta

import pytest
from django.utils import timezone

from core.ai.services import ai_call_log_create
from core.models import AICallLog
from core.permissions import ACCESS_QUERIES

pytestmark = pytest.mark.django_db


def log(feature, outcome="success", provider="anthropic", tokens=(100, 20), latency=400, **kw):
    return ai_call_log_create(
        feature=feature,
        prompt_name=f"{feature}.p",
        prompt_version="1",
        kind="json",
        provider=provider,
        model="m",
        outcome=outcome,
        latency_ms=latency,
        input_tokens=tokens[0],
        output_tokens=tokens[1],
        **kw,
    )


def test_usage_summarises_calls_failures_and_tokens_per_feature(api_client, django_assert_max_num_queries):
    log("renewals", latency=300)
    log("renewals", outcome="invalid_output", latency=500, tokens=(50, 10))
    log("collections", provider="offline", tokens=(0, 0), latency=2)
    old = log("collections")
    AICallLog.objects.filter(id=old.id).update(created_at=timezone.now() - timedelta(days=40))

    with django_assert_max_num_queries(3 + ACCESS_QUERIES):
        resp = api_client.get("/api/v1/ai/usage/")
    assert resp.status_code == 200
    body = resp.json()
    assert (body["provider"], body["model"], body["since"]) == ("offline", "offline", None)
    assert body["totals"] == {
        "calls": 4,
        "failures": 1,
        "offline_calls": 1,
        "input_tokens": 250,
        "output_tokens": 50,
        "avg_latency_ms": 300,
    }
    by_feature = {f["feature"]: f for f in body["features"]}
    assert by_feature["renewals"] | {"last_call_at": None} == {
        "feature": "renewals",
        "calls": 2,
        "failures": 1,
        "offline_calls": 0,
        "input_tokens": 150,
        "output_tokens": 30,
        "avg_latency_ms": 400,
        "last_call_at": None,
    }
    assert by_feature["collections"]["calls"] == 2

    since = (timezone.now() - timedelta(days=7)).date().isoformat()
    recent = api_client.get("/api/v1/ai/usage/", {"since": since}).json()
    assert recent["totals"]["calls"] == 3 and recent["since"].startswith(since)
    only = api_client.get("/api/v1/ai/usage/", {"feature": "renewals"}).json()
    assert [f["feature"] for f in only["features"]] == ["renewals"]


def test_usage_rejects_a_bad_since_and_needs_login(api_client, anon_client):
    resp = api_client.get("/api/v1/ai/usage/", {"since": "last tuesday"})
    assert resp.status_code == 400 and resp.json()["detail"].startswith("since:")
    assert anon_client.get("/api/v1/ai/usage/").status_code == 401


def test_status_says_which_provider_answers(api_client, settings):
    assert api_client.get("/api/v1/ai/status/").json() == {"provider": "offline", "model": "offline"}
    settings.AI_PROVIDER, settings.ANTHROPIC_API_KEY, settings.CLAUDE_MODEL = "anthropic", "k", "claude-x"
    assert api_client.get("/api/v1/ai/status/").json() == {"provider": "anthropic", "model": "claude-x"}
