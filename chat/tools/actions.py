"""`create_action`: the one tool that leads to a write, and it does not write. It checks the unit is the caller's
and returns a *proposal*: an action block whose button, once the manager confirms it in the UI, posts the body to
the owning app's own endpoint with that endpoint's permission, validation and scope — a work order:
POST /api/v1/units/work-orders/; a reminder or a follow-up: POST /api/v1/notifications/reminders/ (a notification
to the manager alone, in their bell and emailed at the due time by core.deliver_due_reminders). Nothing a model or
a question says can make the chat write by itself."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from chat.tools import ChatTool, register
from chat.tools.common import PROPERTY_NAME, resolve_property
from core.exceptions import ApplicationError
from core.utils import parse_uuid
from units.selectors import unit_get, unit_list

PRIORITIES = {"low": "low", "medium": "medium", "high": "high", "urgent": "emergency", "emergency": "emergency"}


REMINDER_TIME = datetime.time(9, 0)  # a reminder without a time: 09:00 on its day
REMINDER_DAYS_AHEAD = 730  # the reminders endpoint's own limit (two years)


def _unit(params: dict):
    """The caller's unit the action names (its id, or its number with the property), or None."""
    unit = unit_get(unit_id=params.get("unit_id")) if parse_uuid(params.get("unit_id")) else None
    if unit is None and params.get("unit_number"):
        prop = resolve_property(params.get("property_name"))
        number = params["unit_number"]
        units = unit_list().filter(Q(unit_number__iexact=number) | Q(unit_number__iendswith=f"-{number}"))
        if prop:
            units = units.filter(property_id=prop[0])
        found = list(units[:2])
        if len(found) > 1:
            raise ApplicationError("Several units have that number: name the property too.")
        unit = found[0] if found else None
    return unit


def _proposal(*, kind: str, title: str, summary: dict, action: dict) -> dict:
    return {
        "title": f"Proposed {kind.replace('_', ' ')}",
        "proposal": {"action_type": kind, "title": title, **summary},
        "requires_confirmation": True,
        "columns": [],
        "rows": [],
        "totals": {},
        "row_count": 0,
        "truncated": False,
        "actions": [{"kind": "confirm", "method": "POST", **action}],
    }


def _work_order(params: dict, title: str, ctx) -> dict:
    if "manage_maintenance" not in ctx.permissions:
        raise ApplicationError("Your role can't open work orders.")
    unit = _unit(params)
    if unit is None:
        raise ApplicationError("A work order needs a unit of your portfolio (unit_id).")
    priority = PRIORITIES.get((params.get("priority") or "medium").lower(), "medium")
    body = {"unit": str(unit.pk), "title": title, "priority": priority}
    if params.get("description"):
        body["description"] = params["description"][:2000]
    return _proposal(
        kind="work_order",
        title=title,
        summary={"unit": f"{unit.property.name} · {unit.unit_number}", "priority": priority},
        action={
            "label": f"Create work order: {title}",
            "endpoint": "/api/v1/units/work-orders/",
            "body": body,
            "success": "Work order created.",
        },
    )


def _reminder(kind: str, params: dict, title: str, ctx) -> dict:
    """A reminder (or a follow-up: a reminder titled "Follow up: …") for the manager at `due_date` `due_time`
    (default: tomorrow, 09:00 in the app's time zone); linked to the unit's page when it names one."""
    if kind == "follow_up" and not title.lower().startswith("follow up"):
        title = f"Follow up: {title[0].lower()}{title[1:]}"[:200]
    try:
        day = datetime.date.fromisoformat(params["due_date"]) if params.get("due_date") else None
        at = datetime.time.fromisoformat(params["due_time"]) if params.get("due_time") else REMINDER_TIME
    except ValueError as exc:
        raise ApplicationError(f"Not a date or time: {exc}") from exc
    defaulted = day is None
    day = day or ctx.today + datetime.timedelta(days=1)
    if day < ctx.today:
        raise ApplicationError(f"{day.isoformat()} has passed: a reminder needs a date from today on.")
    if day > ctx.today + datetime.timedelta(days=REMINDER_DAYS_AHEAD):
        raise ApplicationError("A reminder can be at most two years ahead.")
    due = timezone.make_aware(datetime.datetime.combine(day, at.replace(second=0, microsecond=0, tzinfo=None)))
    unit = _unit(params) if params.get("unit_id") or params.get("unit_number") else None
    if (params.get("unit_id") or params.get("unit_number")) and unit is None:
        raise ApplicationError("No unit of your portfolio matches that unit.")
    body = {"title": title, "due_at": due.isoformat()}
    if params.get("description"):
        body["body"] = params["description"][:2000]
    if unit is not None:
        body["link"] = f"/units/{unit.pk}"
    when = f"{day.strftime('%A, %B')} {day.day}, {day.year} at {due.strftime('%H:%M')}"
    return _proposal(
        kind=kind,
        title=title,
        summary={
            "due_at": due.isoformat(),
            "when": when,
            "date_defaulted": defaulted,
            **({"unit": f"{unit.property.name} · {unit.unit_number}"} if unit else {}),
        },
        action={
            "label": f"Set reminder: {title} ({day.strftime('%b')} {day.day})",
            "endpoint": "/api/v1/notifications/reminders/",
            "body": body,
            "success": f"Reminder set for {when}.",
        },
    )


def action_prepare(params: dict, ctx) -> dict:
    kind = params["action_type"]
    title = params["title"].strip()[:200]
    if not title:
        raise ApplicationError("An action needs a title.")
    if kind == "work_order":
        return _work_order(params, title, ctx)
    return _reminder(kind, params, title, ctx)


register(
    ChatTool(
        name="create_action",
        description="Prepare an action item for the manager to confirm in the UI: a work order on a unit, or a "
        "reminder / follow-up for the manager on a date (due_date YYYY-MM-DD, due_time HH:MM; default tomorrow "
        "09:00), optionally about a unit. It creates nothing by itself: the manager's confirmation does.",
        input_schema={
            "type": "object",
            "properties": {
                "action_type": {"type": "string", "enum": ["work_order", "reminder", "follow_up"]},
                "title": {"type": "string", "minLength": 1, "maxLength": 200},
                "description": {"type": "string", "maxLength": 2000},
                "unit_id": {"type": "string", "maxLength": 64},
                "unit_number": {"type": "string", "maxLength": 20},
                "property_name": PROPERTY_NAME,
                "priority": {"type": "string", "enum": ["low", "medium", "high", "urgent", "emergency"]},
                "due_date": {"type": "string", "pattern": "^20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"},
                "due_time": {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"},
            },
            "required": ["action_type", "title"],
            "additionalProperties": False,
        },
        permission="view_portfolio",  # a work order also needs manage_maintenance (checked when one is asked for)
        run=action_prepare,
        writes=True,
    )
)
