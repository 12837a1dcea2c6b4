"""Chat API: conversations are their creator's (404 for anyone else), the answer streams as SSE with tables and
actions, tools respect the caller's scope and role, and with a key the tool use round-trips through the SDK."""

import json

import pytest

from chat.models import ChatConversation, ChatMessage
from core.ai.testing import stub_claude

from .conftest import TODAY


def _events(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode()
    return [json.loads(line[6:]) for line in text.splitlines() if line.startswith("data: ")]


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    import django.utils.timezone as tz

    monkeypatch.setattr(tz, "localdate", lambda *a, **k: TODAY)


def test_conversations_are_their_creators(make_user, db):
    alice, bob = make_user("property_manager"), make_user("property_manager")
    created = alice.post("/api/v1/chat/conversations/", {"title": "Vacancy"}, format="json")
    assert created.status_code == 201
    cid = created.json()["id"]
    assert [c["id"] for c in alice.get("/api/v1/chat/conversations/").json()["results"]] == [cid]
    assert bob.get("/api/v1/chat/conversations/").json()["results"] == []
    assert bob.get(f"/api/v1/chat/conversations/{cid}/messages/").status_code == 404
    response = bob.post(f"/api/v1/chat/conversations/{cid}/messages/", {"content": "hi"}, format="json")
    assert response.status_code == 404 and not ChatMessage.objects.exists()
    assert alice.get("/api/v1/chat/conversations/not-a-uuid/messages/").status_code == 404
    assert alice.post(f"/api/v1/chat/conversations/{cid}/messages/", {"content": ""}, format="json").status_code == 400
    assert (
        alice.post(f"/api/v1/chat/conversations/{cid}/messages/", {"content": "x" * 2001}, format="json").status_code
        == 400
    )


def test_a_question_streams_text_a_table_and_an_action_then_history(seeded, make_user):
    client = make_user("property_manager")
    cid = client.post("/api/v1/chat/conversations/", {}, format="json").json()["id"]
    response = client.post(
        f"/api/v1/chat/conversations/{cid}/messages/",
        {"content": "Show leases expiring in the next 60 days below market"},
        format="json",
        HTTP_ACCEPT="text/event-stream",
    )
    assert response.status_code == 200 and response["Content-Type"].startswith("text/event-stream")
    events = _events(response)
    kinds = [e["type"] for e in events]
    assert kinds[0] == "start" and kinds[-1] == "done"
    assert {"tool_use", "tool_result", "block", "text"} <= set(kinds)
    blocks = [e["block"] for e in events if e["type"] == "block"]
    table = next(b for b in blocks if b["type"] == "table")
    assert table["rows"] and table["columns"][0]["key"] == "lease_number"
    action = next(b for b in blocks if b["type"] == "action")
    assert action["route"] == "/portfolio/command-center" and action["params"] == {"state": "active"}
    history = client.get(f"/api/v1/chat/conversations/{cid}/messages/").json()
    assert [m["role"] for m in history] == ["user", "assistant"]
    assert history[1]["content"] == events[-1]["text"] and history[1]["blocks"] == events[-1]["blocks"]
    assert history[1]["tool_calls"][0]["name"] == "query_leases"
    assert ChatConversation.objects.get(pk=cid).title.startswith("Show leases expiring")


def test_tools_see_only_the_callers_properties(seeded, make_user):
    from properties.models import Properties
    from tenants.models import TenantLease

    inside = Properties.objects.order_by("name").first()
    client = make_user("property_manager", properties=[inside])
    cid = client.post("/api/v1/chat/conversations/", {}, format="json").json()["id"]
    events = _events(
        client.post(f"/api/v1/chat/conversations/{cid}/messages/", {"content": "What's the rent roll?"}, format="json")
    )
    result = next(e for e in events if e["type"] == "tool_result")["output"]
    assert [r["property"] for r in result["rows"]] == [inside.name]
    outside = Properties.objects.exclude(pk=inside.pk).order_by("name").first()
    text = json.dumps(events)
    assert outside.name not in text
    events = _events(
        client.post(
            f"/api/v1/chat/conversations/{cid}/messages/",
            {"content": f"How many leases does {outside.name} have?"},
            format="json",
        )
    )
    # the analyst knows only the caller's property names: the answer covers their portfolio, never the other one
    done = events[-1]
    mine = TenantLease.objects.filter(property=inside).count()
    assert f"{mine} leases across your portfolio" in done["text"] and outside.name not in json.dumps(events)


def test_a_role_without_the_ledger_is_not_offered_the_money_tool(seeded, make_user):
    client = make_user("maintenance_coordinator")
    cid = client.post("/api/v1/chat/conversations/", {}, format="json").json()["id"]
    events = _events(
        client.post(
            f"/api/v1/chat/conversations/{cid}/messages/", {"content": "Show me all overdue balances"}, format="json"
        )
    )
    assert "your role can't see that data" in events[-1]["text"]
    assert not any(e["type"] == "block" for e in events)


def test_with_a_key_the_tool_use_round_trips_through_the_sdk(seeded, make_user, settings):
    from units.models import UnitsUnit

    gen = stub_claude(settings)
    claude = next(gen)
    try:
        claude.add_stream_tool_use("query_vacancy", {}, tool_id="toolu_1", preface="Checking.")
        claude.add_stream_text(["Here is the vacancy."])
        client = make_user("property_manager")
        cid = client.post("/api/v1/chat/conversations/", {}, format="json").json()["id"]
        events = _events(
            client.post(f"/api/v1/chat/conversations/{cid}/messages/", {"content": "Vacancy?"}, format="json")
        )
        result = next(e for e in events if e["type"] == "tool_result")
        assert result["output"]["totals"]["vacant_units"] == UnitsUnit.objects.filter(status="vacant").count()
        assert events[-1]["provider"] == "anthropic" and events[-1]["text"] == "Checking.Here is the vacancy."
        first = claude.requests[0].json
        assert {t["name"] for t in first["tools"]} >= {"query_leases", "query_financials", "create_action"}
        assert "Westfield Gardens" in first["system"] or "Aspen Grove" in first["system"]
        tool_result = claude.requests[1].json["messages"][2]["content"][0]
        assert json.loads(tool_result["content"])["totals"] == result["output"]["totals"]
        stored = ChatMessage.objects.get(role="assistant")
        assert stored.blocks and stored.tool_calls[0]["name"] == "query_vacancy"
    finally:
        gen.close()


def test_an_unavailable_provider_answers_503_and_stores_nothing(make_user, settings, db):
    settings.AI_PROVIDER = "anthropic"
    settings.ANTHROPIC_API_KEY = ""
    client = make_user("property_manager")
    cid = client.post("/api/v1/chat/conversations/", {}, format="json").json()["id"]
    response = client.post(f"/api/v1/chat/conversations/{cid}/messages/", {"content": "Vacancy?"}, format="json")
    assert response.status_code == 503 and not ChatMessage.objects.exists()
