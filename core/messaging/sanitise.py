"""Provider webhook input is untrusted even when signed: strings lose NUL bytes (PostgreSQL refuses them in
text and JSON), are bounded in length, structures in depth and size, ids are checked against their format."""

from __future__ import annotations

import hashlib
import json
import re

MESSAGE_SID_RE = re.compile(r"^[A-Z]{2}[0-9A-Za-z]{1,62}$")  # Twilio: SM/MM + 32 hex; shorter ids in tests
MAX_FIELD_CHARS = 100_000
MAX_PAYLOAD_DEPTH = 4


def clean_text(value, *, limit: int = MAX_FIELD_CHARS) -> str:
    """A string without NUL bytes or lone surrogates, at most `limit` characters; non-strings -> ''."""
    if not isinstance(value, str):
        return ""
    value = value.replace("\x00", "")
    value = value.encode("utf-8", "replace").decode("utf-8")
    return value[:limit]


def clean_json(value, *, depth: int = 0, limit: int = 2000):
    """A JSON-able copy with NULs removed, strings capped at `limit`, nesting cut at MAX_PAYLOAD_DEPTH."""
    if isinstance(value, str):
        return clean_text(value, limit=limit)
    if value is None or isinstance(value, (bool, int, float)):
        return value
    if depth >= MAX_PAYLOAD_DEPTH:
        return clean_text(json.dumps(value, default=str)[:200], limit=200)
    if isinstance(value, dict):
        return {
            clean_text(str(k), limit=200): clean_json(v, depth=depth + 1, limit=limit)
            for k, v in list(value.items())[:200]
        }
    if isinstance(value, (list, tuple)):
        return [clean_json(v, depth=depth + 1, limit=limit) for v in list(value)[:200]]
    return clean_text(str(value), limit=limit)


def message_sid_valid(value: str) -> bool:
    return bool(MESSAGE_SID_RE.match(value or ""))


def content_id(*parts: str) -> str:
    """A stable id for a message that arrived without one, so a redelivery is recognised (stored once)."""
    digest = hashlib.sha256("\x1f".join(parts).encode("utf-8", "replace")).hexdigest()
    return f"sha256:{digest[:48]}"
