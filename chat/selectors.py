"""Reads of the chat: a person's own conversations (by their email), a conversation's messages, the digest."""

from __future__ import annotations

import datetime

from django.db.models import Count, QuerySet

from chat.models import ChatConversation, ChatMessage, DailyDigest
from core.utils import parse_uuid
from properties.selectors import property_list


def conversation_list(*, user_email: str) -> QuerySet[ChatConversation]:
    return (
        ChatConversation.objects.filter(user_email=user_email)
        .annotate(message_count=Count("messages"))
        .order_by("-updated_at", "id")
    )


def conversation_get(*, user_email: str, conversation_id) -> ChatConversation | None:
    """The conversation if it is this person's; None otherwise (another person's id answers 404)."""
    pk = parse_uuid(conversation_id)
    if pk is None:
        return None
    return ChatConversation.objects.filter(pk=pk, user_email=user_email).first()


def message_list(*, conversation: ChatConversation) -> QuerySet[ChatMessage]:
    return ChatMessage.objects.filter(conversation=conversation).order_by("created_at", "id")


def chat_history(*, conversation: ChatConversation, limit: int = 20) -> list[dict]:
    """The last `limit` user/assistant turns as the gateway takes them (oldest first)."""
    rows = list(
        message_list(conversation=conversation)
        .filter(role__in=("user", "assistant"))
        .order_by("-created_at", "-id")
        .values("role", "content")[:limit]
    )[::-1]
    while rows and rows[0]["role"] != "user":
        rows.pop(0)
    return [{"role": r["role"], "content": r["content"] or "…"} for r in rows]


def portfolio_names() -> list[str]:
    """The names of the properties the caller sees (the analyst matches property names against them)."""
    return list(property_list().order_by("name").values_list("name", flat=True))


def digest_get(*, day: datetime.date) -> DailyDigest | None:
    return DailyDigest.objects.filter(digest_date=day).first()


def digest_recipients() -> list[str]:
    """Emails of the managers and administrators who see the whole portfolio (the digest covers all of it)."""
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__name__in=("property_manager", "administrator")) | Q(is_superuser=True))
        .filter(Q(is_superuser=True) | Q(property_access__all_properties=True))
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    return sorted(set(users))
