from django.contrib import admin

from turnover.models import TurnoverCase, TurnoverChecklist, TurnoverDeduction


class DeductionInline(admin.TabularInline):
    model = TurnoverDeduction
    extra = 0
    raw_id_fields = ("photo",)


class ChecklistInline(admin.TabularInline):
    model = TurnoverChecklist
    extra = 0
    raw_id_fields = ("vendor", "work_order")


@admin.register(TurnoverCase)
class TurnoverCaseAdmin(admin.ModelAdmin):
    list_display = ("unit", "property", "stage", "notice_date", "expected_move_out", "days_vacant")
    list_filter = ("stage",)
    search_fields = ("unit__unit_number", "lease__lease_number")
    raw_id_fields = ("lease", "unit", "property", "new_lease", "inspection_work_order")
    inlines = [DeductionInline, ChecklistInline]
