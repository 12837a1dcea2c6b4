from django.contrib import admin

from communications.models import BroadcastMessage, CommunicationTemplate, TenantConversation, TenantMessage


@admin.register(TenantConversation)
class TenantConversationAdmin(admin.ModelAdmin):
    list_display = ["tenant", "contact_address", "category", "urgency", "status", "last_message_at"]
    list_filter = ["status", "category", "urgency", "escalated"]


@admin.register(TenantMessage)
class TenantMessageAdmin(admin.ModelAdmin):
    list_display = ["conversation", "direction", "channel", "delivery", "created_at"]
    list_filter = ["direction", "channel", "delivery"]


admin.site.register(CommunicationTemplate)
admin.site.register(BroadcastMessage)
