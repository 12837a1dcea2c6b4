"""Stage moves (one service for every move: the board's drag, the detail's buttons, the lifecycle's signal) and
the make-ready checklist."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from core.exceptions import ApplicationError
from core.fields import parse_money
from tenants.lifecycle import ACTIVE, MONTH_TO_MONTH
from tenants.models import TenantLease
from turnover import pipeline
from turnover.estimate import CATEGORY_LABELS
from turnover.models import TurnoverCase, TurnoverChecklist
from turnover.services._common import Event, Stage, event, lock
from units.models import UnitsMaintenance
from units.services import work_order_create

ITEM_COST_MAX = Decimal("999999.99")  # the checklist's cost columns (8 digits, 2 decimals)


def _new_lease_for(case: TurnoverCase) -> TenantLease | None:
    """The unit's lease that started after the case opened: another lease of the unit in occupancy, or the case's
    own lease row re-let (vacant -> active) since. None when the unit has no new lease yet."""
    qs = TenantLease._base_manager.filter(unit_id=case.unit_id, lease_status__in=(ACTIVE, MONTH_TO_MONTH))
    return qs.exclude(pk=case.lease_id).order_by("-lease_begin_date").first() or (
        qs.filter(pk=case.lease_id, lease_status_changed_at__gt=case.created_at).first()
    )


def turnover_stage_move(
    *,
    case: TurnoverCase,
    stage: str,
    actor: str,
    reason: str = "",
    new_lease: TenantLease | None = None,
    force: bool = False,
    today: datetime.date | None = None,
) -> TurnoverCase:
    """Moves the case to `stage`: forward one stage (stamping its date), or back with a reason (logged; later
    stages' dates cleared). `leased` links the new lease (given, else the unit's lease that started since the
    case opened; refused when there is none). `force` (the system, on a new lease) may skip stages forward.
    Refusals are 400 with `allowed` (the stages the case may move to)."""
    today = today or timezone.localdate()
    reason = (reason or "").strip()
    with transaction.atomic():
        case = lock(case)
        current = case.stage
        problem = pipeline.move_problem(current, stage, reason=reason, force=force)
        if problem:
            raise ApplicationError(problem, extra={"field": "stage", "allowed": allowed_moves(current)})
        forward = pipeline.index(stage) > pipeline.index(current)
        fields = {"stage", "updated_at"}
        if forward:
            for name in pipeline.dates_to_stamp(current, stage):
                if getattr(case, name) is None or name != "make_ready_complete":
                    setattr(case, name, today)
                fields.add(name)
            if stage == Stage.LEASED:
                lease = new_lease or _new_lease_for(case)
                if lease is None:
                    raise ApplicationError(
                        "Leased is set when the unit's new lease starts: sign the new lease first.",
                        extra={"field": "stage", "allowed": allowed_moves(current)},
                    )
                case.new_lease = lease
                case.leased_date = today
                case.days_vacant = pipeline.days_vacant(
                    actual_move_out=case.actual_move_out,
                    expected_move_out=case.expected_move_out,
                    today=today,
                    leased_date=case.leased_date,
                )
                fields |= {"new_lease", "leased_date", "days_vacant"}
        else:
            for name in pipeline.dates_to_clear(stage):
                setattr(case, name, None)
                fields.add(name)
            if current == Stage.LEASED:
                case.new_lease = None
                fields.add("new_lease")
        case.stage = stage
        try:
            with transaction.atomic():
                case.save(update_fields=sorted(fields))
        except IntegrityError:
            raise ApplicationError(
                "This lease already has another open turnover case.", extra={"field": "stage"}
            ) from None
        kind = Event.LEASED if stage == Stage.LEASED else (Event.FORWARD if forward else Event.BACK)
        event(case, kind, actor=actor, reason=reason, from_stage=current, to_stage=stage)
    return case


def allowed_moves(stage: str) -> list[dict]:
    """[{stage, direction, reason_required}] from `stage`: the next one, and every earlier one (with a reason)."""
    out = []
    nxt = pipeline.next_stage(stage)
    if nxt:
        out.append({"stage": nxt, "direction": "forward", "reason_required": False})
    for earlier in reversed(pipeline.previous_stages(stage)):
        out.append({"stage": earlier, "direction": "back", "reason_required": True})
    return out


def _recompute_actual_cost(case: TurnoverCase) -> None:
    total = TurnoverChecklist.objects.filter(case=case).aggregate(t=Sum("actual_cost"))["t"] or Decimal("0.00")
    TurnoverCase.objects.filter(pk=case.pk).update(make_ready_actual_cost=total, updated_at=timezone.now())
    case.make_ready_actual_cost = total


def _vendor(vendor_id):
    model = TurnoverChecklist._meta.get_field("vendor").related_model
    if vendor_id is None:
        return None
    found = model.objects.filter(pk=vendor_id).first()
    if found is None:
        raise ApplicationError("Vendor not found.", extra={"field": "vendor"})
    if not found.is_active:
        raise ApplicationError(f"{found.name} is no longer an active vendor.", extra={"field": "vendor"})
    return found


UNSET = object()


def checklist_item_update(
    *,
    item: TurnoverChecklist,
    actor: str,
    actor_name: str = "",
    completed: bool | None = None,
    actual_cost=None,
    vendor=UNSET,
    create_work_order: bool = False,
    today: datetime.date | None = None,
) -> TurnoverChecklist:
    """Completes / reopens an item, records its actual cost (Decimal, 0 to 999,999.99) and vendor, and with
    `create_work_order` opens its make-ready work order (turnover category, through units.services; once).
    The case's actual make-ready cost is the sum of its items' actual costs."""
    today = today or timezone.localdate()
    with transaction.atomic():
        case = lock(item.case)
        item = TurnoverChecklist.objects.select_for_update().get(pk=item.pk)
        fields = set()
        if completed is not None and completed != item.completed:
            item.completed = completed
            item.completed_at = timezone.now() if completed else None
            item.completed_by = (actor_name or actor)[:100] if completed else ""
            fields |= {"completed", "completed_at", "completed_by"}
        if actual_cost is not None:
            amount = parse_money(actual_cost, label="The actual cost", min_value=Decimal("0"))
            if amount > ITEM_COST_MAX:
                raise ApplicationError("The actual cost can be at most $999,999.99.", extra={"field": "actual_cost"})
            item.actual_cost = amount
            fields.add("actual_cost")
        if vendor is not UNSET:
            item.vendor = _vendor(vendor)
            fields.add("vendor")
        if create_work_order and item.work_order_id is None:
            item.work_order = work_order_create(
                unit=case.unit,
                title=f"Make ready: {item.item}"[:200],
                category=UnitsMaintenance.Category.TURNOVER,
                description=f"Turnover make-ready item ({CATEGORY_LABELS.get(item.category, item.category)}).",
                requested_date=today,
                estimated_cost=item.estimated_cost,
                assigned_vendor=item.vendor,
                lease=None,
                tenant=None,
                actor=actor,
                actor_name=actor_name or None,
                today=today,
            )
            fields.add("work_order")
        if fields:
            item.save(update_fields=sorted(fields | {"updated_at"}))
        if "actual_cost" in fields:
            _recompute_actual_cost(case)
    return item
