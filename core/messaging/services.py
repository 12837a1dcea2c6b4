"""Writes for core.messaging: send (outbox row first, then deliver), quiet hours (schedule, then release), retry,
provider status updates."""

from __future__ import annotations

import datetime
import logging
import uuid

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.messaging.backends import STORED, DeliveryError, Email, get_email_backend, get_sms_backend
from core.messaging.quiet_hours import ContactWindow
from core.messaging.validation import check_email_parts, check_sms_body, normalise_email, normalise_phone
from core.models import OutboxMessage, SmsOptOut

logger = logging.getLogger(__name__)

Status = OutboxMessage.Status
MAX_STATUS_EVENTS = 50
# Twilio delivery errors worth retrying (queue overflow, unknown error); others (landline, unknown number…) are final.
TWILIO_TRANSIENT_ERRORS = {"30001", "30008"}


def sms_opted_out(phone: str) -> bool:
    """Whether the number (any format) texted STOP and not START since."""
    try:
        number = normalise_phone(phone)
    except ApplicationError:
        return False
    return SmsOptOut.objects.filter(phone=number, opted_out=True).exists()


def sms_opt_out_set(*, phone: str, keyword: str) -> SmsOptOut:
    """Records STOP (opted out) or START (opted in again) for a number; the keyword is kept for the record."""
    number = normalise_phone(phone)
    row, _ = SmsOptOut.objects.update_or_create(
        phone=number, defaults={"opted_out": keyword.lower() != "start", "keyword": keyword.lower()[:20]}
    )
    return row


def send_sms(
    *,
    to: str,
    body: str,
    feature: str = "",
    related_object=None,
    dedupe_key: str | None = None,
    urgent: bool = False,
    contact_window: ContactWindow | None = None,
    now: datetime.datetime | None = None,
) -> OutboxMessage:
    """Validates, writes the outbox row, delivers through Twilio (or stores it), and returns the row.

    With `dedupe_key`, a second call returns the existing row without sending again — unless that
    one failed, in which case it is retried. A number that texted STOP gets nothing unless `urgent` (a safety
    page): the row is kept with status `blocked`, so every feature's history shows why nothing went out.

    Quiet hours: with a `contact_window` (the recipient property's, `properties.selectors.sms_contact_window`)
    and `now` (default: the clock) outside it, a non-urgent message is written `scheduled` with `not_before`
    (the window's next opening) and `hold_reason` ("quiet hours, <citation>") and sent by
    `deferred_messages_release` then. `urgent` messages (on-call pages, emergency acknowledgements) and messages
    without a window (staff replies, answers inside a conversation the tenant opened) go at once.
    """
    number = normalise_phone(to)
    check_sms_body(body)
    from_address = settings.TWILIO_MESSAGING_SERVICE_SID or settings.TWILIO_FROM_NUMBER
    not_before, hold_reason = None, ""
    if not urgent and contact_window is not None and settings.MESSAGING_QUIET_HOURS:
        now = now or timezone.now()
        if not contact_window.allows(now):
            not_before, hold_reason = contact_window.next_open(now), contact_window.reason[:300]
    if not urgent and sms_opted_out(number):
        return _blocked(
            to=number,
            body=body,
            from_address=from_address,
            feature=feature,
            related_object=related_object,
            dedupe_key=dedupe_key,
        )
    return _send(
        channel=OutboxMessage.Channel.SMS,
        to=number,
        body=body,
        subject="",
        html="",
        from_address=from_address,
        feature=feature,
        related_object=related_object,
        dedupe_key=dedupe_key,
        not_before=not_before,
        hold_reason=hold_reason,
    )


def send_email(
    *,
    to: str,
    subject: str,
    text: str,
    html: str | None = None,
    feature: str = "",
    related_object=None,
    dedupe_key: str | None = None,
    from_email: str | None = None,
    reply_to: str | None = None,
) -> OutboxMessage:
    """Like send_sms for email (plain text + optional HTML) through SendGrid, Django's mail, or the outbox."""
    address = normalise_email(to)
    check_email_parts(subject, text)
    if reply_to:
        reply_to = normalise_email(reply_to)
    return _send(
        channel=OutboxMessage.Channel.EMAIL,
        to=address,
        body=text,
        subject=subject.strip(),
        html=html or "",
        from_address=from_email or settings.FROM_EMAIL,
        feature=feature,
        related_object=related_object,
        dedupe_key=dedupe_key,
        reply_to=reply_to or "",
    )


def retry_message(message_id) -> OutboxMessage:
    """Delivers a failed message again (same row, attempts + 1). Anything but `failed` is refused."""
    claimed = OutboxMessage.objects.filter(id=message_id, status=Status.FAILED).update(
        status=Status.QUEUED, updated_at=timezone.now()
    )
    message = OutboxMessage.objects.filter(id=message_id).first()
    if message is None:
        raise ApplicationError("Message not found.", status_code=404)
    if not claimed:
        raise ApplicationError(f"Only failed messages can be retried; this one is {message.status}.")
    return _deliver(message)


def retry_failed_messages(*, limit: int = 100) -> str:
    """Retries failed messages marked retryable, oldest first. Safe to run on a schedule."""
    ids = list(
        OutboxMessage.objects.filter(status=Status.FAILED, retryable=True)
        .order_by("created_at")
        .values_list("id", flat=True)[:limit]
    )
    outcomes = {"sent": 0, "failed": 0}
    for message_id in ids:
        try:
            message = retry_message(message_id)
        except ApplicationError:
            continue  # someone else retried it meanwhile
        outcomes["failed" if message.status == Status.FAILED else "sent"] += 1
    return (
        f"Retried {len(ids)} messages: {outcomes['sent']} delivered to the provider, {outcomes['failed']} failed again."
    )


def _send(
    *,
    channel,
    to,
    body,
    subject,
    html,
    from_address,
    feature,
    related_object,
    dedupe_key,
    reply_to="",
    not_before=None,
    hold_reason="",
) -> OutboxMessage:
    related_type, related_id = _related(related_object)
    if dedupe_key:
        existing = OutboxMessage.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return _reuse(existing, channel=channel, to=to)
    try:
        with transaction.atomic():
            message = OutboxMessage.objects.create(
                channel=channel,
                to=to,
                body=body,
                subject=subject,
                html=html,
                from_address=from_address[:254],
                feature=feature[:64],
                dedupe_key=dedupe_key or None,
                related_type=related_type,
                related_id=related_id,
                status=Status.SCHEDULED if not_before else Status.QUEUED,
                not_before=not_before,
                hold_reason=hold_reason,
            )
    except IntegrityError:
        if not dedupe_key:
            raise
        return _reuse(OutboxMessage.objects.get(dedupe_key=dedupe_key), channel=channel, to=to)
    if not_before:
        return message  # deferred_messages_release sends it when the window opens
    return _deliver(message, reply_to=reply_to)


def _blocked(*, to, body, from_address, feature, related_object, dedupe_key) -> OutboxMessage:
    related_type, related_id = _related(related_object)
    if dedupe_key:
        existing = OutboxMessage.objects.filter(dedupe_key=dedupe_key).first()
        if existing is not None:
            return existing
    fields = dict(
        channel=OutboxMessage.Channel.SMS,
        to=to,
        body=body,
        from_address=from_address[:254],
        feature=feature[:64],
        related_type=related_type,
        related_id=related_id,
        status=Status.BLOCKED,
        error="The number opted out of text messages (STOP); nothing was sent.",
    )
    try:
        with transaction.atomic():
            return OutboxMessage.objects.create(dedupe_key=dedupe_key or None, **fields)
    except IntegrityError:
        if not dedupe_key:
            raise
        return OutboxMessage.objects.get(dedupe_key=dedupe_key)


def _reuse(existing: OutboxMessage, *, channel: str, to: str) -> OutboxMessage:
    if existing.channel != channel or existing.to != to:
        raise ApplicationError(
            f"dedupe_key '{existing.dedupe_key}' was already used for another message ({existing.channel} to {existing.to})."
        )
    if existing.status == Status.FAILED:
        try:
            return retry_message(existing.id)
        except ApplicationError:
            existing.refresh_from_db()
    return existing


def _related(obj) -> tuple[str, str]:
    if obj is None:
        return "", ""
    meta = getattr(obj, "_meta", None)
    if meta is None or getattr(obj, "pk", None) is None:
        raise ApplicationError("related_object must be a saved model instance.")
    return f"{meta.app_label}.{meta.model_name}", str(obj.pk)


DELIVERY_FIELDS = [
    "status",
    "backend",
    "provider_message_id",
    "error",
    "retryable",
    "attempts",
    "sent_at",
    "updated_at",
]


def deferred_messages_release(*, now: datetime.datetime | None = None, limit: int = 1000) -> str:
    """Sends the scheduled (quiet-hours) messages whose `not_before` has come, oldest first. Set-based: the due
    rows are claimed in one locked query and one update (a concurrent run skips them), the opt-out list is read
    once (a number that texted STOP meanwhile gets nothing: `blocked`), and the outcomes are written in one bulk
    update per 500 rows. Idempotent: a released row is no longer `scheduled`, so a second run sends nothing."""
    now = now or timezone.now()
    with transaction.atomic():
        due = list(
            OutboxMessage.objects.select_for_update(skip_locked=True)
            .filter(status=Status.SCHEDULED, not_before__lte=now)
            .order_by("not_before", "created_at")[:limit]
        )
        if not due:
            return "No scheduled messages are due."
        OutboxMessage.objects.filter(id__in=[m.id for m in due], status=Status.SCHEDULED).update(
            status=Status.QUEUED, updated_at=now
        )
    phones = {m.to for m in due if m.channel == OutboxMessage.Channel.SMS}
    opted_out = set(
        SmsOptOut.objects.filter(phone__in=phones, opted_out=True).values_list("phone", flat=True) if phones else ()
    )
    blocked = 0
    for message in due:
        message.updated_at = timezone.now()
        if message.channel == OutboxMessage.Channel.SMS and message.to in opted_out:
            message.status, message.error = (
                Status.BLOCKED,
                "The number opted out of text messages (STOP) before this went out.",
            )
            blocked += 1
        else:
            _attempt(message)
    OutboxMessage.objects.bulk_update(due, DELIVERY_FIELDS, batch_size=500)
    failed = sum(1 for m in due if m.status == Status.FAILED)
    return (
        f"Released {len(due)} scheduled messages: {len(due) - blocked - failed} handed to the provider, "
        f"{blocked} blocked (STOP), {failed} failed."
    )


def _deliver(message: OutboxMessage, *, reply_to: str = "") -> OutboxMessage:
    _attempt(message, reply_to=reply_to)
    message.save(update_fields=DELIVERY_FIELDS)
    return message


def _attempt(message: OutboxMessage, *, reply_to: str = "") -> OutboxMessage:
    """Hands the message to its backend and records the outcome on the instance (the caller saves it)."""
    message.attempts += 1
    try:
        if message.channel == OutboxMessage.Channel.SMS:
            backend = get_sms_backend()
            message.backend = backend.name
            result = backend.send_sms(to=message.to, body=message.body, message_id=str(message.id))
        else:
            backend = get_email_backend()
            message.backend = backend.name
            result = backend.send_email(
                Email(
                    to=message.to,
                    subject=message.subject,
                    text=message.body,
                    html=message.html,
                    from_email=message.from_address or settings.FROM_EMAIL,
                    reply_to=reply_to,
                    message_id=str(message.id),
                )
            )
    except DeliveryError as exc:
        message.status, message.error, message.retryable = Status.FAILED, exc.message[:2000], exc.retryable
        logger.warning("Delivery of %s %s failed: %s", message.channel, message.id, exc.message)
    except Exception as exc:  # noqa: BLE001 - never lose the message: record the failure, keep it retryable
        logger.exception("Delivery of %s %s failed unexpectedly", message.channel, message.id)
        message.status, message.error, message.retryable = Status.FAILED, f"{type(exc).__name__}: {exc}"[:2000], True
    else:
        message.status = Status.STORED if result.status == STORED else Status.SENT
        message.provider_message_id = result.provider_message_id[:128]
        message.error, message.retryable = "", False
        if message.status == Status.SENT:
            message.sent_at = timezone.now()
    return message


# ── provider status callbacks ────────────────────────────────────────────────────────────────────

_TWILIO_STATUS = {
    "accepted": Status.SENT,
    "queued": Status.SENT,
    "sending": Status.SENT,
    "sent": Status.SENT,
    "delivered": Status.DELIVERED,
    "undelivered": Status.FAILED,
    "failed": Status.FAILED,
    "read": "opened",
}
_SENDGRID_STATUS = {
    "processed": Status.SENT,
    "delivered": Status.DELIVERED,
    "open": "opened",
    "bounce": Status.FAILED,
    "dropped": Status.FAILED,
    "blocked": Status.FAILED,
}
_MOVES_FROM = {
    Status.SENT: {Status.QUEUED},
    Status.DELIVERED: {Status.QUEUED, Status.SENT},
    Status.FAILED: {Status.QUEUED, Status.SENT, Status.DELIVERED},  # an email can bounce after "delivered"
}


def outbox_status_update(
    *,
    provider: str,
    provider_message_id: str = "",
    outbox_id: str = "",
    status: str,
    error_code: str = "",
    reason: str = "",
    event: dict | None = None,
    event_id: str = "",
) -> OutboxMessage | None:
    """Applies a provider's delivery callback to the outbox row (found by our id or the provider's id).

    Statuses only move forward (a late "sent" never undoes "delivered"); every callback is kept in
    `status_events`. Returns None when the message is not ours. A replay (the provider's `event_id` already
    recorded, or the same status and error code as the last callback) changes nothing.
    """
    mapping = _TWILIO_STATUS if provider == "twilio" else _SENDGRID_STATUS
    target = mapping.get((status or "").lower())
    with transaction.atomic():
        message = _find_for_update(provider=provider, provider_message_id=provider_message_id, outbox_id=outbox_id)
        if message is None:
            return None
        if _is_replay(message.status_events, status=status, error_code=error_code, event_id=event_id):
            return message
        now = timezone.now()
        record = {"provider": provider, "status": status, "at": now.isoformat()}
        if event_id:
            record["event_id"] = event_id
        if error_code:
            record["error_code"] = error_code
        if reason:
            record["reason"] = reason[:500]
        if event:
            record["event"] = event
        message.status_events = [*message.status_events, record][-MAX_STATUS_EVENTS:]
        if target == "opened":
            message.opened_at = message.opened_at or now
            if message.status in (Status.QUEUED, Status.SENT):
                message.status, message.delivered_at = Status.DELIVERED, message.delivered_at or now
        elif target in _MOVES_FROM and message.status in _MOVES_FROM[target]:
            message.status = target
            if target == Status.DELIVERED:
                message.delivered_at = now
            if target == Status.FAILED:
                detail = reason or (f"error {error_code}" if error_code else status)
                message.error = f"{provider.title()} reported {status}: {detail}"[:2000]
                message.retryable = provider == "twilio" and error_code in TWILIO_TRANSIENT_ERRORS
        message.save(
            update_fields=["status", "status_events", "opened_at", "delivered_at", "error", "retryable", "updated_at"]
        )
    return message


def _is_replay(events: list, *, status: str, error_code: str, event_id: str) -> bool:
    if event_id:
        return any(isinstance(e, dict) and e.get("event_id") == event_id for e in events)
    last = events[-1] if events and isinstance(events[-1], dict) else {}
    return bool(last) and last.get("status") == status and last.get("error_code", "") == error_code


def _find_for_update(*, provider, provider_message_id, outbox_id) -> OutboxMessage | None:
    qs = OutboxMessage.objects.select_for_update()
    if outbox_id:
        try:
            found = qs.filter(id=uuid.UUID(str(outbox_id))).first()
        except ValueError:
            found = None
        if found is not None:
            return found
    if provider_message_id:
        return qs.filter(backend=provider, provider_message_id=provider_message_id).first()
    return None
