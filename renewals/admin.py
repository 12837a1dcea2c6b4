from django.contrib import admin

from renewals.models import RenewalRecommendation


@admin.register(RenewalRecommendation)
class RenewalRecommendationAdmin(admin.ModelAdmin):
    """Read-mostly: approve, send and record responses through the API (renewals.services), which
    validates the workflow, regenerates letters and talks to the lifecycle and messaging services."""

    list_display = (
        "tenant", "unit", "property", "churn_score", "churn_risk_level", "current_rent", "recommended_rent",
        "approved_rent", "rent_strategy", "status", "created_at",
    )  # fmt: skip
    list_filter = ("status", "churn_risk_level", "rent_strategy", "letter_provider", "property")
    search_fields = (
        "tenant__first_name",
        "tenant__last_name",
        "tenant__email",
        "unit__unit_number",
        "lease__lease_number",
    )
    list_select_related = ("tenant", "unit", "property")
    raw_id_fields = ("lease", "tenant", "unit", "property")
    date_hierarchy = "created_at"
    readonly_fields = (
        "churn_score", "churn_risk_level", "churn_factors", "current_rent", "market_rent", "recommended_rent",
        "rent_increase_pct", "rent_strategy", "rent_reasoning", "status", "reviewed_by", "reviewed_at",
        "sent_at", "sent_by", "sent_via", "responded_at", "response_recorded_by", "lease_renewed_at",
        "renewal_letter_generated_at", "letter_provider", "letter_model", "letter_edited_at", "letter_edited_by",
        "created_at", "updated_at",
    )  # fmt: skip
