from decimal import Decimal

from rest_framework import serializers

from responsibility.models import ResponsibilityDecision, TenantCharge
from units.models import UnitsMaintenance, WorkOrderCategory

MONEY = dict(max_digits=10, decimal_places=2)


# --- assess (explicit context) ------------------------------------------------------------------------------------


class AssessEquipmentInputSerializer(serializers.Serializer):
    item = serializers.CharField(max_length=60)
    age_years = serializers.DecimalField(max_digits=5, decimal_places=2, min_value=0, max_value=200)
    expected_lifespan_years = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=Decimal("0.1"), max_value=200
    )
    warranty_active = serializers.BooleanField()


class PhotoAnalysisInputSerializer(serializers.Serializer):
    damage_type = serializers.CharField(max_length=60, allow_blank=True)
    wear_pattern = serializers.CharField(max_length=120, allow_blank=True)
    condition_notes = serializers.CharField(max_length=2000, allow_blank=True)


class TenantInputSerializer(serializers.Serializer):
    months_in_unit = serializers.IntegerField(min_value=0, max_value=1200, allow_null=True)
    previous_damage_charges = serializers.IntegerField(min_value=0, max_value=1000)
    similar_issues = serializers.IntegerField(min_value=0, max_value=1000)


class AssessInputSerializer(serializers.Serializer):
    description = serializers.CharField(max_length=4000)
    tech_notes = serializers.CharField(max_length=4000, allow_blank=True)
    category = serializers.ChoiceField(choices=WorkOrderCategory.choices)
    total_cost = serializers.DecimalField(max_digits=10, decimal_places=2, min_value=0, max_value=1_000_000)
    building_age_years = serializers.IntegerField(min_value=0, max_value=400, allow_null=True)
    equipment = AssessEquipmentInputSerializer(allow_null=True)
    photo_analysis = PhotoAnalysisInputSerializer(allow_null=True)
    tenant = TenantInputSerializer()


def assess_context(data: dict) -> dict:
    """The validated body as the engine's plain context (numbers as floats for the prompt and the JSON log)."""
    eq = data.get("equipment")
    return {
        "description": data["description"],
        "tech_notes": data["tech_notes"],
        "category": data["category"],
        "total_cost": float(data["total_cost"]),
        "building_age_years": data["building_age_years"],
        "equipment": None
        if eq is None
        else {
            "item": eq["item"],
            "age_years": float(eq["age_years"]),
            "expected_lifespan_years": float(eq["expected_lifespan_years"]),
            "warranty_active": eq["warranty_active"],
        },
        "photo_analysis": None if data.get("photo_analysis") is None else dict(data["photo_analysis"]),
        "tenant": dict(data["tenant"]),
    }


# --- the determination (output) -----------------------------------------------------------------------------------


class TenantChargeOutSerializer(serializers.Serializer):
    amount = serializers.FloatField()
    description = serializers.CharField()
    damage_type = serializers.CharField()


class SplitSerializer(serializers.Serializer):
    owner_percent = serializers.IntegerField()
    tenant_percent = serializers.IntegerField()


class DeterminationSerializer(serializers.Serializer):
    responsibility = serializers.ChoiceField(choices=["owner", "tenant", "shared"])
    confidence = serializers.IntegerField()
    reasoning = serializers.CharField()
    key_factors = serializers.ListField(child=serializers.CharField())
    tenant_charge = TenantChargeOutSerializer(allow_null=True)
    split = SplitSerializer(allow_null=True)
    dispute_risk = serializers.ChoiceField(choices=["low", "medium", "high"])
    note = serializers.CharField(allow_null=True)
    provider = serializers.CharField()


# --- charges, the log, the panel ----------------------------------------------------------------------------------


class TenantChargeSerializer(serializers.ModelSerializer):
    work_order_number = serializers.CharField(source="work_order.work_order_number", read_only=True)
    work_order_title = serializers.CharField(source="work_order.title", read_only=True)
    unit_number = serializers.CharField(source="work_order.unit.unit_number", read_only=True)
    property_name = serializers.CharField(source="property.name", read_only=True)
    tenant_name = serializers.SerializerMethodField()
    ledger_entry = serializers.UUIDField(source="ledger_entry_id", read_only=True, allow_null=True)

    class Meta:
        model = TenantCharge
        fields = [
            "id",
            "work_order",
            "work_order_number",
            "work_order_title",
            "unit_number",
            "property_name",
            "tenant",
            "tenant_name",
            "amount",
            "description",
            "evidence_summary",
            "damage_type",
            "status",
            "ledger_entry",
            "billed_at",
            "paid_at",
            "disputed_at",
            "dispute_message",
            "dispute_by",
            "resolved_at",
            "created_at",
        ]

    def get_tenant_name(self, obj) -> str:
        t = obj.tenant
        return f"{t.first_name} {t.last_name}".strip() if t else ""


class DecisionLogSerializer(serializers.ModelSerializer):
    class Meta:
        model = ResponsibilityDecision
        fields = [
            "id",
            "kind",
            "ai_responsibility",
            "ai_confidence",
            "ai_amount",
            "provider",
            "final_responsibility",
            "final_amount",
            "reason",
            "actor",
            "actor_name",
            "created_at",
            "charge",
        ]


class WorkOrderResponsibilitySerializer(serializers.ModelSerializer):
    """The panel: the work order's determination, its charges and its decision log."""

    responsibility_confidence = serializers.IntegerField(allow_null=True)
    tenant_charge_amount = serializers.DecimalField(**MONEY, allow_null=True)
    decided = serializers.SerializerMethodField()
    has_tenant = serializers.SerializerMethodField()
    charges = serializers.SerializerMethodField()
    log = serializers.SerializerMethodField()

    class Meta:
        model = UnitsMaintenance
        fields = [
            "id",
            "work_order_number",
            "status",
            "responsibility",
            "responsibility_confidence",
            "responsibility_reasoning",
            "tenant_charge_amount",
            "responsibility_evidence",
            "responsibility_disputed",
            "decided",
            "has_tenant",
            "charges",
            "log",
        ]

    def get_decided(self, obj) -> bool:
        return any(e.kind in ("confirm", "waive") for e in self.context["log"])

    def get_has_tenant(self, obj) -> bool:
        return obj.tenant_id is not None

    def get_charges(self, obj) -> list[dict]:
        return TenantChargeSerializer(self.context["charges"], many=True).data

    def get_log(self, obj) -> list[dict]:
        return DecisionLogSerializer(self.context["log"], many=True).data


class QueueItemSerializer(serializers.ModelSerializer):
    unit_number = serializers.CharField(source="unit.unit_number")
    property_name = serializers.CharField(source="property.name")
    tenant_name = serializers.SerializerMethodField()
    responsibility_confidence = serializers.IntegerField(allow_null=True)
    tenant_charge_amount = serializers.DecimalField(**MONEY, allow_null=True)
    dispute_risk = serializers.SerializerMethodField()

    class Meta:
        model = UnitsMaintenance
        fields = [
            "id",
            "work_order_number",
            "title",
            "category",
            "completed_date",
            "unit_number",
            "property_name",
            "tenant_name",
            "responsibility",
            "responsibility_confidence",
            "tenant_charge_amount",
            "responsibility_reasoning",
            "dispute_risk",
        ]

    def get_tenant_name(self, obj) -> str:
        t = obj.tenant
        return f"{t.first_name} {t.last_name}".strip() if t else ""

    def get_dispute_risk(self, obj) -> str:
        return (obj.responsibility_evidence or {}).get("dispute_risk") or ""


class MetricsSerializer(serializers.Serializer):
    decisions = serializers.IntegerField()
    agreement_pct = serializers.FloatField(allow_null=True)
    tenant_charges = serializers.IntegerField()
    dispute_rate_pct = serializers.FloatField(allow_null=True)
    log_entries = serializers.IntegerField()
    reasoning_logged_pct = serializers.FloatField(allow_null=True)
    billed_amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    collected_amount = serializers.DecimalField(max_digits=14, decimal_places=2)
    collection_rate_pct = serializers.FloatField(allow_null=True)
    charges_by_status = serializers.DictField(child=serializers.IntegerField())
    awaiting_decision = serializers.IntegerField()
    open_disputes = serializers.IntegerField()


# --- inputs -------------------------------------------------------------------------------------------------------


# Who can be charged: the OpenAPI enum `ChargeableResponsibilityEnum` (config/settings/rest.py).
CHARGEABLE_RESPONSIBILITY = ["tenant", "shared"]


class ConfirmInputSerializer(serializers.Serializer):
    responsibility = serializers.ChoiceField(choices=CHARGEABLE_RESPONSIBILITY)
    amount = serializers.DecimalField(**MONEY, min_value=Decimal("0.01"), max_value=50000)
    reason = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")


class ReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, allow_blank=True, required=False, default="")


class DisputeInputSerializer(serializers.Serializer):
    message = serializers.CharField(max_length=4000)


class ResolveInputSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=["uphold", "adjust", "waive"])
    reason = serializers.CharField(max_length=2000)
    amount = serializers.DecimalField(
        **MONEY, min_value=Decimal("0.01"), max_value=50000, required=False, allow_null=True
    )


class PublicChargeSerializer(serializers.Serializer):
    """What the tenant's link shows: the charge, the original reasoning and evidence, and whether it can still be
    disputed."""

    amount = serializers.DecimalField(**MONEY)
    description = serializers.CharField()
    evidence_summary = serializers.CharField()
    status = serializers.CharField()
    work_order_number = serializers.CharField()
    work_order_title = serializers.CharField()
    unit_number = serializers.CharField()
    property_name = serializers.CharField()
    can_dispute = serializers.BooleanField()
    dispute_message = serializers.CharField(allow_blank=True)
