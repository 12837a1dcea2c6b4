"""The one entry point features call: `complete_json` (text or vision) and `chat_stream` (tools, SSE)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from core.ai import registry
from core.ai.attachments import normalise_documents, normalise_images
from core.ai.exceptions import AIError, AIOutputInvalid, AIUnavailable
from core.ai.prompts import ChatPrompt, Prompt, render_system, render_user
from core.ai.services import ai_call_log_create
from core.ai.tools import Tool, ToolBox

OFFLINE = "offline"
ANTHROPIC = "anthropic"
PROVIDERS = (OFFLINE, ANTHROPIC)
OFFLINE_MODEL = "offline"


class Kind:  # AICallLog.Kind values (kept here so importing core.ai never imports models)
    JSON, VISION, CHAT = "json", "vision", "chat"


class Outcome:  # AICallLog.Outcome values
    SUCCESS, INVALID_OUTPUT, ERROR = "success", "invalid_output", "error"
    UNAVAILABLE, CANCELLED = "unavailable", "cancelled"


CORRECTION = (
    "Your previous reply could not be used: {problem}\n"
    "Reply again with only the JSON object, valid against the schema in the system prompt."
)


@dataclass(frozen=True)
class AIResult:
    """Validated data plus where it came from. `meta()` is what a feature stores beside its output."""

    data: dict
    provider: str
    model: str
    latency_ms: int
    input_tokens: int = 0
    output_tokens: int = 0
    call_id: Any = None
    prompt_name: str = ""
    prompt_version: str = ""
    fallback: bool = False

    def meta(self) -> dict:
        return {
            "provider": self.provider,
            "model": self.model,
            "latency_ms": self.latency_ms,
            "prompt": self.prompt_name,
            "prompt_version": self.prompt_version,
        }


def current_provider() -> str:
    """`AI_PROVIDER` if set, else `anthropic` with an API key and `offline` without."""
    name = (getattr(settings, "AI_PROVIDER", "") or "").strip().lower()
    if not name:
        name = ANTHROPIC if settings.ANTHROPIC_API_KEY else OFFLINE
    if name not in PROVIDERS:
        raise ImproperlyConfigured(f"AI_PROVIDER must be one of {', '.join(PROVIDERS)} (got '{name}').")
    return name


def status() -> dict:
    provider = current_provider()
    return {"provider": provider, "model": settings.CLAUDE_MODEL if provider == ANTHROPIC else OFFLINE_MODEL}


# ── JSON completion (text and vision) ────────────────────────────────────────────────────────────


def complete_json(
    prompt: Prompt,
    inputs: Mapping[str, Any] | None = None,
    *,
    images: Sequence | None = None,
    documents: Sequence | None = None,
    offline_fallback: bool = False,
) -> AIResult:
    """Runs `prompt` over `inputs` (+ optional images / PDFs) and returns schema-valid data.

    Offline (no ANTHROPIC_API_KEY, or AI_PROVIDER=offline): the function registered with
    `@register_offline(prompt)` computes the answer; none registered -> AIUnavailable.
    Anthropic: Claude answers; invalid JSON gets one corrective retry, then AIOutputInvalid.
    `offline_fallback=True` answers from the offline implementation when Claude fails.
    Every call, failed or not, is recorded in AICallLog.
    """
    if not isinstance(prompt, Prompt):
        raise TypeError("complete_json needs a core.ai.Prompt.")
    inputs = dict(inputs or {})
    imgs = normalise_images(images)
    docs = normalise_documents(documents)
    kind = Kind.VISION if (imgs or docs) else Kind.JSON
    meta = {"images": len(imgs), "documents": len(docs)}

    if current_provider() == OFFLINE:
        return _offline_json(prompt, inputs, imgs, docs, kind=kind, meta=meta)
    try:
        return _anthropic_json(prompt, inputs, imgs, docs, kind=kind, meta=meta)
    except AIError as exc:
        if offline_fallback and registry.get_offline(prompt) is not None:
            return _offline_json(
                prompt,
                inputs,
                imgs,
                docs,
                kind=kind,
                meta={**meta, "fallback_from": str(exc.call_id or "")},
                fallback=True,
            )
        raise


def complete_offline(prompt: Prompt, inputs: Mapping[str, Any] | None = None, *, reason: str = "") -> AIResult:
    """The prompt's offline implementation, validated and logged like any call (`fallback=True`).

    For a feature that rejects Claude's valid answer on its own grounds (e.g. a letter that does not
    quote the figures) and falls back to the template; `reason` is recorded in the call's meta.
    """
    if not isinstance(prompt, Prompt):
        raise TypeError("complete_offline needs a core.ai.Prompt.")
    meta = {"images": 0, "documents": 0, "fallback_reason": reason[:200]}
    return _offline_json(prompt, dict(inputs or {}), [], [], kind=Kind.JSON, meta=meta, fallback=True)


def _offline_json(prompt: Prompt, inputs, imgs, docs, *, kind, meta, fallback: bool = False) -> AIResult:
    started = time.perf_counter()
    fn = registry.get_offline(prompt)
    log = dict(
        feature=prompt.feature,
        prompt_name=prompt.name,
        prompt_version=prompt.version,
        kind=kind,
        provider=OFFLINE,
        model=OFFLINE_MODEL,
        meta=meta,
    )
    if fn is None:
        message = (
            f"No offline implementation is registered for prompt '{prompt.name}', and Claude is not configured "
            "(set ANTHROPIC_API_KEY)."
        )
        row = ai_call_log_create(**log, outcome=Outcome.UNAVAILABLE, latency_ms=0, error=message)
        raise AIUnavailable(message, call_id=getattr(row, "id", None), provider=OFFLINE)
    try:
        data = fn(inputs, images=imgs, documents=docs)
    except Exception as exc:
        row = ai_call_log_create(
            **log, outcome=Outcome.ERROR, latency_ms=_ms(started), error=f"{type(exc).__name__}: {exc}"
        )
        if isinstance(exc, AIError):
            exc.call_id = getattr(row, "id", None)
        raise
    problem = _schema_problem(data, prompt.output_schema)
    if problem:
        message = f"The offline implementation of '{prompt.name}' returned invalid output: {problem}"
        row = ai_call_log_create(**log, outcome=Outcome.INVALID_OUTPUT, latency_ms=_ms(started), error=message)
        raise AIOutputInvalid(message, call_id=getattr(row, "id", None), provider=OFFLINE)
    latency = _ms(started)
    row = ai_call_log_create(**log, outcome=Outcome.SUCCESS, latency_ms=latency)
    return AIResult(
        data=data,
        provider=OFFLINE,
        model=OFFLINE_MODEL,
        latency_ms=latency,
        call_id=getattr(row, "id", None),
        prompt_name=prompt.name,
        prompt_version=prompt.version,
        fallback=fallback,
    )


def _anthropic_json(prompt: Prompt, inputs, imgs, docs, *, kind, meta) -> AIResult:
    from core.ai.providers import anthropic as claude

    started = time.perf_counter()
    usage = claude.Usage()
    model = claude.model_name(prompt.model)
    log = dict(
        feature=prompt.feature, prompt_name=prompt.name, prompt_version=prompt.version, kind=kind, provider=ANTHROPIC
    )
    max_chars = settings.AI_MAX_INPUT_CHARS
    try:
        system = render_system(prompt, inputs, max_chars=max_chars)
        content = [*(i.to_block() for i in imgs), *(d.to_block() for d in docs)]
        content.append({"type": "text", "text": render_user(prompt, inputs, max_chars=max_chars)})
        messages: list[dict] = [{"role": "user", "content": content}]
        max_tokens = prompt.max_tokens or settings.CLAUDE_MAX_TOKENS
        problem = ""
        for round_no in (1, 2):
            reply = claude.create(system=system, messages=messages, max_tokens=max_tokens, model=model, usage=usage)
            model = reply.model
            if reply.stop_reason == "refusal":
                raise AIError("Claude declined to answer this request.", provider=ANTHROPIC)
            data, problem = parse_json_object(reply.text)
            if not problem:
                problem = _schema_problem(data, prompt.output_schema)
            if not problem:
                latency = _ms(started)
                row = ai_call_log_create(
                    **log,
                    model=model,
                    outcome=Outcome.SUCCESS,
                    latency_ms=latency,
                    input_tokens=usage.input_tokens,
                    output_tokens=usage.output_tokens,
                    attempts=usage.attempts,
                    request_id=usage.request_id,
                    meta={**meta, "corrective_retry": round_no == 2},
                )
                return AIResult(
                    data=data,
                    provider=ANTHROPIC,
                    model=model,
                    latency_ms=latency,
                    input_tokens=usage.input_tokens,
                    output_tokens=usage.output_tokens,
                    call_id=getattr(row, "id", None),
                    prompt_name=prompt.name,
                    prompt_version=prompt.version,
                )
            if reply.stop_reason == "max_tokens":
                problem += " (the reply hit max_tokens; keep it shorter)"
            messages = [
                *messages,
                {"role": "assistant", "content": [{"type": "text", "text": reply.text or "(empty)"}]},
                {"role": "user", "content": [{"type": "text", "text": CORRECTION.format(problem=problem)}]},
            ]
        raise AIOutputInvalid(
            f"Claude's answer for '{prompt.name}' was not valid after one corrective retry: {problem}",
            provider=ANTHROPIC,
        )
    except AIError as exc:
        outcome = {
            AIOutputInvalid: Outcome.INVALID_OUTPUT,
            AIUnavailable: Outcome.UNAVAILABLE,
        }.get(type(exc), Outcome.ERROR)
        row = ai_call_log_create(
            **log,
            model=model,
            outcome=outcome,
            latency_ms=_ms(started),
            input_tokens=usage.input_tokens,
            output_tokens=usage.output_tokens,
            attempts=usage.attempts,
            request_id=usage.request_id,
            error=exc.message,
            meta=meta,
        )
        exc.call_id = getattr(row, "id", None)
        raise


_FENCE = re.compile(r"^\s*```[A-Za-z0-9_-]*\s*\n?(.*?)\n?\s*```\s*$", re.DOTALL)


def parse_json_object(text: str) -> tuple[dict | None, str]:
    """(data, "") for a JSON object (a Markdown fence or prose around it is tolerated), else (None, problem)."""
    if not text or not text.strip():
        return None, "the reply was empty."
    candidate = text.strip()
    fenced = _FENCE.match(candidate)
    if fenced:
        candidate = fenced.group(1).strip()
    try:
        data = json.loads(candidate)
    except json.JSONDecodeError as exc:
        start, end = candidate.find("{"), candidate.rfind("}")
        if start == -1 or end <= start:
            return None, f"it was not JSON ({exc.msg} at line {exc.lineno} column {exc.colno})."
        try:
            data = json.loads(candidate[start : end + 1])
        except json.JSONDecodeError as inner:
            return None, f"it was not valid JSON ({inner.msg} at line {inner.lineno} column {inner.colno})."
    if not isinstance(data, dict):
        return None, f"it was a JSON {type(data).__name__}, not an object."
    return data, ""


def _schema_problem(data: Any, schema: dict) -> str:
    if not isinstance(data, dict):
        return f"expected a JSON object, got {type(data).__name__}."
    error = best_match(Draft202012Validator(schema).iter_errors(data))
    if error is None:
        return ""
    where = "/".join(str(p) for p in error.absolute_path) or "(root)"
    return f"at {where}: {error.message}"


def _ms(started: float) -> int:
    return int(round((time.perf_counter() - started) * 1000))


# ── Streaming tool-use chat ──────────────────────────────────────────────────────────────────────


@dataclass
class _ChatState:
    text: list[str] = field(default_factory=list)
    transcript: list[dict] = field(default_factory=list)
    model: str = ""
    stop_reason: str | None = None
    rounds: int = 0


def chat_stream(
    prompt: ChatPrompt,
    messages: Sequence[Mapping[str, Any]],
    *,
    tools: Iterable[Tool] = (),
    inputs: Mapping[str, Any] | None = None,
    max_tool_rounds: int | None = None,
) -> Iterator[dict]:
    """Streams one assistant turn of a conversation, running tools as the model asks.

    Yields dict events: `{"type": "text", "text"}`, `{"type": "tool_use", "id", "name", "input"}`,
    `{"type": "tool_result", "id", "name", "output", "is_error"}` and finally
    `{"type": "done", "text", "messages", "provider", "model", "latency_ms", "input_tokens",
    "output_tokens", "call_id", "stop_reason"}` where `messages` are the turns to append to the
    stored history. Raises AIError / AIUnavailable (`sse_response` turns that into an `error` event).
    """
    if not isinstance(prompt, ChatPrompt):
        raise TypeError("chat_stream needs a core.ai.ChatPrompt.")
    history = _check_history(messages)
    toolbox = ToolBox(tools)
    inputs = dict(inputs or {})
    rounds = max_tool_rounds or settings.AI_MAX_TOOL_ROUNDS
    provider = current_provider()
    # Fail before the stream starts (a view can still answer 503 JSON) when nothing can answer.
    problem = ""
    if provider == OFFLINE:
        fn = registry.get_offline(prompt)
        if fn is None:
            problem = (
                f"No offline implementation is registered for chat prompt '{prompt.name}', and Claude is not "
                "configured (set ANTHROPIC_API_KEY)."
            )
    elif not settings.ANTHROPIC_API_KEY:
        problem = "AI_PROVIDER is 'anthropic' but ANTHROPIC_API_KEY is not set."
    if problem:
        row = ai_call_log_create(
            feature=prompt.feature,
            prompt_name=prompt.name,
            prompt_version=prompt.version,
            kind=Kind.CHAT,
            provider=provider,
            model="",
            outcome=Outcome.UNAVAILABLE,
            latency_ms=0,
            error=problem,
        )
        raise AIUnavailable(problem, call_id=getattr(row, "id", None), provider=provider)
    if provider == OFFLINE:
        return _offline_chat(prompt, history, toolbox, inputs, fn)
    return _anthropic_chat(prompt, history, toolbox, inputs, rounds)


def _check_history(messages) -> list[dict]:
    history = [dict(m) for m in messages]
    if not history or history[-1].get("role") != "user":
        raise ValueError("chat_stream needs a history that ends with a user message.")
    for m in history:
        if m.get("role") not in ("user", "assistant") or "content" not in m:
            raise ValueError("Each chat message needs a role (user/assistant) and content.")
    return history


def _done(prompt, state: _ChatState, *, provider, started, usage=None, row=None) -> dict:
    return {
        "type": "done",
        "text": "".join(state.text),
        "messages": state.transcript,
        "provider": provider,
        "model": state.model,
        "latency_ms": _ms(started),
        "input_tokens": getattr(usage, "input_tokens", 0),
        "output_tokens": getattr(usage, "output_tokens", 0),
        "call_id": str(row.id) if row is not None else None,
        "stop_reason": state.stop_reason,
    }


def _offline_chat(prompt: ChatPrompt, history, toolbox: ToolBox, inputs, fn) -> Iterator[dict]:
    started = time.perf_counter()
    state = _ChatState(model=OFFLINE_MODEL, stop_reason="end_turn")
    log = dict(
        feature=prompt.feature,
        prompt_name=prompt.name,
        prompt_version=prompt.version,
        kind=Kind.CHAT,
        provider=OFFLINE,
        model=OFFLINE_MODEL,
    )
    finished = False
    try:
        produced = fn(inputs, messages=history, tools=toolbox)
        chunks = [produced] if isinstance(produced, str) else (produced or [])
        for chunk in chunks:
            yield from toolbox.drain()
            if chunk:
                state.text.append(str(chunk))
                yield {"type": "text", "text": str(chunk)}
        yield from toolbox.drain()
        state.transcript = [{"role": "assistant", "content": "".join(state.text)}]
        finished = True
        row = ai_call_log_create(
            **log, outcome=Outcome.SUCCESS, latency_ms=_ms(started), meta={"tool_calls": toolbox.calls}
        )
        yield _done(prompt, state, provider=OFFLINE, started=started, row=row)
    except GeneratorExit:
        if not finished:
            ai_call_log_create(**log, outcome=Outcome.CANCELLED, latency_ms=_ms(started))
        raise
    except Exception as exc:
        if not finished:
            ai_call_log_create(
                **log, outcome=Outcome.ERROR, latency_ms=_ms(started), error=f"{type(exc).__name__}: {exc}"
            )
        raise


def _anthropic_chat(prompt: ChatPrompt, history, toolbox: ToolBox, inputs, max_rounds: int) -> Iterator[dict]:
    from core.ai.providers import anthropic as claude

    started = time.perf_counter()
    usage = claude.Usage()
    state = _ChatState(model=claude.model_name(prompt.model))
    log = dict(
        feature=prompt.feature,
        prompt_name=prompt.name,
        prompt_version=prompt.version,
        kind=Kind.CHAT,
        provider=ANTHROPIC,
    )
    finished = False

    def record(outcome, error=""):
        return ai_call_log_create(
            **log,
            model=state.model,
            outcome=outcome,
            latency_ms=_ms(started),
            input_tokens=usage.input_tokens,
            output_tokens=usage.output_tokens,
            attempts=usage.attempts,
            request_id=usage.request_id,
            error=error,
            meta={"tool_calls": toolbox.calls, "rounds": state.rounds, "stop_reason": state.stop_reason},
        )

    try:
        system = render_system(prompt, inputs, max_chars=settings.AI_MAX_INPUT_CHARS)
        convo = list(history)
        max_tokens = prompt.max_tokens or settings.CLAUDE_MAX_TOKENS
        while True:
            if state.rounds >= max_rounds:
                raise AIError(
                    f"The conversation needed more than {max_rounds} model turns; stopped.", provider=ANTHROPIC
                )
            state.rounds += 1
            reply = None
            for kind, payload in claude.stream(
                system=system,
                messages=convo,
                max_tokens=max_tokens,
                model=state.model,
                usage=usage,
                tools=toolbox.params() or None,
            ):
                if kind == "text":
                    state.text.append(payload)
                    yield {"type": "text", "text": payload}
                else:
                    reply = payload
            state.model, state.stop_reason = reply.model, reply.stop_reason
            assistant = {"role": "assistant", "content": [claude.block_to_param(b) for b in reply.content]}
            convo.append(assistant)
            state.transcript.append(assistant)
            if reply.stop_reason != "tool_use" or not any(
                getattr(b, "type", None) == "tool_use" for b in reply.content
            ):
                break
            results = []
            for block in reply.content:
                if getattr(block, "type", None) != "tool_use":
                    continue
                output, is_error = toolbox.run(block.name, dict(block.input or {}), tool_use_id=block.id)
                yield from toolbox.drain()
                results.append(
                    {
                        "type": "tool_result",
                        "tool_use_id": block.id,
                        "content": toolbox.result_text(output),
                        **({"is_error": True} if is_error else {}),
                    }
                )
            tool_turn = {"role": "user", "content": results}
            convo.append(tool_turn)
            state.transcript.append(tool_turn)
        finished = True
        row = record(Outcome.SUCCESS)
        yield _done(prompt, state, provider=ANTHROPIC, started=started, usage=usage, row=row)
    except GeneratorExit:
        if not finished:
            record(Outcome.CANCELLED)
        raise
    except AIError as exc:
        outcome = Outcome.UNAVAILABLE if isinstance(exc, AIUnavailable) else Outcome.ERROR
        row = record(outcome, exc.message)
        exc.call_id = getattr(row, "id", None)
        raise
    except Exception as exc:
        if not finished:
            record(Outcome.ERROR, f"{type(exc).__name__}: {exc}")
        raise
