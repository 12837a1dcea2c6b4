import django_filters
from drf_spectacular.utils import extend_schema
from rest_framework import filters, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from core.messaging.services import retry_message
from core.models import InboundMessage, OutboxMessage


class OutboxMessageSerializer(serializers.ModelSerializer):
    class Meta:
        model = OutboxMessage
        fields = [
            "id", "channel", "to", "from_address", "subject", "body", "status", "backend", "provider_message_id",
            "error", "retryable", "attempts", "feature", "dedupe_key", "related_type", "related_id", "created_at",
            "sent_at", "delivered_at", "opened_at",
        ]


class OutboxMessageDetailSerializer(OutboxMessageSerializer):
    class Meta(OutboxMessageSerializer.Meta):
        fields = [*OutboxMessageSerializer.Meta.fields, "html", "status_events"]


class InboundMessageSerializer(serializers.ModelSerializer):
    class Meta:
        model = InboundMessage
        fields = [
            "id", "channel", "provider", "provider_message_id", "from_address", "to_address", "subject", "body",
            "attachments", "status", "handler_error", "handled_at", "created_at",
        ]


class OutboxFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=OutboxMessage.Status.choices)
    recipient = django_filters.CharFilter(field_name="to", lookup_expr="icontains")

    class Meta:
        model = OutboxMessage
        fields = ["channel", "status", "feature", "related_type", "related_id", "backend"]


class OutboxViewSet(viewsets.ReadOnlyModelViewSet):
    """Every SMS and email the platform sent (or stored without a provider). `?recipient=`, `?search=`."""

    queryset = OutboxMessage.objects.all()
    filterset_class = OutboxFilter
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, filters.SearchFilter, filters.OrderingFilter]
    search_fields = ["to", "subject"]
    ordering_fields = ["created_at", "status", "channel"]
    ordering = ["-created_at"]

    def get_serializer_class(self):
        return OutboxMessageDetailSerializer if self.action in ("retrieve", "retry") else OutboxMessageSerializer

    @extend_schema(request=None, responses=OutboxMessageDetailSerializer)
    @action(detail=True, methods=["post"])
    def retry(self, request, pk=None):
        message = retry_message(self.get_object().id)
        return Response(OutboxMessageDetailSerializer(message).data)


class InboundFilter(django_filters.FilterSet):
    class Meta:
        model = InboundMessage
        fields = ["channel", "status", "provider"]


class InboundViewSet(viewsets.ReadOnlyModelViewSet):
    """Messages received through the verified webhooks."""

    queryset = InboundMessage.objects.all()
    serializer_class = InboundMessageSerializer
    filterset_class = InboundFilter
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend, filters.SearchFilter, filters.OrderingFilter]
    search_fields = ["from_address", "subject", "body"]
    ordering_fields = ["created_at"]
    ordering = ["-created_at"]
