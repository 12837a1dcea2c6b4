"""Test helpers for features that call core.ai (import only from tests).

`AnthropicStub` is a local HTTP server speaking the Messages API, so tests run the real
`anthropic` SDK with no network:

    from core.ai.testing import stub_claude

    @pytest.fixture
    def claude(settings):
        yield from stub_claude(settings)

    def test_letter(claude):
        claude.add_message('{"letter": "Dear Pat"}')
        result = complete_json(RENEWAL_LETTER, {...})
        assert claude.requests[0].json["model"] == "claude-test-model"
"""

from __future__ import annotations

import ipaddress
import json
import socket
import threading
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

TEST_MODEL = "claude-test-model"


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict
    body: bytes

    @property
    def json(self) -> dict:
        return json.loads(self.body or b"{}")


@dataclass
class _Canned:
    status: int
    body: bytes
    content_type: str
    headers: dict


class LocalHTTPStub:
    """A ThreadingHTTPServer on 127.0.0.1:<free port> answering queued responses in order."""

    def __init__(self):
        self.requests: list[RecordedRequest] = []
        self._queue: deque[_Canned] = deque()
        self._lock = threading.Lock()
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def _handle(self):
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                with stub._lock:
                    stub.requests.append(
                        RecordedRequest(self.command, self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                    )
                    canned = stub._queue.popleft() if stub._queue else stub.unexpected(self.command, self.path)
                self.send_response(canned.status)
                self.send_header("content-type", canned.content_type)
                self.send_header("content-length", str(len(canned.body)))
                for key, value in canned.headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(canned.body)

            do_GET = do_POST = do_PUT = do_DELETE = _handle

            def log_message(self, *args):
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def unexpected(self, method: str, path: str) -> _Canned:
        body = json.dumps({"error": f"stub: nothing queued for {method} {path}"}).encode()
        return _Canned(599, body, "application/json", {})

    def add(
        self, status: int, body: bytes | str | dict | list, *, content_type: str = "application/json", headers=None
    ):
        if isinstance(body, (dict, list)):
            body = json.dumps(body)
        if isinstance(body, str):
            body = body.encode()
        self._queue.append(_Canned(status, body, content_type, dict(headers or {})))
        return self

    @property
    def pending(self) -> int:
        return len(self._queue)

    def start(self):
        self._thread.start()
        return self

    def stop(self):
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()


class AnthropicStub(LocalHTTPStub):
    """POST /v1/messages with canned messages, errors and SSE streams."""

    def unexpected(self, method, path):
        body = json.dumps(
            {"type": "error", "error": {"type": "invalid_request_error", "message": f"stub: nothing queued for {path}"}}
        )
        return _Canned(400, body.encode(), "application/json", {})

    def add_message(
        self,
        text: str,
        *,
        stop_reason: str = "end_turn",
        input_tokens: int = 11,
        output_tokens: int = 7,
        model: str = TEST_MODEL,
        request_id: str = "req_stub",
    ):
        """A complete (non-streaming) assistant message whose only content is `text`."""
        return self.add(
            200,
            message_json(
                [{"type": "text", "text": text}],
                stop_reason=stop_reason,
                model=model,
                input_tokens=input_tokens,
                output_tokens=output_tokens,
            ),
            headers={"request-id": request_id},
        )

    def add_error(self, status: int, error_type: str = "api_error", message: str = "stub error", *, headers=None):
        return self.add(status, {"type": "error", "error": {"type": error_type, "message": message}}, headers=headers)

    def add_stream(self, events: list[tuple[str, dict]]):
        body = "".join(f"event: {name}\ndata: {json.dumps(data)}\n\n" for name, data in events)
        return self.add(200, body, content_type="text/event-stream")

    def add_stream_text(self, chunks: list[str], **kwargs):
        return self.add_stream(stream_events([("text", chunks)], **kwargs))

    def add_stream_tool_use(
        self, name: str, tool_input: dict, *, tool_id: str = "toolu_stub_1", preface: str = "", **kw
    ):
        blocks: list[tuple] = [("text", [preface])] if preface else []
        blocks.append(("tool_use", (tool_id, name, tool_input)))
        return self.add_stream(stream_events(blocks, stop_reason="tool_use", **kw))


def message_json(
    content: list[dict], *, stop_reason="end_turn", model=TEST_MODEL, input_tokens=11, output_tokens=7
) -> dict:
    return {
        "id": "msg_stub",
        "type": "message",
        "role": "assistant",
        "model": model,
        "content": content,
        "stop_reason": stop_reason,
        "stop_sequence": None,
        "usage": {"input_tokens": input_tokens, "output_tokens": output_tokens},
    }


def stream_events(
    blocks, *, stop_reason="end_turn", model=TEST_MODEL, input_tokens=13, output_tokens=9
) -> list[tuple[str, dict]]:
    """The SSE events the Messages API sends for `blocks`: [("text", [chunks]) | ("tool_use", (id, name, input))]."""
    start = message_json([], stop_reason=None, model=model, input_tokens=input_tokens, output_tokens=1)
    events: list[tuple[str, dict]] = [
        ("message_start", {"type": "message_start", "message": start}),
        ("ping", {"type": "ping"}),
    ]
    for index, (kind, payload) in enumerate(blocks):
        if kind == "text":
            events.append(
                (
                    "content_block_start",
                    {"type": "content_block_start", "index": index, "content_block": {"type": "text", "text": ""}},
                )
            )
            for chunk in payload:
                events.append(
                    (
                        "content_block_delta",
                        {"type": "content_block_delta", "index": index, "delta": {"type": "text_delta", "text": chunk}},
                    )
                )
        else:
            tool_id, name, tool_input = payload
            events.append(
                (
                    "content_block_start",
                    {
                        "type": "content_block_start",
                        "index": index,
                        "content_block": {"type": "tool_use", "id": tool_id, "name": name, "input": {}},
                    },
                )
            )
            raw = json.dumps(tool_input)
            for piece in (raw[: len(raw) // 2], raw[len(raw) // 2 :]):
                events.append(
                    (
                        "content_block_delta",
                        {
                            "type": "content_block_delta",
                            "index": index,
                            "delta": {"type": "input_json_delta", "partial_json": piece},
                        },
                    )
                )
        events.append(("content_block_stop", {"type": "content_block_stop", "index": index}))
    events.append(
        (
            "message_delta",
            {
                "type": "message_delta",
                "delta": {"stop_reason": stop_reason, "stop_sequence": None},
                "usage": {"output_tokens": output_tokens},
            },
        )
    )
    events.append(("message_stop", {"type": "message_stop"}))
    return events


def stub_claude(settings):
    """Generator for a fixture: core.ai configured for Claude, pointed at a local AnthropicStub, no backoff.

    @pytest.fixture
    def claude(settings):
        yield from stub_claude(settings)
    """
    with AnthropicStub() as stub:
        settings.AI_PROVIDER = "anthropic"
        settings.ANTHROPIC_API_KEY = "test-key"
        settings.ANTHROPIC_BASE_URL = stub.url
        settings.CLAUDE_MODEL = TEST_MODEL
        settings.CLAUDE_MAX_TOKENS = 1024
        settings.CLAUDE_EFFORT = ""
        settings.AI_RETRY_BACKOFF_SECONDS = 0.0
        settings.AI_MAX_RETRIES = 2
        settings.AI_TIMEOUT_SECONDS = 5.0
        yield stub


claude_stub = pytest.fixture(name="claude_stub")(stub_claude)


@pytest.fixture
def no_network(monkeypatch):
    """Fails any socket connection that is not to this machine."""
    real_connect = socket.socket.connect

    def guarded(sock, address):
        host = address[0] if isinstance(address, tuple) else None
        if host is not None:
            try:
                local = ipaddress.ip_address(host).is_loopback
            except ValueError:
                local = host == "localhost"
            if not local:
                raise RuntimeError(f"Tests must not reach the network (tried {address}).")
        return real_connect(sock, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
