from django.contrib import admin

from inspections.models import InspectionDamageItem, InspectionPhoto, MoveOutInspection


@admin.register(MoveOutInspection)
class MoveOutInspectionAdmin(admin.ModelAdmin):
    list_display = ("unit", "inspection_date", "inspector_name", "status", "total_damage_cost")
    list_filter = ("status",)
    raw_id_fields = ("unit", "lease", "property", "turnover_case")


@admin.register(InspectionPhoto)
class InspectionPhotoAdmin(admin.ModelAdmin):
    list_display = ("inspection", "room", "photo_order", "ai_classification", "human_classification", "ai_provider")
    raw_id_fields = ("inspection", "file", "overlay_file", "compared_photo")


@admin.register(InspectionDamageItem)
class InspectionDamageItemAdmin(admin.ModelAdmin):
    list_display = ("item", "category", "severity", "estimated_cost", "ai_detected")
    raw_id_fields = ("photo",)
