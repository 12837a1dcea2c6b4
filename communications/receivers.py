"""The inbound handler communications registers with core.messaging (apps.py)."""

from communications.services.inbound import inbound_message_attach


def tenant_message_received(message) -> None:
    """A verified inbound SMS/email: into the tenant's thread; classification is queued after commit."""
    if message.channel not in ("sms", "email"):
        return
    inbound_message_attach(inbound=message)
