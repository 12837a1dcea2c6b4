"""Writes for core.ai: the call log."""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)


def ai_call_log_create(
    *,
    feature: str,
    prompt_name: str,
    prompt_version: str,
    kind: str,
    provider: str,
    model: str,
    outcome: str,
    latency_ms: int,
    input_tokens: int = 0,
    output_tokens: int = 0,
    attempts: int = 0,
    request_id: str = "",
    error: str = "",
    meta: dict | None = None,
):
    """Records one gateway call. Never raises: a logging failure must not hide the AI result or error."""
    from core.models import AICallLog

    try:
        return AICallLog.objects.create(
            feature=feature[:64],
            prompt_name=prompt_name[:128],
            prompt_version=prompt_version[:32],
            kind=kind,
            provider=provider[:16],
            model=(model or "")[:100],
            outcome=outcome,
            latency_ms=max(0, int(latency_ms)),
            input_tokens=max(0, int(input_tokens)),
            output_tokens=max(0, int(output_tokens)),
            attempts=min(max(0, attempts), 32767),
            request_id=(request_id or "")[:128],
            error=(error or "")[:4000],
            meta=meta or {},
        )
    except Exception:  # noqa: BLE001
        logger.exception("Could not record the AI call %s", prompt_name)
        return None
