from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from properties.jurisdiction import FEDERAL
from properties.models import JurisdictionRule, Properties
from properties.rules_data import US_STATES


class PropertySerializer(serializers.ModelSerializer):
    occupied_units = serializers.IntegerField(read_only=True)
    vacant_units = serializers.IntegerField(read_only=True)
    occupancy_rate = serializers.SerializerMethodField()

    class Meta:
        model = Properties
        fields = [
            "id",
            "name",
            "code",
            "portfolio",
            "property_type",
            "address",
            "city",
            "state",
            "zip_code",
            "jurisdiction_state",
            "jurisdiction_city",
            "year_built",
            "total_units",
            "building_count",
            "manager_name",
            "manager_email",
            "phone",
            "occupied_units",
            "vacant_units",
            "occupancy_rate",
            "created_at",
            "updated_at",
        ]

    def get_occupancy_rate(self, obj) -> float:
        total = getattr(obj, "unit_count", None) or obj.total_units
        return round(100.0 * (obj.occupied_units or 0) / total, 1) if total else 0.0


class JurisdictionRuleQuerySerializer(serializers.Serializer):
    """`GET /jurisdiction-rules/` query: a US state code (any case; "US": the federal rules), optional city, rule type and a search in
    the citation, summary and city."""

    state = serializers.RegexField(r"^[A-Za-z]{2}$", required=False, max_length=2)
    city = serializers.CharField(required=False, max_length=100, allow_blank=False, trim_whitespace=True)
    rule_type = serializers.ChoiceField(choices=JurisdictionRule.RuleType.choices, required=False)
    search = serializers.CharField(required=False, max_length=100, allow_blank=True, trim_whitespace=True)

    def validate_state(self, value: str) -> str:
        value = value.upper()
        if value not in US_STATES and value != FEDERAL:
            raise serializers.ValidationError(f"'{value}' is not a US state code (or US for federal rules).")
        return value

    def validate(self, attrs):
        if "city" in attrs and "state" not in attrs:
            raise serializers.ValidationError({"city": "Give the state too (?state=IL&city=Chicago)."})
        return attrs


class JurisdictionRuleSerializer(serializers.ModelSerializer):
    rule_type_label = serializers.CharField(source="get_rule_type_display", read_only=True)
    scope = serializers.SerializerMethodField()
    # Where the statute can be read, when known: null (not "") otherwise, so the "uri" format holds.
    source_url = serializers.SerializerMethodField()

    class Meta:
        model = JurisdictionRule
        fields = [
            "id",
            "state",
            "city",
            "scope",
            "rule_type",
            "rule_type_label",
            "value",
            "summary",
            "citation",
            "effective_date",
            "source_url",
            "checked_on",
            "needs_review",
            "review_note",
            "updated_at",
        ]
        read_only_fields = fields

    def get_scope(self, obj) -> str:
        return "city" if obj.city else "state"

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_source_url(self, obj) -> str | None:
        return obj.source_url or None
