"""Inbound: every verified message (core.messaging webhooks) lands in its tenant's thread, or in the unmatched
queue with the candidates listed. Matching: phone in E.164, email lower-cased. A number several tenants share
goes to the one of them with a current lease on it; several (or none) current -> unmatched, candidates listed."""

from __future__ import annotations

import hashlib
import re

from django.db import IntegrityError, transaction
from django.utils import timezone

from communications.facts import CURRENT
from communications.models import TenantConversation, TenantMessage
from core.exceptions import ApplicationError
from core.messaging import normalise_email, normalise_phone
from core.messaging.inbound import inbound_message_store
from core.models import InboundMessage
from tenants.models import TenantLease, Tenants

CHANNEL_OF = {"sms": "sms", "email": "email", "whatsapp": "whatsapp"}


def normalised_address(channel: str, raw: str) -> str:
    raw = (raw or "").strip()
    if raw.lower().startswith("whatsapp:"):
        raw = raw.split(":", 1)[1]
    try:
        return normalise_email(raw).lower() if channel == "email" else normalise_phone(raw)
    except ApplicationError:
        return raw.lower()[:254]


def _tenants_with(channel: str, address: str) -> list[Tenants]:
    if not address:
        return []
    if channel == "email":
        return list(Tenants._base_manager.filter(email__iexact=address))
    digits = re.sub(r"\D", "", address)
    if len(digits) < 7:
        return []
    found = Tenants._base_manager.filter(phone__endswith=digits[-4:])
    return [t for t in found if normalised_address("sms", t.phone) == address]


def _current_leases(tenant_ids) -> dict:
    out = {}
    qs = TenantLease._base_manager.filter(tenant_id__in=list(tenant_ids), lease_status__in=CURRENT).order_by(
        "-lease_begin_date", "-created_at"
    )
    for lease in qs:
        out.setdefault(lease.tenant_id, lease)
    return out


def _latest_lease(tenant_id):
    return TenantLease._base_manager.filter(tenant_id=tenant_id).order_by("-lease_begin_date", "-created_at").first()


def match_sender(*, channel: str, address: str) -> tuple[Tenants | None, TenantLease | None, list]:
    """(tenant, their current lease, candidate tenant ids when unmatched)."""
    tenants = _tenants_with(channel, address)
    if not tenants:
        return None, None, []
    current = _current_leases(t.pk for t in tenants)
    if len(tenants) == 1:
        t = tenants[0]
        return t, current.get(t.pk) or _latest_lease(t.pk), []
    holders = [t for t in tenants if t.pk in current]
    if len(holders) == 1:
        return holders[0], current[holders[0].pk], []
    return None, None, sorted(str(t.pk) for t in tenants)


def conversation_for(*, tenant, lease, channel: str, address: str, candidates=()) -> TenantConversation:
    """The tenant's one thread (created on first contact), or the unknown sender's."""
    manager = TenantConversation._base_manager
    if tenant is not None:
        defaults = {"channel": channel, "unit_id": lease.unit_id if lease else None}
        defaults["property_id"] = lease.property_id if lease else None
        try:
            with transaction.atomic():
                conv, created = manager.get_or_create(tenant=tenant, defaults=defaults)
        except IntegrityError:
            conv, created = manager.get(tenant=tenant), False
        if (
            not created
            and lease is not None
            and (conv.unit_id != lease.unit_id or conv.property_id != lease.property_id)
        ):
            conv.unit_id, conv.property_id = lease.unit_id, lease.property_id
            conv.save(update_fields=["unit", "property", "updated_at"])
        return conv
    try:
        with transaction.atomic():
            conv, _ = manager.get_or_create(
                tenant=None,
                contact_address=address,
                defaults={"channel": channel, "candidate_tenant_ids": list(candidates)},
            )
    except IntegrityError:
        conv = manager.get(tenant=None, contact_address=address)
    if list(candidates) and conv.candidate_tenant_ids != list(candidates):
        conv.candidate_tenant_ids = list(candidates)
        conv.save(update_fields=["candidate_tenant_ids", "updated_at"])
    return conv


def inbound_message_attach(*, inbound: InboundMessage, process: bool = True) -> TenantMessage:
    """The thread message of a stored inbound message (created once: a re-delivered webhook adds nothing), with
    `communications.process_inbound_message` queued after commit."""
    existing = TenantMessage._base_manager.filter(inbound_message=inbound).first()
    if existing is not None:
        return existing
    channel = CHANNEL_OF.get(inbound.channel, inbound.channel)
    if inbound.provider == "twilio" and inbound.from_address.lower().startswith("whatsapp:"):
        channel = "whatsapp"
    address = normalised_address("email" if channel == "email" else "sms", inbound.from_address)
    tenant, lease, candidates = match_sender(channel="email" if channel == "email" else "sms", address=address)
    content = (inbound.body or "").strip() or (inbound.subject or "").strip() or "(no text)"
    with transaction.atomic():
        conv = conversation_for(tenant=tenant, lease=lease, channel=channel, address=address, candidates=candidates)
        try:
            with transaction.atomic():
                message = TenantMessage._base_manager.create(
                    conversation=conv,
                    direction=TenantMessage.Direction.INBOUND,
                    channel=channel,
                    content=content[:20_000],
                    subject=inbound.subject[:255],
                    from_address=address,
                    inbound_message=inbound,
                    provider_message_id=inbound.provider_message_id,
                    delivery=TenantMessage.Delivery.RECEIVED,
                )
        except IntegrityError:
            return TenantMessage._base_manager.get(inbound_message=inbound)
        TenantConversation._base_manager.filter(pk=conv.pk).update(
            last_message_at=message.created_at,
            channel=channel,
            status=TenantConversation.Status.WAITING_STAFF,
            unread_count=conv.unread_count + 1,
            updated_at=timezone.now(),
        )
    if process:
        from communications.tasks import process_inbound_message

        transaction.on_commit(lambda: process_inbound_message.delay(str(message.pk)))
    return message


def inbound_record(*, channel: str, from_address: str, content: str, subject: str = "", external_id: str = "") -> dict:
    """The spec's POST /inbound/: a message received another way (a gateway without a signed webhook, the front
    desk). Stored like a webhook's (once per `external_id`, else per content), then classified and answered now.
    Returns the spec's response."""
    from communications.services.processing import inbound_message_process

    if channel not in ("sms", "email", "whatsapp", "in_app"):
        raise ApplicationError("channel must be sms, email, whatsapp or in_app.", extra={"field": "channel"})
    address = normalised_address("email" if channel == "email" else "sms", from_address)
    if not address:
        raise ApplicationError("from_number (or from_email) is required.", extra={"field": "from_number"})
    digest = hashlib.sha256(f"{channel}|{address}|{content}|{subject}".encode()).hexdigest()[:40]
    inbound, _ = inbound_message_store(
        channel="email" if channel == "email" else "sms",
        provider="api",
        provider_message_id=(external_id or f"api-{digest}")[:255],
        from_address=address,
        subject=subject,
        body=content,
    )
    message = inbound_message_attach(inbound=inbound, process=False)
    return inbound_message_process(message_id=message.pk)


def conversation_assign(*, conversation: TenantConversation, tenant_id, actor: str = "") -> TenantConversation:
    """Moves an unmatched sender's messages into the thread of the tenant a manager picked."""
    if conversation.tenant_id is not None:
        raise ApplicationError("This conversation already belongs to a tenant.")
    tenant = Tenants.objects.filter(pk=tenant_id).first()  # the caller's scope: another property's is not found
    if tenant is None:
        raise ApplicationError("Tenant not found.", status_code=404, extra={"field": "tenant_id"})
    lease = _current_leases([tenant.pk]).get(tenant.pk) or _latest_lease(tenant.pk)
    with transaction.atomic():
        target = conversation_for(tenant=tenant, lease=lease, channel=conversation.channel, address="")
        moved = TenantMessage._base_manager.filter(conversation=conversation)
        last = moved.order_by("-created_at").values_list("created_at", flat=True).first()
        moved.update(conversation=target)
        target.last_message_at = max(filter(None, [target.last_message_at, last]), default=None)
        target.status = TenantConversation.Status.WAITING_STAFF
        target.unread_count += conversation.unread_count
        target.assigned_to = actor[:100] or target.assigned_to
        target.save()
        conversation.delete()
    return target


def conversation_status_set(*, conversation: TenantConversation, status: str, assigned_to: str | None = None):
    if status not in TenantConversation.Status.values:
        raise ApplicationError(f"Unknown status '{status}'.", extra={"field": "status"})
    conversation.status = status
    fields = ["status", "updated_at"]
    if status in (TenantConversation.Status.RESOLVED, TenantConversation.Status.ARCHIVED):
        conversation.escalated = False
        fields.append("escalated")
    if assigned_to is not None:
        conversation.assigned_to = assigned_to[:100]
        fields.append("assigned_to")
    conversation.save(update_fields=fields)
    return conversation
