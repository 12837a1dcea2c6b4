"""Celery tasks for the collections agents: each calls one service and returns its one-line summary.
Beat schedule in config/celery.py (daily scan 08:00 UTC; escalation every 4 hours)."""

from celery import shared_task
from django.db import OperationalError


@shared_task(
    name="collections.daily_collections_scan", autoretry_for=(OperationalError,), retry_backoff=30, max_retries=3
)
def daily_collections_scan(today: str | None = None) -> str:
    """Opens cases for overdue tenants, refreshes open ones, closes paid ones. `today` (ISO) for replays."""
    import datetime

    from collections_app.services import collections_scan

    return collections_scan(today=datetime.date.fromisoformat(today) if today else None)


@shared_task(name="collections.escalation_engine", autoretry_for=(OperationalError,), retry_backoff=30, max_retries=3)
def escalation_engine() -> str:
    """Sends every dunning step that is due (idempotent: a step is recorded and sent once)."""
    from collections_app.services import collections_escalate

    return collections_escalate()
