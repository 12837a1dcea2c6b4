"""Celery tasks of the turnover app: each calls one service."""

import datetime

from celery import shared_task

from turnover.services import turnover_leases_sync, turnover_vacancy_days_update


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


@shared_task(name="turnover.auto_create_turnover_case")
def auto_create_turnover_case(lease_ids: list[str], previous_status: str, new_status: str) -> str:
    """Queued by the lease lifecycle's signal: opens cases on notice (or on a move-out without one), stamps the
    move-out, closes a unit's case as Leased when its new lease starts."""
    return turnover_leases_sync(lease_ids=lease_ids, previous_status=previous_status, new_status=new_status)


@shared_task(name="turnover.update_vacancy_days")
def update_vacancy_days(today: str | None = None) -> str:
    """Daily (01:00 UTC): days vacant, delayed cases (> 30 days) and overdue deposit statements notified once."""
    return turnover_vacancy_days_update(today=_date(today))
