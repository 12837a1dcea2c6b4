from chat.services.conversations import conversation_create, message_stream
from chat.services.digest import daily_digest_build, daily_digest_generate

__all__ = ["conversation_create", "daily_digest_build", "daily_digest_generate", "message_stream"]
