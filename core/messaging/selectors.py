"""Reads for core.messaging."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from core.models import InboundMessage, OutboxMessage


def outbox_list(
    *, channel: str = "", status: str = "", feature: str = "", recipient: str = "", related_object=None
) -> QuerySet:
    qs = OutboxMessage.objects.all()
    if channel:
        qs = qs.filter(channel=channel)
    if status:
        qs = qs.filter(status__in=[s for s in status.split(",") if s])
    if feature:
        qs = qs.filter(feature=feature)
    if recipient:
        qs = qs.filter(to__icontains=recipient.strip())
    if related_object is not None:
        qs = qs.filter(
            related_type=f"{related_object._meta.app_label}.{related_object._meta.model_name}",
            related_id=str(related_object.pk),
        )
    return qs


def inbound_list(*, channel: str = "", status: str = "", search: str = "") -> QuerySet:
    qs = InboundMessage.objects.all()
    if channel:
        qs = qs.filter(channel=channel)
    if status:
        qs = qs.filter(status=status)
    if search:
        qs = qs.filter(Q(from_address__icontains=search) | Q(subject__icontains=search) | Q(body__icontains=search))
    return qs
