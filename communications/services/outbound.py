"""Messages to a tenant, always through core.messaging (SMS / email; outbox without a provider). Each is a thread
message first, then an outbox row linked to it (`feature="communications"`).

- STOP / START per number: an opted-out number gets no SMS from communications (a staff reply says so, 400).
- Quiet hours: `respect_quiet_hours=True` (automated SMS that do not answer the tenant's own message) holds the
  message until the property's contact window opens (the `sms_contact_hours` jurisdiction rules, with their
  citation: properties.selectors.sms_contact_window); `held_messages_release` (every 15 minutes) sends what is
  due. A reply to the tenant's own message (the AI's answer, an emergency acknowledgement, a staff reply) goes at
  once: the tenant started that exchange.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from communications.models import TenantConversation, TenantMessage
from communications.services.inbound import normalised_address
from core.exceptions import ApplicationError
from core.messaging import send_email, send_sms, sms_opt_out_set, sms_opted_out
from core.models import OutboxMessage, SmsOptOut
from properties.selectors import sms_contact_window

Delivery = TenantMessage.Delivery
SENDABLE = ("sms", "email", "in_app")


def opt_out_set(*, phone: str, keyword: str) -> SmsOptOut:
    """STOP (and its synonyms) opts the number out of non-urgent SMS from every feature (core.messaging keeps the
    list and `send_sms` honours it); START opts it back in."""
    return sms_opt_out_set(phone=phone, keyword=keyword)


def is_opted_out(phone: str) -> bool:
    return sms_opted_out(phone)


def address_for(conversation: TenantConversation, channel: str) -> str:
    tenant = conversation.tenant
    if tenant is None:
        kind = "email" if "@" in conversation.contact_address else "sms"
        if kind != channel:
            raise ApplicationError(f"This sender wrote by {kind}; reply by {kind}.", extra={"field": "channel"})
        return conversation.contact_address
    raw = tenant.email if channel == "email" else tenant.phone
    if not raw:
        raise ApplicationError(
            f"The tenant has no {'email address' if channel == 'email' else 'phone number'}.",
            extra={"field": "channel"},
        )
    return normalised_address(channel, raw)


def _subject(conversation: TenantConversation) -> str:
    last = (
        TenantMessage._base_manager.filter(conversation=conversation, direction="inbound")
        .exclude(subject="")
        .order_by("-created_at")
        .values_list("subject", flat=True)
        .first()
    )
    if last:
        return last if last.lower().startswith("re:") else f"Re: {last}"[:255]
    name = conversation.property.name if conversation.property_id else "your community"
    return f"A message from {name}"


def tenant_message_send(
    *,
    conversation: TenantConversation,
    content: str,
    channel: str,
    sent_by: str = "",
    automated: bool = False,
    is_ai: bool = False,
    in_reply_to: TenantMessage | None = None,
    respect_quiet_hours: bool = False,
    now=None,
) -> TenantMessage:
    content = (content or "").strip()
    if not content:
        raise ApplicationError("The message is empty.", extra={"field": "content"})
    if channel not in SENDABLE:
        raise ApplicationError("Reply by sms, email or in_app.", extra={"field": "channel"})
    if channel == "sms" and len(content) > 1600:
        raise ApplicationError("An SMS is at most 1,600 characters.", extra={"field": "content"})
    now = now or timezone.now()
    address = address_for(conversation, channel) if channel != "in_app" else ""
    delivery, send_after = Delivery.SENT, None
    if channel == "sms" and is_opted_out(address):
        if not automated:
            raise ApplicationError(
                "This number has opted out of text messages (STOP). Reply by email, or wait for them to text START.",
                extra={"field": "channel"},
            )
        delivery = Delivery.BLOCKED
    elif respect_quiet_hours and channel == "sms" and conversation.property_id:
        window = sms_contact_window(conversation.property, on_date=now.date())
        if window is not None and not window.allows(now):
            delivery, send_after = Delivery.HELD, window.next_open(now)
    message = TenantMessage._base_manager.create(
        conversation=conversation,
        direction=TenantMessage.Direction.OUTBOUND,
        channel=channel,
        content=content,
        is_ai_generated=is_ai,
        is_auto_sent=automated,
        sent_by=sent_by[:150],
        in_reply_to=in_reply_to,
        delivery=delivery,
        send_after=send_after,
        from_address=address,
    )
    if delivery == Delivery.SENT and channel != "in_app":
        _deliver(message, conversation=conversation, address=address)
    fields = {"last_message_at": message.created_at, "updated_at": timezone.now()}
    if not automated:
        fields.update(status=TenantConversation.Status.WAITING_TENANT, unread_count=0)
        if not conversation.assigned_to and sent_by:
            fields["assigned_to"] = sent_by[:100]
    TenantConversation._base_manager.filter(pk=conversation.pk).update(**fields)
    return message


def _deliver(message: TenantMessage, *, conversation: TenantConversation, address: str) -> TenantMessage:
    try:
        if message.channel == "sms":
            row = send_sms(
                to=address,
                body=message.content,
                feature="communications",
                related_object=message,
                dedupe_key=f"communications:{message.pk}",
            )
        else:
            row = send_email(
                to=address,
                subject=_subject(conversation),
                text=message.content,
                feature="communications",
                related_object=message,
                dedupe_key=f"communications:{message.pk}",
            )
    except ApplicationError:
        message.delivery = Delivery.FAILED
        message.save(update_fields=["delivery"])
        raise
    message.outbox_message = row
    message.delivery = Delivery.FAILED if row.status == OutboxMessage.Status.FAILED else Delivery.SENT
    message.save(update_fields=["outbox_message", "delivery"])
    return message


def held_messages_release(*, now=None, limit: int = 500) -> str:
    """Sends held messages whose time has come (and resumes broadcasts waiting for contact hours)."""
    from communications.services.broadcasts import broadcasts_resume

    now = now or timezone.now()
    due = list(
        TenantMessage._base_manager.filter(delivery=Delivery.HELD, send_after__lte=now)
        .select_related("conversation__tenant", "conversation__property")
        .order_by("send_after")[:limit]
    )
    sent = 0
    for message in due:
        with transaction.atomic():
            claimed = TenantMessage._base_manager.filter(pk=message.pk, delivery=Delivery.HELD).update(
                delivery=Delivery.SENT
            )
        if not claimed:
            continue
        conv = message.conversation
        try:
            address = address_for(conv, message.channel)
            if message.channel == "sms" and is_opted_out(address):
                message.delivery = Delivery.BLOCKED
                message.save(update_fields=["delivery"])
                continue
            _deliver(message, conversation=conv, address=address)
            sent += 1
        except ApplicationError:
            continue
    resumed = broadcasts_resume(now=now)
    return f"Released {sent} held messages; {resumed}"
