"""Server-Sent Events for chat_stream: `return sse_response(chat_stream(...))` from a Django view."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse

from core.exceptions import ApplicationError

logger = logging.getLogger(__name__)


def sse_event(event: dict) -> str:
    """One SSE frame: `event: <type>` + `data: <json>`."""
    data = json.dumps(event, cls=DjangoJSONEncoder, ensure_ascii=False)
    return f"event: {event.get('type', 'message')}\ndata: {data}\n\n"


def sse_frames(events: Iterable[dict]) -> Iterator[str]:
    """Frames for each event; an ApplicationError (AIError…) becomes a final `error` event."""
    try:
        for event in events:
            yield sse_event(event)
    except ApplicationError as exc:
        yield sse_event({"type": "error", "detail": exc.message, **exc.extra})
    except Exception:  # noqa: BLE001 - the response has started; tell the client and log the trace
        logger.exception("Chat stream failed")
        yield sse_event({"type": "error", "detail": "The assistant failed unexpectedly.", "code": "ai_error"})


def sse_response(events: Iterable[dict]) -> StreamingHttpResponse:
    response = StreamingHttpResponse(sse_frames(events), content_type="text/event-stream; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"  # nginx: don't buffer the stream
    return response
