from django.apps import AppConfig


class CommunicationsConfig(AppConfig):
    name = "communications"

    def ready(self):
        from communications.receivers import tenant_message_received
        from core.messaging import register_inbound_handler

        # Every verified inbound SMS/email (core.messaging webhooks) lands in the tenant's thread.
        register_inbound_handler(tenant_message_received)
