"""Request bodies are bounded before anything parses them: size (DATA_UPLOAD_MAX_MEMORY_SIZE for JSON) and
JSON nesting depth (JSON_MAX_DEPTH). Python's json recurses per level, so a body nested a few thousand deep
raises RecursionError (a 500) — the depth is counted here without recursion, in one pass over the brackets.

`RequestBodyLimitMiddleware` applies both to every JSON request (API views and webhooks alike) and answers
413 / 400 `{"detail": ...}`; `StrictJSONParser` (DRF's default parser) repeats the depth check for bodies that
reached it some other way and refuses NaN/Infinity and numbers in exponent notation ("1e5").
"""

from __future__ import annotations

import json
import re

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import JsonResponse
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

_STRINGS = re.compile(rb'"(?:[^"\\]|\\.)*"', re.DOTALL)
_NOT_BRACKETS = re.compile(rb"[^\[\]{}]+")


def max_depth() -> int:
    return getattr(settings, "JSON_MAX_DEPTH", 32)


def json_depth(raw: bytes | str) -> int:
    """The deepest nesting of arrays/objects in a JSON text (strings ignored), without parsing it."""
    if isinstance(raw, str):
        raw = raw.encode("utf-8", "surrogatepass")
    brackets = _NOT_BRACKETS.sub(b"", _STRINGS.sub(b"", raw))
    depth = deepest = 0
    for b in brackets:
        if b in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > deepest:
                deepest = depth
        else:
            depth -= 1
    return deepest


def json_too_deep(raw: bytes | str, limit: int | None = None) -> bool:
    return json_depth(raw) > (limit or max_depth())


def too_deep_message() -> str:
    return f"The JSON body is nested too deeply (more than {max_depth()} levels)."


def _is_json(content_type: str) -> bool:
    ct = (content_type or "").split(";", 1)[0].strip().lower()
    return ct == "application/json" or ct.endswith("+json")


class RequestBodyLimitMiddleware:
    """Refuses oversized (413) and too deeply nested (400) JSON bodies before a view parses them."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("POST", "PUT", "PATCH", "DELETE") and _is_json(request.META.get("CONTENT_TYPE", "")):
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            try:
                length = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                return JsonResponse({"detail": "Invalid Content-Length."}, status=400)
            if limit is not None and length > limit:
                return JsonResponse({"detail": f"The request body is too large (at most {limit:,} bytes)."}, status=413)
            try:
                body = request.body  # reads it once (bounded by Django); parsers re-read it from memory
            except RequestDataTooBig:
                return JsonResponse({"detail": f"The request body is too large (at most {limit:,} bytes)."}, status=413)
            if body and json_too_deep(body):
                return JsonResponse({"detail": too_deep_message()}, status=400)
        return self.get_response(request)


def _no_exponent(literal: str) -> float:
    if "e" in literal or "E" in literal:
        raise ParseError(f"Numbers in exponent notation are not accepted ({literal}); write the number out in full.")
    return float(literal)


def _no_constant(name: str):
    raise ParseError(f"{name} is not a number this API accepts.")


class StrictJSONParser(JSONParser):
    """DRF's JSON parser, plus: bounded depth, no NaN/Infinity, no exponent notation (1e5 is not a rent)."""

    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        encoding = parser_context.get("encoding", settings.DEFAULT_CHARSET)
        raw = stream.read() if stream is not None else b""
        if not raw:
            raise ParseError("JSON parse error - the body is empty.")
        if json_too_deep(raw):
            raise ParseError(too_deep_message())
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise ParseError(f"JSON parse error - {exc}")
        try:
            return json.loads(text, parse_float=_no_exponent, parse_constant=_no_constant)
        except (ValueError, RecursionError) as exc:
            raise ParseError(f"JSON parse error - {exc}")
