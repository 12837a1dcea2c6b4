from django.contrib import admin

from responsibility.models import ResponsibilityDecision, TenantCharge


@admin.register(TenantCharge)
class TenantChargeAdmin(admin.ModelAdmin):
    list_display = ("description", "amount", "status", "created_at")
    list_filter = ("status",)
    raw_id_fields = ("work_order", "tenant", "lease", "property", "ledger_entry")


@admin.register(ResponsibilityDecision)
class ResponsibilityDecisionAdmin(admin.ModelAdmin):
    list_display = ("kind", "ai_responsibility", "final_responsibility", "actor", "created_at")
    list_filter = ("kind",)
    raw_id_fields = ("work_order", "charge", "property")
