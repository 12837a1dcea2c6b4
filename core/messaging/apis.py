import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import filters, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.exceptions import ApplicationError
from core.idempotency import idempotent
from core.messaging.services import retry_message
from core.messaging.validation import normalise_email, normalise_phone
from core.models import InboundMessage, OutboxMessage
from core.permissions import Requires


class OutboxMessageSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutboxMessage
        fields = [
            "id",
            "channel",
            "to",
            "from_address",
            "subject",
            "body",
            "status",
            "backend",
            "provider_message_id",
            "error",
            "retryable",
            "attempts",
            "feature",
            "dedupe_key",
            "related_type",
            "related_id",
            "created_at",
            "not_before",
            "hold_reason",
            "sent_at",
            "delivered_at",
            "opened_at",
        ]


class OutboxMessageDetailSerializer(OutboxMessageSerializer):
    class Meta(OutboxMessageSerializer.Meta):
        fields = [*OutboxMessageSerializer.Meta.fields, "html", "status_events"]


class InboundMessageSerializer(serializers.ModelSerializer):
    class Meta:
        model = InboundMessage
        fields = [
            "id",
            "channel",
            "provider",
            "provider_message_id",
            "from_address",
            "to_address",
            "subject",
            "body",
            "attachments",
            "status",
            "handler_error",
            "handled_at",
            "created_at",
        ]


MAX_CONTACTS = 10


def contact_addresses(value: str) -> list[str]:
    """`?contact=pat@example.com,(317) 555-0103` → the exact stored forms (E.164 phones, lower-cased domains),
    so one tenant's messages are found whatever way their phone was typed. Unparseable entries are skipped."""
    addresses = []
    for raw in [v.strip() for v in (value or "").split(",") if v.strip()][:MAX_CONTACTS]:
        try:
            addresses.append(normalise_email(raw) if "@" in raw else normalise_phone(raw))
        except ApplicationError:
            continue
    return addresses


class ContactFilterMixin:
    contact_field = "to"

    def filter_contact(self, queryset, name, value):
        return queryset.filter(**{f"{self.contact_field}__in": contact_addresses(value)})


class OutboxFilter(ContactFilterMixin, django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=OutboxMessage.Status.choices)
    recipient = django_filters.CharFilter(field_name="to", lookup_expr="icontains")
    contact = django_filters.CharFilter(
        method="filter_contact", help_text="Comma-separated emails/phones (a tenant's): messages sent to exactly those."
    )

    class Meta:
        model = OutboxMessage
        fields = ["channel", "status", "feature", "related_type", "related_id", "backend"]


class OutboxViewSet(viewsets.ReadOnlyModelViewSet):
    """Every SMS and email the platform sent (or stored without a provider). `?recipient=`, `?search=`."""

    permission_classes = [Requires("view_messages", write="send_messages")]

    queryset = OutboxMessage.objects.none()  # the schema's model; rows come from get_queryset (scoped)
    filterset_class = OutboxFilter
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, filters.SearchFilter, filters.OrderingFilter]
    search_fields = ["to", "subject"]
    ordering_fields = ["created_at", "status", "channel"]
    ordering = ["-created_at"]

    def get_queryset(self):
        return OutboxMessage.objects.all()

    def get_serializer_class(self):
        return OutboxMessageDetailSerializer if self.action in ("retrieve", "retry") else OutboxMessageSerializer

    @extend_schema(request=None, responses=OutboxMessageDetailSerializer)
    @action(detail=True, methods=["post"])
    @idempotent
    def retry(self, request, pk=None):
        message = retry_message(self.get_object().id)
        return Response(OutboxMessageDetailSerializer(message).data)


class InboundFilter(ContactFilterMixin, django_filters.FilterSet):
    contact_field = "from_address"
    contact = django_filters.CharFilter(
        method="filter_contact", help_text="Comma-separated emails/phones (a tenant's): messages received from them."
    )

    class Meta:
        model = InboundMessage
        fields = ["channel", "status", "provider"]


class InboundViewSet(viewsets.ReadOnlyModelViewSet):
    """Messages received through the verified webhooks."""

    permission_classes = [Requires("view_messages")]

    queryset = InboundMessage.objects.none()  # the schema's model; rows come from get_queryset (scoped)
    serializer_class = InboundMessageSerializer
    filterset_class = InboundFilter
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, filters.SearchFilter, filters.OrderingFilter]
    search_fields = ["from_address", "subject", "body"]
    ordering_fields = ["created_at"]
    ordering = ["-created_at"]

    def get_queryset(self):
        return InboundMessage.objects.all()
