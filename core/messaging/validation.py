"""Recipient validation: done before anything is written or sent."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from core.exceptions import ApplicationError

_SEPARATORS = re.compile(r"[\s().\-/]")
_E164 = re.compile(r"^\+[1-9]\d{7,14}$")
_NANP = re.compile(r"^\+1[2-9]\d{2}[2-9]\d{6}$")
MAX_SMS_CHARS = 1600  # Twilio's limit for one message body


def normalise_phone(raw: str) -> str:
    """E.164 (`+15551234567`). US numbers may come as 10 digits or 1 + 10 digits, with any punctuation."""
    if not isinstance(raw, str) or not raw.strip():
        raise ApplicationError("A phone number is required.", extra={"field": "to"})
    compact = _SEPARATORS.sub("", raw.strip())
    if compact.startswith("00"):
        compact = "+" + compact[2:]
    if compact.isdigit():
        if len(compact) == 10:
            compact = "+1" + compact
        elif len(compact) == 11 and compact.startswith("1"):
            compact = "+" + compact
    if not _E164.match(compact):
        raise ApplicationError(
            f"'{raw}' is not a valid phone number; use E.164 (+15551234567) or a 10-digit US number.",
            extra={"field": "to"},
        )
    if compact.startswith("+1") and not _NANP.match(compact):
        raise ApplicationError(f"'{raw}' is not a valid US/Canada phone number.", extra={"field": "to"})
    return compact


def normalise_email(raw: str) -> str:
    """A single plain address, trimmed, with the domain lower-cased."""
    if not isinstance(raw, str) or not raw.strip():
        raise ApplicationError("An email address is required.", extra={"field": "to"})
    address = raw.strip()
    try:
        validate_email(address)
    except ValidationError:
        raise ApplicationError(f"'{raw}' is not a valid email address.", extra={"field": "to"})
    local, _, domain = address.rpartition("@")
    return f"{local}@{domain.lower()}"


def check_sms_body(body: str) -> str:
    if not isinstance(body, str) or not body.strip():
        raise ApplicationError("The message is empty.", extra={"field": "body"})
    if len(body) > MAX_SMS_CHARS:
        raise ApplicationError(
            f"The SMS is {len(body)} characters; the limit is {MAX_SMS_CHARS}.", extra={"field": "body"}
        )
    return body


def check_email_parts(subject: str, text: str) -> None:
    if not isinstance(subject, str) or not subject.strip():
        raise ApplicationError("The email needs a subject.", extra={"field": "subject"})
    if "\n" in subject or "\r" in subject:
        raise ApplicationError("The subject must be a single line.", extra={"field": "subject"})
    if len(subject) > 255:
        raise ApplicationError("The subject is longer than 255 characters.", extra={"field": "subject"})
    if not isinstance(text, str) or not text.strip():
        raise ApplicationError("The email needs a plain-text body.", extra={"field": "text"})
