"""Tools for chat_stream: a name, a description, a JSON Schema for the input and a Python handler."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from core.ai.prompts import truncate
from core.exceptions import ApplicationError

logger = logging.getLogger(__name__)


@dataclass(frozen=True, eq=False)  # compared by identity; hashable despite dict fields
class Tool:
    """`handler(input: dict) -> JSON-serialisable`. Raise ApplicationError for a refusal the model should see."""

    name: str
    description: str
    input_schema: dict
    handler: Callable[[dict], Any]

    def __post_init__(self):
        Draft202012Validator.check_schema(self.input_schema)

    def to_param(self) -> dict:
        return {"name": self.name, "description": self.description, "input_schema": self.input_schema}


class ToolBox:
    """Runs tools for one conversation turn and records what happened as chat events."""

    def __init__(self, tools: Iterable[Tool], *, max_result_chars: int = 20_000):
        self.tools = {t.name: t for t in tools}
        self.max_result_chars = max_result_chars
        self.pending: list[dict] = []
        self.calls = 0
        self._counter = 0

    def params(self) -> list[dict]:
        return [t.to_param() for t in self.tools.values()]

    def call(self, name: str, tool_input: dict | None = None, *, tool_use_id: str | None = None) -> Any:
        """Runs a tool; returns its output, or {"error": ...} when it failed (the model sees that too)."""
        output, _ = self.run(name, tool_input or {}, tool_use_id=tool_use_id)
        return output

    def run(self, name: str, tool_input: dict, *, tool_use_id: str | None = None) -> tuple[Any, bool]:
        self.calls += 1
        if tool_use_id is None:
            self._counter += 1
            tool_use_id = f"offline_tool_{self._counter}"
        self.pending.append({"type": "tool_use", "id": tool_use_id, "name": name, "input": tool_input})
        is_error = False
        tool = self.tools.get(name)
        if tool is None:
            output, is_error = {"error": f"Unknown tool '{name}'."}, True
        else:
            error = best_match(Draft202012Validator(tool.input_schema).iter_errors(tool_input))
            if error is not None:
                output, is_error = {"error": f"Invalid input: {error.message}"}, True
            else:
                try:
                    output = tool.handler(tool_input)
                except ApplicationError as exc:
                    output, is_error = {"error": exc.message}, True
                except Exception as exc:  # noqa: BLE001 - the model is told the tool failed; we log the trace
                    logger.exception("Tool %s failed", name)
                    output, is_error = {"error": f"The tool failed ({type(exc).__name__})."}, True
        self.pending.append(
            {"type": "tool_result", "id": tool_use_id, "name": name, "output": output, "is_error": is_error}
        )
        return output, is_error

    def result_text(self, output: Any) -> str:
        text = output if isinstance(output, str) else json.dumps(output, cls=DjangoJSONEncoder, ensure_ascii=False)
        return truncate(text, self.max_result_chars)

    def drain(self) -> list[dict]:
        events, self.pending = self.pending, []
        return events
