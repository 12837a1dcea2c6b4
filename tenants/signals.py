"""Signals the tenants app declares. This module is THE way other apps react to lease lifecycle changes.

lease_status_changed
    Sent after the transaction that changed one or more leases' `lease_status` has committed
    (via `transaction.on_commit`), never for a refused or rolled-back change. One send covers a group of
    leases that made the same move: a manual transition sends one lease id; the nightly agent sends one
    signal per chunk and move (e.g. 2,000 ids active -> month_to_month).

    sender           tenants.models.TenantLease
    lease_ids        list[uuid.UUID]  the leases that moved
    previous_status  str              e.g. "notice"
    new_status       str              e.g. "vacant"
    actor            str              "user:<email>", "system:daily_classify", ...
    reason           str              the reason written to LeaseStatusLog

    Receivers get ids, not objects: load what you need (and queue Celery work with ids). Connect
    explicitly in your app's `AppConfig.ready()`, in one place, e.g. turnover:

        from tenants.signals import lease_status_changed
        lease_status_changed.connect(turnover.receivers.on_lease_status_changed,
                                     dispatch_uid="turnover.on_lease_status_changed")

    Receivers run with `send_robust`: an exception in one receiver is logged and does not stop the
    others, nor undo the (already committed) transition. Keep receivers small; queue real work.
"""

from django.db import transaction
from django.dispatch import Signal

from tenants.models import TenantLease

lease_status_changed = Signal()


def lease_status_changed_send_on_commit(
    *, lease_ids, previous_status: str, new_status: str, actor: str, reason: str
) -> None:
    """Queues `lease_status_changed` for when the current transaction commits (immediately outside one)."""
    ids = list(lease_ids)
    if not ids:
        return

    def _send():
        # send_robust logs a failing receiver (logger "django.dispatch") and carries on with the others.
        lease_status_changed.send_robust(
            sender=TenantLease,
            lease_ids=ids,
            previous_status=previous_status,
            new_status=new_status,
            actor=actor,
            reason=reason,
        )

    transaction.on_commit(_send)
