from django.contrib import admin

from tenants.models import LeaseStatusLog, TenantLease, TenantLedgerEntry, Tenants


@admin.register(Tenants)
class TenantsAdmin(admin.ModelAdmin):
    list_display = ("last_name", "first_name", "email", "phone")
    search_fields = ("first_name", "last_name", "email")


@admin.register(TenantLease)
class TenantLeaseAdmin(admin.ModelAdmin):
    list_display = (
        "lease_number",
        "tenant",
        "unit",
        "property",
        "lease_end_date",
        "monthly_rent_amount",
        "lease_status",
    )
    list_filter = ("lease_status", "status", "property")
    search_fields = ("lease_number", "tenant__last_name", "unit__unit_number")
    list_select_related = ("tenant", "unit", "property")
    raw_id_fields = ("tenant", "unit", "property")
    # Lifecycle changes go through tenants.services (log row, unit status, lease_status_changed signal).
    readonly_fields = (
        "lease_status",
        "lease_status_changed_at",
        "lease_status_changed_by",
        "holdover_start_date",
        "notice_date",
        "notice_move_out_date",
        "actual_move_out_date",
    )


@admin.register(TenantLedgerEntry)
class TenantLedgerEntryAdmin(admin.ModelAdmin):
    list_display = ("tenant", "trans_type", "charge_code", "trans_date", "due_date", "amount")
    list_filter = ("trans_type", "charge_code")
    search_fields = ("tenant__last_name", "reference")
    raw_id_fields = ("tenant", "lease", "applies_to")
    list_select_related = ("tenant",)


@admin.register(LeaseStatusLog)
class LeaseStatusLogAdmin(admin.ModelAdmin):
    list_display = ("lease", "previous_status", "new_status", "changed_by", "created_at")
    list_filter = ("new_status", "previous_status")
    raw_id_fields = ("lease",)

    def has_add_permission(self, request):  # an audit log: written by tenants.services only
        return False

    def has_change_permission(self, request, obj=None):
        return False
