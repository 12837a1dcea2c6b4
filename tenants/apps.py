from django.apps import AppConfig


class TenantsConfig(AppConfig):
    name = "tenants"

    def ready(self):
        from core.scoping import register_rule
        from tenants.scoping import inbound_message_scope, outbox_message_scope

        # Messages live in core, which can't see tenants: they belong to their tenant's properties.
        register_rule("core.OutboxMessage", outbox_message_scope)
        register_rule("core.InboundMessage", inbound_message_scope)
