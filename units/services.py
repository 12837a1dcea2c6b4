"""Writes on units. Other apps change a unit through these functions, never through UnitsUnit directly."""

import datetime
from collections.abc import Iterable
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.fields import date_in_window, parse_money
from core.formatting import actor_display, money, short_date
from tenants.selectors import lease_in_occupancy, unit_lease_get, unit_tenant_get
from units import workflow
from units.models import UnitsMaintenance, UnitsUnit, WorkOrderEvent, WorkOrderFile


def unit_status_set(*, unit_ids: Iterable, status: str) -> int:
    """Sets `status` on the given units in one UPDATE; returns how many units changed.

    Units already in that status are left untouched (their `updated_at` does not move). Callers pass a
    bounded batch (the lifecycle agent passes at most one chunk of ids).
    """
    if status not in UnitsUnit.Status.values:
        raise ApplicationError(f"Unknown unit status '{status}'.")
    ids = {i for i in unit_ids if i is not None}
    if not ids:
        return 0
    return UnitsUnit.objects.filter(id__in=ids).exclude(status=status).update(status=status, updated_at=timezone.now())


def unit_asking_rent_set(*, unit_id, rent: Decimal) -> tuple[Decimal, Decimal]:
    """Sets the asking rent of a unit that is not occupied — its `market_rent`, which the unit pages show as a
    vacant unit's asking rent (docs/decisions.md, "Rent") — in one locked UPDATE; returns (previous, new). An
    occupied unit's rent is its lease's: it changes through renewals, never here."""
    rent = parse_money(rent, label="The asking rent")
    with transaction.atomic():
        unit = UnitsUnit.objects.select_for_update().filter(pk=unit_id).first()
        if unit is None:
            raise ApplicationError("Unit not found.", status_code=404)
        if unit.status == UnitsUnit.Status.OCCUPIED:
            raise ApplicationError("The unit is occupied: its rent changes through a renewal, not an asking rent.")
        previous = unit.market_rent or unit.current_rent
        if unit.market_rent != rent:
            UnitsUnit.objects.filter(pk=unit.pk).update(market_rent=rent, updated_at=timezone.now())
    return previous, rent


WORK_ORDER_PREFIX = "WO-"
_WORK_ORDER_DIGITS = 7


def _next_work_order_number() -> str:
    """WO-0000001, WO-0000002… continuing after the highest number of that shape (the demo's format)."""
    last = (
        UnitsMaintenance.objects.filter(work_order_number__regex=rf"^{WORK_ORDER_PREFIX}[0-9]{{{_WORK_ORDER_DIGITS}}}$")
        .order_by("-work_order_number")
        .values_list("work_order_number", flat=True)
        .first()
    )
    n = int(last[len(WORK_ORDER_PREFIX) :]) + 1 if last else 1
    return f"{WORK_ORDER_PREFIX}{n:0{_WORK_ORDER_DIGITS}d}"


# --- work orders --------------------------------------------------------------------------------------------


class _Unset:
    """A keyword argument the caller did not pass (None means "set it to nothing")."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET = _Unset()
Status = UnitsMaintenance.Status
Event = WorkOrderEvent.Kind
TEXT_LIMITS = {"title": 200, "reported_by": 120}
EVENT_TEXT_MAX = 2000


def _vendor_model():
    # The vendor table lives in `invoices` (a layer above units): reached through our own foreign key, so units
    # imports nothing of invoices (docs/decisions.md, "Work orders").
    return UnitsMaintenance._meta.get_field("assigned_vendor").related_model


def _active_vendor(vendor):
    """The vendor (instance or id), refusing one that does not exist or is no longer active; None stays None."""
    if vendor is None:
        return None
    pk = getattr(vendor, "pk", vendor)
    found = _vendor_model().objects.filter(pk=pk).first()
    if found is None:
        raise ApplicationError("Vendor not found.", extra={"field": "assigned_vendor"})
    if not found.is_active:
        raise ApplicationError(
            f"{found.name} is no longer an active vendor; choose another.", extra={"field": "assigned_vendor"}
        )
    return found


def _cost(value, label: str, field: str) -> Decimal | None:
    """None, or an amount from 0 to MONEY_INPUT_MAX with at most 2 decimal places (400 otherwise)."""
    if value is None:
        return None
    try:
        amount = parse_money(value, label=label, min_value=None)
    except ApplicationError as exc:
        raise ApplicationError(exc.message, extra={"field": field}) from exc
    if amount < 0:
        raise ApplicationError(f"{label} can't be negative (0 if it cost nothing).", extra={"field": field})
    return amount


def _requested(value: datetime.date | None, today: datetime.date) -> datetime.date:
    requested = value or today
    problem = workflow.requested_date_problem(requested, today=today)
    if problem:
        raise ApplicationError(problem, extra={"field": "requested_date"})
    return requested


def _check_scheduled(scheduled: datetime.date | None, requested: datetime.date) -> None:
    if scheduled is None:
        return
    date_in_window(scheduled, "The scheduled date", field="scheduled_date")
    if scheduled < requested:
        raise ApplicationError(
            "The scheduled date cannot be before the request date.", extra={"field": "scheduled_date"}
        )


def _occupancy(*, unit_id, requested: datetime.date, lease, tenant) -> tuple:
    """(lease, tenant) for a work order: given ones checked against the unit, else the lease in occupancy of the
    unit on the requested date and its tenant. `lease`/`tenant` are UNSET (decide), None (none) or an id/instance."""
    if lease is UNSET:
        found = lease_in_occupancy(unit_id=unit_id, on=requested)
    elif lease is None:
        found = None
    else:
        found = unit_lease_get(unit_id=unit_id, lease_id=getattr(lease, "pk", lease))
        if found is None:
            raise ApplicationError("That lease is not a lease of this unit.", extra={"field": "lease"})
    if tenant is UNSET:
        return found, (found.tenant if found else None)
    if tenant is None:
        return found, None
    person = unit_tenant_get(unit_id=unit_id, tenant_id=getattr(tenant, "pk", tenant))
    if person is None:
        raise ApplicationError("That tenant has no lease on this unit.", extra={"field": "tenant"})
    return found, person


def _actor_name(actor: str, actor_name: str | None) -> str:
    if actor_name:
        return actor_name[:150]
    return actor_display(actor)[:150]


def _event(wo: UnitsMaintenance, kind: str, *, actor: str, actor_name: str | None, message: str = "", **status):
    return WorkOrderEvent.objects.create(
        work_order=wo,
        kind=kind,
        message=(message or "")[:EVENT_TEXT_MAX],
        actor=actor[:100],
        actor_name=_actor_name(actor, actor_name),
        from_status=status.get("from_status", ""),
        to_status=status.get("to_status", ""),
    )


def _next_number_and_create(**fields) -> UnitsMaintenance:
    for attempt in range(5):
        try:
            with transaction.atomic():
                return UnitsMaintenance.objects.create(work_order_number=_next_work_order_number(), **fields)
        except IntegrityError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")


def work_order_create(
    *,
    unit: UnitsUnit,
    title: str,
    category: str = UnitsMaintenance.Category.GENERAL,
    priority: str = UnitsMaintenance.Priority.MEDIUM,
    description: str = "",
    requested_date: datetime.date | None = None,
    scheduled_date: datetime.date | None = None,
    reported_by: str = "",
    technician_notes: str = "",
    assigned_vendor=None,
    estimated_cost: Decimal | None = None,
    lease=UNSET,
    tenant=UNSET,
    actor: str = "system",
    actor_name: str | None = None,
    today: datetime.date | None = None,
) -> UnitsMaintenance:
    """Opens a work order on `unit` with the next work-order number (retried if another writer took it).

    With a vendor it starts `assigned`, else `open`. `lease`/`tenant` left out: the lease in occupancy of the
    unit on the requested date and its tenant; given: checked against the unit; None: none. Writes the
    "created" event."""
    today = today or timezone.localdate()
    title = (title or "").strip()
    if not title:
        raise ApplicationError("A work order needs a title.", extra={"field": "title"})
    if category not in UnitsMaintenance.Category.values:
        raise ApplicationError(f"Unknown work order category '{category}'.", extra={"field": "category"})
    if priority not in UnitsMaintenance.Priority.values:
        raise ApplicationError(f"Unknown work order priority '{priority}'.", extra={"field": "priority"})
    requested = _requested(requested_date, today)
    _check_scheduled(scheduled_date, requested)
    vendor = _active_vendor(assigned_vendor)
    estimate = _cost(estimated_cost, "The estimated cost", "estimated_cost")
    found_lease, found_tenant = _occupancy(unit_id=unit.pk, requested=requested, lease=lease, tenant=tenant)
    status = workflow.status_for_vendor(Status.OPEN, vendor is not None)
    with transaction.atomic():
        wo = _next_number_and_create(
            unit=unit,
            property_id=unit.property_id,
            title=title[:200],
            description=description or "",
            technician_notes=technician_notes or "",
            category=category,
            priority=priority,
            status=status,
            requested_date=requested,
            scheduled_date=scheduled_date,
            sla_due_date=workflow.sla_due_date(requested=requested, priority=priority),
            estimated_cost=estimate,
            assigned_vendor=vendor,
            reported_by=(reported_by or "")[:120],
            lease=found_lease,
            tenant=found_tenant,
        )
        message = f"Opened for unit {unit.unit_number}"
        if vendor is not None:
            message += f", assigned to {vendor.name}"
        _event(wo, Event.CREATED, actor=actor, actor_name=actor_name, message=message + ".", to_status=status)
    return wo


FIELD_LABELS = {
    "title": "title",
    "category": "category",
    "priority": "priority",
    "description": "description",
    "technician_notes": "technician notes",
    "requested_date": "requested date",
    "scheduled_date": "scheduled date",
    "assigned_vendor": "vendor",
    "estimated_cost": "estimated cost",
    "reported_by": "reported by",
    "lease": "lease",
    "tenant": "tenant",
}


def _shown(field: str, value) -> str:
    if value is None or value == "":
        return "none"
    if field in ("requested_date", "scheduled_date"):
        return short_date(value)
    if field == "estimated_cost":
        return money(value)
    if field == "assigned_vendor":
        return value.name
    if field == "lease":
        return value.lease_number
    if field == "tenant":
        return value.full_name
    return str(value)


def _locked(work_order: UnitsMaintenance) -> UnitsMaintenance:
    """The work order re-read under a row lock (two people moving it at once take turns)."""
    return (
        UnitsMaintenance.objects.select_for_update(of=("self",))
        .select_related("assigned_vendor", "lease", "tenant")
        .get(pk=work_order.pk)
    )


def _refuse_final(wo: UnitsMaintenance) -> None:
    if wo.status in workflow.FINAL:
        raise ApplicationError(
            f"Work order {wo.work_order_number} is {workflow.LABELS[wo.status]}; it can no longer be changed.",
            extra={"allowed": []},
        )


def work_order_update(
    *,
    work_order: UnitsMaintenance,
    title=UNSET,
    category=UNSET,
    priority=UNSET,
    description=UNSET,
    technician_notes=UNSET,
    requested_date=UNSET,
    scheduled_date=UNSET,
    assigned_vendor=UNSET,
    estimated_cost=UNSET,
    reported_by=UNSET,
    lease=UNSET,
    tenant=UNSET,
    actor: str = "system",
    actor_name: str | None = None,
    today: datetime.date | None = None,
) -> UnitsMaintenance:
    """Changes the given fields (a closed or cancelled order is final: 400). Giving an open order a vendor assigns
    it; taking the vendor off an assigned order opens it again (a status event). A new requested date moves
    the SLA due date and, when the lease was the one in occupancy on the old date (not an override), the lease
    and tenant follow the new date. Writes an "updated" event naming the changes, a "note" event for new
    technician notes."""
    today = today or timezone.localdate()
    with transaction.atomic():
        wo = _locked(work_order)
        _refuse_final(wo)
        new: dict = {}
        if title is not UNSET:
            title = (title or "").strip()
            if not title:
                raise ApplicationError("A work order needs a title.", extra={"field": "title"})
            new["title"] = title[:200]
        if category is not UNSET:
            if category not in UnitsMaintenance.Category.values:
                raise ApplicationError(f"Unknown work order category '{category}'.", extra={"field": "category"})
            new["category"] = category
        if priority is not UNSET:
            if priority not in UnitsMaintenance.Priority.values:
                raise ApplicationError(f"Unknown work order priority '{priority}'.", extra={"field": "priority"})
            new["priority"] = priority
        for field, value in (("description", description), ("technician_notes", technician_notes)):
            if value is not UNSET:
                new[field] = value or ""
        if reported_by is not UNSET:
            new["reported_by"] = (reported_by or "")[:120]
        if requested_date is not UNSET:
            new["requested_date"] = _requested(requested_date, today)
        if scheduled_date is not UNSET:
            new["scheduled_date"] = scheduled_date
        requested = new.get("requested_date", wo.requested_date)
        scheduled = new.get("scheduled_date", wo.scheduled_date)
        if "requested_date" in new or "scheduled_date" in new:
            if "scheduled_date" in new:
                _check_scheduled(scheduled, requested)
            elif scheduled is not None and scheduled < requested:
                raise ApplicationError(
                    "The scheduled date cannot be before the request date.", extra={"field": "requested_date"}
                )
            if wo.completed_date is not None and wo.completed_date < requested:
                raise ApplicationError(
                    "The requested date can't be after the completed date.", extra={"field": "requested_date"}
                )
        if assigned_vendor is not UNSET:
            new["assigned_vendor"] = _active_vendor(assigned_vendor)
        if estimated_cost is not UNSET:
            new["estimated_cost"] = _cost(estimated_cost, "The estimated cost", "estimated_cost")
        if lease is not UNSET or tenant is not UNSET:
            # a new lease brings its tenant unless one is given; a new tenant alone keeps the lease
            new["lease"], new["tenant"] = _occupancy(
                unit_id=wo.unit_id, requested=requested, lease=wo.lease if lease is UNSET else lease, tenant=tenant
            )
        elif "requested_date" in new and new["requested_date"] != wo.requested_date:
            was_automatic = lease_in_occupancy(unit_id=wo.unit_id, on=wo.requested_date)
            if (was_automatic.pk if was_automatic else None) == wo.lease_id and (
                (was_automatic.tenant_id if was_automatic else None) == wo.tenant_id
            ):
                new["lease"], new["tenant"] = _occupancy(
                    unit_id=wo.unit_id, requested=requested, lease=UNSET, tenant=UNSET
                )

        changed = [f for f, v in new.items() if _value(wo, f) != _comparable(v)]
        if not changed:
            return wo
        old = {f: getattr(wo, f) for f in changed}
        for field in changed:
            setattr(wo, field, new[field])
        update_fields = list(changed)
        if "priority" in changed or "requested_date" in changed:
            wo.sla_due_date = workflow.sla_due_date(requested=wo.requested_date, priority=wo.priority)
            update_fields.append("sla_due_date")
        before = wo.status
        if "assigned_vendor" in changed:
            wo.status = workflow.status_for_vendor(wo.status, wo.assigned_vendor is not None)
            if wo.status != before:
                update_fields.append("status")
        wo.save(update_fields=[*update_fields, "updated_at"])

        described = [f for f in changed if f != "technician_notes"]
        if described:
            parts = []
            for field in described:
                if field in ("description",):
                    parts.append(f"{FIELD_LABELS[field]} changed")
                else:
                    parts.append(f"{FIELD_LABELS[field]}: {_shown(field, old[field])} → {_shown(field, new[field])}")
            message = "; ".join(parts)
            _event(wo, Event.UPDATED, actor=actor, actor_name=actor_name, message=message[:1].upper() + message[1:])
        if "technician_notes" in changed and wo.technician_notes:
            _event(wo, Event.NOTE, actor=actor, actor_name=actor_name, message=wo.technician_notes)
        if wo.status != before:
            vendor = wo.assigned_vendor
            _event(
                wo,
                Event.STATUS,
                actor=actor,
                actor_name=actor_name,
                message=f"Assigned to {vendor.name}." if vendor else "Vendor removed; open again.",
                from_status=before,
                to_status=wo.status,
            )
    return wo


def _value(wo: UnitsMaintenance, field: str):
    if field in ("assigned_vendor", "lease", "tenant"):
        return getattr(wo, f"{field}_id")
    return getattr(wo, field)


def _comparable(value):
    return getattr(value, "pk", value)


def work_order_transition(
    *,
    work_order: UnitsMaintenance,
    status: str,
    note: str = "",
    actual_cost=UNSET,
    completed_date: datetime.date | None = None,
    technician_notes=UNSET,
    assigned_vendor=UNSET,
    actor: str = "system",
    actor_name: str | None = None,
    today: datetime.date | None = None,
) -> UnitsMaintenance:
    """Moves the work order along the flow (units.workflow.TRANSITIONS). The request's other fields apply first
    (a vendor for `assigned`, the actual cost for `completed`, technician notes); an illegal move raises
    ApplicationError with the allowed statuses in `allowed`. Completing sets the completed date (default today);
    reopening clears it; closing and cancelling set `closed_at`; back to open takes the vendor off."""
    today = today or timezone.localdate()
    with transaction.atomic():
        wo = _locked(work_order)
        current = wo.status
        allowed = list(workflow.allowed_transitions(current))
        vendor = wo.assigned_vendor if assigned_vendor is UNSET else _active_vendor(assigned_vendor)
        if status == Status.OPEN and current == Status.ASSIGNED:
            vendor = None  # unassigned
        cost = wo.actual_cost if actual_cost is UNSET else _cost(actual_cost, "The actual cost", "actual_cost")
        problem = workflow.transition_problem(
            workflow.Move(current=current, target=status, has_vendor=vendor is not None, actual_cost=cost, note=note)
        )
        if problem:
            raise ApplicationError(problem, extra={"allowed": allowed})
        if completed_date is not None and status != Status.COMPLETED:
            raise ApplicationError(
                "A completed date is only given when completing the work order.", extra={"field": "completed_date"}
            )
        if status == Status.COMPLETED:
            completed = completed_date or today
            problem = workflow.completed_date_problem(completed, requested=wo.requested_date, today=today)
            if problem:
                raise ApplicationError(problem, extra={"field": "completed_date"})
            wo.completed_date = completed
        if workflow.is_reopening(current, status):
            wo.completed_date = None
        if status in workflow.FINAL:
            wo.closed_at = timezone.now()
        notes_changed = technician_notes is not UNSET and (technician_notes or "") != wo.technician_notes
        if notes_changed:
            wo.technician_notes = technician_notes or ""
        vendor_before = wo.assigned_vendor
        wo.assigned_vendor = vendor
        wo.actual_cost = cost
        wo.status = status
        wo.save(
            update_fields=[
                "status",
                "assigned_vendor",
                "actual_cost",
                "completed_date",
                "closed_at",
                "technician_notes",
                "updated_at",
            ]
        )
        if notes_changed and wo.technician_notes:
            _event(wo, Event.NOTE, actor=actor, actor_name=actor_name, message=wo.technician_notes)
        _event(
            wo,
            Event.STATUS,
            actor=actor,
            actor_name=actor_name,
            message=_transition_message(wo, current, note, vendor_before),
            from_status=current,
            to_status=status,
        )
    return wo


def _transition_message(wo: UnitsMaintenance, current: str, note: str, vendor_before) -> str:
    facts = []
    if wo.status == Status.ASSIGNED and wo.assigned_vendor:
        facts.append(f"Assigned to {wo.assigned_vendor.name}.")
    elif wo.status == Status.OPEN and vendor_before is not None:
        facts.append(f"{vendor_before.name} unassigned.")
    elif wo.status == Status.IN_PROGRESS and current != Status.COMPLETED:
        facts.append(f"Work started by {wo.assigned_vendor.name}." if wo.assigned_vendor else "Work started in-house.")
    elif wo.status == Status.IN_PROGRESS:
        facts.append("Reopened.")
    elif wo.status == Status.COMPLETED:
        facts.append(f"Completed on {short_date(wo.completed_date)} for {money(wo.actual_cost)}.")
    elif wo.status == Status.CLOSED:
        facts.append(f"Closed at {money(wo.actual_cost)}.")
    elif wo.status == Status.CANCELLED:
        facts.append("Cancelled.")
    note = (note or "").strip()
    return " ".join([*facts, note]) if note else " ".join(facts)


# --- files -----------------------------------------------------------------------------------------------------


def work_order_file_attach(
    *,
    work_order: UnitsMaintenance,
    stored_file,
    kind: str | None = None,
    actor: str = "system",
    actor_name: str | None = None,
) -> WorkOrderFile:
    """Links an uploaded file (a core.files StoredFile the caller may see: the API checks) to the work order as a
    photo (images only) or a document; kind defaults by what the file is. Writes a "file" event."""
    if kind is None:
        kind = WorkOrderFile.Kind.PHOTO if stored_file.kind == "image" else WorkOrderFile.Kind.DOCUMENT
    if kind not in WorkOrderFile.Kind.values:
        raise ApplicationError(f"Unknown file kind '{kind}'; photo or document.", extra={"field": "kind"})
    if kind == WorkOrderFile.Kind.PHOTO and stored_file.kind != "image":
        raise ApplicationError("Only an image can be a photo; attach a PDF as a document.", extra={"field": "kind"})
    with transaction.atomic():
        if WorkOrderFile.objects.filter(work_order=work_order, file=stored_file).exists():
            raise ApplicationError("This file is already attached to the work order.", extra={"field": "file"})
        try:
            with transaction.atomic():
                link = WorkOrderFile.objects.create(
                    work_order=work_order, file=stored_file, kind=kind, added_by=actor[:100]
                )
        except IntegrityError:  # attached by a parallel request a moment ago
            raise ApplicationError("This file is already attached to the work order.", extra={"field": "file"})
        _event(
            work_order,
            Event.FILE,
            actor=actor,
            actor_name=actor_name,
            message=f"Added {kind} {stored_file.original_name}.",
        )
    return link


def work_order_file_remove(*, link: WorkOrderFile, actor: str = "system", actor_name: str | None = None) -> None:
    """Takes the file off the work order (the stored file itself stays: core.files owns it). A "file" event."""
    with transaction.atomic():
        name = link.file.original_name
        wo = link.work_order
        kind = link.kind
        link.delete()
        _event(wo, Event.FILE, actor=actor, actor_name=actor_name, message=f"Removed {kind} {name}.")


def work_order_actual_cost_record(
    *, work_order: UnitsMaintenance, actual_cost, source: str, actor: str = "system", actor_name: str | None = None
) -> UnitsMaintenance:
    """Records what the work cost as billed (3.2: approving a vendor invoice writes the invoiced total here),
    without moving the order: any status but cancelled (a bill often arrives after the order is closed). Writes an
    "updated" event naming `source` ("invoice INV-1"). Unchanged cost: nothing written."""
    cost = _cost(actual_cost, "The actual cost", "actual_cost")
    with transaction.atomic():
        wo = _locked(work_order)
        if wo.status == UnitsMaintenance.Status.CANCELLED:
            raise ApplicationError(
                f"Work order {wo.work_order_number} is cancelled; an invoice can't put a cost on it.",
                extra={"field": "work_order"},
            )
        if wo.actual_cost == cost:
            return wo
        before = wo.actual_cost
        wo.actual_cost = cost
        wo.save(update_fields=["actual_cost", "updated_at"])
        was = f"{money(before)} → " if before is not None else ""
        _event(wo, Event.UPDATED, actor=actor, actor_name=actor_name,
               message=f"Actual cost: {was}{money(cost)} (from {source})."[:EVENT_TEXT_MAX])  # fmt: skip
    return wo


def work_order_responsibility_set(
    *,
    work_order: UnitsMaintenance,
    responsibility: str,
    confidence: int | None,
    reasoning: str,
    tenant_charge_amount: Decimal | None,
    evidence: dict,
) -> UnitsMaintenance:
    """Stores who pays for the work (a determination, or the coordinator's decision): the responsibility app's
    one way to write these columns."""
    if responsibility not in UnitsMaintenance.Responsibility.values:
        raise ApplicationError(f"Unknown responsibility {responsibility!r}.")
    if confidence is not None and not 0 <= int(confidence) <= 100:
        raise ApplicationError("Confidence must be between 0 and 100.")
    work_order.responsibility = responsibility
    work_order.responsibility_confidence = confidence
    work_order.responsibility_reasoning = reasoning or ""
    work_order.tenant_charge_amount = tenant_charge_amount
    work_order.responsibility_evidence = evidence or {}
    work_order.save(
        update_fields=[
            "responsibility",
            "responsibility_confidence",
            "responsibility_reasoning",
            "tenant_charge_amount",
            "responsibility_evidence",
            "updated_at",
        ]
    )
    return work_order


def work_order_responsibility_bulk_set(*, rows: list[tuple[UnitsMaintenance, dict]]) -> int:
    """The nightly determinations in one statement per batch: rows of (work order, {responsibility, confidence,
    reasoning, tenant_charge_amount, evidence})."""
    fields = [
        "responsibility",
        "responsibility_confidence",
        "responsibility_reasoning",
        "tenant_charge_amount",
        "responsibility_evidence",
    ]
    objs = []
    for wo, v in rows:
        wo.responsibility = v["responsibility"]
        wo.responsibility_confidence = v["confidence"]
        wo.responsibility_reasoning = v["reasoning"]
        wo.tenant_charge_amount = v["tenant_charge_amount"]
        wo.responsibility_evidence = v["evidence"]
        objs.append(wo)
    UnitsMaintenance.objects.bulk_update(objs, fields, batch_size=500)
    return len(objs)


def work_order_responsibility_disputed_set(*, work_order: UnitsMaintenance, disputed: bool) -> UnitsMaintenance:
    work_order.responsibility_disputed = disputed
    work_order.save(update_fields=["responsibility_disputed", "updated_at"])
    return work_order
