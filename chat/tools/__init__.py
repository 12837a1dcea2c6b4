"""The chat's tool registry (spec 3.3). Each module here holds the tools of one owning app and reads only through
that app's selectors/models (chat sits above every feature, beside `dashboard`, so nothing below imports it).

A tool: a JSON Schema for its input (validated by `core.ai.ToolBox` before it runs), the permission its data needs
(a person without it is not offered the tool), and `run(params, ctx) -> dict`. Every result has the same shape:
`{"title", "columns": [{"key", "label", "type"}], "rows": [...], "totals": {...}, "row_count", "truncated",
"actions": [...]}`; rows are capped (`limit`, at most MAX_ROWS) and totals are computed over every matching row.
Reads run under the caller's portfolio scope (the scoped managers), so a tool never sees another property's rows.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from core.ai import Tool

MAX_ROWS = 50
DEFAULT_ROWS = 20


@dataclass(frozen=True)
class Context:
    today: datetime.date
    permissions: frozenset[str]


@dataclass(frozen=True, eq=False)
class ChatTool:
    name: str
    description: str
    input_schema: dict
    permission: str  # one of core.roles.PERMISSIONS
    run: Callable[[dict, Context], dict]
    writes: bool = False  # only create_action; it prepares a proposal the manager confirms, never writes itself


_registry: dict[str, ChatTool] = {}


def register(tool: ChatTool) -> ChatTool:
    if tool.name in _registry and _registry[tool.name] is not tool:
        raise ValueError(f"Chat tool {tool.name!r} is registered twice.")
    _registry[tool.name] = tool
    return tool


def registered() -> list[ChatTool]:
    _load()
    return sorted(_registry.values(), key=lambda t: t.name)


def tools_for(*, permissions, today: datetime.date) -> list[Tool]:
    """The gateway tools this person may use (their role's permissions), bound to `today`."""
    ctx = Context(today=today, permissions=frozenset(permissions))
    return [
        Tool(t.name, t.description, t.input_schema, _bound(t, ctx))
        for t in registered()
        if t.permission in ctx.permissions
    ]


def _bound(tool: ChatTool, ctx: Context):
    def handler(params: dict) -> dict:
        return tool.run(params, ctx)

    return handler


def _load():
    from chat.tools import (  # noqa: F401 - registers
        actions,
        collections,
        communications,
        invoices,
        leases,
        maintenance,
        pricing,
        renewals,
    )
