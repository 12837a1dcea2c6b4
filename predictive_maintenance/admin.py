from django.contrib import admin

from predictive_maintenance.models import Equipment, MaintenancePrediction


@admin.register(Equipment)
class EquipmentAdmin(admin.ModelAdmin):
    list_display = (
        "name",
        "equipment_type",
        "property_ref",
        "unit",
        "install_date",
        "age_years",
        "expected_lifespan_years",
        "warranty_expiration",
    )
    list_filter = ("equipment_type", "condition", "property_ref")
    search_fields = ("name", "serial_number")
    raw_id_fields = ("unit",)


@admin.register(MaintenancePrediction)
class MaintenancePredictionAdmin(admin.ModelAdmin):
    list_display = ("predicted_issue", "unit", "risk_level", "probability", "status")
    list_filter = ("risk_level", "status")
    raw_id_fields = ("unit", "equipment")
