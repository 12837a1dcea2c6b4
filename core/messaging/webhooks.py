"""Signature checks for provider webhooks. Anything not verifiably from the provider is refused."""

from __future__ import annotations

import base64
import binascii
import hmac
from functools import lru_cache

from django.conf import settings

from core.messaging.backends import public_url


def twilio_signature_valid(request) -> bool:
    """X-Twilio-Signature over the public URL (PUBLIC_BASE_URL's scheme + host, then the request path and
    query) and the form parameters, checked with Twilio's RequestValidator and TWILIO_AUTH_TOKEN.

    Behind a proxy the URL Django sees is not the one Twilio signed, so PUBLIC_BASE_URL is used, never
    the Host header. No auth token configured -> nothing is valid.
    """
    from twilio.request_validator import RequestValidator

    token = settings.TWILIO_AUTH_TOKEN
    signature = request.headers.get("X-Twilio-Signature", "")
    if not token or not signature:
        return False
    url = public_url(request.get_full_path())
    return RequestValidator(token).validate(url, request.POST, signature)


def sendgrid_inbound_token_valid(request) -> bool:
    """SendGrid's Inbound Parse webhook is NOT signed, so its URL carries a shared secret:
    `?token=<SENDGRID_INBOUND_SECRET>` or HTTP basic auth with it as the password
    (https://user:<secret>@host/api/v1/webhooks/sendgrid/inbound/). No secret configured -> refused.
    """
    secret = settings.SENDGRID_INBOUND_SECRET
    if not secret:
        return False
    supplied = request.GET.get("token", "")
    auth = request.headers.get("Authorization", "")
    if not supplied and auth.lower().startswith("basic "):
        try:
            supplied = base64.b64decode(auth[6:].strip(), validate=True).decode("utf-8").partition(":")[2]
        except (binascii.Error, UnicodeDecodeError):
            return False
    return bool(supplied) and hmac.compare_digest(supplied.encode(), secret.encode())


@lru_cache(maxsize=4)
def _public_key(key: str):
    from cryptography.hazmat.primitives.serialization import load_der_public_key, load_pem_public_key

    key = key.strip()
    if "BEGIN PUBLIC KEY" in key:
        return load_pem_public_key(key.encode())
    return load_der_public_key(base64.b64decode(key))


def sendgrid_event_signature_valid(body: bytes, signature: str, timestamp: str) -> bool:
    """The Event Webhook's ECDSA (P-256, SHA-256) signature over timestamp + raw body, verified with
    SENDGRID_WEBHOOK_PUBLIC_KEY (the base64 key SendGrid shows, or PEM). No key configured -> refused.
    """
    from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec

    key = settings.SENDGRID_WEBHOOK_PUBLIC_KEY
    if not key or not signature or not timestamp:
        return False
    try:
        public_key = _public_key(key)
        raw_signature = base64.b64decode(signature, validate=True)
        public_key.verify(raw_signature, timestamp.encode() + body, ec.ECDSA(hashes.SHA256()))
    except (InvalidSignature, UnsupportedAlgorithm, ValueError, TypeError, binascii.Error):
        return False
    return True
