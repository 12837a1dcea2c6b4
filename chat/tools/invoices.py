"""Vendor invoices (`invoices`), read through its selectors: what is waiting for approval or payment, overdue, by
vendor and property."""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal

from django.db.models import Q

from chat.tools import ChatTool, register
from chat.tools.common import LIMIT, PROPERTY_NAME, data, money, resolve_property, result
from invoices.models import Invoices
from invoices.selectors import OPEN_STATUSES, invoice_list

STATUSES = ["open", "overdue", *Invoices.Status.values]
STATUS_WORDS = dict(Invoices.Status.choices)


def invoices_query(params: dict, ctx) -> dict:
    prop = resolve_property(params.get("property_name"))
    qs = invoice_list()
    if prop:
        qs = qs.filter(property_id=prop[0])
    status = params.get("status")
    if status == "open":
        qs = qs.filter(status__in=OPEN_STATUSES)
    elif status == "overdue":
        qs = qs.filter(status__in=OPEN_STATUSES, due_date__lt=ctx.today)
    elif status:
        qs = qs.filter(status=status)
    if params.get("vendor_name"):
        name = params["vendor_name"].strip()
        qs = qs.filter(Q(vendor__name__icontains=name) | Q(vendor__contact_name__icontains=name))
    if params.get("since_days") is not None:
        qs = qs.filter(invoice_date__gte=ctx.today - datetime.timedelta(days=params["since_days"]))
    if params.get("min_amount") is not None:
        qs = qs.filter(total_amount__gt=Decimal(str(params["min_amount"])))
    invoices = list(qs.order_by("due_date", "-total_amount", "invoice_number"))
    rows = [
        {
            "invoice_number": data(i.invoice_number),
            "vendor": data(i.vendor.name) if i.vendor else None,
            "property": i.property.name if i.property else None,
            "invoice_date": i.invoice_date.isoformat(),
            "due_date": i.due_date.isoformat() if i.due_date else None,
            "total": money(i.total_amount),
            "status": STATUS_WORDS.get(i.status, i.status),
        }
        for i in invoices
    ]
    overdue = [i for i in invoices if i.status in OPEN_STATUSES and i.due_date and i.due_date < ctx.today]
    by_vendor = Counter()
    for i in invoices:
        by_vendor[i.vendor.name if i.vendor else "(no vendor)"] += i.total_amount
    return result(
        title="Invoices",
        columns=[
            ("invoice_number", "Invoice", "text"),
            ("vendor", "Vendor", "text"),
            ("property", "Property", "text"),
            ("due_date", "Due", "date"),
            ("total", "Total", "money"),
            ("status", "Status", "text"),
        ],
        rows=rows,
        totals={
            "count": len(rows),
            "total_amount": money(sum((i.total_amount for i in invoices), Decimal("0"))),
            "overdue_count": len(overdue),
            "overdue_amount": money(sum((i.total_amount for i in overdue), Decimal("0"))),
            "top_vendors": [
                {"vendor": data(v), "total": money(t)}
                for v, t in sorted(by_vendor.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
            ],
        },
        limit=params.get("limit"),
        actions=[
            {
                "kind": "link",
                "label": "Open invoices",
                "route": "/invoices",
                "params": {"status": status} if status in Invoices.Status.values else {},
            }
        ],
        untrusted_fields=["invoice_number", "vendor"],
        filters={"property": prop[1] if prop else None, "status": status},
    )


register(
    ChatTool(
        name="query_invoices",
        description="Vendor invoices: by status (open = received or approved and not paid; overdue = open past the "
        "due date; or processing/received/approved/paid/rejected), vendor, property, amount above min_amount, "
        "invoiced in the last N days. Returns rows and totals (count, amount, overdue, top vendors).",
        input_schema={
            "type": "object",
            "properties": {
                "status": {"type": "string", "enum": STATUSES},
                "property_name": PROPERTY_NAME,
                "vendor_name": {"type": "string", "maxLength": 200},
                "min_amount": {"type": "number", "minimum": 0, "maximum": 10_000_000},
                "since_days": {"type": "integer", "minimum": 0, "maximum": 3650},
                "limit": LIMIT,
            },
            "additionalProperties": False,
        },
        permission="view_invoices",
        run=invoices_query,
    )
)
