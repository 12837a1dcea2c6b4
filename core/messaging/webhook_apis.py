"""Provider webhooks: public (AllowAny, no CSRF) but every request is verified before anything is stored."""
from __future__ import annotations

import json
import logging
from email.utils import getaddresses, parseaddr

from django.http import HttpResponse, JsonResponse
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from core.messaging.inbound import inbound_message_store
from core.messaging.services import outbox_status_update
from core.messaging.webhooks import sendgrid_event_signature_valid, sendgrid_inbound_token_valid, twilio_signature_valid
from core.models import InboundMessage

logger = logging.getLogger(__name__)

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'
SIGNATURE_HEADER = "X-Twilio-Email-Event-Webhook-Signature"
TIMESTAMP_HEADER = "X-Twilio-Email-Event-Webhook-Timestamp"


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
        try:
            media_count = min(int(data.get("NumMedia") or 0), 10)
        except ValueError:
            media_count = 0
        attachments = [
            {"url": data.get(f"MediaUrl{i}", ""), "content_type": data.get(f"MediaContentType{i}", "")}
            for i in range(media_count)
        ]
        inbound_message_store(
            channel=InboundMessage.Channel.SMS, provider="twilio",
            provider_message_id=data.get("MessageSid") or data.get("SmsSid") or "",
            from_address=data.get("From", ""), to_address=data.get("To", ""), body=data.get("Body", ""),
            attachments=attachments, payload=_form_dict(data),
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
        outbox_status_update(
            provider="twilio", provider_message_id=data.get("MessageSid", ""),
            status=data.get("MessageStatus") or data.get("SmsStatus") or "", error_code=data.get("ErrorCode", ""),
            reason=data.get("ErrorMessage", ""),
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
        sender = parseaddr(data.get("from", ""))[1] or str(envelope.get("from") or "")
        recipients = [addr for _, addr in getaddresses([data.get("to", "")]) if addr] or list(envelope.get("to") or [])
        attachments = [
            {"field": field, "filename": f.name, "content_type": f.content_type, "size": f.size}
            for field, f in request.FILES.items()
        ]
        inbound_message_store(
            channel=InboundMessage.Channel.EMAIL, provider="sendgrid",
            provider_message_id=_header(data.get("headers", ""), "Message-ID"),
            from_address=sender, to_address=", ".join(recipients), subject=data.get("subject", ""),
            body=data.get("text", ""), html=data.get("html", ""), attachments=attachments,
            payload={k: v for k, v in _form_dict(data).items() if k not in ("text", "html", "email")},
        )
        return JsonResponse({"status": "stored"})


@method_decorator(csrf_exempt, name="dispatch")
class SendGridEventWebhook(View):
    """POST /api/v1/webhooks/sendgrid/events/ — delivery events, ECDSA-signed by SendGrid."""

    http_method_names = ["post"]

    def post(self, request):
        body = request.body
        if not sendgrid_event_signature_valid(body, request.headers.get(SIGNATURE_HEADER, ""),
                                              request.headers.get(TIMESTAMP_HEADER, "")):
            return _forbidden("Invalid SendGrid signature.")
        try:
            events = json.loads(body)
        except ValueError:
            return JsonResponse({"detail": "The body is not JSON."}, status=400)
        if not isinstance(events, list):
            return JsonResponse({"detail": "Expected a JSON array of events."}, status=400)
        updated = 0
        for event in events:
            if not isinstance(event, dict):
                continue
            sg_id = str(event.get("sg_message_id") or "")
            message = outbox_status_update(
                provider="sendgrid", outbox_id=str(event.get("outbox_id") or ""),
                provider_message_id=sg_id.split(".", 1)[0], status=str(event.get("event") or ""),
                reason=str(event.get("reason") or event.get("response") or ""),
                event={k: event[k] for k in ("event", "timestamp", "sg_event_id", "type", "bounce_classification") if k in event},
            )
            updated += message is not None
        return JsonResponse({"received": len(events), "updated": updated})


def _json(raw) -> dict:
    try:
        value = json.loads(raw or "{}")
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _header(raw_headers: str, name: str) -> str:
    from email.parser import HeaderParser

    if not raw_headers:
        return ""
    value = HeaderParser().parsestr(raw_headers).get(name, "")
    return str(value).strip()
