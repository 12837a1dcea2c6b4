"""The structured parts of an answer, built from tool results only (never from generated text): a table per tool
result with rows, a bar chart when the rows are per property with one money/number measure, and action buttons."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

CHART_MEASURES = ("monthly_gap", "vacancy_rate", "monthly_rent_roll", "revenue", "collection_rate")


def _number(value):
    try:
        return float(Decimal(str(value)))
    except (InvalidOperation, TypeError, ValueError):
        return None


def blocks_from_result(tool: str, output: dict) -> list[dict]:
    if not isinstance(output, dict) or "error" in output:
        return []
    blocks = []
    rows = output.get("rows") or []
    if output.get("columns") and rows is not None and output.get("row_count", 0) >= 0 and output.get("columns"):
        blocks.append(
            {
                "type": "table",
                "tool": tool,
                "title": output.get("title", ""),
                "columns": output["columns"],
                "rows": rows,
                "totals": output.get("totals", {}),
                "row_count": output.get("row_count", len(rows)),
                "truncated": output.get("truncated", False),
            }
        )
    keys = {c["key"] for c in output.get("columns") or []}
    measure = next((m for m in CHART_MEASURES if m in keys), None)
    if measure and "property" in keys and len(rows) > 1:
        label = next(c["label"] for c in output["columns"] if c["key"] == measure)
        points = [{"label": r["property"], "value": _number(r.get(measure))} for r in rows[:12]]
        blocks.append(
            {
                "type": "chart",
                "kind": "bar",
                "tool": tool,
                "title": f"{label} by property",
                "series": [{"name": label, "points": [p for p in points if p["value"] is not None]}],
            }
        )
    for action in output.get("actions") or []:
        blocks.append({"type": "action", "tool": tool, **action})
    return blocks
