from config.env import env

# Claude through core/ai. No ANTHROPIC_API_KEY -> the deterministic offline provider.
ANTHROPIC_API_KEY = env("ANTHROPIC_API_KEY", default="")
ANTHROPIC_BASE_URL = env("ANTHROPIC_BASE_URL", default="")
CLAUDE_MODEL = env("CLAUDE_MODEL", default="claude-sonnet-4-20250514")
CLAUDE_MAX_TOKENS = env.int("CLAUDE_MAX_TOKENS", default=4096)
AI_PROVIDER = env("AI_PROVIDER", default="anthropic" if ANTHROPIC_API_KEY else "offline")
AI_TIMEOUT_SECONDS = env.float("AI_TIMEOUT_SECONDS", default=60.0)
AI_MAX_RETRIES = env.int("AI_MAX_RETRIES", default=3)
