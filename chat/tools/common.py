"""Helpers the tools share: property names fuzzy-matched inside the caller's scope, capped rows, result shape."""

from __future__ import annotations

import difflib
from decimal import Decimal

from chat.tools import DEFAULT_ROWS, MAX_ROWS
from core.ai.prompts import escape_untrusted
from core.exceptions import ApplicationError
from properties.selectors import property_list

PROPERTY_NAME = {"type": "string", "maxLength": 200, "description": "Filter by property name (fuzzy-matched)."}
LIMIT = {"type": "integer", "minimum": 1, "maximum": MAX_ROWS, "default": DEFAULT_ROWS}


def _norm(text: str) -> str:
    return " ".join("".join(c if c.isalnum() else " " for c in text.lower()).split())


def property_match(name: str, candidates: list[tuple]) -> tuple | None:
    """The (id, name) whose name best matches `name`: exact, containment, then close spelling."""
    wanted = _norm(name)
    if not wanted:
        return None
    by_norm = {_norm(n): (pk, n) for pk, n in candidates}
    if wanted in by_norm:
        return by_norm[wanted]
    contained = [v for k, v in by_norm.items() if wanted in k or (k in wanted and len(k) > 3)]
    if len(contained) == 1:
        return contained[0]
    close = difflib.get_close_matches(wanted, list(by_norm), n=1, cutoff=0.6)
    return by_norm[close[0]] if close else None


def resolve_property(name: str | None):
    """The property (id, name) the caller can see that `name` means; None when no name; refusal when none match."""
    if not name:
        return None
    candidates = list(property_list().values_list("id", "name"))
    found = property_match(name, candidates)
    if found is None:
        raise ApplicationError(f"No property matching '{name[:80]}' in your portfolio.")
    return found


def capped(rows: list, limit: int | None) -> tuple[list, bool]:
    n = min(limit or DEFAULT_ROWS, MAX_ROWS)
    return rows[:n], len(rows) > n


def money(value) -> str:
    return str(Decimal(value or 0).quantize(Decimal("0.01")))


def data(text: str) -> str:
    """Text a tenant or vendor wrote (a work-order title): neutralised so it cannot open or close a fence."""
    return escape_untrusted(text or "")


def result(*, title: str, columns: list, rows: list, totals: dict, limit=None, actions=None, **extra) -> dict:
    shown, truncated = capped(rows, limit)
    return {
        "title": title,
        "columns": [{"key": k, "label": label, "type": t} for k, label, t in columns],
        "rows": shown,
        "totals": totals,
        "row_count": len(rows),
        "truncated": truncated,
        "actions": actions or [],
        **extra,
    }
