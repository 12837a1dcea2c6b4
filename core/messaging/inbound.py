"""Inbound messages: stored once, then handed to the handlers features register."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.models import InboundMessage

logger = logging.getLogger(__name__)

_handlers: list[Callable[[InboundMessage], None]] = []


def register_inbound_handler(fn: Callable[[InboundMessage], None]) -> Callable[[InboundMessage], None]:
    """Registers `fn(message: InboundMessage)`, called after each new inbound message is committed.

    Register from your AppConfig.ready() (or use as a decorator in a module imported there). Keep
    handlers quick: queue a Celery task for slow work (AI classification, auto-replies).
    """
    if fn not in _handlers:
        _handlers.append(fn)
    return fn


def unregister_inbound_handler(fn) -> None:
    if fn in _handlers:
        _handlers.remove(fn)


def inbound_message_store(
    *,
    channel: str,
    provider: str,
    provider_message_id: str = "",
    from_address: str,
    to_address: str = "",
    subject: str = "",
    body: str = "",
    html: str = "",
    attachments: list | None = None,
    payload: dict | None = None,
) -> tuple[InboundMessage, bool]:
    """Stores an inbound message once per provider id; (message, created). New ones are dispatched after commit."""
    if provider_message_id:
        existing = InboundMessage.objects.filter(provider=provider, provider_message_id=provider_message_id).first()
        if existing is not None:
            return existing, False
    try:
        with transaction.atomic():
            message = InboundMessage.objects.create(
                channel=channel,
                provider=provider,
                provider_message_id=provider_message_id[:255],
                from_address=from_address[:254],
                to_address=to_address[:254],
                subject=subject[:255],
                body=body,
                html=html,
                attachments=attachments or [],
                payload=payload or {},
            )
    except IntegrityError:
        return InboundMessage.objects.get(provider=provider, provider_message_id=provider_message_id), False
    transaction.on_commit(lambda: inbound_message_dispatch(message.id))
    return message, True


def inbound_message_dispatch(message_id) -> InboundMessage:
    """Calls every registered handler; one failing handler does not stop the others. Safe to call again."""
    message = InboundMessage.objects.get(id=message_id)
    errors = []
    for handler in list(_handlers):
        try:
            handler(message)
        except Exception as exc:  # noqa: BLE001 - recorded on the row and logged with its trace
            logger.exception("Inbound handler %s failed for %s", getattr(handler, "__qualname__", handler), message_id)
            errors.append(f"{getattr(handler, '__qualname__', handler)}: {type(exc).__name__}: {exc}")
    if not _handlers:
        message.status = InboundMessage.Status.UNHANDLED
    else:
        message.status = InboundMessage.Status.FAILED if errors else InboundMessage.Status.HANDLED
    message.handler_error = "\n".join(errors)[:4000]
    message.handled_at = timezone.now()
    message.save(update_fields=["status", "handler_error", "handled_at", "updated_at"])
    return message
