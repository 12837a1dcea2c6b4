"""chat_stream: a streaming tool-use conversation, offline and through the SDK's SSE stream."""

import json

import pytest

from core.ai import AIUnavailable, ChatPrompt, Tool, chat_stream, register_offline, sse_response, unregister_offline
from core.ai.testing import TEST_MODEL, no_network, stub_claude  # noqa: F401
from core.exceptions import ApplicationError
from core.models import AICallLog

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_network")]


@pytest.fixture
def claude(settings):
    yield from stub_claude(settings)


CHAT = ChatPrompt(
    feature="chat",
    name="test.chat.portfolio",
    version="1",
    system="You answer questions about the {portfolio} portfolio.",
)
VACANCY_SCHEMA = {"type": "object", "properties": {"property_name": {"type": "string"}}, "additionalProperties": False}


def vacancy_tool(calls):
    def handler(tool_input):
        calls.append(tool_input)
        if tool_input.get("property_name") == "Closed":
            raise ApplicationError("That property is archived.")
        return {"vacant_units": 3, "units": ["A-101", "B-205", "C-314"]}

    return Tool(
        name="query_vacancy", description="Vacancy across the portfolio.", input_schema=VACANCY_SCHEMA, handler=handler
    )


def test_streamed_text_then_done(claude):
    claude.add_stream_text(["Hello", " there."], input_tokens=40, output_tokens=6)
    events = list(chat_stream(CHAT, [{"role": "user", "content": "hi"}], inputs={"portfolio": "Acme"}))

    assert [e["type"] for e in events] == ["text", "text", "done"]
    assert "".join(e["text"] for e in events[:2]) == "Hello there."
    done = events[-1]
    assert (done["text"], done["provider"], done["model"], done["stop_reason"]) == (
        "Hello there.",
        "anthropic",
        TEST_MODEL,
        "end_turn",
    )
    assert (done["input_tokens"], done["output_tokens"]) == (40, 6)
    assert done["messages"] == [{"role": "assistant", "content": [{"type": "text", "text": "Hello there."}]}]
    body = claude.requests[0].json
    assert body["stream"] is True and body["system"].startswith("You answer questions about the Acme portfolio.")
    assert "Tool results" in body["system"] and "tools" not in body and "temperature" not in body
    log = AICallLog.objects.get(id=done["call_id"])
    assert (log.kind, log.outcome, log.input_tokens, log.output_tokens) == ("chat", "success", 40, 6)


def test_tool_use_round_trip(claude):
    calls = []
    claude.add_stream_tool_use(
        "query_vacancy",
        {"property_name": "Oak Court"},
        tool_id="toolu_1",
        preface="Let me check.",
        input_tokens=50,
        output_tokens=20,
    )
    claude.add_stream_text(["Oak Court has ", "3 vacant units."], input_tokens=90, output_tokens=10)
    history = [{"role": "user", "content": "How many vacancies at Oak Court?"}]
    events = list(chat_stream(CHAT, history, tools=[vacancy_tool(calls)], inputs={"portfolio": "Acme"}))

    assert [e["type"] for e in events] == ["text", "tool_use", "tool_result", "text", "text", "done"]
    assert events[1] == {
        "type": "tool_use",
        "id": "toolu_1",
        "name": "query_vacancy",
        "input": {"property_name": "Oak Court"},
    }
    assert events[2]["output"]["vacant_units"] == 3 and events[2]["is_error"] is False
    assert calls == [{"property_name": "Oak Court"}]
    done = events[-1]
    assert done["text"] == "Let me check.Oak Court has 3 vacant units."
    assert (done["input_tokens"], done["output_tokens"]) == (140, 30)

    first, second = (r.json for r in claude.requests)
    assert first["tools"] == [
        {"name": "query_vacancy", "description": "Vacancy across the portfolio.", "input_schema": VACANCY_SCHEMA}
    ]
    assert second["messages"][0] == history[0]
    assert second["messages"][1] == {
        "role": "assistant",
        "content": [
            {"type": "text", "text": "Let me check."},
            {"type": "tool_use", "id": "toolu_1", "name": "query_vacancy", "input": {"property_name": "Oak Court"}},
        ],
    }
    tool_result = second["messages"][2]["content"][0]
    assert (tool_result["type"], tool_result["tool_use_id"]) == ("tool_result", "toolu_1")
    assert json.loads(tool_result["content"]) == {"vacant_units": 3, "units": ["A-101", "B-205", "C-314"]}
    assert [m["role"] for m in done["messages"]] == ["assistant", "user", "assistant"]
    assert AICallLog.objects.get(id=done["call_id"]).meta == {"tool_calls": 1, "rounds": 2, "stop_reason": "end_turn"}


def test_tool_errors_and_bad_input_go_back_to_the_model(claude):
    calls = []
    claude.add_stream_tool_use("query_vacancy", {"property_name": "Closed"}, tool_id="toolu_a")
    claude.add_stream_tool_use("query_vacancy", {"nonsense": 1}, tool_id="toolu_b")
    claude.add_stream_text(["Sorry."])
    events = list(
        chat_stream(CHAT, [{"role": "user", "content": "?"}], tools=[vacancy_tool(calls)], inputs={"portfolio": "A"})
    )
    results = [e for e in events if e["type"] == "tool_result"]
    assert results[0]["output"] == {"error": "That property is archived."} and results[0]["is_error"]
    assert "Invalid input" in results[1]["output"]["error"] and calls == [{"property_name": "Closed"}]
    sent = claude.requests[1].json["messages"][-1]["content"][0]
    assert sent["is_error"] is True and "archived" in sent["content"]


def test_stream_is_retried_when_it_fails_before_any_text(claude):
    claude.add_error(529, "overloaded_error", "Overloaded")
    claude.add_stream_text(["ok"])
    events = list(chat_stream(CHAT, [{"role": "user", "content": "hi"}], inputs={"portfolio": "A"}))
    assert events[-1]["text"] == "ok" and len(claude.requests) == 2


def test_runaway_tool_loops_stop(claude):
    for i in range(2):
        claude.add_stream_tool_use("query_vacancy", {}, tool_id=f"toolu_{i}")
    with pytest.raises(Exception, match="more than 2 model turns"):
        list(
            chat_stream(
                CHAT,
                [{"role": "user", "content": "loop"}],
                tools=[vacancy_tool([])],
                inputs={"portfolio": "A"},
                max_tool_rounds=2,
            )
        )
    assert AICallLog.objects.get().outcome == "error"


def test_offline_chat_uses_the_features_function_and_the_same_tools():
    calls = []

    @register_offline(CHAT)
    def offline_chat(inputs, *, messages, tools):
        rows = tools.call("query_vacancy", {})
        yield f"{inputs['portfolio']}: {rows['vacant_units']} vacant units"
        yield " (offline)."

    try:
        events = list(
            chat_stream(
                CHAT,
                [{"role": "user", "content": "vacancies?"}],
                tools=[vacancy_tool(calls)],
                inputs={"portfolio": "Acme"},
            )
        )
    finally:
        unregister_offline(CHAT)
    assert [e["type"] for e in events] == ["tool_use", "tool_result", "text", "text", "done"]
    assert events[-1]["text"] == "Acme: 3 vacant units (offline)." and events[-1]["provider"] == "offline"
    assert AICallLog.objects.get().meta == {"tool_calls": 1}


def test_offline_chat_without_an_implementation_fails_clearly():
    with pytest.raises(AIUnavailable, match="No offline implementation is registered for chat prompt"):
        chat_stream(CHAT, [{"role": "user", "content": "hi"}], inputs={"portfolio": "A"})


def test_history_must_end_with_a_user_turn():
    with pytest.raises(ValueError):
        chat_stream(CHAT, [{"role": "assistant", "content": "hi"}])


def test_sse_response_frames_events_and_turns_errors_into_an_event(claude):
    claude.add_stream_text(["Hi"])
    response = sse_response(chat_stream(CHAT, [{"role": "user", "content": "hi"}], inputs={"portfolio": "A"}))
    assert response["Content-Type"].startswith("text/event-stream") and response["Cache-Control"] == "no-cache"
    body = b"".join(response.streaming_content).decode()
    assert body.startswith('event: text\ndata: {"type": "text", "text": "Hi"}\n\n')
    assert "event: done\n" in body

    for _ in range(3):
        claude.add_error(500, "api_error", "down")
    failing = sse_response(chat_stream(CHAT, [{"role": "user", "content": "hi"}], inputs={"portfolio": "A"}))
    frames = b"".join(failing.streaming_content).decode()
    assert frames.startswith("event: error\n") and '"code": "ai_unavailable"' in frames


def test_client_disconnect_is_logged_as_cancelled(claude):
    claude.add_stream_text(["a", "b", "c"])
    stream = chat_stream(CHAT, [{"role": "user", "content": "hi"}], inputs={"portfolio": "A"})
    assert next(stream)["type"] == "text"
    stream.close()
    assert AICallLog.objects.get().outcome == "cancelled"
