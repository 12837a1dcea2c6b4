"""Output serializers (list row, detail, action, plan, stats) and input serializers per operation."""

from decimal import Decimal

from rest_framework import serializers

from collections_app import selectors
from collections_app.models import CollectionAction, CollectionCase, PaymentPlan, PaymentPlanInstallment
from core.fields import MoneyField, SaneDateField

MONEY = {"max_digits": 12, "decimal_places": 2}


class CollectionNextActionSerializer(serializers.Serializer):
    level = serializers.IntegerField()
    label = serializers.CharField()
    day = serializers.IntegerField()
    channels = serializers.ListField(child=serializers.CharField())
    due_in_days = serializers.IntegerField(help_text="Days until the step is due; 0 or less means due now.")


class CollectionTimelineStepSerializer(serializers.Serializer):
    level = serializers.IntegerField()
    label = serializers.CharField()
    day = serializers.IntegerField()
    channels = serializers.ListField(child=serializers.CharField())
    done = serializers.BooleanField()
    skipped = serializers.BooleanField(help_text="Never sent: the case opened, or the agent caught up, past it.")
    sent_at = serializers.DateTimeField(allow_null=True)
    delivery_status = serializers.CharField(allow_null=True)


class CollectionLegalReferralSerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=CollectionCase.LegalReferral.choices, allow_blank=True)
    text = serializers.CharField(help_text="The state in plain words.")
    recommended_at = serializers.DateTimeField(allow_null=True)
    decided_at = serializers.DateTimeField(allow_null=True)
    decided_by = serializers.CharField()
    min_balance = serializers.DecimalField(**MONEY)
    min_days_overdue = serializers.IntegerField()
    can_decide = serializers.BooleanField(help_text="A recommendation awaits a manager's approve or dismiss.")


class CollectionCaseListSerializer(serializers.ModelSerializer):
    tenant_id = serializers.UUIDField(read_only=True)
    tenant_name = serializers.SerializerMethodField()
    lease_id = serializers.UUIDField(read_only=True)
    unit_id = serializers.UUIDField(read_only=True)
    unit_number = serializers.CharField(source="unit.unit_number", read_only=True)
    property_id = serializers.UUIDField(read_only=True)
    property_name = serializers.CharField(source="property.name", read_only=True)
    payment_plan_status = serializers.SerializerMethodField()
    next_action = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()

    class Meta:
        model = CollectionCase
        fields = [
            "id",
            "tenant_id",
            "tenant_name",
            "lease_id",
            "unit_id",
            "unit_number",
            "property_id",
            "property_name",
            "original_amount_due",
            "current_balance",
            "late_fee_total",
            "late_fee_excess",
            "late_fee_citation",
            "days_overdue",
            "due_date",
            "escalation_level",
            "tenant_risk_profile",
            "tone",
            "status",
            "assigned_to",
            "resolved_at",
            "payment_plan_status",
            "legal_referral",
            "next_action",
            "timeline",
            "created_at",
            "updated_at",
        ]

    def get_tenant_name(self, case) -> str:
        return f"{case.tenant.first_name} {case.tenant.last_name}"

    def get_payment_plan_status(self, case) -> str | None:
        plan = selectors.plan_of(case)
        return plan.status if plan else None

    def get_next_action(self, case) -> CollectionNextActionSerializer(allow_null=True):  # type: ignore[valid-type]
        return selectors.case_next_action(case)

    def get_timeline(self, case) -> CollectionTimelineStepSerializer(many=True):  # type: ignore[valid-type]
        return CollectionTimelineStepSerializer(selectors.case_timeline(case), many=True).data


class CollectionDeliverySerializer(serializers.Serializer):
    channel = serializers.CharField()
    recipient = serializers.ChoiceField(choices=["tenant", "manager"])
    to = serializers.CharField()
    status = serializers.CharField()
    outbox_message_id = serializers.UUIDField(allow_null=True)
    error = serializers.CharField()
    retryable = serializers.BooleanField()
    attempts = serializers.IntegerField()
    sent_at = serializers.DateTimeField(allow_null=True)
    delivered_at = serializers.DateTimeField(allow_null=True)
    opened_at = serializers.DateTimeField(allow_null=True)
    scheduled_for = serializers.DateTimeField(
        allow_null=True, help_text="Held for the tenant's contact hours: goes out at this time."
    )
    hold_reason = serializers.CharField(help_text='e.g. "quiet hours, 47 CFR §64.1200(c)(1)"; "" when not held.')


class CollectionActionSerializer(serializers.ModelSerializer):
    """An action with its live delivery state (context["outbox"] = {id: OutboxMessage})."""

    delivery_status = serializers.SerializerMethodField()
    delivered = serializers.SerializerMethodField()
    opened = serializers.SerializerMethodField()
    deliveries = serializers.SerializerMethodField()

    class Meta:
        model = CollectionAction
        fields = [
            "id",
            "action_type",
            "escalation_level",
            "step_level",
            "channel",
            "subject",
            "message_text",
            "tone_used",
            "ai_generated",
            "ai_provider",
            "sent_at",
            "delivered",
            "opened",
            "response_received",
            "delivery_status",
            "delivery_error",
            "deliveries",
            "amount",
            "created_by",
            "created_at",
        ]

    def _state(self, action):
        cache = self.context.setdefault("_state", {})
        if action.pk not in cache:
            cache[action.pk] = selectors.delivery_summary(action, self.context.get("outbox", {}))
        return cache[action.pk]

    def get_delivery_status(self, action) -> str:
        return self._state(action)["delivery_status"]

    def get_delivered(self, action) -> bool:
        return self._state(action)["delivered"]

    def get_opened(self, action) -> bool:
        return self._state(action)["opened"]

    def get_deliveries(self, action) -> CollectionDeliverySerializer(many=True):  # type: ignore[valid-type]
        return CollectionDeliverySerializer(
            selectors.action_deliveries(action, self.context.get("outbox", {})), many=True
        ).data


class CollectionInstallmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = PaymentPlanInstallment
        fields = ["id", "installment_number", "amount", "amount_paid", "due_date", "paid_date", "status"]


class CollectionPaymentPlanSerializer(serializers.ModelSerializer):
    amount_paid = serializers.SerializerMethodField()
    installments = serializers.SerializerMethodField()

    class Meta:
        model = PaymentPlan
        fields = [
            "id",
            "total_amount",
            "num_installments",
            "installment_amount",
            "start_date",
            "status",
            "accepted_at",
            "defaulted_at",
            "offered_by",
            "amount_paid",
            "installments",
            "created_at",
            "updated_at",
        ]

    def _rows(self, plan):
        return self.context.get("installments", [])

    def get_amount_paid(self, plan) -> str:
        return f"{sum((i.amount_paid for i in self._rows(plan)), Decimal('0.00')):.2f}"

    def get_installments(self, plan) -> CollectionInstallmentSerializer(many=True):  # type: ignore[valid-type]
        return CollectionInstallmentSerializer(self._rows(plan), many=True).data


class CollectionTenantContactSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    email = serializers.CharField()
    phone = serializers.CharField()
    preferred_contact = serializers.CharField()


class CollectionCaseDetailSerializer(CollectionCaseListSerializer):
    """The list row plus notes, tenant contact, recommended next step, every action and the payment plan.
    Built from selectors.case_get (which loads actions, installments and outbox rows)."""

    tenant = CollectionTenantContactSerializer(read_only=True)
    monthly_rent = serializers.DecimalField(source="lease.monthly_rent_amount", read_only=True, **MONEY)
    recommended_next_step = serializers.SerializerMethodField()
    actions = serializers.SerializerMethodField()
    payment_plan = serializers.SerializerMethodField()
    legal_referral_detail = serializers.SerializerMethodField()

    class Meta(CollectionCaseListSerializer.Meta):
        fields = [
            *CollectionCaseListSerializer.Meta.fields,
            "notes",
            "tenant",
            "monthly_rent",
            "recommended_next_step",
            "actions",
            "payment_plan",
            "legal_referral_detail",
        ]

    def get_legal_referral_detail(self, case) -> CollectionLegalReferralSerializer:  # type: ignore[valid-type]
        min_balance, min_days = selectors.legal_referral_minimums()
        return CollectionLegalReferralSerializer(
            selectors.legal_referral_view(case, min_balance=min_balance, min_days=min_days)
        ).data

    def get_recommended_next_step(self, case) -> str:
        from collections_app import dunning

        plan = selectors.plan_of(case)
        return dunning.recommended_next_step(
            risk_profile=case.tenant_risk_profile,
            balance=case.current_balance,
            monthly_rent=case.lease.monthly_rent_amount,
            plan_status=plan.status if plan else None,
        )

    def get_actions(self, case) -> CollectionActionSerializer(many=True):  # type: ignore[valid-type]
        return CollectionActionSerializer(case.all_actions, many=True, context={"outbox": case.outbox}).data

    def get_payment_plan(self, case) -> CollectionPaymentPlanSerializer(allow_null=True):  # type: ignore[valid-type]
        plan = selectors.plan_of(case)
        if plan is None:
            return None
        return CollectionPaymentPlanSerializer(plan, context={"installments": case.plan_installments}).data


class CollectionDashboardStatsSerializer(serializers.Serializer):
    total_overdue = serializers.DecimalField(**MONEY)
    open_cases = serializers.IntegerField(help_text="Unresolved cases: open, on a payment plan or escalated.")
    on_plan = serializers.IntegerField()
    on_plan_amount = serializers.DecimalField(**MONEY)
    paid_this_week = serializers.DecimalField(help_text="Payments on cases in the last 7 days.", **MONEY)
    paid_this_week_count = serializers.IntegerField(help_text="Cases with a payment in the last 7 days.")
    resolved_this_week = serializers.IntegerField(help_text="Cases closed as paid in the last 7 days.")
    by_level = serializers.DictField(child=serializers.IntegerField())
    by_tone = serializers.DictField(child=serializers.IntegerField())
    by_risk_profile = serializers.DictField(child=serializers.IntegerField())
    by_status = serializers.DictField(child=serializers.IntegerField())


class CollectionRunScanSerializer(serializers.Serializer):
    scan = serializers.CharField()
    escalation = serializers.CharField()


# ── inputs ────────────────────────────────────────────────────────────────────────────────────────


class CollectionStatsInputSerializer(serializers.Serializer):
    property = serializers.UUIDField(required=False)


class CollectionOfferPlanInputSerializer(serializers.Serializer):
    num_installments = serializers.IntegerField(required=False, allow_null=True, min_value=2, max_value=6)
    start_date = SaneDateField(required=False, allow_null=True)


class CollectionRecordPaymentInputSerializer(serializers.Serializer):
    """`amount` as a string ("250.00") or a number; at most 2 decimal places, no exponent notation, at most
    MONEY_INPUT_MAX. Positive and within the balance is the service's rule (so the messages are the same
    everywhere). `paid_on` within the date window (core.fields)."""

    amount = MoneyField(max_digits=10, min_value=None)
    paid_on = SaneDateField(required=False, allow_null=True)
    reference = serializers.CharField(required=False, allow_blank=True, max_length=60, default="")

    def to_internal_value(self, data):
        raw = data.get("amount") if hasattr(data, "get") else None
        if isinstance(raw, bool):  # JSON true is not an amount
            raise serializers.ValidationError({"amount": ["A valid number is required."]})
        return super().to_internal_value(data)


class CollectionEscalateInputSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class CollectionDismissLegalInputSerializer(serializers.Serializer):
    note = serializers.CharField(
        required=False, allow_blank=True, max_length=2000, default="", help_text="Why (recorded on the case)."
    )
