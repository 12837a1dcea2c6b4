"""What the renewals services share: statuses, limits, the row lock and the closed-state wording."""

from __future__ import annotations

from decimal import Decimal

from core.exceptions import ApplicationError
from core.utils import batched  # noqa: F401 (the services' chunking, re-exported)
from renewals.models import RenewalRecommendation

Status = RenewalRecommendation.Status
OPEN = RenewalRecommendation.OPEN_STATUSES
LETTER_EDITABLE = (Status.PENDING, Status.APPROVED)
SCAN_ACTOR = "system:renewal_scan"
CENT = Decimal("0.01")
MAX_RENT = Decimal("99999999.99")  # max_digits=10, decimal_places=2
# A sent offer the tenant has not answered expires this long after its proposed start date.
SENT_GRACE_DAYS = 30
CHANNELS = ("email", "sms")
# Outbox statuses that mean the message left our hands (or is stored in the outbox for a provider).
NOT_DELIVERED = ("failed", "invalid")
NOTE_MAX_CHARS = 2000


def lock(rec: RenewalRecommendation) -> RenewalRecommendation:
    try:
        return RenewalRecommendation.objects.select_for_update().get(pk=rec.pk)
    except RenewalRecommendation.DoesNotExist:
        raise ApplicationError("Renewal recommendation not found.", status_code=404)


CLOSED = {
    Status.SENT: "The letter has already been sent",
    Status.ACCEPTED: "The tenant has already accepted this offer",
    Status.DECLINED: "The tenant has already declined this offer",
    Status.EXPIRED: "This recommendation has expired (the next scan makes a fresh offer)",
}
