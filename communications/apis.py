"""Communications API (spec 5.3), at /api/v1/communications/ and the spec's /api/v2/communications/.

Access (core.permissions): reading the inbox, templates and sentiment needs `view_messages`; replying, assigning,
changing a thread's status and recording an inbound message need `send_messages`; broadcasts (one message to
hundreds of tenants) are read with `view_messages` and created/sent with `run_bulk_actions`; the demo simulator
runs the pipeline and needs `run_agents`. Every list and fetch is limited to the caller's properties (an
unmatched sender, with no property, is visible to all-properties staff only)."""

import django_filters
from django.db.models import Q
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.response import Response
from rest_framework.views import APIView

from communications.models import CATEGORIES, URGENCIES, BroadcastMessage, CommunicationTemplate, TenantConversation
from communications.selectors import (
    at_risk,
    broadcast_delivery,
    broadcast_list,
    broadcast_preview,
    candidates_of,
    conversation_list,
    conversation_stats,
    conversation_thread,
    tenant_profile,
    tenant_sentiment,
)
from communications.serializers import (
    AssignInputSerializer,
    BroadcastInputSerializer,
    BroadcastSerializer,
    ConversationListSerializer,
    InboundInputSerializer,
    RecipientFilterSerializer,
    ReplyInputSerializer,
    SimulateInputSerializer,
    StatusInputSerializer,
    TemplateSerializer,
    ThreadItemSerializer,
)
from communications.services import (
    broadcast_create,
    conversation_assign,
    conversation_status_set,
    inbound_record,
    simulate_inbound,
    tenant_message_send,
)
from core import scoping
from core.apis import UUID_LOOKUP
from core.filters import FILTER_BACKENDS, ChoiceInFilter
from core.idempotency import idempotent
from core.permissions import Requires
from core.services import actor_label
from core.validation import validated


class ConversationFilter(django_filters.FilterSet):
    status = ChoiceInFilter(choices=TenantConversation.Status.choices)
    category = ChoiceInFilter(choices=CATEGORIES)
    urgency = ChoiceInFilter(choices=URGENCIES)
    tenant = django_filters.UUIDFilter(field_name="tenant_id")
    property = django_filters.UUIDFilter(field_name="property_id")
    unmatched = django_filters.BooleanFilter(field_name="tenant", lookup_expr="isnull")
    escalated = django_filters.BooleanFilter()
    unread = django_filters.BooleanFilter(method="filter_unread")
    search = django_filters.CharFilter(method="filter_search", max_length=100)

    class Meta:
        model = TenantConversation
        fields = ["status", "category", "urgency", "tenant", "property", "escalated"]

    def filter_unread(self, queryset, name, value):
        return queryset.filter(unread_count__gt=0) if value else queryset.filter(unread_count=0)

    def filter_search(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(
            Q(tenant__first_name__icontains=value)
            | Q(tenant__last_name__icontains=value)
            | Q(unit__unit_number__icontains=value)
            | Q(contact_address__icontains=value)
            | Q(messages__content__icontains=value)
        ).distinct()


class ConversationViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """The inbox: conversations, newest first (filters: status, category, urgency — comma-separated — tenant,
    property, unmatched, escalated, unread, search)."""

    permission_classes = [Requires("view_messages", write="send_messages")]
    serializer_class = ConversationListSerializer
    filter_backends = FILTER_BACKENDS
    filterset_class = ConversationFilter
    ordering_fields = ["last_message_at", "urgency", "sentiment_score", "created_at"]
    lookup_value_regex = UUID_LOOKUP

    def get_queryset(self):
        return conversation_list()

    def _detail(self, conv):
        conv = self.get_queryset().get(pk=conv.pk)
        return {
            **ConversationListSerializer(conv).data,
            "messages": [ThreadItemSerializer(i).data for i in conversation_thread(conv)],
            "tenant_profile": tenant_profile(conv, today=timezone.localdate()),
            "candidates": candidates_of(conv) if conv.tenant_id is None else [],
        }

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def retrieve(self, request, *args, **kwargs):
        """The conversation with every message (its own and other features' outbox messages to the tenant), the
        tenant profile (rent, balance, lease end, open tickets, sentiment, risk); opening it marks it read."""
        conv = self.get_object()
        if conv.unread_count:
            conv.messages.filter(direction="inbound", read_at__isnull=True).update(read_at=timezone.now())
            TenantConversation._base_manager.filter(pk=conv.pk).update(unread_count=0)
        return Response(self._detail(conv))

    @extend_schema(request=ReplyInputSerializer, responses={201: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    @idempotent
    def reply(self, request, *args, **kwargs):
        """Staff reply by SMS, email or in-app, through core.messaging (an opted-out number: 400)."""
        conv = self.get_object()
        data = validated(ReplyInputSerializer, request.data)
        last_in = conv.messages.filter(direction="inbound").order_by("-created_at").first()
        tenant_message_send(
            conversation=conv,
            content=data["content"],
            channel=data["channel"],
            sent_by=actor_label(request.user),
            in_reply_to=last_in,
        )
        return Response(self._detail(conv), status=status.HTTP_201_CREATED)

    @extend_schema(request=StatusInputSerializer, responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"], url_path="status")
    def set_status(self, request, *args, **kwargs):
        """Resolve, archive or reopen a conversation (resolving clears the escalation)."""
        data = validated(StatusInputSerializer, request.data)
        conv = conversation_status_set(
            conversation=self.get_object(), status=data["status"], assigned_to=data.get("assigned_to")
        )
        return Response(self._detail(conv))

    @extend_schema(request=AssignInputSerializer, responses={200: OpenApiTypes.OBJECT})
    @action(detail=True, methods=["post"])
    def assign(self, request, *args, **kwargs):
        """An unmatched sender's messages into the thread of the tenant a manager picked."""
        data = validated(AssignInputSerializer, request.data)
        conv = conversation_assign(
            conversation=self.get_object(), tenant_id=data["tenant_id"], actor=actor_label(request.user)
        )
        return Response(self._detail(conv))

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    @action(detail=False, methods=["get"])
    def stats(self, request, *args, **kwargs):
        """Inbox stats: open, waiting on staff / tenant, resolved, open emergencies, unmatched, average response."""
        return Response(conversation_stats(self.filter_queryset(self.get_queryset())))


class InboundApi(APIView):
    """POST /inbound/ (spec): a message received another way than the signed Twilio/SendGrid webhooks (those are
    public and verified: /api/v1/webhooks/…); staff-authenticated. Classifies and answers now."""

    permission_classes = [Requires("send_messages")]

    @extend_schema(request=InboundInputSerializer, responses={200: OpenApiTypes.OBJECT})
    def post(self, request):
        data = validated(InboundInputSerializer, request.data)
        result = inbound_record(
            channel=data["channel"],
            from_address=data.get("from_email") if data["channel"] == "email" else data.get("from_number"),
            content=data["content"],
            subject=data.get("subject") or "",
            external_id=data.get("external_id") or "",
        )
        return Response(result)


class TemplateListApi(APIView):
    permission_classes = [Requires("view_messages")]

    @extend_schema(responses=TemplateSerializer(many=True))
    def get(self, request):
        """Response templates (auto-response intents and broadcast starters)."""
        return Response(TemplateSerializer(CommunicationTemplate.objects.all(), many=True).data)


class BroadcastViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Broadcasts, newest first."""

    permission_classes = [Requires("view_messages", write="run_bulk_actions")]
    serializer_class = BroadcastSerializer
    lookup_value_regex = UUID_LOOKUP

    def get_queryset(self):
        return broadcast_list()

    def _scope_ids(self):
        scope = scoping.current()
        return None if scope is None or scope.everything else scope.property_ids

    @extend_schema(request=BroadcastInputSerializer, responses={201: BroadcastSerializer})
    @idempotent
    def create(self, request, *args, **kwargs):
        """A draft broadcast with its recipient count (send it with /send/)."""
        data = validated(BroadcastInputSerializer, request.data)
        flt = data.get("recipient_filter") or {}
        if flt.get("property_id") and not _property_visible(flt["property_id"]):
            raise NotFound("Property not found.")
        broadcast = broadcast_create(
            title=data["title"],
            content=data["content"],
            channels=data["channels"],
            recipient_filter=flt,
            created_by=actor_label(request.user),
            property_ids=self._scope_ids(),
        )
        return Response(BroadcastSerializer(broadcast).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def retrieve(self, request, *args, **kwargs):
        """The broadcast with delivery stats per channel (sent, held, skipped, failed, delivered, read)."""
        broadcast = self.get_object()
        return Response({**BroadcastSerializer(broadcast).data, "delivery": broadcast_delivery(broadcast)})

    @extend_schema(request=RecipientFilterSerializer, responses={200: OpenApiTypes.OBJECT})
    @action(detail=False, methods=["post"])
    def preview(self, request, *args, **kwargs):
        """How many tenants (and distinct numbers / addresses) a recipient filter reaches, before sending."""
        flt = validated(RecipientFilterSerializer, request.data)
        if flt.get("property_id") and not _property_visible(flt["property_id"]):
            raise NotFound("Property not found.")
        scope_ids = self._scope_ids()
        if scope_ids is not None:
            flt["scope_property_ids"] = sorted(str(p) for p in scope_ids)
        return Response(broadcast_preview(flt))

    @extend_schema(request=None, responses={202: BroadcastSerializer})
    @action(detail=True, methods=["post"])
    @idempotent
    def send(self, request, *args, **kwargs):
        """Sends it (a background task, in batches; progress in sent/held/skipped/failed counts). Sending again
        sends nothing twice."""
        from django.db import transaction

        from communications.tasks import send_broadcast

        broadcast = self.get_object()
        if broadcast.status == BroadcastMessage.Status.SENT:
            return Response(BroadcastSerializer(broadcast).data, status=status.HTTP_200_OK)
        transaction.on_commit(lambda: send_broadcast.delay(str(broadcast.pk)))
        broadcast.refresh_from_db()
        return Response(BroadcastSerializer(broadcast).data, status=status.HTTP_202_ACCEPTED)


def _property_visible(property_id) -> bool:
    from properties.models import Properties

    return Properties.objects.filter(pk=property_id).exists()


class SentimentAtRiskApi(APIView):
    permission_classes = [Requires("view_messages")]

    @extend_schema(responses={200: OpenApiTypes.OBJECT})
    def get(self, request):
        """Tenants at high/critical churn risk by their latest daily log, highest churn probability first."""
        return Response(at_risk(property_id=request.query_params.get("property") or None))


class SentimentTenantApi(APIView):
    permission_classes = [Requires("view_messages")]

    @extend_schema(responses={200: OpenApiTypes.OBJECT, 404: OpenApiResponse(description="Not found")})
    def get(self, request, tenant_id):
        """A tenant's sentiment history (90 days) with 30/60/90-day averages."""
        data = tenant_sentiment(tenant_id=tenant_id, today=timezone.localdate())
        if data is None:
            raise NotFound("Tenant not found.")
        return Response(data)


class SimulateApi(APIView):
    permission_classes = [Requires("run_agents")]

    @extend_schema(request=SimulateInputSerializer, responses={200: OpenApiTypes.OBJECT})
    def post(self, request):
        """Demo: mock inbound SMS from tenants in your properties, through the whole pipeline."""
        data = validated(SimulateInputSerializer, request.data)
        results = simulate_inbound(
            count=data["count"], content=data.get("content") or None, tenant_id=data.get("tenant_id")
        )
        return Response({"results": results})
