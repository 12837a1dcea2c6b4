from django.contrib import admin

from units.models import UnitsMaintenance, UnitsUnit


@admin.register(UnitsUnit)
class UnitsUnitAdmin(admin.ModelAdmin):
    list_display = ("unit_number", "property", "building", "floor", "bedrooms", "current_rent", "market_rent", "status")
    list_filter = ("status", "property", "bedrooms")
    search_fields = ("unit_number", "property__name")
    list_select_related = ("property",)


@admin.register(UnitsMaintenance)
class UnitsMaintenanceAdmin(admin.ModelAdmin):
    list_display = (
        "work_order_number",
        "title",
        "unit",
        "category",
        "priority",
        "status",
        "requested_date",
        "actual_cost",
    )
    list_filter = ("status", "category", "priority")
    search_fields = ("work_order_number", "title", "unit__unit_number")
    list_select_related = ("unit", "assigned_vendor")
    raw_id_fields = ("unit", "property", "assigned_vendor", "lease", "tenant")
