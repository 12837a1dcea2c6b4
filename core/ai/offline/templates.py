"""Letters and messages from templates filled with the real figures (no model involved)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from string import Template
from typing import Any

from django.template import Context, Engine, Library
from django.template.loader import render_to_string

from core.formatting import money

register = Library()


# `{{ balance|money }}`: core.formatting.money (`$1,234.56`, negative as `-$12.00`).
register.filter("money", money)


@lru_cache(maxsize=2)
def _engine(html: bool) -> Engine:
    # Our own engine: Django's template language + the `money` filter; autoescape only for HTML.
    return Engine(autoescape=html, builtins=["core.ai.offline.templates"])


def render_message(template: str, context: Mapping[str, Any], *, html: bool = False, syntax: str = "django") -> str:
    """Renders a letter/SMS from a template string.

    `syntax="django"` (default): Django template language (`{{ tenant.first_name }}`, `{% if %}`,
    filters such as `date:"F j"` and our `money`); HTML-escaped only when `html=True`.
    `syntax="string"`: `string.Template` (`$name`, `${name}`); a missing name raises KeyError.
    Leading/trailing whitespace is trimmed and runs of 3+ newlines collapse to one blank line.
    """
    if syntax == "string":
        text = Template(template).substitute(dict(context))
    elif syntax == "django":
        text = _engine(html).from_string(template).render(Context(dict(context), autoescape=html))
    else:
        raise ValueError("syntax must be 'django' or 'string'.")
    return _tidy(text)


def render_template_file(template_name: str, context: Mapping[str, Any]) -> str:
    """Renders a template file found by Django's loaders (`<app>/templates/...`)."""
    return _tidy(render_to_string(template_name, dict(context)))


def _tidy(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    out: list[str] = []
    blank = 0
    for line in lines:
        blank = blank + 1 if not line else 0
        if blank <= 1:
            out.append(line)
    return "\n".join(out)
