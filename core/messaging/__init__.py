"""core.messaging — SMS and email out (Twilio / SendGrid, else the outbox table), verified webhooks in.

from core.messaging import send_sms
message = send_sms(to="+15551234567", body="Rent reminder…", feature="collections")   # message.status
"""

from core.messaging.inbound import inbound_message_dispatch, register_inbound_handler, unregister_inbound_handler
from core.messaging.quiet_hours import ContactWindow
from core.messaging.services import (
    deferred_messages_release,
    outbox_status_update,
    retry_failed_messages,
    retry_message,
    send_email,
    send_sms,
    sms_opt_out_set,
    sms_opted_out,
)
from core.messaging.validation import normalise_email, normalise_phone

__all__ = [
    "ContactWindow",
    "deferred_messages_release",
    "inbound_message_dispatch",
    "normalise_email",
    "normalise_phone",
    "outbox_status_update",
    "register_inbound_handler",
    "retry_failed_messages",
    "retry_message",
    "send_email",
    "send_sms",
    "sms_opt_out_set",
    "sms_opted_out",
    "unregister_inbound_handler",
]
