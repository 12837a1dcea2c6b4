"""approved -> sent: the letter by email and/or SMS through core.messaging (never twice per channel)."""

from __future__ import annotations

import datetime

from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.messaging import normalise_email, send_email, send_sms
from properties.selectors import sms_contact_window
from renewals.models import RenewalRecommendation
from renewals.prompts import letter_html
from renewals.services._common import CHANNELS, CLOSED, NOT_DELIVERED, Status, lock
from renewals.services.terms import renewal_rulebook, renewal_terms_problem


def _reply_to(prop) -> str | None:
    try:
        return normalise_email(prop.manager_email) if prop.manager_email else None
    except ApplicationError:
        return None


def _deliver(rec: RenewalRecommendation, channel: str) -> dict:
    """Sends one channel through core.messaging (dedupe key per recommendation and channel) and reports it."""
    key = f"renewals:{rec.pk}:{channel}"
    tenant = rec.tenant
    to = tenant.email if channel == "email" else tenant.phone
    try:
        if channel == "email":
            message = send_email(
                to=to,
                subject=rec.renewal_letter_subject or f"Your lease renewal offer for unit {rec.unit.unit_number}",
                text=rec.renewal_letter_text,
                html=letter_html(rec.renewal_letter_text),
                feature="renewals",
                related_object=rec,
                dedupe_key=key,
                reply_to=_reply_to(rec.property),
            )
        else:
            body = rec.renewal_sms_text or (
                f"Hi {tenant.first_name}, your lease renewal offer for unit {rec.unit.unit_number} is in your email."
            )
            # quiet hours: outside the property's contact window the text is scheduled (status "scheduled")
            message = send_sms(
                to=to,
                body=body,
                feature="renewals",
                related_object=rec,
                dedupe_key=key,
                contact_window=sms_contact_window(rec.property),
            )
    except ApplicationError as exc:  # invalid recipient (nothing written, nothing sent)
        return {
            "channel": channel,
            "to": to or "",
            "outbox_message_id": None,
            "status": "invalid",
            "error": exc.message,
        }
    return {
        "channel": channel,
        "to": message.to,
        "outbox_message_id": str(message.pk),
        "status": message.status,
        "error": message.error or "",
    }


def renewal_send(
    *,
    recommendation: RenewalRecommendation,
    actor: str,
    channels: tuple[str, ...] = CHANNELS,
    today: datetime.date | None = None,
) -> RenewalRecommendation:
    """Sends the approved letter by email (subject, text, simple HTML) and SMS through core.messaging.
    `channels` narrows it to one of them (the command center's "send via"); default both.

    Each channel is reported in `sent_via` ({channel, to, outbox_message_id, status, error}). The status
    becomes 'sent' when at least one channel was accepted (sent, stored in the outbox, delivered). A
    recipient that fails validation or a provider failure never loses the approval: the recommendation
    stays approved, and sending again retries only the channels that did not go out (the dedupe keys
    make a repeat call send nothing twice). When no channel went out: ApplicationError (400) naming
    each channel's problem, with `sent_via` saved.

    A first send refuses (400) a letter whose dates can no longer go out today: its reply-by date has come,
    or the notice the law requires would not have run by its start date (regenerate the letter: new dates).
    """
    rec = recommendation
    if rec.status == Status.PENDING:
        raise ApplicationError("Approve the recommendation before sending it.")
    if rec.status not in (Status.APPROVED, Status.SENT):
        raise ApplicationError(f"{CLOSED[rec.status]}; it cannot be sent.")
    if not rec.renewal_letter_text.strip():
        raise ApplicationError("Generate the renewal letter before sending it.")
    if rec.status == Status.APPROVED:
        today = today or timezone.localdate()
        problem = renewal_terms_problem(rec, today=today, book=renewal_rulebook(today=today))
        if problem:
            raise ApplicationError(problem, extra={"field": "response_deadline"})
    unknown = set(channels) - set(CHANNELS)
    if unknown or not channels:
        raise ApplicationError(f"Send the letter by {' and/or '.join(CHANNELS)}.")
    previous = {entry.get("channel"): entry for entry in rec.sent_via or []}
    entries, attempted = [], []
    for channel in CHANNELS:
        before = previous.get(channel)
        if before and before.get("status") not in NOT_DELIVERED:
            entries.append(before)  # already out: never again
        elif channel in channels:
            entries.append(_deliver(rec, channel))
            attempted.append(entries[-1])
        elif before:
            entries.append(before)  # not asked for this time: keep what happened before
    went_out = any(e["status"] not in NOT_DELIVERED for e in entries)
    with transaction.atomic():
        locked = lock(rec)
        if locked.status not in (Status.APPROVED, Status.SENT):
            raise ApplicationError(f"{CLOSED.get(locked.status, 'This recommendation changed')}; it cannot be sent.")
        locked.sent_via = entries
        fields = ["sent_via", "updated_at"]
        if went_out and locked.status == Status.APPROVED:
            locked.status, locked.sent_at, locked.sent_by = Status.SENT, timezone.now(), actor[:100]
            fields += ["status", "sent_at", "sent_by"]
        locked.save(update_fields=fields)
    if not went_out:
        problems = "; ".join(f"{e['channel']}: {e['error'] or e['status']}" for e in attempted or entries)
        raise ApplicationError(
            f"The renewal letter could not be sent ({problems}). The approval is kept; fix the tenant's contact "
            "details or try again.",
            extra={"sent_via": entries},
        )
    return locked
