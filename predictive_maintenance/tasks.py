"""Celery tasks of the predictive-maintenance app: each calls one service."""

import datetime

from celery import shared_task

from predictive_maintenance.services import equipment_ages_recompute, risk_scores_compute


@shared_task(name="predictive_maintenance.recompute_equipment_ages")
def recompute_equipment_ages(today: str | None = None, chunk_size: int = 2000) -> str:
    """Keeps every equipment record's `age_years` current (set-based, chunked). The weekly risk agent runs it
    first (no beat entry of its own); `run_task` runs it by hand.

    `today` (ISO date) is for replays and tests."""
    return equipment_ages_recompute(today=datetime.date.fromisoformat(today) if today else None, chunk_size=chunk_size)


@shared_task(name="predictive_maintenance.compute_all_risk_scores")
def compute_all_risk_scores(today: str | None = None, rules: str = "unitcycle") -> str:
    """The weekly risk agent (Monday 05:00 UTC): equipment ages, then a score for every unit, preventive
    suggestions for high and critical units, a notification per critical unit. Idempotent per day.

    `today` (ISO date) is for replays and tests; `rules="spec"` scores by the spec's text (the benchmark)."""
    return risk_scores_compute(today=datetime.date.fromisoformat(today) if today else None, rules=rules)
