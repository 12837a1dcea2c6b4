"""Celery tasks of the renewals app: each calls one service."""

import datetime

from celery import shared_task

from renewals.services import renewal_leases_sync, renewal_scan


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


@shared_task(name="renewals.nightly_renewal_scan")
def nightly_renewal_scan(today: str | None = None, chunk_size: int = 500) -> str:
    """Nightly (03:00 UTC, after the lifecycle agent at 02:00): score leases ending in 30-120 days and
    month-to-month leases, recommend a rent, draft letters. `today` (ISO date) is for replays and tests."""
    return renewal_scan(today=_date(today), chunk_size=chunk_size)


@shared_task(name="renewals.sync_lease_changes")
def sync_lease_changes(lease_ids: list[str]) -> str:
    """Queued when leases change lifecycle status: expire offers that no longer fit, apply accepted
    renewals whose lease just turned month-to-month."""
    return renewal_leases_sync(lease_ids=lease_ids)
