"""Celery tasks of the command center: each calls one service. Beat: generate-ai-action-queue at 02:15 UTC
(config/celery.py), after the 02:00 lifecycle classification."""

import datetime

from celery import shared_task
from django.db import OperationalError


@shared_task(
    name="portfolio.generate_ai_action_queue", autoretry_for=(OperationalError,), retry_backoff=30, max_retries=3
)
def generate_ai_action_queue(today: str | None = None, chunk_size: int = 2000) -> str:
    """Nightly: 0-2 AI action recommendations per occupied unit; yesterday's pending ones superseded.
    `today` (ISO date) is for replays and tests."""
    from portfolio.services import ai_action_queue_generate

    return ai_action_queue_generate(today=datetime.date.fromisoformat(today) if today else None, chunk_size=chunk_size)


@shared_task(name="portfolio.execute_bulk_action_batch")
def execute_bulk_action_batch(batch_id: str) -> str:
    """Runs one bulk action batch (queued on creation, or with an eta when scheduled). A batch that is no
    longer pending (already run, cancelled) is left alone, so a redelivered task does nothing."""
    from portfolio.services import bulk_action_execute

    batch = bulk_action_execute(batch_id=batch_id)
    return batch.result_summary if batch is not None else f"Batch {batch_id} not found."


@shared_task(name="portfolio.run_due_bulk_actions")
def run_due_bulk_actions() -> str:
    """Runs scheduled batches whose time has passed (when no worker honoured the eta)."""
    from portfolio.services import bulk_actions_run_due

    return bulk_actions_run_due()
