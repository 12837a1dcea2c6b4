"""Open recommendations that no longer fit their lease -> expired (so the lease can be offered again)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from properties import jurisdiction as law
from renewals.models import RenewalRecommendation
from renewals.services._common import OPEN, SENT_GRACE_DAYS, Status
from renewals.services.response import renewal_accepted_apply
from tenants.lifecycle import ACTIVE, NOTICE, VACANT


def renewal_stale_expire(*, today: datetime.date | None = None, lease_ids=None) -> int:
    """Open recommendations -> expired when the offer no longer fits the lease:

    * the lease is on notice or vacant;
    * the lease's term changed since the offer (active, and the offer's start is neither the day after the
      lease's end date nor, later than that, the date the notice law moved it to: see `_law_moved`);
    * pending/approved, and the proposed start date has passed (it was never sent);
    * sent, and the tenant has not answered 30 days after the proposed start date.
    Their leases become candidates again (a fresh offer with fresh dates). Returns how many expired.
    """
    today = today or timezone.localdate()
    qs = RenewalRecommendation.objects.filter(status__in=OPEN)
    if lease_ids is not None:
        qs = qs.filter(lease_id__in=list(lease_ids))
    rows = qs.values_list(
        "id",
        "status",
        "recommended_lease_start",
        "lease__lease_status",
        "lease__lease_end_date",
        "notice_date",
        "notice_days",
    )
    stale = []
    for pk, status, start, lease_status, lease_end, notice_date, notice_days in rows:
        if lease_status in (NOTICE, VACANT):
            stale.append(pk)
        elif (
            lease_status == ACTIVE
            and lease_end is not None
            and lease_end + datetime.timedelta(days=1) != start
            and not (start > lease_end and _law_moved(start, notice_date, notice_days))
        ):
            stale.append(pk)
        elif status != Status.SENT and start < today:
            stale.append(pk)
        elif status == Status.SENT and start + datetime.timedelta(days=SENT_GRACE_DAYS) < today:
            stale.append(pk)
    if not stale:
        return 0
    return RenewalRecommendation.objects.filter(pk__in=stale, status__in=OPEN).update(
        status=Status.EXPIRED, updated_at=timezone.now()
    )


def _law_moved(start: datetime.date, notice_date: datetime.date | None, notice_days: int | None) -> bool:
    """Whether `start` is where the notice law put it: the earliest lawful date after `notice_days` from
    `notice_date`, as is or moved to the next 1st (properties.jurisdiction.earliest_effective_date)."""
    if notice_date is None or notice_days is None:
        return False
    earliest = law.earliest_effective_date(notice_date=notice_date, days=notice_days)
    return start in (
        earliest,
        law.earliest_effective_date(notice_date=notice_date, days=notice_days, period_start=True),
    )


def renewal_leases_sync(*, lease_ids, today: datetime.date | None = None) -> str:
    """After leases changed lifecycle status: expire their stale offers and apply accepted renewals."""
    ids = list(lease_ids)
    expired = renewal_stale_expire(today=today, lease_ids=ids)
    applied = renewal_accepted_apply(lease_ids=ids)
    return f"Expired {expired} recommendations, applied {applied} accepted renewals."
