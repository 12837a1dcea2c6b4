"""Output and input serializers for the renewals API (spec 1.2)."""

from decimal import Decimal

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from renewals import scoring
from renewals.models import RenewalRecommendation
from renewals.selectors import renewal_allowed_actions, renewal_lease_renewal_state

FACTOR_LABELS = {
    "late_payments": "Late payments",
    "maintenance_requests": "Maintenance requests",
    "rent_gap": "Rent vs. market",
    "tenure_short": "Short tenure",
    "market_trend": "Market options (low vacancy)",
}

_MONEY = {"max_digits": 10, "decimal_places": 2, "read_only": True}


class RenewalListSerializer(serializers.ModelSerializer):
    """A row of the renewals dashboard: who, which lease, the churn score and the offer."""

    tenant_name = serializers.SerializerMethodField()
    tenant_email = serializers.EmailField(source="tenant.email", read_only=True)
    tenant_phone = serializers.CharField(source="tenant.phone", read_only=True)
    unit_number = serializers.CharField(source="unit.unit_number", read_only=True)
    property_name = serializers.CharField(source="property.name", read_only=True)
    lease_number = serializers.CharField(source="lease.lease_number", read_only=True)
    lease_begin_date = serializers.DateField(source="lease.lease_begin_date", read_only=True)
    lease_end_date = serializers.DateField(source="lease.lease_end_date", read_only=True)
    lease_status = serializers.CharField(source="lease.lease_status", read_only=True)
    holdover_start_date = serializers.DateField(source="lease.holdover_start_date", read_only=True, allow_null=True)
    offered_rent = serializers.DecimalField(source="get_offered_rent", **_MONEY)
    offered_increase_pct = serializers.SerializerMethodField()
    rent_strategy_label = serializers.CharField(source="get_rent_strategy_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    lease_renewal = serializers.SerializerMethodField()
    allowed_actions = serializers.SerializerMethodField()
    market_gap = serializers.SerializerMethodField(help_text="current rent − market rent (negative = below market)")
    market_gap_pct = serializers.SerializerMethodField(help_text="market_gap / market rent × 100, one decimal")

    class Meta:
        model = RenewalRecommendation
        fields = [
            "id", "lease", "tenant", "unit", "property",
            "tenant_name", "tenant_email", "tenant_phone", "unit_number", "property_name",
            "lease_number", "lease_begin_date", "lease_end_date", "lease_status", "holdover_start_date",
            "churn_score", "churn_risk_level",
            "current_rent", "market_rent", "market_gap", "market_gap_pct", "recommended_rent", "approved_rent", "offered_rent",
            "rent_increase_pct", "offered_increase_pct", "rent_strategy", "rent_strategy_label", "rent_reasoning",
            "recommended_term_months", "recommended_lease_start", "recommended_lease_end",
            "notice_date", "response_deadline", "notice_days", "notice_citation",
            "status", "status_label", "reviewed_by", "reviewed_at", "sent_at", "responded_at",
            "lease_renewal", "lease_renewed_at", "allowed_actions", "created_at", "updated_at",
        ]  # fmt: skip
        read_only_fields = fields

    def get_tenant_name(self, obj) -> str:
        return f"{obj.tenant.first_name} {obj.tenant.last_name}"

    @extend_schema_field(serializers.DecimalField(max_digits=12, decimal_places=2))
    def get_market_gap(self, obj) -> str:
        return str((obj.current_rent - obj.market_rent).quantize(Decimal("0.01")))

    @extend_schema_field(serializers.FloatField(allow_null=True))
    def get_market_gap_pct(self, obj):
        if not obj.market_rent:
            return None
        return round(float((obj.current_rent - obj.market_rent) / obj.market_rent * 100), 1)

    def get_offered_increase_pct(self, obj) -> float:
        return scoring.rent_increase_pct(obj.current_rent, obj.get_offered_rent())

    @extend_schema_field(serializers.ChoiceField(choices=["applied", "scheduled"], allow_null=True))
    def get_lease_renewal(self, obj):
        return renewal_lease_renewal_state(obj)

    @extend_schema_field(
        serializers.ListField(
            child=serializers.ChoiceField(choices=["approve", "send", "generate_letter", "edit_letter", "respond"])
        )
    )
    def get_allowed_actions(self, obj):
        return renewal_allowed_actions(obj)


class ChurnFactorSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    value = serializers.FloatField(help_text="Normalised 0.0-1.0")
    weight = serializers.FloatField()
    contribution = serializers.FloatField(help_text="value x weight; the contributions sum to the churn score")


class SentViaSerializer(serializers.Serializer):
    channel = serializers.CharField(help_text="email or sms")
    to = serializers.CharField()
    outbox_message_id = serializers.UUIDField(allow_null=True)
    status = serializers.CharField(help_text="queued, stored, sent, delivered, failed, or invalid (recipient rejected)")
    error = serializers.CharField(allow_blank=True)


class RenewalDetailSerializer(RenewalListSerializer):
    """Everything the detail page shows: the factor breakdown, the letter and its provenance, delivery."""

    weights = serializers.SerializerMethodField()
    churn_factor_breakdown = serializers.SerializerMethodField()
    sent_via = SentViaSerializer(many=True, read_only=True)

    class Meta(RenewalListSerializer.Meta):
        fields = [
            *RenewalListSerializer.Meta.fields,
            "churn_factors", "weights", "churn_factor_breakdown",
            "renewal_letter_subject", "renewal_letter_text", "renewal_sms_text", "renewal_letter_generated_at",
            "letter_provider", "letter_model", "letter_edited_at", "letter_edited_by",
            "sent_by", "sent_via", "response_recorded_by", "tenant_response_note",
        ]  # fmt: skip
        read_only_fields = fields

    def get_weights(self, obj) -> dict[str, float]:
        return dict(scoring.WEIGHTS)

    @extend_schema_field(ChurnFactorSerializer(many=True))
    def get_churn_factor_breakdown(self, obj):
        factors = obj.churn_factors or {}
        return [
            {
                "key": key,
                "label": FACTOR_LABELS.get(key, key),
                "value": factors.get(key, 0.0),
                "weight": weight,
                "contribution": round(factors.get(key, 0.0) * weight, 4),
            }
            for key, weight in scoring.WEIGHTS.items()
        ]


# --- inputs -----------------------------------------------------------------------------------------------


class RenewalApproveInputSerializer(serializers.Serializer):
    """Both names are accepted for the manager's modified rent ("1850.00" or 1850.5); leave both out to
    approve the recommended rent. The amount is validated by the service (positive, at most 2 places)."""

    approved_rent = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=32)
    recommended_rent = serializers.CharField(required=False, allow_null=True, allow_blank=True, max_length=32)

    def validate(self, attrs):
        a, r = attrs.get("approved_rent"), attrs.get("recommended_rent")
        if a not in (None, "") and r not in (None, "") and a.strip() != r.strip():
            raise serializers.ValidationError("Give the rent once: approved_rent or recommended_rent.")
        return {"approved_rent": a if a not in (None, "") else r}


class RenewalRespondInputSerializer(serializers.Serializer):
    accepted = serializers.BooleanField()
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class RenewalLetterUpdateInputSerializer(serializers.Serializer):
    letter_text = serializers.CharField(required=False, max_length=8000, trim_whitespace=False)
    subject = serializers.CharField(required=False, max_length=200)
    sms_text = serializers.CharField(required=False, max_length=320)


class RenewalDashboardStatsInputSerializer(serializers.Serializer):
    property = serializers.UUIDField(required=False)


class RiskLevelCountsSerializer(serializers.Serializer):
    low = serializers.IntegerField()
    medium = serializers.IntegerField()
    high = serializers.IntegerField()
    critical = serializers.IntegerField()


class RenewalDashboardStatsSerializer(serializers.Serializer):
    total_pending = serializers.IntegerField()
    total_approved = serializers.IntegerField()
    total_sent = serializers.IntegerField()
    total_accepted = serializers.IntegerField()
    total_declined = serializers.IntegerField()
    acceptance_rate = serializers.FloatField()
    avg_churn_score = serializers.FloatField()
    projected_annual_revenue_increase = serializers.FloatField()
    avg_rent_increase_pct = serializers.FloatField()
    by_risk_level = RiskLevelCountsSerializer()


class RenewalRunScanSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=["completed", "queued"])
    summary = serializers.CharField(allow_null=True)
    task_id = serializers.CharField(allow_null=True)


class RenewalBulkApproveInputSerializer(serializers.Serializer):
    ids = serializers.ListField(
        child=serializers.UUIDField(),
        allow_empty=False,
        max_length=500,
        help_text="Recommendation ids (at most 500); only pending ones are approved",
    )


class RenewalBulkApproveSkipSerializer(serializers.Serializer):
    id = serializers.CharField()
    reason = serializers.CharField()


class RenewalBulkApproveSerializer(serializers.Serializer):
    approved = serializers.IntegerField()
    skipped = RenewalBulkApproveSkipSerializer(many=True)
