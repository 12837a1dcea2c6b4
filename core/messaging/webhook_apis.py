"""Provider webhooks: public (AllowAny, no CSRF) but every request is verified before anything is stored."""

from __future__ import annotations

import json
import logging
import time
from email.utils import getaddresses, parseaddr

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from core.bodies import json_too_deep, too_deep_message
from core.messaging.inbound import inbound_message_store
from core.messaging.sanitise import clean_json, clean_text, content_id, message_sid_valid
from core.messaging.services import outbox_status_update
from core.messaging.webhooks import sendgrid_event_signature_valid, sendgrid_inbound_token_valid, twilio_signature_valid
from core.models import InboundMessage

logger = logging.getLogger(__name__)

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature"
TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp"
MAX_EVENTS = 1000


def _forbidden(detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=403)


def _form_dict(querydict) -> dict:
    return {key: (values[0] if len(values) == 1 else values) for key, values in querydict.lists()}


@method_decorator(csrf_exempt, name="dispatch")
class TwilioInboundSmsWebhook(View):
    """POST /api/v1/webhooks/twilio/sms/ — an SMS (or MMS) sent to our Twilio number."""

    http_method_names = ["post"]

    def post(self, request):
        if not twilio_signature_valid(request):
            return _forbidden("Invalid Twilio signature.")
        data = request.POST
        sid = clean_text(data.get("MessageSid") or data.get("SmsSid") or "", limit=400)
        if sid and not message_sid_valid(sid):
            return _bad_request("Invalid MessageSid.")
        try:
            media_count = max(0, min(int(data.get("NumMedia") or 0), 10))
        except ValueError:
            media_count = 0
        attachments = [
            {
                "url": clean_text(data.get(f"MediaUrl{i}", ""), limit=2000),
                "content_type": clean_text(data.get(f"MediaContentType{i}", ""), limit=100),
            }
            for i in range(media_count)
        ]
        sender, to, body = (
            clean_text(data.get(k, ""), limit=limit) for k, limit in (("From", 254), ("To", 254), ("Body", 20_000))
        )
        inbound_message_store(
            channel=InboundMessage.Channel.SMS,
            provider="twilio",
            provider_message_id=sid or content_id("sms", sender, to, body, *(a["url"] for a in attachments)),
            from_address=sender,
            to_address=to,
            body=body,
            attachments=attachments,
            payload=clean_json(_form_dict(data)),
        )
        return HttpResponse(EMPTY_TWIML, content_type="text/xml")


@method_decorator(csrf_exempt, name="dispatch")
class TwilioStatusWebhook(View):
    """POST /api/v1/webhooks/twilio/status/ — delivery status of an SMS we sent (by MessageSid)."""

    http_method_names = ["post"]

    def post(self, request):
        if not twilio_signature_valid(request):
            return _forbidden("Invalid Twilio signature.")
        data = request.POST
        sid = clean_text(data.get("MessageSid", ""), limit=400)
        if not message_sid_valid(sid):
            return _bad_request("Invalid MessageSid.")
        outbox_status_update(
            provider="twilio",
            provider_message_id=sid,
            status=clean_text(data.get("MessageStatus") or data.get("SmsStatus") or "", limit=32),
            error_code=clean_text(data.get("ErrorCode", ""), limit=16),
            reason=clean_text(data.get("ErrorMessage", ""), limit=500),
        )
        return HttpResponse(status=204)


@method_decorator(csrf_exempt, name="dispatch")
class SendGridInboundWebhook(View):
    """POST /api/v1/webhooks/sendgrid/inbound/?token=… — Inbound Parse (multipart: from, to, subject, text,
    html, envelope, headers, attachments). Not signed by SendGrid: see sendgrid_inbound_token_valid."""

    http_method_names = ["post"]

    def post(self, request):
        if not sendgrid_inbound_token_valid(request):
            return _forbidden("Invalid or missing inbound token.")
        data = request.POST
        envelope = _json(data.get("envelope"))
        sender = parseaddr(clean_text(data.get("from", ""), limit=1000))[1] or _address(envelope.get("from"))
        recipients = [addr for _, addr in getaddresses([clean_text(data.get("to", ""), limit=5000)]) if addr]
        recipients = recipients or _addresses(envelope.get("to"))
        attachments = [
            {
                "field": clean_text(field, limit=100),
                "filename": clean_text(f.name or "", limit=255),
                "content_type": clean_text(f.content_type or "", limit=100),
                "size": f.size,
            }
            for field, f in request.FILES.items()
        ]
        subject, text, html = (clean_text(data.get(k, "")) for k in ("subject", "text", "html"))
        message_id = _header(clean_text(data.get("headers", "")), "Message-ID")
        if len(message_id) > 255:
            message_id = content_id("message-id", message_id)
        inbound_message_store(
            channel=InboundMessage.Channel.EMAIL,
            provider="sendgrid",
            provider_message_id=message_id or content_id("email", sender, ",".join(recipients), subject, text),
            from_address=sender,
            to_address=", ".join(recipients),
            subject=subject,
            body=text,
            html=html,
            attachments=attachments,
            payload=clean_json({k: v for k, v in _form_dict(data).items() if k not in ("text", "html", "email")}),
        )
        return JsonResponse({"status": "stored"})


@method_decorator(csrf_exempt, name="dispatch")
class SendGridEventWebhook(View):
    """POST /api/v1/webhooks/sendgrid/events/ — delivery events, ECDSA-signed by SendGrid."""

    http_method_names = ["post"]

    def post(self, request):
        body = request.body
        if not sendgrid_event_signature_valid(
            body, request.headers.get(SIGNATURE_HEADER, ""), request.headers.get(TIMESTAMP_HEADER, "")
        ):
            return _forbidden("Invalid SendGrid signature.")
        if not _timestamp_fresh(request.headers.get(TIMESTAMP_HEADER, "")):
            return _forbidden("Stale SendGrid signature timestamp (a replayed request?).")
        if json_too_deep(body):
            return _bad_request(too_deep_message())
        try:
            events = json.loads(body)
        except (ValueError, RecursionError):
            return _bad_request("The body is not JSON.")
        if not isinstance(events, list):
            return _bad_request("Expected a JSON array of events.")
        updated = 0
        for event in events[:MAX_EVENTS]:
            if not isinstance(event, dict):
                continue
            sg_id = event.get("sg_message_id")
            sg_id = clean_text(sg_id, limit=255) if isinstance(sg_id, str) else ""
            outbox_id = event.get("outbox_id")
            message = outbox_status_update(
                provider="sendgrid",
                outbox_id=clean_text(outbox_id, limit=64) if isinstance(outbox_id, str) else "",
                provider_message_id=sg_id.split(".", 1)[0],
                status=_scalar(event.get("event"), 32),
                reason=_scalar(event.get("reason") or event.get("response"), 500),
                event={
                    k: _scalar(event[k], 200) if k != "timestamp" else _timestamp(event[k])
                    for k in ("event", "timestamp", "sg_event_id", "type", "bounce_classification")
                    if k in event
                },
                event_id=_scalar(event.get("sg_event_id"), 200),
            )
            updated += message is not None
        return JsonResponse({"received": len(events), "updated": updated})


def _bad_request(detail: str) -> JsonResponse:
    return JsonResponse({"detail": detail}, status=400)


def _scalar(value, limit: int) -> str:
    """A string, number or nothing from untrusted JSON, as bounded text (objects and lists -> '')."""
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        return ""
    return clean_text(str(value), limit=limit)


def _timestamp(value):
    return value if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 2**40 else None


def _timestamp_fresh(raw: str) -> bool:
    tolerance = getattr(settings, "SENDGRID_WEBHOOK_TOLERANCE_SECONDS", 600)
    if tolerance is None:
        return True
    try:
        signed_at = int(raw)
    except ValueError:
        return False
    return abs(time.time() - signed_at) <= tolerance


def _address(value) -> str:
    return clean_text(value, limit=254) if isinstance(value, str) else ""


def _addresses(value) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [a for a in (_address(v) for v in values[:50]) if a]


def _json(raw) -> dict:
    if not isinstance(raw, str) or json_too_deep(raw, 8):
        return {}
    try:
        value = json.loads(clean_text(raw) or "{}")
    except (ValueError, RecursionError):
        return {}
    return value if isinstance(value, dict) else {}


def _header(raw_headers: str, name: str) -> str:
    from email.parser import HeaderParser

    if not raw_headers:
        return ""
    value = HeaderParser().parsestr(raw_headers).get(name, "")
    return str(value).strip()
