"""Chat API (/api/v1/chat/, spec 3.3). A conversation is its creator's: another person's id answers 404. Sending
a message answers `text/event-stream` (start, text, tool_use, tool_result, block, done | error) through
core.ai's SSE support; the tools run under the caller's portfolio scope and role. Everything needs
`view_portfolio`; each tool additionally needs its data's permission (core.roles)."""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status as http
from rest_framework.exceptions import NotFound
from rest_framework.generics import GenericAPIView
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from chat import selectors, services
from chat.models import ChatConversation
from chat.prompts import daily_digest_offline
from chat.serializers import (
    ConversationCreateInputSerializer,
    ConversationSerializer,
    DigestInputSerializer,
    DigestSerializer,
    MessageCreateInputSerializer,
    MessageSerializer,
)
from core import scoping
from core.ai import sse_response
from core.ai.sse import sse_event
from core.permissions import Requires
from core.validation import validated

READ = "view_portfolio"
NOT_FOUND = "Conversation not found."


def _email(request) -> str:
    return request.user.email or request.user.get_username()


class ConversationListCreateApi(GenericAPIView):
    permission_classes = [Requires(READ)]
    serializer_class = ConversationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema generator has no signed-in person
            return ChatConversation.objects.none()
        return selectors.conversation_list(user_email=_email(self.request))

    @extend_schema(summary="Your conversations, most recent first.", responses=ConversationSerializer(many=True))
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(ConversationSerializer(page, many=True).data)

    @extend_schema(
        summary="Start a conversation.",
        request=ConversationCreateInputSerializer,
        responses={201: ConversationSerializer},
    )
    def post(self, request):
        data = validated(ConversationCreateInputSerializer, request.data)
        conversation = services.conversation_create(user=request.user, title=data["title"])
        return Response(ConversationSerializer(conversation).data, status=http.HTTP_201_CREATED)


class EventStreamRenderer(BaseRenderer):
    """Lets a client ask for `Accept: text/event-stream`: the answer itself is a StreamingHttpResponse; an error
    before the stream (404, 400, 503) is rendered as one `error` event."""

    media_type = "text/event-stream"
    format = "sse"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return sse_event({"type": "error", **(data if isinstance(data, dict) else {"detail": data})}).encode()


# How each streamed event reads (clients and schemathesis parse the stream into events): `event` names it, `data`
# holds its JSON.
SSE_EVENT_SCHEMA = {
    "type": "object",
    "description": "One Server-Sent Event: `event` is start, text, tool_use, tool_result, block, done or error; "
    "`data` is the event's JSON.",
    "properties": {"event": {"type": "string"}, "data": {"type": "string"}},
}


class ConversationMessagesApi(APIView):
    permission_classes = [Requires(READ)]
    renderer_classes = [JSONRenderer, EventStreamRenderer]

    def get_renderers(self):
        # The history is JSON only: `?format=sse` on a GET is a 404, not an error event dressed as a 200.
        if getattr(self.request, "method", "") == "GET":
            return [JSONRenderer()]
        return super().get_renderers()

    def _conversation(self, request, conversation_id):
        conversation = selectors.conversation_get(user_email=_email(request), conversation_id=conversation_id)
        if conversation is None:
            raise NotFound(NOT_FOUND)
        return conversation

    @extend_schema(summary="The conversation's messages, oldest first.", responses=MessageSerializer(many=True))
    def get(self, request, conversation_id):
        conversation = self._conversation(request, conversation_id)
        return Response(MessageSerializer(selectors.message_list(conversation=conversation), many=True).data)

    @extend_schema(
        summary="Ask a question; the answer streams back as Server-Sent Events.",
        description="Events: `start`, `text` (deltas), `tool_use`, `tool_result`, `block` (table, chart or action "
        "built from a tool result), then `done` (the stored message) or `error`. 503 JSON when no AI provider can "
        "answer (nothing is stored).",
        request=MessageCreateInputSerializer,
        responses={(200, "text/event-stream"): OpenApiResponse(SSE_EVENT_SCHEMA), 404: OpenApiResponse()},
    )
    def post(self, request, conversation_id):
        conversation = self._conversation(request, conversation_id)
        data = validated(MessageCreateInputSerializer, request.data)
        events = services.message_stream(conversation=conversation, user=request.user, content=data["content"])
        return sse_response(events)


class DailyDigestApi(APIView):
    permission_classes = [Requires(READ)]

    @extend_schema(
        summary="The daily digest of today (or `date`).",
        description="A person who sees the whole portfolio gets the stored digest; before the 06:00 run (today) or "
        "for a person scoped to some properties, the same figures are computed now over their properties (not "
        "stored, not emailed). A past date with no stored digest answers 404.",
        parameters=[OpenApiParameter("date", OpenApiTypes.DATE, required=False)],
        responses={200: DigestSerializer, 404: OpenApiResponse()},
    )
    def get(self, request):
        day = validated(DigestInputSerializer, request.query_params).get("date") or timezone.localdate()
        scope = scoping.current()
        everything = scope is None or scope.everything
        stored = selectors.digest_get(day=day) if everything else None
        if stored is not None:
            return Response(
                DigestSerializer(
                    {
                        "digest_date": stored.digest_date,
                        "content": stored.content,
                        "highlights": stored.highlights,
                        "metrics": stored.metrics,
                        "stored": True,
                        "generated_at": stored.generated_at,
                    }
                ).data
            )
        if day != timezone.localdate():
            raise NotFound("No digest for that date.")
        built = services.daily_digest_build(today=day)
        content = daily_digest_offline({"digest_date": day.isoformat(), "figures": built})["content"]
        return Response(
            DigestSerializer(
                {"digest_date": day, "content": content, **built, "stored": False, "generated_at": None}
            ).data
        )
