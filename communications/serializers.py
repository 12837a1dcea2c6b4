from rest_framework import serializers

from communications.models import BroadcastMessage, CommunicationTemplate, TenantConversation, TenantMessage
from core.formatting import actor_display


class ConversationListSerializer(serializers.ModelSerializer):
    tenant_name = serializers.SerializerMethodField()
    unit_number = serializers.CharField(source="unit.unit_number", default=None, allow_null=True)
    property_name = serializers.CharField(source="property.name", default=None, allow_null=True)
    last_message = serializers.CharField(default="")
    last_direction = serializers.CharField(default=None, allow_null=True)
    last_intent = serializers.CharField(default=None, allow_null=True)
    unmatched = serializers.SerializerMethodField()

    assigned_to = serializers.SerializerMethodField()

    class Meta:
        model = TenantConversation
        fields = [
            "id",
            "tenant",
            "tenant_name",
            "unit",
            "unit_number",
            "property",
            "property_name",
            "channel",
            "status",
            "category",
            "urgency",
            "sentiment_score",
            "ai_auto_responded",
            "assigned_to",
            "escalated",
            "escalation_reason",
            "last_message_at",
            "last_message",
            "last_direction",
            "last_intent",
            "unread_count",
            "unmatched",
            "contact_address",
            "created_at",
        ]

    def get_assigned_to(self, obj) -> str:
        return actor_display(obj.assigned_to)

    def get_unmatched(self, obj) -> bool:
        return obj.tenant_id is None

    def get_tenant_name(self, obj) -> str:
        return obj.tenant.full_name if obj.tenant_id else f"Unknown sender {obj.contact_address}"


class ThreadItemSerializer(serializers.Serializer):
    """A thread entry: a conversation message, or another feature's outbox message to this tenant."""

    def to_representation(self, item):
        if item["kind"] == "message":
            m: TenantMessage = item["message"]
            return {
                "id": str(m.pk),
                "source": "conversation",
                "direction": m.direction,
                "channel": m.channel,
                "content": m.content,
                "subject": m.subject,
                "is_ai_generated": m.is_ai_generated,
                "is_auto_sent": m.is_auto_sent,
                "ai_classification": m.ai_classification,
                "sentiment": m.sentiment,
                "suggested_response": m.suggested_response,
                "delivery": m.delivery,
                "outbox_status": m.outbox_message.status if m.outbox_message_id else None,
                "outbox_id": str(m.outbox_message_id) if m.outbox_message_id else None,
                "send_after": m.send_after,
                "sent_by": actor_display(m.sent_by),
                "work_order": (
                    {"id": str(m.work_order_id), "number": m.work_order.work_order_number} if m.work_order_id else None
                ),
                "read_at": m.read_at,
                "created_at": m.created_at,
                "feature": "communications",
            }
        o = item["outbox"]
        return {
            "id": str(o.pk),
            "source": "outbox",
            "direction": "outbound",
            "channel": o.channel,
            "content": o.body,
            "subject": o.subject,
            "is_ai_generated": False,
            "is_auto_sent": True,
            "ai_classification": {},
            "sentiment": 0.0,
            "suggested_response": "",
            "delivery": "failed" if o.status == "failed" else "sent",
            "outbox_status": o.status,
            "outbox_id": str(o.pk),
            "send_after": None,
            "sent_by": "",
            "work_order": None,
            "read_at": o.opened_at,
            "created_at": o.created_at,
            "feature": o.feature,
        }


REPLY_CHANNELS = [("sms", "SMS"), ("email", "Email"), ("in_app", "In-App")]
INBOUND_CHANNELS = [("sms", "SMS"), ("email", "Email"), ("whatsapp", "WhatsApp"), ("in_app", "In-App")]


class ReplyInputSerializer(serializers.Serializer):
    content = serializers.CharField(max_length=5000, trim_whitespace=True)
    channel = serializers.ChoiceField(choices=REPLY_CHANNELS)


class StatusInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=TenantConversation.Status.choices)
    assigned_to = serializers.CharField(max_length=100, required=False, allow_blank=True)


class AssignInputSerializer(serializers.Serializer):
    tenant_id = serializers.UUIDField()


class InboundInputSerializer(serializers.Serializer):
    channel = serializers.ChoiceField(choices=INBOUND_CHANNELS)
    from_number = serializers.CharField(max_length=40, required=False, allow_blank=True)
    from_email = serializers.EmailField(required=False, allow_blank=True)
    content = serializers.CharField(max_length=5000)
    subject = serializers.CharField(max_length=255, required=False, allow_blank=True)
    timestamp = serializers.DateTimeField(required=False)
    external_id = serializers.CharField(max_length=200, required=False, allow_blank=True)

    def validate(self, attrs):
        if attrs["channel"] == "email" and not attrs.get("from_email"):
            raise serializers.ValidationError({"from_email": "An email message needs from_email."})
        if attrs["channel"] != "email" and not attrs.get("from_number"):
            raise serializers.ValidationError({"from_number": "This channel needs from_number."})
        return attrs


class TemplateSerializer(serializers.ModelSerializer):
    class Meta:
        model = CommunicationTemplate
        fields = ["id", "name", "category", "channel", "content", "variables", "auto_send", "trigger_intent"]


class RecipientFilterSerializer(serializers.Serializer):
    property_id = serializers.UUIDField(required=False, allow_null=True)
    building = serializers.CharField(max_length=20, required=False, allow_blank=True)
    lifecycle = serializers.ListField(
        child=serializers.ChoiceField(choices=["active", "month_to_month", "notice"]), required=False, max_length=3
    )
    delinquent = serializers.BooleanField(required=False, allow_null=True, default=None)

    def validate(self, attrs):
        out = {k: v for k, v in attrs.items() if v not in (None, "", [])}
        if "property_id" in out:
            out["property_id"] = str(out["property_id"])
        return out


class BroadcastInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200)
    content = serializers.CharField(max_length=5000)
    channels = serializers.ListField(
        child=serializers.ChoiceField(choices=["sms", "email"]), min_length=1, max_length=2
    )
    recipient_filter = RecipientFilterSerializer(required=False, default=dict)


class BroadcastSerializer(serializers.ModelSerializer):
    property_name = serializers.CharField(source="property.name", default=None, allow_null=True)

    class Meta:
        model = BroadcastMessage
        fields = [
            "id",
            "title",
            "content",
            "channels",
            "recipient_filter",
            "recipient_count",
            "sent_count",
            "read_count",
            "failed_count",
            "skipped_count",
            "held_count",
            "status",
            "sent_at",
            "created_by",
            "property",
            "property_name",
            "created_at",
        ]


class SimulateInputSerializer(serializers.Serializer):
    count = serializers.IntegerField(min_value=1, max_value=10, default=3)
    content = serializers.CharField(max_length=1000, required=False, allow_blank=True)
    tenant_id = serializers.UUIDField(required=False, allow_null=True)
