"""Celery tasks of the tenants app: each calls one service."""

import datetime

from celery import shared_task

from tenants import lifecycle
from tenants.services import lease_statuses_classify


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


@shared_task(name="tenants.classify_lease_statuses")
def classify_lease_statuses(today: str | None = None, chunk_size: int = 2000) -> str:
    """Nightly (02:00 UTC): active past end date -> month-to-month; notice past move-out -> vacant.

    `today` (ISO date) is for replays and tests; the schedule passes nothing.
    """
    return lease_statuses_classify(today=_date(today), chunk_size=chunk_size)


@shared_task(name="tenants.initial_lease_reclassification")
def initial_lease_reclassification(today: str | None = None, chunk_size: int = 2000) -> str:
    """One-time: classify leases that predate the lifecycle (same rules, logged as the initial reclassification).

    Migration 0003 already does this on `migrate`; this task (and the management command of the same name)
    is for re-running it by hand, e.g. after a bulk import.
    """
    return lease_statuses_classify(today=_date(today), chunk_size=chunk_size, actor=lifecycle.INITIAL_ACTOR)
