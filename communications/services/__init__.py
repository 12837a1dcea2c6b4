"""Writes of the communications hub, by topic."""

from communications.services.broadcasts import broadcast_create, broadcast_recipients_materialise, broadcast_send
from communications.services.inbound import (
    conversation_assign,
    conversation_status_set,
    inbound_message_attach,
    inbound_record,
    match_sender,
)
from communications.services.outbound import (
    held_messages_release,
    opt_out_set,
    tenant_message_send,
)
from communications.services.processing import inbound_message_process
from communications.services.sentiment import daily_sentiment_calculate
from communications.services.simulate import simulate_inbound

__all__ = [
    "broadcast_create",
    "broadcast_recipients_materialise",
    "broadcast_send",
    "conversation_assign",
    "conversation_status_set",
    "daily_sentiment_calculate",
    "held_messages_release",
    "inbound_message_attach",
    "inbound_message_process",
    "inbound_record",
    "match_sender",
    "opt_out_set",
    "simulate_inbound",
    "tenant_message_send",
]
