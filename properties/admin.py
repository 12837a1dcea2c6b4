from django.contrib import admin

from properties.models import Properties


@admin.register(Properties)
class PropertiesAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "city", "state", "total_units", "year_built")
    search_fields = ("name", "code", "city")
    list_filter = ("state", "property_type")
