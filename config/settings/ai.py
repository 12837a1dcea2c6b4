from config.env import env

# Claude through core/ai. No ANTHROPIC_API_KEY -> the deterministic offline provider.
ANTHROPIC_API_KEY = env("ANTHROPIC_API_KEY", default="")
ANTHROPIC_BASE_URL = env("ANTHROPIC_BASE_URL", default="")
# The spec's claude-sonnet-4-20250514 reached end of life on 2026-06-15 (see anthropic SDK 2.x
# DEPRECATED_MODELS); Claude Sonnet 5.5 is the current Sonnet. Override with CLAUDE_MODEL.
CLAUDE_MODEL = env("CLAUDE_MODEL", default="claude-sonnet-5-5")
CLAUDE_MAX_TOKENS = env.int("CLAUDE_MAX_TOKENS", default=4096)
# Optional output_config.effort ("low" | "medium" | "high" | "xhigh" | "max"); empty -> the model's default.
CLAUDE_EFFORT = env("CLAUDE_EFFORT", default="")
AI_PROVIDER = env("AI_PROVIDER", default="anthropic" if ANTHROPIC_API_KEY else "offline")
AI_TIMEOUT_SECONDS = env.float("AI_TIMEOUT_SECONDS", default=60.0)
# Retries after the first request, on 408/409/429/5xx and connection errors, with exponential backoff.
AI_MAX_RETRIES = env.int("AI_MAX_RETRIES", default=3)
AI_RETRY_BACKOFF_SECONDS = env.float("AI_RETRY_BACKOFF_SECONDS", default=1.0)
AI_RETRY_MAX_DELAY_SECONDS = env.float("AI_RETRY_MAX_DELAY_SECONDS", default=30.0)
# Input caps: per image, per PDF, per text input (longer text is cut with a visible marker).
AI_MAX_IMAGE_BYTES = env.int("AI_MAX_IMAGE_BYTES", default=5 * 1024 * 1024)
AI_MAX_PDF_BYTES = env.int("AI_MAX_PDF_BYTES", default=32 * 1024 * 1024)
AI_MAX_INPUT_CHARS = env.int("AI_MAX_INPUT_CHARS", default=20_000)
# Chat: the most model turns one user message may take while calling tools.
AI_MAX_TOOL_ROUNDS = env.int("AI_MAX_TOOL_ROUNDS", default=8)
