"""Broadcasts: a recipient filter (property, building, lifecycle state, delinquency), a count before sending,
then delivery through core.messaging in batches of 100: one message per address and channel (a number two
tenants share gets it once; a re-run sends nothing twice: BroadcastRecipient's unique key + the outbox
dedupe key), opted-out numbers skipped, held outside the property's contact hours (the `sms_contact_hours`
jurisdiction rules: federal 8:00-21:00, stricter where a state says so) and resumed every 15 minutes."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from communications.models import BroadcastMessage, BroadcastRecipient
from communications.selectors import broadcast_recipient_leases
from communications.services.inbound import normalised_address
from core.exceptions import ApplicationError
from core.messaging import send_email, send_sms
from core.models import OutboxMessage, SmsOptOut
from core.utils import batched
from properties.selectors import ContactWindows

BATCH = 100
CHANNELS = ("sms", "email")
R = BroadcastRecipient.Status


def broadcast_create(*, title, content, channels, recipient_filter, created_by="", property_ids=None):
    """A draft with its recipient count. `property_ids`: the caller's properties (None: all), kept in the filter
    so the send (a background task, unscoped) reaches no one else."""
    channels = [c for c in dict.fromkeys(channels or [])]
    if not channels or any(c not in CHANNELS for c in channels):
        raise ApplicationError("channels: choose sms and/or email.", extra={"field": "channels"})
    if "sms" in channels and len(content) > 1600:
        raise ApplicationError("An SMS broadcast is at most 1,600 characters.", extra={"field": "content"})
    flt = dict(recipient_filter or {})
    if property_ids is not None:
        flt["scope_property_ids"] = sorted(str(p) for p in property_ids)
    leases = broadcast_recipient_leases(flt)
    broadcast = BroadcastMessage.objects.create(
        title=title,
        content=content,
        channels=channels,
        recipient_filter=flt,
        recipient_count=len(leases),
        property_id=flt.get("property_id") or None,
        created_by=created_by[:150],
    )
    return broadcast


def broadcast_recipients_materialise(broadcast: BroadcastMessage) -> int:
    """One row per (channel, address) of the filter's tenants; existing rows are kept (dedupe)."""
    leases = broadcast_recipient_leases(broadcast.recipient_filter)
    rows = []
    for lease in leases:
        tenant = lease.tenant
        for channel in broadcast.channels:
            raw = tenant.phone if channel == "sms" else tenant.email
            address = normalised_address(channel, raw) if raw else ""
            if address:
                rows.append(
                    BroadcastRecipient(
                        broadcast=broadcast,
                        tenant_id=tenant.pk,
                        property_id=lease.property_id,
                        channel=channel,
                        address=address,
                    )
                )
    BroadcastRecipient.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)
    return len(rows)


def broadcast_send(*, broadcast_id, now=None) -> str:
    now = now or timezone.now()
    broadcast = BroadcastMessage._base_manager.filter(pk=broadcast_id).first()
    if broadcast is None:
        return "No such broadcast."
    if broadcast.status == BroadcastMessage.Status.DRAFT:
        with transaction.atomic():
            broadcast_recipients_materialise(broadcast)
            BroadcastMessage._base_manager.filter(pk=broadcast.pk).update(status=BroadcastMessage.Status.SENDING)
    pending = list(
        BroadcastRecipient.objects.filter(broadcast=broadcast, status__in=[R.PENDING, R.HELD])
        .select_related("property")
        .order_by("channel", "address")
    )
    opted_out = set(
        SmsOptOut.objects.filter(
            opted_out=True, phone__in=[r.address for r in pending if r.channel == "sms"]
        ).values_list("phone", flat=True)
    )
    windows = ContactWindows(on_date=now.date())
    for batch in batched(pending, BATCH):
        for r in batch:
            _send_one(broadcast, r, now=now, opted_out=opted_out, window=windows.for_property(r.property))
        _progress(broadcast)
    return _progress(broadcast)


def _send_one(broadcast, r: BroadcastRecipient, *, now, opted_out, window) -> None:
    if r.channel == "sms" and r.address in opted_out:
        r.status, r.reason = R.SKIPPED, "Opted out (STOP)."
    elif window is not None and not window.allows(now):
        r.status, r.reason = R.HELD, f"Outside {window.label()} ({window.reason})."[:200]
    else:
        key = f"broadcast:{broadcast.pk}:{r.channel}:{r.address}"
        try:
            if r.channel == "sms":
                row = send_sms(
                    to=r.address,
                    body=broadcast.content,
                    feature="communications.broadcast",
                    related_object=broadcast,
                    dedupe_key=key,
                )
            else:
                row = send_email(
                    to=r.address,
                    subject=broadcast.title,
                    text=broadcast.content,
                    feature="communications.broadcast",
                    related_object=broadcast,
                    dedupe_key=key,
                )
        except ApplicationError as exc:
            r.status, r.reason = R.FAILED, str(exc)[:200]
        else:
            r.outbox_message = row
            r.status = R.FAILED if row.status == OutboxMessage.Status.FAILED else R.SENT
            r.sent_at = timezone.now()
    r.save(update_fields=["status", "reason", "outbox_message", "sent_at"])


def _progress(broadcast: BroadcastMessage) -> str:
    counts = dict(
        BroadcastRecipient.objects.filter(broadcast=broadcast).values_list("status").annotate(n=Count("id")).order_by()
    )
    left = counts.get(R.PENDING, 0) + counts.get(R.HELD, 0)
    fields = {
        "sent_count": counts.get(R.SENT, 0),
        "failed_count": counts.get(R.FAILED, 0),
        "skipped_count": counts.get(R.SKIPPED, 0),
        "held_count": counts.get(R.HELD, 0),
    }
    if not left:
        fields.update(status=BroadcastMessage.Status.SENT, sent_at=broadcast.sent_at or timezone.now())
    BroadcastMessage._base_manager.filter(pk=broadcast.pk).update(**fields)
    return (
        f"Broadcast '{broadcast.title}': {fields['sent_count']} sent, {fields['held_count']} held for contact hours, "
        f"{fields['skipped_count']} skipped, {fields['failed_count']} failed."
    )


def broadcasts_resume(*, now) -> str:
    ids = list(
        BroadcastMessage._base_manager.filter(
            status=BroadcastMessage.Status.SENDING, recipients__status__in=[R.HELD, R.PENDING]
        )
        .filter(~Q(pk=None))
        .values_list("pk", flat=True)
        .distinct()
    )
    for pk in ids:
        broadcast_send(broadcast_id=pk, now=now)
    return f"{len(ids)} broadcasts resumed."
