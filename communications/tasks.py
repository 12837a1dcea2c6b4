"""Celery tasks of the communications hub: each calls one service."""

import datetime

from celery import shared_task

from communications.services import (
    broadcast_send,
    daily_sentiment_calculate,
    held_messages_release,
    inbound_message_process,
)


@shared_task(name="communications.process_inbound_message")
def process_inbound_message(message_id: str) -> dict:
    """Real-time (queued on commit by the inbound handler): classify, then act. Idempotent per message."""
    return inbound_message_process(message_id=message_id)


@shared_task(name="communications.calculate_daily_sentiment")
def calculate_daily_sentiment(today: str | None = None) -> str:
    """Daily 03:00 UTC: 30-day rolling sentiment, risk and churn per tenant; new at-risk tenants flagged."""
    return daily_sentiment_calculate(today=datetime.date.fromisoformat(today) if today else None)


@shared_task(name="communications.send_broadcast")
def send_broadcast(broadcast_id: str) -> str:
    """On demand (POST /broadcasts/{id}/send/): in batches, deduplicated, with progress on the broadcast."""
    return broadcast_send(broadcast_id=broadcast_id)


@shared_task(name="communications.release_held_messages")
def release_held_messages() -> str:
    """Every 15 minutes: messages and broadcasts held for quiet hours whose time has come."""
    return held_messages_release()
