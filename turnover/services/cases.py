"""Opening turnover cases (spec 2.1 `auto_create_turnover_case`) and following the lease lifecycle.

A lease entering notice opens a case at Notice; a lease that goes vacant without an open case opens one at
Inspect (the tenant is gone: the inspection is next). On opening: the move-out inspection work order (through
units.services, scheduled 2 days before the expected move-out; an open one already on the unit, e.g. from the
command center, is reused, never a second), the default make-ready checklist with the estimate's costs, and the
make-ready estimate (turnover.estimate). Idempotent: a lease with an open case is left alone.

The lease lifecycle reaches here through tenants.signals.lease_status_changed (turnover.receivers -> the task ->
`turnover_leases_sync`): notice opens, vacant stamps the actual move-out (or opens at Inspect), a vacant lease
becoming active again (a new lease on the unit) moves the unit's open case to Leased.
"""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from tenants.lifecycle import ACTIVE, NOTICE, VACANT
from tenants.models import TenantLease
from turnover import estimate as est
from turnover import pipeline
from turnover.models import TurnoverCase, TurnoverChecklist
from turnover.services._common import Event, Stage, event
from units.models import UnitsMaintenance
from units.selectors import MOVE_OUT_INSPECTION_TITLE, open_work_orders_by_unit
from units.services import work_order_create

logger = logging.getLogger(__name__)

ACTOR = "system:turnover"
DAYS_PER_YEAR = Decimal("365.25")
RECENTLY_VACATED_DAYS = 45  # the demo backfill: units vacated this recently get a case (docs/decisions.md)


def tenure_years(lease: TenantLease, move_out: datetime.date) -> Decimal:
    start = lease.move_in_date or lease.lease_begin_date
    days = max((move_out - start).days, 0) if start else 0
    return (Decimal(days) / DAYS_PER_YEAR).quantize(Decimal("0.01"))


def past_turnover_costs(unit_ids) -> dict:
    """{unit_id: [actual make-ready cost, ...]} of the units' leased (closed) cases. One query."""
    out: dict = {}
    rows = TurnoverCase._base_manager.filter(
        unit_id__in=list(unit_ids), stage=Stage.LEASED, make_ready_actual_cost__gt=0
    ).values_list("unit_id", "make_ready_actual_cost")
    for unit_id, cost in rows:
        out.setdefault(unit_id, []).append(cost)
    return out


def case_estimate(lease: TenantLease, *, move_out: datetime.date, past_costs=()) -> est.Estimate:
    unit = lease.unit
    return est.make_ready_estimate(
        tenure_years=tenure_years(lease, move_out),
        square_feet=int(unit.square_feet or 0),
        bedrooms=int(unit.bedrooms or 0),
        past_turnover_costs=past_costs,
    )


def _inspection_work_order(lease: TenantLease, *, scheduled: datetime.date, today: datetime.date, existing_id):
    """The open move-out inspection of the unit (reused), else a new one through the units service."""
    if existing_id:
        return UnitsMaintenance.objects.get(pk=existing_id), False
    tenant = lease.tenant
    wo = work_order_create(
        unit=lease.unit,
        title=MOVE_OUT_INSPECTION_TITLE,
        category=UnitsMaintenance.Category.TURNOVER,
        priority=UnitsMaintenance.Priority.MEDIUM,
        description=(
            f"Move-out inspection with {tenant.first_name} {tenant.last_name}. Walk through with the tenant, compare "
            "with the move-in report, photograph each room and record the deposit deductions. Opened by the "
            "turnover pipeline."
        ),
        requested_date=today,
        scheduled_date=scheduled,
        reported_by="Turnover pipeline",
        lease=lease if lease.lease_status != VACANT else None,
        actor=ACTOR,
        actor_name="Turnover pipeline",
        today=today,
    )
    return wo, True


def _open_one(lease: TenantLease, *, stage: str, today: datetime.date, past_costs, existing_wo_id, actor: str):
    if lease.lease_status == VACANT:
        move_out = lease.actual_move_out_date or lease.notice_move_out_date or today
        expected = lease.notice_move_out_date or move_out
        actual = move_out
    else:
        expected = lease.notice_move_out_date or today
        actual = None
    notice_date = min(lease.notice_date or today, expected)
    estimate = case_estimate(lease, move_out=actual or expected, past_costs=past_costs)
    deposit = Decimal(lease.security_deposit or 0)
    with transaction.atomic():
        inspection = pipeline.inspection_date(expected_move_out=expected, today=today)
        wo, _created = _inspection_work_order(lease, scheduled=inspection, today=today, existing_id=existing_wo_id)
        case = TurnoverCase.objects.create(
            lease=lease,
            unit_id=lease.unit_id,
            property_id=lease.property_id,
            stage=stage,
            notice_date=notice_date,
            expected_move_out=expected,
            actual_move_out=actual,
            inspection_date=today if stage == Stage.INSPECT else None,
            inspection_work_order=wo,
            security_deposit=deposit,
            refund_amount=deposit,
            make_ready_estimated_cost=estimate.total,
            days_vacant=pipeline.days_vacant(actual_move_out=actual, expected_move_out=expected, today=today),
            target_days_to_lease=pipeline.TARGET_DAYS,
        )
        amounts = {line.category: line.amount for line in estimate.lines}
        TurnoverChecklist.objects.bulk_create(
            [
                TurnoverChecklist(
                    case=case,
                    category=item.category,
                    item=item.item,
                    estimated_cost=amounts.get(item.category, item.estimated_cost),
                )
                for item in est.DEFAULT_CHECKLIST
            ]
        )
        reason = "Notice given" if stage == Stage.NOTICE else "Moved out without a turnover case"
        event(case, Event.OPENED, actor=actor, to_stage=stage, reason=reason)
    return case


def turnover_cases_open(*, lease_ids, today: datetime.date | None = None, actor: str = ACTOR) -> list[TurnoverCase]:
    """Opens a case for each of these leases that is in notice (at Notice) or vacant (at Inspect) and has no open
    case. Returns the new cases. Fixed reads (leases, open cases, unit histories, open inspections), then one
    opening per new case."""
    today = today or timezone.localdate()
    ids = list(lease_ids)
    leases = list(
        TenantLease._base_manager.filter(pk__in=ids, lease_status__in=(NOTICE, VACANT)).select_related("tenant", "unit")
    )
    if not leases:
        return []
    has_open = set(
        TurnoverCase._base_manager.filter(lease_id__in=[le.pk for le in leases])
        .exclude(stage=Stage.LEASED)
        .values_list("lease_id", flat=True)
    )
    # a unit's open case under another lease (e.g. re-let then notice again before it was closed) is its own
    leases = [le for le in leases if le.pk not in has_open]
    if not leases:
        return []
    unit_ids = [le.unit_id for le in leases]
    open_unit_cases = set(
        TurnoverCase._base_manager.filter(unit_id__in=unit_ids)
        .exclude(stage=Stage.LEASED)
        .values_list("unit_id", flat=True)
    )
    costs = past_turnover_costs(unit_ids)
    inspections = open_work_orders_by_unit(
        unit_ids=unit_ids, category=UnitsMaintenance.Category.TURNOVER, titles=[MOVE_OUT_INSPECTION_TITLE]
    )
    opened = []
    for lease in leases:
        if lease.unit_id in open_unit_cases:
            continue  # the unit is already in the pipeline
        stage = Stage.NOTICE if lease.lease_status == NOTICE else Stage.INSPECT
        try:
            case = _open_one(
                lease,
                stage=stage,
                today=today,
                past_costs=costs.get(lease.unit_id, ()),
                existing_wo_id=inspections.get(lease.unit_id, {}).get(MOVE_OUT_INSPECTION_TITLE),
                actor=actor,
            )
        except IntegrityError:  # opened meanwhile by a concurrent run: one open case per lease
            logger.info("Turnover case for lease %s already open", lease.pk)
            continue
        open_unit_cases.add(lease.unit_id)
        opened.append(case)
    return opened


def turnover_moved_out(*, lease_ids, today: datetime.date | None = None, actor: str = ACTOR) -> int:
    """Leases that went vacant: their open case gets the actual move-out (one UPDATE); leases without one get a
    case at Inspect. Returns how many cases were stamped."""
    today = today or timezone.localdate()
    ids = list(lease_ids)
    stamped = 0
    for case in (
        TurnoverCase._base_manager.filter(lease_id__in=ids, actual_move_out__isnull=True)
        .exclude(stage=Stage.LEASED)
        .select_related("lease")
    ):
        case.actual_move_out = case.lease.actual_move_out_date or today
        case.days_vacant = pipeline.days_vacant(
            actual_move_out=case.actual_move_out, expected_move_out=case.expected_move_out, today=today
        )
        case.save(update_fields=["actual_move_out", "days_vacant", "updated_at"])
        event(case, Event.MOVED_OUT, actor=actor, reason=f"Moved out {case.actual_move_out.isoformat()}")
        stamped += 1
    turnover_cases_open(lease_ids=ids, today=today, actor=actor)
    return stamped


def turnover_new_leases_started(*, lease_ids, today: datetime.date | None = None, actor: str = ACTOR) -> int:
    """Leases that became active on a vacant unit (a new lease signed): the unit's open case moves to Leased,
    linked to that lease. Returns how many cases were closed."""
    from turnover.services.stages import turnover_stage_move

    today = today or timezone.localdate()
    leases = {
        le.unit_id: le
        for le in TenantLease._base_manager.filter(pk__in=list(lease_ids), lease_status=ACTIVE).only(
            "id", "unit_id", "lease_begin_date", "move_in_date"
        )
    }
    if not leases:
        return 0
    closed = 0
    for case in TurnoverCase._base_manager.filter(unit_id__in=list(leases)).exclude(stage=Stage.LEASED):
        lease = leases[case.unit_id]
        turnover_stage_move(
            case=case,
            stage=Stage.LEASED,
            actor=actor,
            reason="New lease started on the unit",
            new_lease=lease,
            force=True,
            today=today,
        )
        closed += 1
    return closed


def turnover_leases_sync(
    *, lease_ids, previous_status: str, new_status: str, today: datetime.date | None = None, actor: str = ACTOR
) -> str:
    """What the lifecycle's signal asks of turnover (see the module docstring)."""
    if new_status == NOTICE:
        return f"Opened {len(turnover_cases_open(lease_ids=lease_ids, today=today, actor=actor))} turnover cases."
    if new_status == VACANT:
        return f"Stamped the move-out on {turnover_moved_out(lease_ids=lease_ids, today=today, actor=actor)} cases."
    if new_status == ACTIVE and previous_status == VACANT:
        return f"Leased {turnover_new_leases_started(lease_ids=lease_ids, today=today, actor=actor)} cases."
    return "Nothing to do."


def turnover_cases_backfill(*, today: datetime.date | None = None, recent_days: int = RECENTLY_VACATED_DAYS) -> str:
    """Opens the cases the signal would have: every lease on notice, and every lease vacated in the last
    `recent_days` days whose unit has not been re-let (its most recent lease). Idempotent (run by `seed_demo`
    and `python manage.py turnover_open_cases`)."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=recent_days)
    notice = list(TenantLease._base_manager.filter(lease_status=NOTICE).values_list("id", flat=True))
    vacated = TenantLease._base_manager.filter(lease_status=VACANT, actual_move_out_date__gte=since).exclude(
        unit_id__in=TenantLease._base_manager.filter(Q(lease_status__in=(ACTIVE, NOTICE, "month_to_month"))).values(
            "unit_id"
        )
    )
    vacant = list(vacated.values_list("id", flat=True))
    opened = turnover_cases_open(lease_ids=notice, today=today) + turnover_cases_open(lease_ids=vacant, today=today)
    return f"Opened {len(opened)} turnover cases ({len(notice)} leases on notice, {len(vacant)} recently vacated)."
