"""sent -> accepted | declined, and applying an accepted renewal to its lease (tenants.services.lease_renew)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from renewals.models import RenewalRecommendation
from renewals.services._common import NOTE_MAX_CHARS, SCAN_ACTOR, Status, lock
from tenants import lifecycle
from tenants.lifecycle import ACTIVE, MONTH_TO_MONTH
from tenants.models import TenantLease
from tenants.services import lease_renew

logger = logging.getLogger(__name__)


def _renews_now(lease: TenantLease) -> bool:
    """True when the lifecycle can renew the lease today: month-to-month, or an active lease if the
    lifecycle's transition table allows active -> active (it does not yet; see renewals/DECISIONS.md)."""
    return lease.lease_status == MONTH_TO_MONTH or (
        lease.lease_status == ACTIVE and lifecycle.is_transition_allowed(ACTIVE, ACTIVE)
    )


def _renew_lease(rec: RenewalRecommendation, *, lease: TenantLease, actor: str) -> None:
    lease_renew(
        lease=lease,
        actor=actor,
        lease_end_date=rec.recommended_lease_end,
        monthly_rent_amount=rec.get_offered_rent(),
        reason=f"Renewal accepted: {rec.recommended_term_months} months from {rec.recommended_lease_start.isoformat()}",
    )


def renewal_record_response(
    *, recommendation: RenewalRecommendation, accepted: bool, actor: str, note: str = ""
) -> RenewalRecommendation:
    """sent -> accepted | declined, with the tenant's note.

    Accepted: the lease is renewed through the lifecycle service (`tenants.services.lease_renew`): new end
    date and the offered rent, a month-to-month lease moves back to active (LeaseStatusLog row). An
    active lease cannot be renewed by the lifecycle yet, so its renewal is applied the day it turns
    month-to-month (receiver + nightly scan; `lease_renewed_at` stays null until then). A lease on
    notice or vacant cannot accept (400). Everything happens in one transaction.
    """
    rec = recommendation
    if rec.status != Status.SENT:
        raise ApplicationError("Only sent recommendations can record the tenant's response.")
    note = (note or "").strip()
    if len(note) > NOTE_MAX_CHARS:
        raise ApplicationError(f"The note is longer than {NOTE_MAX_CHARS} characters.", extra={"field": "note"})
    with transaction.atomic():
        locked = lock(rec)
        if locked.status != Status.SENT:
            raise ApplicationError("Only sent recommendations can record the tenant's response.")
        now = timezone.now()
        locked.status = Status.ACCEPTED if accepted else Status.DECLINED
        locked.responded_at, locked.response_recorded_by, locked.tenant_response_note = now, actor[:100], note
        fields = ["status", "responded_at", "response_recorded_by", "tenant_response_note", "updated_at"]
        if accepted:
            lease = TenantLease.objects.select_for_update().get(pk=locked.lease_id)
            if _renews_now(lease):
                _renew_lease(locked, lease=lease, actor=actor)
                locked.lease_renewed_at = now
                fields.append("lease_renewed_at")
            elif lease.lease_status != ACTIVE:
                words = lifecycle.STATUS_WORDS.get(lease.lease_status, lease.lease_status)
                raise ApplicationError(f"The lease is {words}; the renewal cannot be accepted.")
        locked.save(update_fields=fields)
    return locked


def renewal_accepted_apply(*, lease_ids=None) -> int:
    """Renews the leases of accepted recommendations that waited for their lease to turn month-to-month
    (see renewal_record_response). Idempotent; returns how many leases were renewed."""
    qs = RenewalRecommendation.objects.filter(
        status=Status.ACCEPTED, lease_renewed_at__isnull=True, lease__lease_status=MONTH_TO_MONTH
    ).order_by("responded_at")
    if lease_ids is not None:
        qs = qs.filter(lease_id__in=list(lease_ids))
    applied = 0
    for rec in qs.select_related("lease"):
        try:
            with transaction.atomic():
                locked = lock(rec)
                if locked.lease_renewed_at is not None or locked.status != Status.ACCEPTED:
                    continue
                lease = TenantLease.objects.select_for_update().get(pk=locked.lease_id)
                if lease.lease_status != MONTH_TO_MONTH:
                    continue
                _renew_lease(locked, lease=lease, actor=locked.response_recorded_by or SCAN_ACTOR)
                locked.lease_renewed_at = timezone.now()
                locked.save(update_fields=["lease_renewed_at", "updated_at"])
            applied += 1
        except ApplicationError as exc:
            logger.warning("Could not apply the accepted renewal %s to lease %s: %s", rec.pk, rec.lease_id, exc.message)
    return applied
