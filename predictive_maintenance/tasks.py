"""Celery tasks of the predictive-maintenance app: each calls one service."""

import datetime

from celery import shared_task

from predictive_maintenance.services import equipment_ages_recompute


@shared_task(name="predictive_maintenance.recompute_equipment_ages")
def recompute_equipment_ages(today: str | None = None, chunk_size: int = 2000) -> str:
    """Keeps every equipment record's `age_years` current (set-based, chunked). Not on the beat schedule yet:
    the weekly risk agent (spec 2.3) calls the service first; `run_task` runs it by hand.

    `today` (ISO date) is for replays and tests."""
    return equipment_ages_recompute(today=datetime.date.fromisoformat(today) if today else None, chunk_size=chunk_size)
