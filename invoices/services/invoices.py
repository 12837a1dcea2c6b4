"""Writes for vendor invoices: enter one with its lines, edit it while received, move it through
received -> approved -> paid (or rejected), attach and remove files. Every write records an InvoiceEvents row.
(Vendors' writes are `invoices.services`; the two topics live in separate modules so they evolve apart.)

- Amounts are computed here (invoices/amounts.py), never taken from the client.
- Ids the caller names (vendor, property, unit, work order) are resolved through the scoped managers: an id
  outside the caller's properties reads as not found.
- Status moves re-read the invoice under a row lock, so two people clicking "Approve" and "Reject" at once
  can't both win; the rules themselves are invoices/workflow.py (pure).
"""

from __future__ import annotations

import datetime
import uuid
from dataclasses import dataclass
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from core import scoping
from core.exceptions import ApplicationError
from core.fields import date_in_window
from core.files.models import StoredFile
from core.files.selectors import file_visible_to
from core.formatting import money
from invoices import amounts, workflow
from invoices.models import InvoiceAttachments, InvoiceEvents, InvoiceLineItems, Invoices, Vendor
from properties.models import Properties
from units.models import UnitsMaintenance, UnitsUnit

Status = Invoices.Status
Kind = InvoiceEvents.Kind
NUMBER_MAX = 60
TEXT_MAX = 5000
GL_MAX = 20


@dataclass(frozen=True, slots=True)
class LineInput:
    description: str
    quantity: Decimal = Decimal("1")
    unit_price: Decimal = Decimal("0")
    gl_code: str = ""


# --- helpers ----------------------------------------------------------------------------------------------------


def _event(invoice: Invoices, *, kind: str, actor: str, now, message: str = "", from_status="", to_status=""):
    return InvoiceEvents.objects.create(
        invoice=invoice,
        at=now,
        actor=actor[:100],
        kind=kind,
        from_status=from_status,
        to_status=to_status,
        message=message[:4000],
    )


def _uuid(value, *, label: str, field: str) -> uuid.UUID | None:
    if value in (None, ""):
        return None
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise ApplicationError(f"{label} not found.", extra={"field": field})


def _vendor(vendor_id) -> Vendor:
    pk = _uuid(vendor_id, label="Vendor", field="vendor")
    vendor = Vendor.objects.filter(pk=pk).first() if pk else None
    if vendor is None:
        raise ApplicationError("Choose the vendor who sent the invoice." if pk is None else "Vendor not found.",
                               extra={"field": "vendor"})  # fmt: skip
    return vendor


def _placement(*, property_id, unit_id, work_order_id):
    """(property, unit, work order) checked against each other: the unit belongs to the property, the work order
    to the unit and property; what is omitted is filled from the work order (and the unit)."""
    pid = _uuid(property_id, label="Property", field="property")
    uid = _uuid(unit_id, label="Unit", field="unit")
    wid = _uuid(work_order_id, label="Work order", field="work_order")
    prop = Properties.objects.filter(pk=pid).first() if pid else None
    if pid and prop is None:
        raise ApplicationError("Property not found.", extra={"field": "property"})
    unit = UnitsUnit.objects.filter(pk=uid).first() if uid else None
    if uid and unit is None:
        raise ApplicationError("Unit not found.", extra={"field": "unit"})
    wo = UnitsMaintenance.objects.select_related("unit").filter(pk=wid).first() if wid else None
    if wid and wo is None:
        raise ApplicationError("Work order not found.", extra={"field": "work_order"})
    if unit is not None and prop is not None and unit.property_id != prop.pk:
        raise ApplicationError(
            f"Unit {unit.unit_number} is not at {prop.name}; choose a unit of that property.", extra={"field": "unit"}
        )
    if wo is not None:
        if unit is not None and wo.unit_id != unit.pk:
            raise ApplicationError(
                f"Work order {wo.work_order_number} is for unit {wo.unit.unit_number}, not {unit.unit_number}.",
                extra={"field": "work_order"},
            )
        if prop is not None and wo.property_id != prop.pk:
            raise ApplicationError(
                f"Work order {wo.work_order_number} is at another property than {prop.name}.",
                extra={"field": "work_order"},
            )
        unit = unit or wo.unit
    if unit is not None and prop is None:
        prop = Properties.objects.filter(pk=unit.property_id).first()
    scope = scoping.current()
    if prop is None and scope is not None and not scope.everything:
        raise ApplicationError(
            "Choose the property the invoice is for (you see only some properties).", extra={"field": "property"}
        )
    return prop, unit, wo


def _clean_text(value, *, label: str, field: str, limit: int, required: bool = False) -> str:
    text = "" if value is None else str(value).strip()
    if required and not text:
        raise ApplicationError(f"{label} is required.", extra={"field": field})
    if len(text) > limit:
        raise ApplicationError(f"{label} is too long (at most {limit:,} characters).", extra={"field": field})
    return text


def _dates(invoice_date: datetime.date, due_date: datetime.date | None, *, today: datetime.date) -> None:
    date_in_window(invoice_date, "The invoice date", field="invoice_date")
    date_in_window(due_date, "The due date", field="due_date")
    if invoice_date > today:
        raise ApplicationError(
            f"The invoice date can't be in the future (got {invoice_date:%Y-%m-%d}).", extra={"field": "invoice_date"}
        )
    if due_date is not None and due_date < invoice_date:
        raise ApplicationError(
            f"The due date ({due_date:%Y-%m-%d}) is before the invoice date ({invoice_date:%Y-%m-%d}).",
            extra={"field": "due_date"},
        )


def _lines(line_items, tax_amount) -> tuple[list[LineInput], amounts.Totals]:
    lines = [item if isinstance(item, LineInput) else LineInput(**item) for item in (line_items or [])]
    for i, line in enumerate(lines, start=1):
        if not line.description.strip():
            raise ApplicationError(f"Line {i}: the description is required.", extra={"field": "line_items"})
        if len(line.description.strip()) > 255:
            raise ApplicationError(f"Line {i}: the description is too long (at most 255 characters).",
                                   extra={"field": "line_items"})  # fmt: skip
        if len(line.gl_code.strip()) > GL_MAX:
            raise ApplicationError(f"Line {i}: the GL code is too long (at most {GL_MAX} characters).",
                                   extra={"field": "line_items"})  # fmt: skip
        problem = amounts.line_problem(line.quantity, line.unit_price)
        if problem:
            raise ApplicationError(f"Line {i}: {problem}", extra={"field": "line_items"})
    tax = Decimal(tax_amount if tax_amount is not None else 0)
    if not tax.is_finite() or tax != tax.quantize(amounts.CENT):
        raise ApplicationError("The tax can have at most 2 decimal places.", extra={"field": "tax_amount"})
    totals = amounts.invoice_totals(((line.quantity, line.unit_price) for line in lines), tax)
    problem = amounts.totals_problem(totals)
    if problem:
        field = "tax_amount" if "tax" in problem else "line_items"
        raise ApplicationError(problem, extra={"field": field})
    return lines, totals


def _duplicate_check(*, vendor: Vendor, invoice_number: str, exclude_id=None) -> None:
    """One number per vendor (case and spaces aside), across the whole portfolio (the constraint is global);
    the message names the invoice that has it, and its id when the caller may open it."""
    existing = (
        Invoices._base_manager.filter(vendor=vendor, invoice_number__iexact=invoice_number)
        .exclude(pk=exclude_id)
        .first()
    )
    if existing is None:
        return
    visible = Invoices.objects.filter(pk=existing.pk).exists()
    raise ApplicationError(
        f"{vendor.name} already has invoice {existing.invoice_number}, dated {existing.invoice_date:%Y-%m-%d} "
        f"({existing.get_status_display().lower()}, {money(existing.total_amount)}): "
        "it may be a duplicate. Check that invoice, or correct the number.",
        extra={"field": "invoice_number", "existing_invoice": str(existing.pk) if visible else None},
    )


def _write_lines(invoice: Invoices, lines: list[LineInput], totals: amounts.Totals) -> None:
    InvoiceLineItems.objects.bulk_create(
        [
            InvoiceLineItems(
                invoice=invoice,
                description=line.description.strip(),
                quantity=line.quantity,
                unit_price=line.unit_price,
                amount=amount,
                gl_code=line.gl_code.strip() or invoice.gl_code,
                position=i,
            )
            for i, (line, amount) in enumerate(zip(lines, totals.amounts, strict=True))
        ]
    )


def _saved(invoice: Invoices, **kwargs):
    """Saves, turning the (vendor, number) constraint's race into the same 400 the check gives."""
    try:
        with transaction.atomic():
            invoice.save(**kwargs)
    except IntegrityError:
        _duplicate_check(vendor=invoice.vendor, invoice_number=invoice.invoice_number, exclude_id=invoice.pk)
        raise


# --- create / update ----------------------------------------------------------------------------------------------


def invoice_create(
    *,
    actor: str,
    vendor,
    invoice_number: str,
    invoice_date: datetime.date,
    line_items,
    due_date: datetime.date | None = None,
    property=None,
    unit=None,
    work_order=None,
    tax_amount: Decimal = Decimal("0"),
    gl_code: str = "",
    notes: str = "",
    today: datetime.date | None = None,
) -> Invoices:
    """Enters a vendor invoice (status received) with its line items; amounts computed here. `vendor`,
    `property`, `unit`, `work_order` are ids (the caller's scope applies)."""
    today = today or timezone.localdate()
    vendor_obj = _vendor(vendor)
    number = _clean_text(invoice_number, label="The invoice number", field="invoice_number", limit=NUMBER_MAX,
                         required=True)  # fmt: skip
    gl = _clean_text(gl_code, label="The GL code", field="gl_code", limit=GL_MAX)
    text = _clean_text(notes, label="The notes", field="notes", limit=TEXT_MAX)
    _dates(invoice_date, due_date, today=today)
    prop, unit_obj, wo = _placement(property_id=property, unit_id=unit, work_order_id=work_order)
    lines, totals = _lines(line_items, tax_amount)
    _duplicate_check(vendor=vendor_obj, invoice_number=number)
    now = timezone.now()
    with transaction.atomic():
        invoice = Invoices(
            vendor=vendor_obj,
            invoice_number=number,
            invoice_date=invoice_date,
            due_date=due_date,
            property=prop,
            unit=unit_obj,
            work_order=wo,
            subtotal=totals.subtotal,
            tax_amount=totals.tax,
            total_amount=totals.total,
            status=Status.RECEIVED,
            gl_code=gl,
            notes=text,
        )
        _saved(invoice, force_insert=True)
        _write_lines(invoice, lines, totals)
        n = len(lines)
        _event(invoice, kind=Kind.CREATED, actor=actor, now=now, to_status=Status.RECEIVED,
               message=f"Entered with {n} line item{'s' if n != 1 else ''}, total {money(totals.total)}.")  # fmt: skip
    return invoice


UPDATABLE = (
    "vendor", "invoice_number", "invoice_date", "due_date", "property", "unit", "work_order", "tax_amount",
    "gl_code", "notes", "line_items",
)  # fmt: skip
LABELS = {
    "vendor": "vendor", "invoice_number": "invoice number", "invoice_date": "invoice date", "due_date": "due date",
    "property": "property", "unit": "unit", "work_order": "work order", "tax_amount": "tax", "gl_code": "GL code",
    "notes": "notes", "line_items": "line items",
}  # fmt: skip


def invoice_update(*, invoice: Invoices, actor: str, changes: dict, today: datetime.date | None = None) -> Invoices:
    """Edits a received invoice: any of UPDATABLE (a key given as None clears an optional link or date;
    `line_items` replaces every line). Approved, paid and rejected invoices are frozen (send an approved one back
    to received, or re-open a rejected one, to edit it)."""
    today = today or timezone.localdate()
    unknown = set(changes) - set(UPDATABLE)
    if unknown:
        raise ApplicationError(f"These fields can't be changed: {', '.join(sorted(unknown))}.")
    with transaction.atomic():
        locked = Invoices.objects.select_for_update().get(pk=invoice.pk)
        if not workflow.is_editable(locked.status):
            raise ApplicationError(
                f"A {locked.status} invoice can't be edited; only received invoices can"
                + (" (send it back to received first)." if locked.status == Status.APPROVED else "."),
                extra={"allowed": workflow.allowed_transitions(locked.status)},
            )
        changed = []
        if "vendor" in changes:
            vendor_obj = _vendor(changes["vendor"])
            if vendor_obj.pk != locked.vendor_id:
                locked.vendor = vendor_obj
                changed.append("vendor")
        if "invoice_number" in changes:
            number = _clean_text(changes["invoice_number"], label="The invoice number", field="invoice_number",
                                 limit=NUMBER_MAX, required=True)  # fmt: skip
            if number != locked.invoice_number:
                locked.invoice_number = number
                changed.append("invoice_number")
        for name, label in (("gl_code", "The GL code"), ("notes", "The notes")):
            if name in changes:
                limit = GL_MAX if name == "gl_code" else TEXT_MAX
                value = _clean_text(changes[name], label=label, field=name, limit=limit)
                if value != getattr(locked, name):
                    setattr(locked, name, value)
                    changed.append(name)
        for name in ("invoice_date", "due_date"):
            if name in changes and changes[name] != getattr(locked, name):
                if name == "invoice_date" and changes[name] is None:
                    raise ApplicationError("The invoice date is required.", extra={"field": "invoice_date"})
                setattr(locked, name, changes[name])
                changed.append(name)
        _dates(locked.invoice_date, locked.due_date, today=today)
        if {"property", "unit", "work_order"} & set(changes):
            prop, unit_obj, wo = _placement(
                property_id=changes.get("property", locked.property_id),
                unit_id=changes.get("unit", locked.unit_id),
                work_order_id=changes.get("work_order", locked.work_order_id),
            )
            for name, obj in (("property", prop), ("unit", unit_obj), ("work_order", wo)):
                if getattr(locked, f"{name}_id") != (obj.pk if obj else None):
                    setattr(locked, name, obj)
                    changed.append(name)
        if "line_items" in changes or "tax_amount" in changes:
            tax = changes.get("tax_amount", locked.tax_amount)
            if "line_items" in changes:
                lines, totals = _lines(changes["line_items"], tax)
            else:
                current = [
                    LineInput(
                        description=li.description, quantity=li.quantity, unit_price=li.unit_price, gl_code=li.gl_code
                    )  # fmt: skip
                    for li in locked.line_items.all()
                ]
                lines, totals = _lines(current, tax)
            if totals.tax != locked.tax_amount:
                changed.append("tax_amount")
            if "line_items" in changes:
                changed.append("line_items")
            old_total = locked.total_amount
            locked.subtotal, locked.tax_amount, locked.total_amount = totals.subtotal, totals.tax, totals.total
        else:
            lines, totals, old_total = None, None, locked.total_amount
        if "vendor" in changed or "invoice_number" in changed:
            _duplicate_check(vendor=locked.vendor, invoice_number=locked.invoice_number, exclude_id=locked.pk)
        if not changed:
            return locked
        _saved(locked)
        if lines is not None and "line_items" in changed:
            locked.line_items.all().delete()
            _write_lines(locked, lines, totals)
        message = "Changed " + ", ".join(LABELS[c] for c in dict.fromkeys(changed)) + "."
        if locked.total_amount != old_total:
            message += f" Total {money(old_total)} → {money(locked.total_amount)}."
        _event(locked, kind=Kind.UPDATED, actor=actor, now=timezone.now(), message=message)
    return locked


# --- status -------------------------------------------------------------------------------------------------------


def invoice_transition(
    *,
    invoice: Invoices,
    actor: str,
    to: str,
    note: str = "",
    paid_date: datetime.date | None = None,
    payment_reference: str = "",
    today: datetime.date | None = None,
) -> Invoices:
    """Moves the invoice (workflow.TRANSITIONS). Refused: ApplicationError 400 with `allowed` (the moves open from
    where the invoice is). Paying without `paid_date` pays today."""
    today = today or timezone.localdate()
    note = (note or "").strip()
    reference = (payment_reference or "").strip()
    if to == Status.PAID and paid_date is None:
        paid_date = today
    with transaction.atomic():
        locked = Invoices.objects.select_for_update().get(pk=invoice.pk)
        facts = workflow.InvoiceFacts(
            status=locked.status,
            has_vendor=locked.vendor_id is not None,
            line_count=locked.line_items.count() if to == Status.APPROVED else 0,
            total=locked.total_amount,
            invoice_date=locked.invoice_date,
        )
        move = workflow.Move(to=to, note=note, paid_date=paid_date, payment_reference=reference)
        refusal = workflow.transition_refusal(facts, move, today=today)
        if refusal is not None:
            extra = {"allowed": workflow.allowed_transitions(locked.status)}
            if refusal.field:
                extra["field"] = refusal.field
            raise ApplicationError(refusal.message, extra=extra)
        now = timezone.now()
        before = locked.status
        locked.status = to
        fields = ["status", "updated_at"]
        if to == Status.APPROVED:
            locked.approved_at, locked.approved_by = now, actor[:100]
            fields += ["approved_at", "approved_by"]
        elif to == Status.PAID:
            locked.paid_at, locked.paid_by = now, actor[:100]
            locked.paid_date, locked.payment_reference = paid_date, reference
            fields += ["paid_at", "paid_by", "paid_date", "payment_reference"]
        elif to == Status.REJECTED:
            locked.rejected_at, locked.rejected_by, locked.rejection_reason = now, actor[:100], note
            fields += ["rejected_at", "rejected_by", "rejection_reason"]
        elif to == Status.RECEIVED:  # back for a correction: the approval or rejection it undoes is cleared
            locked.approved_at, locked.approved_by = None, ""
            locked.rejected_at, locked.rejected_by, locked.rejection_reason = None, "", ""
            fields += ["approved_at", "approved_by", "rejected_at", "rejected_by", "rejection_reason"]
        locked.save(update_fields=fields)
        message = note
        if to == Status.PAID:
            message = f"Paid {paid_date:%Y-%m-%d}" + (f", reference {reference}" if reference else "") + "."
            message += f" {note}" if note else ""
        _event(locked, kind=Kind.STATUS, actor=actor, now=now, from_status=before, to_status=to, message=message)
    return locked


# --- attachments --------------------------------------------------------------------------------------------------


def invoice_attachment_add(*, invoice: Invoices, actor: str, file_id, user) -> InvoiceAttachments:
    """Links an uploaded file (core/files, purpose "invoice" or "document") to the invoice. The caller must be
    able to see the file (normally they just uploaded it). Any status: proof of payment comes after paying."""
    pk = _uuid(file_id, label="File", field="file")
    stored = StoredFile.objects.filter(pk=pk).first() if pk else None
    if stored is None or not file_visible_to(stored=stored, user=user):
        raise ApplicationError("File not found; upload it first (POST /api/v1/files/ with purpose=invoice).",
                               extra={"field": "file"})  # fmt: skip
    if stored.purpose not in (StoredFile.Purpose.INVOICE, StoredFile.Purpose.DOCUMENT):
        raise ApplicationError(
            f"This file was uploaded for a {stored.get_purpose_display().lower()}, not an invoice; upload it again "
            "with purpose=invoice.",
            extra={"field": "file"},
        )
    with transaction.atomic():
        if InvoiceAttachments.objects.filter(invoice=invoice, stored_file=stored).exists():
            raise ApplicationError(f"{stored.original_name} is already attached to this invoice.",
                                   extra={"field": "file"})  # fmt: skip
        try:
            with transaction.atomic():
                link = InvoiceAttachments.objects.create(invoice=invoice, stored_file=stored, added_by=actor[:100])
        except IntegrityError:
            raise ApplicationError(f"{stored.original_name} is already attached to this invoice.",
                                   extra={"field": "file"})  # fmt: skip
        _event(invoice, kind=Kind.FILE, actor=actor, now=timezone.now(), message=f"Attached {stored.original_name}.")
    return link


def invoice_attachment_remove(*, invoice: Invoices, attachment_id, actor: str) -> None:
    """Unlinks a file while the invoice is received (the file itself stays in core/files: it may be evidence
    elsewhere). 404-style refusal for an id that is not this invoice's."""
    try:
        pk = uuid.UUID(str(attachment_id))
    except ValueError:
        pk = None
    link = (
        InvoiceAttachments.objects.select_related("stored_file").filter(pk=pk, invoice=invoice).first() if pk else None
    )
    if link is None:
        raise ApplicationError("Attachment not found.", status_code=404)
    if not workflow.is_editable(invoice.status):
        raise ApplicationError(f"Files can be removed only while the invoice is received (it is {invoice.status}).")
    with transaction.atomic():
        name = link.stored_file.original_name
        link.delete()
        _event(invoice, kind=Kind.FILE, actor=actor, now=timezone.now(), message=f"Removed {name}.")
