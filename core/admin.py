from django.contrib import admin, messages

from core.exceptions import ApplicationError
from core.models import AICallLog, InboundMessage, Notification, OutboxMessage, SmsOptOut


class ReadOnlyAdmin(admin.ModelAdmin):
    """Logs are written by the platform, never edited by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(AICallLog)
class AICallLogAdmin(ReadOnlyAdmin):
    list_display = (
        "created_at",
        "feature",
        "prompt_name",
        "prompt_version",
        "provider",
        "model",
        "outcome",
        "latency_ms",
        "input_tokens",
        "output_tokens",
        "attempts",
    )
    list_filter = ("outcome", "provider", "kind", "feature")
    search_fields = ("prompt_name", "feature", "error", "request_id")
    date_hierarchy = "created_at"


@admin.register(OutboxMessage)
class OutboxMessageAdmin(admin.ModelAdmin):
    list_display = ("created_at", "channel", "to", "subject", "status", "backend", "feature", "attempts", "retryable")
    list_filter = ("status", "channel", "backend", "feature", "retryable")
    search_fields = ("to", "subject", "body", "provider_message_id", "dedupe_key", "related_id")
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in OutboxMessage._meta.fields]
    actions = ["retry_selected"]

    def has_add_permission(self, request):
        return False

    @admin.action(description="Retry selected failed messages")
    def retry_selected(self, request, queryset):
        from core.messaging import retry_message

        sent = failed = skipped = 0
        for message_id in queryset.filter(status=OutboxMessage.Status.FAILED).values_list("id", flat=True):
            try:
                result = retry_message(message_id)
            except ApplicationError:
                skipped += 1
                continue
            failed += result.status == OutboxMessage.Status.FAILED
            sent += result.status != OutboxMessage.Status.FAILED
        self.message_user(
            request,
            f"Retried: {sent} handed to the provider, {failed} failed again, {skipped} skipped.",
            messages.WARNING if failed else messages.SUCCESS,
        )


@admin.register(InboundMessage)
class InboundMessageAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "channel", "provider", "from_address", "subject", "status")
    list_filter = ("channel", "provider", "status")
    search_fields = ("from_address", "to_address", "subject", "body", "provider_message_id")
    date_hierarchy = "created_at"
    actions = ["dispatch_again"]

    @admin.action(description="Hand selected messages to the registered handlers again")
    def dispatch_again(self, request, queryset):
        from core.messaging import inbound_message_dispatch

        results = [inbound_message_dispatch(m.id).status for m in queryset]
        self.message_user(
            request,
            f"Dispatched {len(results)}: {results.count('handled')} handled, "
            f"{results.count('failed')} failed, {results.count('unhandled')} without a handler.",
        )


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "severity", "kind", "title")
    list_filter = ("severity", "kind")
    search_fields = ("title", "body", "dedupe_key")
    readonly_fields = ("created_at", "updated_at")


@admin.register(SmsOptOut)
class SmsOptOutAdmin(admin.ModelAdmin):
    list_display = ("phone", "opted_out", "keyword", "changed_at")
    search_fields = ("phone",)
