"""A conversation turn: store the question, stream the analyst's answer (the gateway's `chat_stream` with the
caller's tools), and store the answer with its tool calls, results and blocks once it is done."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from django.utils import timezone

from chat.blocks import blocks_from_result
from chat.models import ChatConversation, ChatMessage
from chat.prompts import PORTFOLIO_CHAT
from chat.selectors import chat_history, portfolio_names
from chat.tools import tools_for
from core import scoping
from core.ai import chat_stream
from core.permissions import user_codenames

TITLE_MAX = 80


def conversation_create(*, user, title: str = "") -> ChatConversation:
    return ChatConversation.objects.create(user_email=_email(user), title=title.strip()[:200])


def _email(user) -> str:
    return user.email or user.get_username()


def message_stream(
    *, conversation: ChatConversation, user, content: str, today: datetime.date | None = None
) -> Iterator[dict]:
    """Stores the question and returns the answer's events. Raises AIUnavailable before anything is stored when
    nothing can answer (the view answers 503); the events run under `user`'s portfolio scope even after the
    request has returned (a streaming response is iterated after the view)."""
    today = today or timezone.localdate()
    names = portfolio_names()
    tools = tools_for(permissions=user_codenames(user), today=today)
    history = chat_history(conversation=conversation) + [{"role": "user", "content": content}]
    inputs = {"today": today.isoformat(), "portfolio": ", ".join(names) or "(none)", "property_names": names}
    events = chat_stream(PORTFOLIO_CHAT, history, tools=tools, inputs=inputs)
    question = ChatMessage.objects.create(conversation=conversation, role=ChatMessage.Role.USER, content=content)
    if not conversation.title:
        conversation.title = content.strip()[:TITLE_MAX]
    conversation.save(update_fields=["title", "updated_at"])
    return _answer(conversation=conversation, user=user, events=events, question_id=question.pk)


def _answer(*, conversation, user, events, question_id) -> Iterator[dict]:
    with scoping.scoped_to(user):
        yield {"type": "start", "conversation_id": str(conversation.pk), "question_id": str(question_id)}
        calls, results, blocks = [], [], []
        for event in events:
            kind = event.get("type")
            if kind == "done":
                message = ChatMessage.objects.create(
                    conversation=conversation,
                    role=ChatMessage.Role.ASSISTANT,
                    content=event.get("text", ""),
                    tool_calls=calls,
                    tool_results=results,
                    blocks=blocks,
                    tokens_used=(event.get("input_tokens") or 0) + (event.get("output_tokens") or 0),
                    model=(event.get("model") or "")[:50],
                )
                ChatConversation.objects.filter(pk=conversation.pk).update(updated_at=timezone.now())
                yield {
                    "type": "done",
                    "message_id": str(message.pk),
                    "text": message.content,
                    "provider": event.get("provider"),
                    "model": message.model,
                    "blocks": blocks,
                }
                continue
            yield event
            if kind == "tool_use":
                calls.append({"id": event["id"], "name": event["name"], "input": event["input"]})
            elif kind == "tool_result":
                results.append(
                    {"id": event["id"], "name": event["name"], "output": event["output"], "is_error": event["is_error"]}
                )
                for block in blocks_from_result(event["name"], event["output"]):
                    blocks.append(block)
                    yield {"type": "block", "block": block}
