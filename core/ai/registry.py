"""Offline implementations, registered by each feature beside its prompt; the registered prompts themselves
(`registered_prompts()`: every prompt a feature ships, for checks that must cover them all)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import autodiscover_modules

_offline: dict[str, Callable] = {}
_prompts: dict[str, object] = {}  # name -> the Prompt/ChatPrompt given to register_offline
_lock = threading.Lock()
_discovered = False


def _key(prompt) -> str:
    return prompt if isinstance(prompt, str) else prompt.name


def register_offline(prompt):
    """Decorator: `@register_offline(MY_PROMPT)` (or the prompt's name).

    For `complete_json` the function is `fn(inputs, *, images, documents) -> dict`; its result is
    validated against the prompt's schema exactly like Claude's. For `chat_stream` it is
    `fn(inputs, *, messages, tools) -> str | Iterable[str]`, calling `tools.call(name, input)`.
    """
    name = _key(prompt)

    def decorator(fn: Callable) -> Callable:
        with _lock:
            existing = _offline.get(name)
            if existing is not None and _qualname(existing) != _qualname(fn):
                raise ImproperlyConfigured(
                    f"Prompt '{name}' already has an offline implementation ({_qualname(existing)})."
                )
            _offline[name] = fn
            if not isinstance(prompt, str):
                _prompts[name] = prompt
        return fn

    return decorator


def unregister_offline(prompt) -> None:
    with _lock:
        _offline.pop(_key(prompt), None)
        _prompts.pop(_key(prompt), None)


def registered_prompts() -> list:
    """Every Prompt/ChatPrompt registered (with its offline implementation) by the installed apps' `prompts` and
    `offline` modules, sorted by name."""
    global _discovered
    _discovered = True
    autodiscover_modules("prompts", "offline")
    with _lock:
        return sorted(_prompts.values(), key=lambda p: p.name)


def get_offline(prompt) -> Callable | None:
    """The registered function, importing every app's `prompts`/`offline` module once on a miss."""
    global _discovered
    name = _key(prompt)
    fn = _offline.get(name)
    if fn is None and not _discovered:
        _discovered = True
        autodiscover_modules("prompts", "offline")
        fn = _offline.get(name)
    return fn


def _qualname(fn: Callable) -> str:
    return f"{getattr(fn, '__module__', '?')}.{getattr(fn, '__qualname__', repr(fn))}"
