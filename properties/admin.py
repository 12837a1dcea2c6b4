from django.contrib import admin

from properties.models import JurisdictionRule, Properties, PropertyAccess


@admin.register(Properties)
class PropertiesAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "city", "state", "total_units", "year_built")
    search_fields = ("name", "code", "city")
    list_filter = ("state", "property_type")


@admin.register(JurisdictionRule)
class JurisdictionRuleAdmin(admin.ModelAdmin):
    """The law's data, editable: add a new version (new effective date) rather than rewriting history."""

    list_display = ("state", "city", "rule_type", "effective_date", "citation", "checked_on", "needs_review")
    list_filter = ("rule_type", "needs_review", "state")
    search_fields = ("state", "city", "citation", "summary")
    ordering = ("state", "city", "rule_type", "-effective_date")
    readonly_fields = ("created_at", "updated_at")


@admin.register(PropertyAccess)
class PropertyAccessAdmin(admin.ModelAdmin):
    """Which properties a person sees (README, "Roles and access"); their role is their group under Users."""

    list_display = ("user", "all_properties", "updated_at")
    list_filter = ("all_properties",)
    search_fields = ("user__email", "user__username")
    filter_horizontal = ("properties",)
    autocomplete_fields = ("user",)
