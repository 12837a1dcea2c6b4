"""Providers behind core.ai: `anthropic` (Claude through the official SDK) and `offline` (registered functions)."""
