from django.contrib import admin

from imports.models import ImportRun


@admin.register(ImportRun)
class ImportRunAdmin(admin.ModelAdmin):
    list_display = ["created_at", "kind", "dry_run", "status", "total_rows", "error_count", "requested_by"]
    list_filter = ["kind", "status", "dry_run"]
    exclude = ["content"]
