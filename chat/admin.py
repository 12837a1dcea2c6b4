from django.contrib import admin

from chat.models import ChatConversation, ChatMessage, DailyDigest


@admin.register(ChatConversation)
class ChatConversationAdmin(admin.ModelAdmin):
    list_display = ("title", "user_email", "updated_at")
    search_fields = ("title", "user_email")


@admin.register(ChatMessage)
class ChatMessageAdmin(admin.ModelAdmin):
    list_display = ("conversation", "role", "created_at")
    list_filter = ("role",)


@admin.register(DailyDigest)
class DailyDigestAdmin(admin.ModelAdmin):
    list_display = ("digest_date", "provider", "generated_at")
