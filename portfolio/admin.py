from django.contrib import admin

from portfolio.models import AIActionQueue, BulkActionBatch, RentIncreaseNotice


@admin.register(AIActionQueue)
class AIActionQueueAdmin(admin.ModelAdmin):
    list_display = ("unit", "action_type", "confidence_score", "priority", "status", "lifecycle_state", "generated_on")
    list_filter = ("status", "action_type", "priority", "lifecycle_state", "generated_on")
    search_fields = ("unit__unit_number", "description")
    raw_id_fields = ("unit", "lease", "property")
    readonly_fields = ("generated_at", "updated_at")


@admin.register(BulkActionBatch)
class BulkActionBatchAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "action_type",
        "unit_count",
        "execution_method",
        "status",
        "succeeded_count",
        "failed_count",
        "executed_by",
    )
    list_filter = ("status", "action_type", "execution_method")
    readonly_fields = [f.name for f in BulkActionBatch._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(RentIncreaseNotice)
class RentIncreaseNoticeAdmin(admin.ModelAdmin):
    list_display = ("lease", "current_rent", "new_rent", "effective_date", "method", "created_at")
    raw_id_fields = ("lease", "tenant", "unit", "property", "bulk_batch")
    readonly_fields = ("created_at",)
