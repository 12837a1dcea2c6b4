"""`communications.process_inbound_message`: classify, then act (spec 5.3, Celery task).

1. Classification through the gateway (MESSAGE_CLASSIFICATION; tenant text fenced as data). The local emergency
   rules always run as well: if they see an emergency the model did not, it is one (recall-first).
2. STOP / START: the number's opt-out is recorded; nothing is sent back (the carrier confirms).
3. Emergency: category emergency, urgency critical, escalated; NO automatic reply; a critical notification
   (core.notifications pages the on-call manager by SMS and email through core.messaging); an emergency work order.
4. Maintenance (report_issue): a categorised work order through units.services.work_order_create (issue type ->
   category, severity -> priority) linked to the message, and an acknowledgment naming the work-order number.
5. Routine (billing / lease / general) with confidence > 0.85: AUTO_RESPONSE from the tenant's real data; from
   Claude, a reply stating an amount that is not in the data is not sent (it becomes the suggested reply).
6. Anything else: a suggested reply for staff; the conversation waits on staff.
Idempotent: a processed message (processed_at set) is not processed again.
"""

from __future__ import annotations

import logging
import re

from django.db.models import Avg
from django.utils import timezone

from communications import emergency as emergency_rules
from communications import intents
from communications.contact_hours import local_month
from communications.facts import tenant_account_facts
from communications.models import TenantConversation, TenantMessage
from communications.prompts import AUTO_RESPONSE, MESSAGE_CLASSIFICATION, ROUTINE_CATEGORIES
from communications.services.outbound import opt_out_set, tenant_message_send
from core.ai import complete_json
from core.exceptions import ApplicationError
from core.formatting import money
from core.notifications.services import notification_create
from units.models import UnitsMaintenance, WorkOrderCategory
from units.selectors import open_work_orders_by_unit
from units.services import work_order_create

logger = logging.getLogger(__name__)
AUTO_REPLY_THRESHOLD = 0.85
PRIORITY_OF_SEVERITY = {"critical": "emergency", "high": "high", "medium": "medium", "low": "low"}
URGENCY_RANK = {"critical": 0, "high": 1, "normal": 2, "low": 3}
_MONEY = re.compile(r"\$\s?[\d,]+(?:\.\d{2})?")


def _category(issue_type: str | None) -> str:
    issue = (issue_type or "").lower().replace(" ", "_")
    return issue if issue in WorkOrderCategory.values else WorkOrderCategory.GENERAL


def _thread_context(message: TenantMessage) -> str:
    earlier = (
        TenantMessage._base_manager.filter(conversation_id=message.conversation_id, created_at__lt=message.created_at)
        .order_by("-created_at")
        .values_list("direction", "content")[:5]
    )
    lines = [f"{'tenant' if d == 'inbound' else 'staff'}: {c[:200]}" for d, c in reversed(list(earlier))]
    return "\n".join(lines) or "(none)"


def _classify(message: TenantMessage, conv: TenantConversation, *, month: int) -> dict:
    tenant = conv.tenant
    result = complete_json(
        MESSAGE_CLASSIFICATION,
        {
            "content": message.content[:4000],
            "channel": message.channel,
            "tenant_name": tenant.full_name if tenant else "unknown sender",
            "unit_number": conv.unit.unit_number if conv.unit_id else "unknown",
            "property_name": conv.property.name if conv.property_id else "unknown",
            "month": month,
            "thread_context": _thread_context(message),
        },
        offline_fallback=True,
    )
    data = dict(result.data)
    data["provider"] = result.provider
    verdict = emergency_rules.detect(message.content, month=month)
    if verdict.is_emergency and not data.get("is_emergency"):
        data.update(is_emergency=True, category="emergency", urgency="critical", intent="report_emergency")
        data["maintenance_details"] = intents.maintenance_details(message.content, emergency=True)
        data["overridden_by_rules"] = True
    if data.get("is_emergency"):
        data["category"], data["urgency"] = "emergency", "critical"
    if verdict.kinds:
        data["emergency_kinds"] = verdict.kinds
    keyword = intents.is_opt_out(message.content) if message.channel == "sms" else None
    if keyword:
        data.update(
            intent="opt_out" if keyword == "stop" else "opt_in",
            category="general",
            urgency="low",
            is_emergency=False,
            confidence=1.0,
        )
    return data


def inbound_message_process(*, message_id, now=None) -> dict:
    now = now or timezone.now()
    message = (
        TenantMessage._base_manager.select_related(
            "conversation__tenant", "conversation__unit", "conversation__property"
        )
        .filter(pk=message_id)
        .first()
    )
    if message is None:
        raise ApplicationError("Message not found.", status_code=404)
    conv = message.conversation
    if message.processed_at is not None:
        return _response(message, conv)
    claimed = TenantMessage._base_manager.filter(pk=message.pk, processed_at__isnull=True).update(processed_at=now)
    if not claimed:
        return _response(message, conv)
    state, zone = (conv.property.state, conv.property.time_zone) if conv.property_id else (None, "")
    data = _classify(message, conv, month=local_month(now, state, zone))
    message.ai_classification = data
    message.sentiment = float(data.get("sentiment") or 0.0)
    message.processed_at = now
    message.save(update_fields=["ai_classification", "sentiment", "processed_at"])

    intent, category = data.get("intent"), data.get("category")
    if intent in ("opt_out", "opt_in"):
        opt_out_set(phone=message.from_address, keyword="stop" if intent == "opt_out" else "start")
        _conversation_update(conv, data, status=TenantConversation.Status.RESOLVED)
    elif data.get("is_emergency"):
        _emergency(message, conv, data)
    elif category == "maintenance" and intent == "report_issue":
        _maintenance(message, conv, data)
    else:
        _routine(message, conv, data, now=now)
    conv.refresh_from_db()
    return _response(message, conv)


def _conversation_update(conv: TenantConversation, data: dict, *, status: str, **extra) -> None:
    avg = (
        TenantMessage._base_manager.filter(conversation=conv, direction="inbound", processed_at__isnull=False)
        .order_by()
        .aggregate(a=Avg("sentiment"))["a"]
    )
    urgency = data.get("urgency", "normal")
    category = data.get("category", "general")
    if conv.escalated and conv.category == "emergency" and category != "emergency":
        urgency, category = conv.urgency, conv.category  # an open emergency stays on top until someone resolves it
    TenantConversation._base_manager.filter(pk=conv.pk).update(
        category=category,
        urgency=urgency,
        sentiment_score=round(avg or 0.0, 3),
        status=status,
        updated_at=timezone.now(),
        **extra,
    )


def _summary(message: TenantMessage) -> str:
    text = " ".join(message.content.split())
    return text if len(text) <= 90 else text[:87] + "..."


def _emergency(message: TenantMessage, conv: TenantConversation, data: dict) -> None:
    tenant = conv.tenant
    where = f"{conv.property.name} unit {conv.unit.unit_number}" if conv.unit_id else "an unmatched sender"
    who = tenant.full_name if tenant else message.from_address
    details = data.get("maintenance_details") or {}
    work_order = None
    if conv.unit_id:
        work_order = work_order_create(
            unit=conv.unit,
            title=f"EMERGENCY: {_summary(message)}"[:200],
            category=_category(details.get("issue_type")),
            priority=UnitsMaintenance.Priority.EMERGENCY,
            description=f"Reported by {who} by {message.channel}:\n{message.content}",
            reported_by=f"{who} ({message.channel})"[:120],
            actor="communications",
            actor_name="Tenant inbox (AI)",
        )
        message.work_order = work_order
        message.save(update_fields=["work_order"])
    body = f'{who} at {where} wrote by {message.channel}: "{_summary(message)}"'
    if work_order is not None:
        body += f"\nEmergency work order {work_order.work_order_number} is open."
    notification_create(
        kind="communications.emergency",
        severity="critical",
        title=f"Emergency from {where}: {_summary(message)}"[:200],
        body=body,
        link=f"/communications/{conv.pk}",
        dedupe_key=f"communications:emergency:{message.pk}",
        property_id=conv.property_id,
        permission="view_messages",
    )
    message.suggested_response = (
        f"Hi {tenant.first_name if tenant else 'there'}, we got your message and our on-call team is on it"
        f"{f' (work order {work_order.work_order_number})' if work_order else ''}. If anyone is in danger, call 911 "
        "now and leave the building."
    )
    message.save(update_fields=["suggested_response"])
    kinds = ", ".join(data.get("emergency_kinds") or []) or "emergency"
    _conversation_update(
        conv,
        data,
        status=TenantConversation.Status.WAITING_STAFF,
        escalated=True,
        escalation_reason=f"Emergency ({kinds}): no automatic reply; on-call manager paged."[:200],
    )


def _maintenance(message: TenantMessage, conv: TenantConversation, data: dict) -> None:
    tenant = conv.tenant
    details = data.get("maintenance_details") or {}
    if not conv.unit_id:
        message.suggested_response = "Thanks for letting us know. Which unit are you in, so we can open a repair?"
        message.save(update_fields=["suggested_response"])
        _conversation_update(conv, data, status=TenantConversation.Status.WAITING_STAFF)
        return
    category = _category(details.get("issue_type"))
    priority = PRIORITY_OF_SEVERITY.get(details.get("severity"), "medium")
    location = details.get("location")
    label = WorkOrderCategory(category).label
    title = f"{label}{f' ({location})' if location else ''}: {_summary(message)}"
    first = tenant.first_name if tenant else "there"
    # A follow-up about the same problem ("still leaking!!") joins the unit's open work order of that category
    # instead of opening a second one.
    already_open = open_work_orders_by_unit(unit_ids=[conv.unit_id], category=category).get(conv.unit_id)
    if already_open:
        work_order = UnitsMaintenance.objects.get(pk=next(iter(already_open.values())))
        ack = (
            f"Hi {first}, thanks — this is on work order {work_order.work_order_number}, which is already open "
            f"({label.lower()}). We've added your message to it; our maintenance team will contact you."
        )
    else:
        work_order = work_order_create(
            unit=conv.unit,
            title=title[:200],
            category=category,
            priority=priority,
            description=f"Reported by {tenant.full_name if tenant else message.from_address} by {message.channel}:\n"
            f"{message.content}",
            reported_by=f"{tenant.full_name if tenant else message.from_address} ({message.channel})"[:120],
            actor="communications",
            actor_name="Tenant inbox (AI)",
        )
        ack = (
            f"Hi {first}, thanks for letting us know. We've opened work order {work_order.work_order_number} "
            f"({label.lower()}, {priority} priority){f' for your {location}' if location else ''}. Our maintenance "
            "team will contact you to schedule the visit."
        )
    message.work_order = work_order
    message.save(update_fields=["work_order"])
    reply = _send_auto(message, conv, ack)
    _conversation_update(
        conv, data, status=TenantConversation.Status.WAITING_STAFF, ai_auto_responded=reply is not None
    )


def _send_auto(message: TenantMessage, conv: TenantConversation, content: str) -> TenantMessage | None:
    """An automated answer on the channel the tenant wrote on (an email for in-app/WhatsApp without a number)."""
    channel = message.channel if message.channel in ("sms", "email") else "sms"
    try:
        return tenant_message_send(
            conversation=conv, content=content, channel=channel, automated=True, is_ai=True, in_reply_to=message
        )
    except ApplicationError as exc:
        logger.warning("Automatic reply to %s not sent: %s", message.pk, exc)
        message.suggested_response = content
        message.save(update_fields=["suggested_response"])
        return None


def _grounded(text: str, facts: dict) -> bool:
    """Every amount in the reply is one of the tenant's figures (Claude may not invent one)."""
    allowed = {v for v in (facts["formatted"]["rent_amount"], facts["formatted"]["balance_due"]) if v}
    allowed |= {money(abs(facts["balance"]))}
    return all(m.replace(" ", "") in allowed for m in _MONEY.findall(text))


def _routine(message: TenantMessage, conv: TenantConversation, data: dict, *, now) -> None:
    tenant = conv.tenant
    category, confidence = data.get("category"), float(data.get("confidence") or 0)
    facts = tenant_account_facts(tenant=tenant, today=timezone.localdate(now)) if tenant else None
    inputs = {
        "tenant_name": tenant.full_name if tenant else "",
        "tenant_first_name": tenant.first_name if tenant else "",
        "unit_number": conv.unit.unit_number if conv.unit_id else "",
        "property_name": conv.property.name if conv.property_id else "",
        "content": message.content[:2000],
        "intent": data.get("intent") or "",
        "rent_amount": "",
        "due_day": "",
        "next_due_date": "",
        "lease_end_date": "",
        "balance_due": "",
        "open_maintenance_count": 0,
        "open_maintenance_list": "",
        "portal_url": _portal_url(),
    }
    if facts is not None:
        inputs.update(facts["formatted"])
    answer = None
    if tenant is not None and category in ROUTINE_CATEGORIES:
        result = complete_json(AUTO_RESPONSE, inputs, offline_fallback=True)
        answer = dict(result.data)
        if result.provider != "offline" and answer.get("content") and not _grounded(answer["content"], facts):
            answer.update(auto_respond=False, needs_human_followup=True, followup_reason="Stated a figure not on file.")
    content = (answer or {}).get("content") or ""
    if answer and answer.get("auto_respond") and content and confidence > AUTO_REPLY_THRESHOLD:
        reply = _send_auto(message, conv, content)
        status = (
            TenantConversation.Status.WAITING_STAFF
            if answer.get("needs_human_followup") or reply is None
            else TenantConversation.Status.WAITING_TENANT
        )
        _conversation_update(conv, data, status=status, ai_auto_responded=reply is not None)
        return
    if data.get("intent") == "thanks":
        _conversation_update(conv, data, status=TenantConversation.Status.RESOLVED)
        return
    first = tenant.first_name if tenant else "there"
    message.suggested_response = content or _suggestion(data, first)
    message.save(update_fields=["suggested_response"])
    _conversation_update(conv, data, status=TenantConversation.Status.WAITING_STAFF)


def _suggestion(data: dict, first: str) -> str:
    intent = data.get("intent") or ""
    if data.get("category") == "complaint":
        return (
            f"Hi {first}, I'm sorry about this, and thank you for telling us. I'm looking into it personally and "
            "will get back to you by tomorrow."
        )
    if intent == "maintenance_status_query":
        return f"Hi {first}, let me check on your request with our maintenance team and get back to you today."
    return f"Hi {first}, thanks for your message. Let me look into this and get back to you shortly."


def _portal_url() -> str:
    from django.conf import settings

    return getattr(settings, "TENANT_PORTAL_URL", "")


def _response(message: TenantMessage, conv: TenantConversation) -> dict:
    """The spec's response to POST /inbound/."""
    reply = TenantMessage._base_manager.filter(in_reply_to=message, is_auto_sent=True).order_by("created_at").first()
    c = message.ai_classification or {}
    return {
        "conversation_id": str(conv.pk),
        "message_id": str(message.pk),
        "classification": {
            "category": c.get("category"),
            "urgency": c.get("urgency"),
            "intent": c.get("intent"),
            "confidence": c.get("confidence"),
            "sentiment": c.get("sentiment"),
            "is_emergency": bool(c.get("is_emergency")),
        },
        "auto_response": {
            "sent": bool(reply and reply.delivery in ("sent", "held")),
            "content": reply.content if reply else "",
            "channel": reply.channel if reply else message.channel,
            "delivery": reply.delivery if reply else None,
        },
        "work_order": message.work_order.work_order_number if message.work_order_id else None,
        "suggested_response": message.suggested_response,
    }
