"""core.ai — the one gateway to Claude (and to each feature's offline fallback).

from core.ai import complete_json
result = complete_json(RENEWAL_LETTER, {"tenant_name": ..., "new_rent": ...})   # result.data, .provider, .model, .latency_ms
"""

from core.ai.attachments import Document, Image
from core.ai.exceptions import AIError, AIInputError, AIOutputInvalid, AIUnavailable
from core.ai.gateway import AIResult, chat_stream, complete_json, complete_offline, current_provider
from core.ai.prompts import ChatPrompt, Prompt, PromptError, fence
from core.ai.registry import register_offline, unregister_offline
from core.ai.sse import sse_response
from core.ai.tools import Tool, ToolBox

__all__ = [
    "AIError",
    "AIInputError",
    "AIOutputInvalid",
    "AIResult",
    "AIUnavailable",
    "ChatPrompt",
    "Document",
    "Image",
    "Prompt",
    "PromptError",
    "Tool",
    "ToolBox",
    "chat_stream",
    "complete_json",
    "complete_offline",
    "current_provider",
    "fence",
    "register_offline",
    "sse_response",
    "unregister_offline",
]
