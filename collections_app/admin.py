from django.contrib import admin

from collections_app.models import CollectionAction, CollectionCase, PaymentPlan, PaymentPlanInstallment


class CollectionActionInline(admin.TabularInline):
    model = CollectionAction
    extra = 0
    can_delete = False
    fields = (
        "created_at",
        "action_type",
        "step_level",
        "channel",
        "tone_used",
        "delivery_status",
        "amount",
        "created_by",
    )
    readonly_fields = fields
    show_change_link = True


@admin.register(CollectionCase)
class CollectionCaseAdmin(admin.ModelAdmin):
    list_display = (
        "tenant",
        "unit",
        "property",
        "current_balance",
        "days_overdue",
        "escalation_level",
        "tone",
        "tenant_risk_profile",
        "status",
    )
    list_filter = ("status", "escalation_level", "tone", "tenant_risk_profile", "property")
    search_fields = ("tenant__first_name", "tenant__last_name", "unit__unit_number")
    list_select_related = ("tenant", "unit", "property")
    raw_id_fields = ("tenant", "lease", "unit", "property")
    # Level, status and balances move through collections_app.services (actions, ledger, messages).
    readonly_fields = (
        "original_amount_due",
        "current_balance",
        "late_fee_total",
        "days_overdue",
        "due_date",
        "escalation_level",
        "status",
        "resolved_at",
        "created_at",
        "updated_at",
    )
    inlines = [CollectionActionInline]


@admin.register(CollectionAction)
class CollectionActionAdmin(admin.ModelAdmin):
    list_display = ("case", "action_type", "step_level", "channel", "tone_used", "delivery_status", "sent_at")
    list_filter = ("action_type", "delivery_status", "tone_used", "ai_provider")
    raw_id_fields = ("case",)
    readonly_fields = ("outbox_message_ids", "created_at")
    list_select_related = ("case__tenant",)


class InstallmentInline(admin.TabularInline):
    model = PaymentPlanInstallment
    extra = 0


@admin.register(PaymentPlan)
class PaymentPlanAdmin(admin.ModelAdmin):
    list_display = ("case", "total_amount", "num_installments", "installment_amount", "start_date", "status")
    list_filter = ("status",)
    raw_id_fields = ("case",)
    list_select_related = ("case__tenant",)
    inlines = [InstallmentInline]
