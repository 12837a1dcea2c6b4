"""`create_action`: the one tool that leads to a write, and it does not write. It checks the unit is the caller's
and returns a *proposal*: an action block whose button, once the manager confirms it in the UI, posts the body to
the owning app's own endpoint (a work order: POST /api/v1/units/work-orders/, with that endpoint's permission,
validation and scope). Nothing a model or a question says can make the chat write by itself."""

from __future__ import annotations

from django.db.models import Q

from chat.tools import ChatTool, register
from chat.tools.common import PROPERTY_NAME, resolve_property
from core.exceptions import ApplicationError
from core.utils import parse_uuid
from units.selectors import unit_get, unit_list

PRIORITIES = {"low": "low", "medium": "medium", "high": "high", "urgent": "emergency", "emergency": "emergency"}


def action_prepare(params: dict, ctx) -> dict:
    kind = params["action_type"]
    title = params["title"].strip()[:200]
    if not title:
        raise ApplicationError("An action needs a title.")
    if kind != "work_order":
        raise ApplicationError(
            "Only work orders can be prepared from the chat for now; reminders and follow-ups are not available yet."
        )
    if "manage_maintenance" not in ctx.permissions:
        raise ApplicationError("Your role can't open work orders.")
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
    if unit is None:
        raise ApplicationError("A work order needs a unit of your portfolio (unit_id).")
    priority = PRIORITIES.get((params.get("priority") or "medium").lower(), "medium")
    body = {"unit": str(unit.pk), "title": title, "priority": priority}
    if params.get("description"):
        body["description"] = params["description"][:2000]
    return {
        "title": "Proposed work order",
        "proposal": {
            "action_type": kind,
            "unit": f"{unit.property.name} · {unit.unit_number}",
            "title": title,
            "priority": priority,
        },
        "requires_confirmation": True,
        "columns": [],
        "rows": [],
        "totals": {},
        "row_count": 0,
        "truncated": False,
        "actions": [
            {
                "kind": "confirm",
                "label": f"Create work order: {title}",
                "method": "POST",
                "endpoint": "/api/v1/units/work-orders/",
                "body": body,
            }
        ],
    }


register(
    ChatTool(
        name="create_action",
        description="Prepare an action item (a work order on a unit) for the manager to confirm in the UI. It creates "
        "nothing by itself: the manager's confirmation does.",
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
            },
            "required": ["action_type", "title"],
            "additionalProperties": False,
        },
        permission="view_maintenance",
        run=action_prepare,
        writes=True,
    )
)
