"""Every API error is `{"detail": "..."}`; validation errors add per-field messages in `errors`."""

import functools
import logging
import re

from django.apps import apps
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler

logger = logging.getLogger(__name__)


class ApplicationError(Exception):
    """Raised by services for a refused business operation; the API answers 400 with its message."""

    status_code = status.HTTP_400_BAD_REQUEST

    def __init__(self, message: str, *, extra: dict | None = None, status_code: int | None = None):
        super().__init__(message)
        self.message = message
        self.extra = extra or {}
        if status_code is not None:
            self.status_code = status_code


def _first_message(errors) -> str:
    if isinstance(errors, dict):
        for field, value in errors.items():
            msg = _first_message(value)
            if msg:
                return msg if field in ("non_field_errors", "detail") else f"{field}: {msg}"
    elif isinstance(errors, (list, tuple)):
        for value in errors:
            msg = _first_message(value)
            if msg:
                return msg
    elif errors:
        return str(errors)
    return ""


_NO_MATCH = re.compile(r"^No (\w+) matches the given query\.$")


@functools.cache
def _verbose_names() -> dict[str, str]:
    """{model class name: its verbose_name} for every installed model ("UnitsUnit" -> "unit")."""
    return {m._meta.object_name: str(m._meta.verbose_name) for m in apps.get_models()}


def _not_found_message(raw: str) -> str:
    """Django's "No UnitsUnit matches the given query." in words a manager reads: "Unit not found.\""""
    match = _NO_MATCH.match(raw or "")
    if not match:
        return raw or "Not found."
    name = _verbose_names().get(match.group(1))
    return f"{name[:1].upper()}{name[1:]} not found." if name else "Not found."


def api_exception_handler(exc, context):
    if isinstance(exc, ApplicationError):
        return Response({"detail": exc.message, **exc.extra}, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_not_found_message(str(exc)))

    response = exception_handler(exc, context)
    if response is None:
        return None

    if isinstance(exc, exceptions.ValidationError):
        errors = response.data
        if isinstance(errors, list):
            errors = {"non_field_errors": errors}
        response.data = {"detail": _first_message(errors) or "Invalid input.", "errors": errors}
    elif isinstance(response.data, dict) and "detail" in response.data:
        response.data = {**response.data, "detail": str(response.data["detail"])}
    else:
        response.data = {"detail": _first_message(response.data) or "Request failed."}
    return response
