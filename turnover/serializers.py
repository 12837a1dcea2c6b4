"""Turnover input and output serializers. Money goes out as strings ("1700.00", the API's convention)."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ObjectDoesNotExist
from django.urls import reverse
from django.utils import timezone
from rest_framework import serializers

from core.fields import MoneyField
from core.files.services import file_signed_token
from turnover import pipeline
from turnover.models import TurnoverCase, TurnoverChecklist, TurnoverDeduction, TurnoverEvent
from turnover.selectors import days_in_pipeline, is_delayed
from units.useful_life import LIFE_CHOICES


def _today(context) -> object:
    return context.get("today") or timezone.localdate()


class TurnoverCaseSerializer(serializers.ModelSerializer):
    """A card / list row."""

    unit_number = serializers.CharField(source="unit.unit_number", read_only=True)
    building = serializers.CharField(source="unit.building", read_only=True)
    property_name = serializers.CharField(source="property.name", read_only=True)
    tenant_name = serializers.SerializerMethodField()
    lease_number = serializers.CharField(source="lease.lease_number", read_only=True)
    new_lease_number = serializers.CharField(
        source="new_lease.lease_number", read_only=True, default=None, allow_null=True
    )
    monthly_rent = serializers.DecimalField(
        source="lease.monthly_rent_amount", max_digits=10, decimal_places=2, read_only=True
    )
    new_monthly_rent = serializers.DecimalField(
        source="new_lease.monthly_rent_amount",
        max_digits=10,
        decimal_places=2,
        read_only=True,
        default=None,
        allow_null=True,
    )
    market_rent = serializers.DecimalField(source="unit.market_rent", max_digits=10, decimal_places=2, read_only=True)
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)
    inspection_work_order_number = serializers.CharField(
        source="inspection_work_order.work_order_number", read_only=True, default=None, allow_null=True
    )
    inspection_scheduled_date = serializers.DateField(
        source="inspection_work_order.scheduled_date", read_only=True, default=None, allow_null=True
    )
    checklist_total = serializers.IntegerField(read_only=True, default=0)
    checklist_done = serializers.IntegerField(read_only=True, default=0)
    delayed = serializers.SerializerMethodField()
    days_in_pipeline = serializers.SerializerMethodField()

    class Meta:
        model = TurnoverCase
        fields = [
            "id",
            "stage",
            "stage_label",
            "unit",
            "unit_number",
            "building",
            "property",
            "property_name",
            "lease",
            "lease_number",
            "tenant_name",
            "new_lease",
            "new_lease_number",
            "monthly_rent",
            "new_monthly_rent",
            "market_rent",
            "notice_date",
            "expected_move_out",
            "actual_move_out",
            "inspection_date",
            "make_ready_start",
            "make_ready_complete",
            "listed_date",
            "leased_date",
            "inspection_work_order",
            "inspection_work_order_number",
            "inspection_scheduled_date",
            "security_deposit",
            "total_deductions",
            "refund_amount",
            "balance_owed",
            "deduction_letter_generated",
            "letter_sent_at",
            "make_ready_estimated_cost",
            "make_ready_actual_cost",
            "checklist_total",
            "checklist_done",
            "days_vacant",
            "target_days_to_lease",
            "days_in_pipeline",
            "delayed",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_tenant_name(self, obj) -> str:
        tenant = obj.lease.tenant
        return f"{tenant.first_name} {tenant.last_name}".strip()

    def get_delayed(self, obj) -> bool:
        return is_delayed(obj)

    def get_days_in_pipeline(self, obj) -> int:
        return days_in_pipeline(obj, _today(self.context))


class TurnoverDeductionSerializer(serializers.ModelSerializer):
    category_label = serializers.CharField(source="get_category_display", read_only=True)
    life_item_label = serializers.CharField(source="get_life_item_display", read_only=True)
    depreciation = serializers.SerializerMethodField()
    photo_url = serializers.SerializerMethodField()

    class Meta:
        model = TurnoverDeduction
        fields = [
            "id",
            "category",
            "category_label",
            "description",
            "amount",
            "life_item",
            "life_item_label",
            "item_age_years",
            "useful_life_years",
            "chargeable_amount",
            "depreciation",
            "photo",
            "photo_url",
            "ai_detected",
            "approved",
            "created_at",
        ]
        read_only_fields = fields

    def get_depreciation(self, obj) -> str:
        return (self.context.get("reasons") or {}).get(obj.pk, "")

    def get_photo_url(self, obj) -> str | None:
        if obj.photo_id is None:
            return None
        path = reverse("file-signed-content", args=[file_signed_token(stored=obj.photo, thumbnail=False)])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class TurnoverChecklistSerializer(serializers.ModelSerializer):
    vendor_name = serializers.CharField(source="vendor.name", read_only=True, default=None, allow_null=True)
    work_order_number = serializers.CharField(
        source="work_order.work_order_number", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = TurnoverChecklist
        fields = [
            "id",
            "category",
            "item",
            "completed",
            "completed_by",
            "completed_at",
            "estimated_cost",
            "actual_cost",
            "vendor",
            "vendor_name",
            "work_order",
            "work_order_number",
        ]
        read_only_fields = fields


class TurnoverEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = TurnoverEvent
        fields = ["id", "kind", "from_stage", "to_stage", "reason", "actor", "created_at"]
        read_only_fields = fields


class TurnoverAllowedMoveSerializer(serializers.Serializer):
    stage = serializers.CharField()
    direction = serializers.CharField()
    reason_required = serializers.BooleanField()


class TurnoverTimelineStepSerializer(serializers.Serializer):
    stage = serializers.CharField()
    label = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    reached = serializers.BooleanField()
    current = serializers.BooleanField()


class TurnoverDeadlineSerializer(serializers.Serializer):
    date = serializers.DateField(allow_null=True)
    days_left = serializers.IntegerField(allow_null=True)
    overdue = serializers.BooleanField()
    move_out = serializers.DateField()
    move_out_is_actual = serializers.BooleanField()
    period = serializers.CharField()
    clock_starts = serializers.CharField()
    citation = serializers.CharField()
    state = serializers.CharField()
    needs_review = serializers.BooleanField()


class TurnoverCaseDetailSerializer(TurnoverCaseSerializer):
    deductions = serializers.SerializerMethodField()
    checklist = serializers.SerializerMethodField()
    events = serializers.SerializerMethodField()
    allowed_moves = serializers.SerializerMethodField()
    timeline = serializers.SerializerMethodField()
    deadline = serializers.SerializerMethodField()
    estimate_rules_total = serializers.SerializerMethodField()
    inspection_id = serializers.SerializerMethodField()

    class Meta(TurnoverCaseSerializer.Meta):
        fields = [
            *TurnoverCaseSerializer.Meta.fields,
            "inspection_id",
            "letter_subject",
            "letter_text",
            "letter_generated_at",
            "letter_provider",
            "letter_deadline",
            "letter_citation",
            "letter_file",
            "balance_charge",
            "delayed_at",
            "deductions",
            "checklist",
            "events",
            "allowed_moves",
            "timeline",
            "deadline",
            "estimate_rules_total",
        ]
        read_only_fields = fields

    def _children(self) -> dict:
        return self.context["children"]

    def get_inspection_id(self, obj) -> str | None:
        """The move-out inspection (3.1) of this case, by the one-to-one it holds (`inspection`), if any."""
        try:
            return str(obj.inspection.pk)
        except ObjectDoesNotExist:
            return None

    def get_deductions(self, obj) -> list[dict]:
        return TurnoverDeductionSerializer(self._children()["deductions"], many=True, context=self.context).data

    def get_checklist(self, obj) -> list[dict]:
        return TurnoverChecklistSerializer(self._children()["checklist"], many=True).data

    def get_events(self, obj) -> list[dict]:
        return TurnoverEventSerializer(self._children()["events"], many=True).data

    def get_allowed_moves(self, obj) -> list[dict]:
        from turnover.services import allowed_moves

        return TurnoverAllowedMoveSerializer(allowed_moves(obj.stage), many=True).data

    def get_timeline(self, obj) -> list[dict]:
        dates = {
            "notice": obj.notice_date,
            "inspect": obj.inspection_date,
            "make_ready": obj.make_ready_start,
            "listed": obj.listed_date,
            "leased": obj.leased_date,
        }
        at = pipeline.index(obj.stage)
        return TurnoverTimelineStepSerializer(
            [
                {
                    "stage": s,
                    "label": pipeline.STAGE_LABELS[s],
                    "date": dates[s],
                    "reached": i <= at,
                    "current": i == at,
                }
                for i, s in enumerate(pipeline.STAGES)
            ],
            many=True,
        ).data

    def get_deadline(self, obj) -> dict:
        d = self.context["deadline"]
        today = _today(self.context)
        left = d.days_left(today)
        return TurnoverDeadlineSerializer(
            {
                "date": d.date,
                "days_left": left,
                "overdue": left is not None and left < 0 and obj.letter_sent_at is None,
                "move_out": d.move_out,
                "move_out_is_actual": d.move_out_is_actual,
                "period": d.days_text,
                "clock_starts": d.clock_words,
                "citation": d.citation,
                "state": d.state,
                "needs_review": d.needs_review,
            }
        ).data

    def get_estimate_rules_total(self, obj) -> str:
        return str(sum((i.estimated_cost for i in self._children()["checklist"]), 0))


class TurnoverKanbanColumnSerializer(serializers.Serializer):
    stage = serializers.CharField()
    label = serializers.CharField()
    count = serializers.IntegerField()
    cases = TurnoverCaseSerializer(many=True)


class TurnoverKanbanSerializer(serializers.Serializer):
    columns = TurnoverKanbanColumnSerializer(many=True)
    active = serializers.IntegerField()
    delayed = serializers.IntegerField()
    avg_days_active = serializers.FloatField(allow_null=True)
    target_days = serializers.IntegerField()
    delay_days = serializers.IntegerField()


class TurnoverDashboardStatsSerializer(serializers.Serializer):
    by_stage = serializers.DictField(child=serializers.IntegerField())
    active = serializers.IntegerField()
    delayed = serializers.IntegerField()
    avg_days_notice_to_leased = serializers.FloatField(allow_null=True)
    avg_days_vacant_active = serializers.FloatField(allow_null=True)
    target_days = serializers.IntegerField()
    make_ready_estimated_total = serializers.DecimalField(max_digits=14, decimal_places=2)
    make_ready_actual_total = serializers.DecimalField(max_digits=14, decimal_places=2)
    make_ready_estimated_with_actual = serializers.DecimalField(max_digits=14, decimal_places=2)
    cases_with_actual_cost = serializers.IntegerField()


# --- inputs ------------------------------------------------------------------------------------------------------


class TurnoverAdvanceStageInputSerializer(serializers.Serializer):
    stage = serializers.ChoiceField(choices=TurnoverCase.Stage.choices)
    reason = serializers.CharField(required=False, allow_blank=True, max_length=500, default="")


class TurnoverDeductionInputSerializer(serializers.Serializer):
    category = serializers.ChoiceField(choices=TurnoverDeduction.Category.choices)
    description = serializers.CharField(max_length=200)
    amount = MoneyField(max_value=Decimal("50000.00"))
    life_item = serializers.ChoiceField(choices=LIFE_CHOICES, required=False, allow_blank=True, default="")
    item_age_years = serializers.DecimalField(
        max_digits=5, decimal_places=2, min_value=0, max_value=100, required=False, allow_null=True, default=None
    )
    photo = serializers.UUIDField(required=False, allow_null=True, default=None)
    ai_detected = serializers.BooleanField(required=False, default=False)
    approved = serializers.BooleanField(required=False, default=False)


class TurnoverDeductionApproveInputSerializer(serializers.Serializer):
    approved = serializers.BooleanField(required=False, default=True)


class TurnoverChecklistItemInputSerializer(serializers.Serializer):
    completed = serializers.BooleanField(required=False)
    actual_cost = MoneyField(required=False, min_value=Decimal("0"), max_value=Decimal("999999.99"))
    vendor = serializers.UUIDField(required=False, allow_null=True)
    create_work_order = serializers.BooleanField(required=False, default=False)


class TurnoverLetterPreviewSerializer(serializers.Serializer):
    html = serializers.CharField()
