"""Reads for core.ai: usage per feature."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Avg, Count, Max, Q, Sum
from django.db.models.functions import Coalesce

from core.models import AICallLog


def ai_usage_stats(*, since: datetime | None = None, feature: str | None = None) -> dict:
    """Calls, failures, tokens and average latency per feature (+ totals), newest activity first."""
    qs = AICallLog.objects.all()
    if since is not None:
        qs = qs.filter(created_at__gte=since)
    if feature:
        qs = qs.filter(feature=feature)
    failed = ~Q(outcome=AICallLog.Outcome.SUCCESS)
    aggregates = dict(
        calls=Count("id"),
        failures=Count("id", filter=failed),
        offline_calls=Count("id", filter=Q(provider="offline")),
        input_tokens=Coalesce(Sum("input_tokens"), 0),
        output_tokens=Coalesce(Sum("output_tokens"), 0),
        avg_latency_ms=Avg("latency_ms"),
        last_call_at=Max("created_at"),
    )
    rows = list(qs.values("feature").annotate(**aggregates).order_by("-last_call_at", "feature"))
    for row in rows:
        row["avg_latency_ms"] = int(round(row["avg_latency_ms"] or 0))
    totals = qs.aggregate(**{k: v for k, v in aggregates.items() if k != "last_call_at"})
    totals["avg_latency_ms"] = int(round(totals["avg_latency_ms"] or 0))
    return {"since": since, "totals": totals, "features": rows}
