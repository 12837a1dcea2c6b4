"""Claude through the official `anthropic` SDK — the only module in the project that imports it.

Retries are ours (the SDK's are switched off) so they are counted, logged and tunable:
408/409/429/5xx and connection errors are retried `AI_MAX_RETRIES` times with exponential backoff
(`AI_RETRY_BACKOFF_SECONDS`, doubled each time, honouring `retry-after`, capped by
`AI_RETRY_MAX_DELAY_SECONDS`). Other 4xx fail at once.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import anthropic
from django.conf import settings

from core.ai.exceptions import AIError, AIUnavailable

logger = logging.getLogger(__name__)

NAME = "anthropic"
RETRYABLE_STATUS = {408, 409, 429}


@dataclass
class Usage:
    input_tokens: int = 0
    output_tokens: int = 0
    attempts: int = 0
    request_id: str = ""

    def add(self, message) -> None:
        usage = getattr(message, "usage", None)
        if usage is not None:
            self.input_tokens += int(getattr(usage, "input_tokens", 0) or 0)
            self.output_tokens += int(getattr(usage, "output_tokens", 0) or 0)


@dataclass
class Reply:
    text: str
    model: str
    stop_reason: str | None
    content: list = field(default_factory=list)


@lru_cache(maxsize=8)
def _client(api_key: str, base_url: str, timeout: float) -> anthropic.Anthropic:
    return anthropic.Anthropic(api_key=api_key, base_url=base_url or None, timeout=timeout, max_retries=0)


def client() -> anthropic.Anthropic:
    if not settings.ANTHROPIC_API_KEY:
        raise AIUnavailable("AI_PROVIDER is 'anthropic' but ANTHROPIC_API_KEY is not set.", provider=NAME)
    return _client(settings.ANTHROPIC_API_KEY, settings.ANTHROPIC_BASE_URL or "", float(settings.AI_TIMEOUT_SECONDS))


def model_name(override: str | None = None) -> str:
    return override or settings.CLAUDE_MODEL


def _is_retryable(exc: Exception) -> bool:
    if isinstance(exc, anthropic.APIConnectionError):  # includes timeouts
        return True
    if isinstance(exc, anthropic.APIStatusError):
        return exc.status_code in RETRYABLE_STATUS or exc.status_code >= 500 or _error_type(exc) == "overloaded_error"
    return False


def _error_type(exc: Exception) -> str:
    body = getattr(exc, "body", None)
    if isinstance(body, dict):
        err = body.get("error")
        if isinstance(err, dict):
            return str(err.get("type") or "")
    return ""


def describe(exc: Exception) -> str:
    """A short, log- and user-safe description of an SDK error."""
    if isinstance(exc, anthropic.APITimeoutError):
        return f"Claude did not answer within {settings.AI_TIMEOUT_SECONDS:g}s."
    if isinstance(exc, anthropic.APIConnectionError):
        return "Could not connect to the Claude API."
    if isinstance(exc, anthropic.APIStatusError):
        message = getattr(exc, "api_message", None) or ""
        if not message and isinstance(exc.body, dict) and isinstance(exc.body.get("error"), dict):
            message = str(exc.body["error"].get("message") or "")
        kind = _error_type(exc) or "error"
        return f"Claude API error {exc.status_code} {kind}" + (f": {message}" if message else ".")
    return f"{type(exc).__name__}: {exc}"


def _delay(attempt: int, exc: Exception) -> float:
    cap = float(settings.AI_RETRY_MAX_DELAY_SECONDS)
    response = getattr(exc, "response", None)
    if response is not None:
        raw = response.headers.get("retry-after")
        try:
            if raw is not None:
                return max(0.0, min(float(raw), cap))
        except ValueError:
            pass
    base = float(settings.AI_RETRY_BACKOFF_SECONDS)
    return min(base * (2**attempt) * (0.75 + random.random() / 2), cap)


def _request_id(obj) -> str:
    rid = getattr(obj, "_request_id", None) or getattr(obj, "request_id", None)
    if rid:
        return str(rid)
    response = getattr(obj, "response", None)
    if response is not None:
        return str(response.headers.get("request-id", "") or "")
    return ""


def _with_retries(fn, usage: Usage):
    retries = max(0, int(settings.AI_MAX_RETRIES))
    for attempt in range(retries + 1):
        usage.attempts += 1
        try:
            return fn()
        except anthropic.AnthropicError as exc:
            usage.request_id = _request_id(exc) or usage.request_id
            if not _is_retryable(exc):
                raise AIError(describe(exc), provider=NAME) from exc
            if attempt == retries:
                raise AIUnavailable(f"{describe(exc)} Gave up after {usage.attempts} attempts.", provider=NAME) from exc
            delay = _delay(attempt, exc)
            logger.warning(
                "Claude request failed (%s); retry %d/%d in %.2fs", describe(exc), attempt + 1, retries, delay
            )
            time.sleep(delay)
    raise AssertionError("unreachable")


def _common(*, system: str, messages: list, max_tokens: int, model: str, tools: list | None) -> dict[str, Any]:
    kwargs: dict[str, Any] = {"model": model, "max_tokens": max_tokens, "system": system, "messages": messages}
    if tools:
        kwargs["tools"] = tools
    if settings.CLAUDE_EFFORT:
        kwargs["output_config"] = {"effort": settings.CLAUDE_EFFORT}
    return kwargs


def create(
    *, system: str, messages: list, max_tokens: int, model: str, usage: Usage, tools: list | None = None
) -> Reply:
    """One Messages API call (with retries). Text blocks are joined into `Reply.text`."""
    api = client()
    kwargs = _common(system=system, messages=messages, max_tokens=max_tokens, model=model, tools=tools)
    message = _with_retries(lambda: api.messages.create(**kwargs), usage)
    usage.add(message)
    usage.request_id = _request_id(message) or usage.request_id
    text = "".join(b.text for b in message.content if getattr(b, "type", None) == "text")
    return Reply(
        text=text, model=message.model or model, stop_reason=message.stop_reason, content=list(message.content)
    )


def stream(
    *, system: str, messages: list, max_tokens: int, model: str, usage: Usage, tools: list | None = None
) -> Iterator:
    """Streams one model turn: yields ("text", str) deltas, then ("final", Reply).

    Connection errors and retryable statuses are retried only while nothing has been yielded yet.
    """
    api = client()
    kwargs = _common(system=system, messages=messages, max_tokens=max_tokens, model=model, tools=tools)
    retries = max(0, int(settings.AI_MAX_RETRIES))
    attempt = 0
    while True:
        usage.attempts += 1
        yielded = False
        try:
            with api.messages.stream(**kwargs) as events:
                usage.request_id = _request_id(events) or usage.request_id
                for event in events:
                    if event.type == "text":
                        yielded = True
                        yield ("text", event.text)
                final = events.get_final_message()
            usage.add(final)
            text = "".join(b.text for b in final.content if getattr(b, "type", None) == "text")
            yield (
                "final",
                Reply(
                    text=text, model=final.model or model, stop_reason=final.stop_reason, content=list(final.content)
                ),
            )
            return
        except anthropic.AnthropicError as exc:
            usage.request_id = _request_id(exc) or usage.request_id
            if yielded or not _is_retryable(exc):
                raise AIError(describe(exc), provider=NAME) from exc
            if attempt >= retries:
                raise AIUnavailable(f"{describe(exc)} Gave up after {usage.attempts} attempts.", provider=NAME) from exc
            delay = _delay(attempt, exc)
            logger.warning(
                "Claude stream failed (%s); retry %d/%d in %.2fs", describe(exc), attempt + 1, retries, delay
            )
            time.sleep(delay)
            attempt += 1


def block_to_param(block) -> dict:
    """A response content block as a request param (only the fields the API accepts back)."""
    kind = getattr(block, "type", None)
    if kind == "text":
        return {"type": "text", "text": block.text}
    if kind == "tool_use":
        return {"type": "tool_use", "id": block.id, "name": block.name, "input": block.input}
    if kind == "thinking":
        return {"type": "thinking", "thinking": block.thinking, "signature": block.signature}
    if kind == "redacted_thinking":
        return {"type": "redacted_thinking", "data": block.data}
    return block.to_dict(exclude_none=True)
