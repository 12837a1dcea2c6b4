"""Delivery backends behind one small interface; settings pick one (see config/settings/messaging.py)."""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from dataclasses import dataclass
from email.utils import parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

SENT = "sent"
STORED = "stored"


@dataclass(frozen=True)
class DeliveryResult:
    status: str  # "sent" (handed to the provider) or "stored" (outbox only)
    provider_message_id: str = ""


class DeliveryError(Exception):
    """The provider refused or could not be reached. `retryable` says whether trying again may work."""

    def __init__(self, message: str, *, retryable: bool = True, code: str = ""):
        super().__init__(message)
        self.message = message
        self.retryable = retryable
        self.code = code


@dataclass(frozen=True)
class Email:
    to: str
    subject: str
    text: str
    html: str
    from_email: str
    reply_to: str
    message_id: str  # our OutboxMessage id, passed through to the provider where it allows


class SmsBackend(ABC):
    name = "sms"

    @abstractmethod
    def send_sms(self, *, to: str, body: str, message_id: str) -> DeliveryResult: ...


class EmailBackend(ABC):
    name = "email"

    @abstractmethod
    def send_email(self, email: Email) -> DeliveryResult: ...


# ── outbox only ──────────────────────────────────────────────────────────────────────────────────


class OutboxSmsBackend(SmsBackend):
    """Stores the message (status `stored`); nothing leaves the building."""

    name = "outbox"

    def send_sms(self, *, to, body, message_id):
        return DeliveryResult(status=STORED)


class OutboxEmailBackend(EmailBackend):
    name = "outbox"

    def send_email(self, email):
        return DeliveryResult(status=STORED)


# ── Twilio ───────────────────────────────────────────────────────────────────────────────────────

TRANSIENT_TWILIO_STATUS = {429}


def twilio_configured() -> bool:
    return bool(
        settings.TWILIO_ACCOUNT_SID
        and settings.TWILIO_AUTH_TOKEN
        and (settings.TWILIO_FROM_NUMBER or settings.TWILIO_MESSAGING_SERVICE_SID)
    )


def public_url(path: str) -> str:
    """PUBLIC_BASE_URL's scheme and host + `path` (what a provider calls back, and what Twilio signs)."""
    parts = urlsplit(settings.PUBLIC_BASE_URL)
    return f"{parts.scheme}://{parts.netloc}{path}"


def _reachable_callback(path: str) -> str:
    host = urlsplit(settings.PUBLIC_BASE_URL).hostname or ""
    if host in ("", "localhost", "127.0.0.1", "::1", "testserver") or host.endswith(".local"):
        return ""  # Twilio could not reach it; don't ask it to try
    return public_url(path)


class TwilioSmsBackend(SmsBackend):
    name = "twilio"

    def __init__(self):
        if not twilio_configured():
            raise ImproperlyConfigured(
                "Twilio needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_FROM_NUMBER "
                "(or TWILIO_MESSAGING_SERVICE_SID)."
            )

    def client(self):
        from twilio.rest import Client

        return Client(settings.TWILIO_ACCOUNT_SID, settings.TWILIO_AUTH_TOKEN, http_client=_twilio_http_client())

    def send_sms(self, *, to, body, message_id):
        import requests
        from django.urls import reverse
        from twilio.base.exceptions import TwilioException, TwilioRestException

        kwargs = {"to": to, "body": body}
        if settings.TWILIO_MESSAGING_SERVICE_SID:
            kwargs["messaging_service_sid"] = settings.TWILIO_MESSAGING_SERVICE_SID
        else:
            kwargs["from_"] = settings.TWILIO_FROM_NUMBER
        callback = _reachable_callback(reverse("webhook-twilio-status"))
        if callback:
            kwargs["status_callback"] = callback
        try:
            message = self.client().messages.create(**kwargs)
        except TwilioRestException as exc:
            retryable = exc.status >= 500 or exc.status in TRANSIENT_TWILIO_STATUS
            raise DeliveryError(
                f"Twilio error {exc.code or exc.status}: {exc.msg}", retryable=retryable, code=str(exc.code or "")
            )
        except (requests.RequestException, TwilioException) as exc:
            raise DeliveryError(f"Could not reach Twilio ({type(exc).__name__}).", retryable=True)
        return DeliveryResult(status=SENT, provider_message_id=message.sid or "")


def _twilio_http_client():
    from twilio.http.http_client import TwilioHttpClient

    base = settings.TWILIO_API_BASE_URL.rstrip("/")
    timeout = settings.MESSAGING_TIMEOUT_SECONDS

    class RebasedHttpClient(TwilioHttpClient):
        """Sends Twilio's requests to TWILIO_API_BASE_URL (a proxy or a local stub) when it is set."""

        def request(self, method, url, *args, **kwargs):
            if base:
                parts = urlsplit(url)
                url = f"{base}{parts.path}" + (f"?{parts.query}" if parts.query else "")
            return super().request(method, url, *args, **kwargs)

    return RebasedHttpClient(timeout=timeout)


# ── SendGrid ─────────────────────────────────────────────────────────────────────────────────────


class SendGridEmailBackend(EmailBackend):
    name = "sendgrid"

    def __init__(self):
        if not settings.SENDGRID_API_KEY:
            raise ImproperlyConfigured("SendGrid needs SENDGRID_API_KEY.")

    def send_email(self, email):
        from urllib.error import URLError

        from python_http_client.exceptions import HTTPError
        from sendgrid import SendGridAPIClient
        from sendgrid.helpers.mail import CustomArg, From, Mail, ReplyTo

        name, address = parseaddr(email.from_email)
        mail = Mail(
            from_email=From(address, name or None),
            to_emails=email.to,
            subject=email.subject,
            plain_text_content=email.text,
            html_content=email.html or None,
        )
        mail.custom_arg = CustomArg("outbox_id", email.message_id)
        if email.reply_to:
            mail.reply_to = ReplyTo(email.reply_to)
        client = SendGridAPIClient(api_key=settings.SENDGRID_API_KEY, host=settings.SENDGRID_API_HOST.rstrip("/"))
        client.client.timeout = settings.MESSAGING_TIMEOUT_SECONDS
        try:
            response = client.send(mail)
        except HTTPError as exc:
            status = getattr(exc, "status_code", 0) or 0
            raise DeliveryError(
                f"SendGrid error {status}: {_sendgrid_reason(exc)}",
                retryable=status >= 500 or status == 429,
                code=str(status),
            )
        except (URLError, OSError) as exc:
            raise DeliveryError(f"Could not reach SendGrid ({type(exc).__name__}).", retryable=True)
        headers = getattr(response, "headers", None) or {}
        return DeliveryResult(status=SENT, provider_message_id=str(headers.get("X-Message-Id") or ""))


def _sendgrid_reason(exc) -> str:
    import json

    body = getattr(exc, "body", b"") or b""
    try:
        errors = json.loads(body).get("errors") or []
        return "; ".join(str(e.get("message")) for e in errors if isinstance(e, dict)) or "request refused"
    except (ValueError, AttributeError):
        return (body.decode(errors="replace") if isinstance(body, bytes) else str(body))[:200] or "request refused"


# ── Django's mail (SMTP, console…) ───────────────────────────────────────────────────────────────


class DjangoEmailBackend(EmailBackend):
    """Delivers through Django's EMAIL_BACKEND (SMTP etc.)."""

    name = "django"

    def send_email(self, email):
        from django.core.mail import EmailMultiAlternatives
        from django.core.mail.message import make_msgid

        msgid = make_msgid(domain=parseaddr(email.from_email)[1].rpartition("@")[2] or None)
        message = EmailMultiAlternatives(
            subject=email.subject,
            body=email.text,
            from_email=email.from_email,
            to=[email.to],
            reply_to=[email.reply_to] if email.reply_to else None,
            headers={"Message-ID": msgid, "X-UnitCycle-Outbox-Id": email.message_id},
        )
        if email.html:
            message.attach_alternative(email.html, "text/html")
        try:
            message.send(fail_silently=False)
        except OSError as exc:  # smtplib.SMTPException is an OSError
            raise DeliveryError(f"Email delivery failed ({type(exc).__name__}: {exc}).", retryable=True)
        return DeliveryResult(status=SENT, provider_message_id=msgid)


# ── selection ────────────────────────────────────────────────────────────────────────────────────

_SMS = {"twilio": TwilioSmsBackend, "outbox": OutboxSmsBackend}
_EMAIL = {"sendgrid": SendGridEmailBackend, "django": DjangoEmailBackend, "outbox": OutboxEmailBackend}


def _choose(setting: str, known: dict, auto: str):
    choice = (setting or "auto").strip()
    if choice == "auto":
        choice = auto
    cls = known.get(choice)
    if cls is None:
        if "." not in choice:
            raise ImproperlyConfigured(f"Unknown messaging backend '{choice}'.")
        cls = import_string(choice)
    return cls()


def get_sms_backend() -> SmsBackend:
    return _choose(settings.MESSAGING_SMS_BACKEND, _SMS, "twilio" if twilio_configured() else "outbox")


def get_email_backend() -> EmailBackend:
    return _choose(settings.MESSAGING_EMAIL_BACKEND, _EMAIL, "sendgrid" if settings.SENDGRID_API_KEY else "outbox")
