"""Input and output serializers of the command center API (money as strings, confidence as a number)."""

from rest_framework import serializers

from core.fields import SaneDateTimeField
from portfolio.models import ActionType, AIActionQueue, BulkActionBatch
from portfolio.services import MAX_UNITS, PREVIEW_DEFAULT, PREVIEW_MAX

ACTION_LABELS = dict(ActionType.choices)


class AIActionBriefSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    action_type = serializers.CharField()
    label = serializers.SerializerMethodField()
    description = serializers.CharField()
    confidence = serializers.FloatField(source="confidence_score")
    priority = serializers.CharField()
    status = serializers.CharField()
    reason = serializers.CharField(source="generation_reason")

    def get_label(self, obj) -> str:
        return ACTION_LABELS.get(obj.action_type, obj.action_type)


class OpenItemSerializer(serializers.Serializer):
    kind = serializers.CharField()
    object_id = serializers.CharField()
    status = serializers.CharField()
    label = serializers.CharField()
    amount = serializers.CharField(allow_null=True)
    change_pct = serializers.FloatField(allow_null=True)
    date = serializers.CharField(allow_null=True)


class CommandCenterRowSerializer(serializers.Serializer):
    id = serializers.UUIDField()
    unit_number = serializers.CharField()
    building = serializers.CharField()
    property_id = serializers.UUIDField()
    property_name = serializers.CharField()
    lifecycle_state = serializers.CharField()
    lease_id = serializers.UUIDField(allow_null=True)
    tenant_id = serializers.UUIDField(allow_null=True)
    tenant_name = serializers.CharField(allow_null=True)
    rent = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    market_rent = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    market_gap = serializers.DecimalField(
        max_digits=12,
        decimal_places=2,
        allow_null=True,
        help_text="rent − market rent (negative = below market); null when vacant",
    )
    market_gap_pct = serializers.FloatField(allow_null=True, help_text="market_gap / market rent × 100, 1 decimal")
    open_items = OpenItemSerializer(many=True, help_text="What is in flight on the lease (tenants.open_items)")
    event_date = serializers.DateField(allow_null=True)
    days_to_event = serializers.IntegerField(allow_null=True)
    risk_level = serializers.CharField(allow_null=True)
    collections_case_id = serializers.UUIDField(allow_null=True)
    balance = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    overdue_balance = serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True)
    ai_action = AIActionBriefSerializer(allow_null=True)
    ai_action_count = serializers.IntegerField()


class CommandCenterSummarySerializer(serializers.Serializer):
    active = serializers.IntegerField()
    month_to_month = serializers.IntegerField()
    notice = serializers.IntegerField()
    vacant = serializers.IntegerField()
    total = serializers.IntegerField()
    total_rent = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="occupied_rent + vacant_asking_rent of the units shown"
    )
    occupied_rent = serializers.DecimalField(
        max_digits=14,
        decimal_places=2,
        help_text="What the tenants of the shown occupied units pay (for all units: the dashboard's rent roll)",
    )
    vacant_asking_rent = serializers.DecimalField(
        max_digits=14, decimal_places=2, help_text="The market (asking) rent of the shown vacant units"
    )


class CommandCenterSelectAllSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    unit_ids = serializers.ListField(child=serializers.UUIDField())
    rents = serializers.ListField(child=serializers.DecimalField(max_digits=12, decimal_places=2, allow_null=True))
    total_rent = serializers.DecimalField(max_digits=14, decimal_places=2)
    truncated = serializers.BooleanField()


class AIQueueItemSerializer(serializers.ModelSerializer):
    label = serializers.SerializerMethodField()
    confidence = serializers.FloatField(source="confidence_score")
    reason = serializers.CharField(source="generation_reason")
    unit_number = serializers.CharField(source="unit.unit_number")
    building = serializers.CharField(source="unit.building")
    property_name = serializers.CharField(source="property.name")
    tenant_name = serializers.SerializerMethodField()

    class Meta:
        model = AIActionQueue
        fields = [
            "id",
            "unit",
            "unit_number",
            "building",
            "property",
            "property_name",
            "lease",
            "tenant_name",
            "action_type",
            "label",
            "description",
            "confidence",
            "priority",
            "status",
            "lifecycle_state",
            "reason",
            "suggested_payload",
            "generated_content",
            "content_subject",
            "content_sms",
            "content_provider",
            "content_generated_at",
            "generated_on",
            "generated_at",
            "updated_at",
            "executed_at",
            "executed_by",
            "execution_method",
            "bulk_batch_id",
            "dismissed_at",
            "dismissed_by",
        ]

    def get_label(self, obj) -> str:
        return ACTION_LABELS.get(obj.action_type, obj.action_type)

    def get_tenant_name(self, obj) -> str | None:
        tenant = obj.lease.tenant if obj.lease_id else None
        return f"{tenant.first_name} {tenant.last_name}" if tenant else None


class AIQueueStatsSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    by_action_type = serializers.DictField(child=serializers.IntegerField())
    by_priority = serializers.DictField(child=serializers.IntegerField())


class RunAgentSerializer(serializers.Serializer):
    status = serializers.CharField()
    summary = serializers.CharField(allow_null=True)
    task_id = serializers.CharField(allow_null=True)


class ActionTypeField(serializers.CharField):
    """One of ActionType's values (a string in the schema; the name `action_type` is taken by collections' enum)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("help_text", "One of: " + ", ".join(ActionType.values))
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if value not in ActionType.values:
            raise serializers.ValidationError(
                f'"{value}" is not a valid action type; use one of {", ".join(ActionType.values)}.'
            )
        return value


_UNIT_IDS_MESSAGES = {"empty": "Select at least one unit.", "max_length": f"At most {MAX_UNITS} units per bulk action."}


class BulkPreviewInputSerializer(serializers.Serializer):
    action_type = ActionTypeField()
    unit_ids = serializers.ListField(
        child=serializers.UUIDField(), allow_empty=False, max_length=MAX_UNITS, error_messages=_UNIT_IDS_MESSAGES
    )
    limit = serializers.IntegerField(required=False, default=PREVIEW_DEFAULT, min_value=0, max_value=PREVIEW_MAX)


class BulkCreateInputSerializer(serializers.Serializer):
    action_type = ActionTypeField()
    unit_ids = serializers.ListField(
        child=serializers.UUIDField(), allow_empty=False, max_length=MAX_UNITS, error_messages=_UNIT_IDS_MESSAGES
    )
    method = serializers.ChoiceField(choices=BulkActionBatch.Method.choices)
    scheduled_for = SaneDateTimeField(required=False, allow_null=True, default=None)
    exclude_unit_ids = serializers.ListField(
        child=serializers.UUIDField(),
        required=False,
        default=list,
        max_length=MAX_UNITS,
        help_text="Units unchecked in the preview: left out of the batch",
    )


class BulkPreviewUnitSerializer(serializers.Serializer):
    unit_id = serializers.UUIDField()
    unit_number = serializers.CharField()
    property_name = serializers.CharField()
    tenant_name = serializers.CharField(allow_null=True)
    eligible = serializers.BooleanField()
    error = serializers.CharField(allow_null=True)
    summary = serializers.CharField()
    figures = serializers.DictField()
    content_shown = serializers.BooleanField()
    subject = serializers.CharField(allow_null=True)
    content = serializers.CharField(allow_null=True)
    sms_text = serializers.CharField(allow_null=True)
    provider = serializers.CharField(allow_null=True)
    ai_action_id = serializers.UUIDField(allow_null=True)


class BulkPreviewSerializer(serializers.Serializer):
    action_type = serializers.CharField()
    label = serializers.CharField()
    methods = serializers.ListField(child=serializers.CharField())
    count = serializers.IntegerField()
    eligible_count = serializers.IntegerField()
    ineligible_count = serializers.IntegerField()
    shown_count = serializers.IntegerField()
    units = BulkPreviewUnitSerializer(many=True)


class BulkActionBatchSerializer(serializers.ModelSerializer):
    label = serializers.SerializerMethodField()
    method = serializers.CharField(source="execution_method")
    processed_count = serializers.SerializerMethodField()

    class Meta:
        model = BulkActionBatch
        fields = [
            "id",
            "action_type",
            "label",
            "unit_count",
            "method",
            "scheduled_for",
            "status",
            "result_summary",
            "executed_by",
            "created_at",
            "started_at",
            "completed_at",
            "processed_count",
            "succeeded_count",
            "skipped_count",
            "failed_count",
            "unit_ids",
            "results",
        ]

    def get_label(self, obj) -> str:
        return (obj.suggested_payload or {}).get("label") or ACTION_LABELS.get(obj.action_type, obj.action_type)

    def get_processed_count(self, obj) -> int:
        return len(obj.results or [])


class ActionTypeSerializer(serializers.Serializer):
    action_type = serializers.CharField()
    label = serializers.CharField()
    bulk_label = serializers.CharField()
    methods = serializers.ListField(child=serializers.CharField())
    tenant_facing = serializers.BooleanField()
