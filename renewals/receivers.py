"""Reactions to other apps' signals, connected in RenewalsConfig.ready() (the one place)."""

from django.db.models import Q

from renewals.models import RenewalRecommendation
from tenants.lifecycle import MONTH_TO_MONTH

Status = RenewalRecommendation.Status


def on_lease_status_changed(sender, *, lease_ids, previous_status, new_status, **kwargs):
    """tenants.signals.lease_status_changed (sent after commit): when any of these leases has an open
    offer, or an accepted renewal waiting for the lease to turn month-to-month, queue the sync task.
    One EXISTS query here; the work runs in the task."""
    ids = list(lease_ids)
    waiting = Q(status__in=RenewalRecommendation.OPEN_STATUSES)
    if new_status == MONTH_TO_MONTH:
        waiting |= Q(status=Status.ACCEPTED, lease_renewed_at__isnull=True)
    if RenewalRecommendation.objects.filter(waiting, lease_id__in=ids).exists():
        from renewals.tasks import sync_lease_changes

        sync_lease_changes.delay(lease_ids=[str(i) for i in ids])
