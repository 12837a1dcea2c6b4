"""The turnover board's history for the demo (spec 2.1): cases at every stage of the pipeline, written after the
portfolio is seeded, through the turnover, tenants and units services (the same calls the board, the lease
lifecycle and its signal make), each run "as of" the day it happened.

- Units vacated in the last 45 days (the cases `turnover_cases_backfill` opens) and a quarter of those vacated 46-120
  days ago: opened at Inspect on the move-out day, the inspection work order completed, deductions recorded, the
  make-ready checklist worked through (actual costs), listed when the work is done; most statements sent within a
  couple of weeks, a few left overdue. Some make-readies drag on (a flooring back-order, a contractor no-show): the
  daily agent flags those past 30 days vacant as delayed.
- Leased: a few units re-let in the last 75 days (current leases whose tenant moved in at the lease start). Their
  previous tenancy is replayed on the lease row: the previous tenant (a new fictional tenant) gives notice, which
  opens the case at Notice, moves out, the unit is made ready and listed, the statement is sent to them, and the
  lease is re-let to today's tenant on today's terms, which closes the case as Leased. The lease ends as it was
  seeded (same tenant, dates, rent, deposit, status): the lifecycle counts (2,841 / 1,146 / 87 / 279) do not move.
- The 87 leases on notice stay at Notice (opened by `turnover_cases_backfill`, as the signal would have).

Then `turnover.update_vacancy_days` once (days vacant, the delay flags and their notifications, overdue statements).
The services stamp their own clock on log rows (events, status logs, checklist completions, the delay flag): those
timestamps are moved back to the simulated day, nothing else is written directly. Its own random stream
(seed + 2101), so the portfolio's rows do not move; deterministic per (seed, today). Email and AI offline: the
statements land in the outbox, the letters are the offline template.
"""

from __future__ import annotations

import datetime
import random
import uuid
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import F, Q
from django.utils import timezone

from core.models import OutboxMessage
from demo import reference as ref
from demo.seeding.common import _slug
from tenants.lifecycle import ACTIVE, MONTH_TO_MONTH, NOTICE, VACANT
from tenants.models import LeaseStatusLog, TenantLease, Tenants
from tenants.services import lease_transition
from turnover import estimate as est
from turnover import pipeline
from turnover.models import TurnoverCase, TurnoverChecklist, TurnoverEvent
from turnover.services import (
    checklist_item_update,
    deduction_add,
    letter_generate,
    letter_send,
    turnover_cases_backfill,
    turnover_cases_open,
    turnover_moved_out,
    turnover_stage_move,
    turnover_vacancy_days_update,
)
from units.models import UnitsMaintenance
from units.services import work_order_transition

ACTOR = "demo:turnover"
RECENT_DAYS = 45  # turnover.services.cases.RECENTLY_VACATED_DAYS: every unit vacated since gets a case
LISTED_DETAIL_SHARE = 0.12  # Listed cases worked in detail (deductions, checklist); see _make_ready
LISTED_STATEMENTS = 2  # of which this many have their deposit statement sent (a PDF each: the seed's time)
RELET_WINDOW = (3, 29)  # leases begun this many days ago (the board shows 30 days of Leased) on a re-let unit
RELET_SHARE, RELET_MAX = 0.4, 6
CENT = Decimal("0.01")

# (category, description, amount range, useful-life item, age range in years)
DEDUCTIONS = (
    ("cleaning", "Oven, refrigerator and bathroom left dirty: extra cleaning", (85, 220), "", None),
    ("wall_damage", "Holes patched and painted in the living room wall", (90, 280), "", None),
    ("wall_damage", "Bedroom door dented; patched and refinished", (75, 190), "", None),
    ("carpet", "Pet stains in the bedroom carpet: replaced", (650, 1500), "carpet", (2, 9)),
    ("paint", "Crayon and smoke marks: living room repainted", (280, 520), "interior_paint", (1, 2.8)),
    ("appliance_repair", "Broken refrigerator crisper drawer replaced", (45, 95), "", None),
    ("appliance_repair", "Dishwasher door hinge bent: repaired", (90, 160), "", None),
    ("flooring", "Deep scratches in the entry vinyl plank: boards replaced", (300, 780), "vinyl_flooring", (2, 7)),
    ("other", "Keys and garage remote not returned: locks re-keyed", (60, 140), "", None),
    ("other", "Furniture and trash left behind: hauled away", (120, 350), "", None),
)
STUCK_REASONS = (
    "Flooring back-ordered",
    "Painter rescheduled twice",
    "Water damage found under the sink",
    "Waiting on a new range",
)


def _money(rng: random.Random, low, high) -> Decimal:
    return (Decimal(rng.randint(int(low * 20), int(high * 20))) * 5 / 100).quantize(CENT)


class _Clock:
    """Moves the log rows a service call just wrote (stamped with the real clock) back to the simulated day."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.now = timezone.now()

    def at(self, day: datetime.date, hour: int | None = None) -> datetime.datetime:
        hour = hour if hour is not None else self.rng.randint(9, 17)
        when = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, self.rng.randint(0, 59))))
        return min(when, self.now)

    def mark(self) -> datetime.datetime:
        return timezone.now()

    def backdate(self, case_id, since: datetime.datetime, when: datetime.datetime) -> None:
        TurnoverEvent.objects.filter(case_id=case_id, created_at__gte=since).update(created_at=when)


def _complete_inspection(case: TurnoverCase, day: datetime.date) -> None:
    wo = case.inspection_work_order
    if wo is None or wo.status not in (UnitsMaintenance.Status.OPEN, UnitsMaintenance.Status.ASSIGNED):
        return
    wo = work_order_transition(work_order=wo, status="in_progress", actor=ACTOR, actor_name="Leasing office", today=day)
    work_order_transition(
        work_order=wo,
        status="completed",
        actual_cost=Decimal("0"),
        completed_date=day,
        technician_notes="Walked the unit, photographed each room, deductions recorded on the turnover case.",
        actor=ACTOR,
        actor_name="Leasing office",
        today=day,
    )


def _deductions(rng: random.Random, case: TurnoverCase, *, approved_share: float) -> None:
    for category, description, (low, high), life_item, ages in rng.sample(DEDUCTIONS, k=rng.choice((0, 1, 1, 2, 2, 3))):
        age = None
        if life_item:
            age = Decimal(str(round(rng.uniform(*ages), 1)))
        deduction_add(
            case=case,
            category=category,
            description=description,
            amount=_money(rng, low, high),
            life_item=life_item,
            item_age_years=age,
            approved=rng.random() < approved_share,
        )


def _work_checklist(rng: random.Random, clock: _Clock, case: TurnoverCase, *, done: int, day: datetime.date) -> None:
    items = list(TurnoverChecklist.objects.filter(case=case).order_by("category", "item"))
    for item in items[:done]:
        cost = (item.estimated_cost * Decimal(str(rng.uniform(0.8, 1.3)))).quantize(CENT, rounding=ROUND_HALF_UP)
        checklist_item_update(
            item=item, actor=ACTOR, actor_name="Make-ready crew", completed=True, actual_cost=cost, today=day
        )
    if done:
        TurnoverChecklist.objects.filter(case=case, completed=True).update(completed_at=clock.at(day))


def _move(clock: _Clock, case: TurnoverCase, stage: str, day: datetime.date, **kwargs) -> TurnoverCase:
    since = clock.mark()
    case = turnover_stage_move(case=case, stage=stage, actor=ACTOR, today=day, **kwargs)
    clock.backdate(case.pk, since, clock.at(day))
    return case


def _statement(clock: _Clock, case: TurnoverCase, day: datetime.date) -> None:
    since = clock.mark()
    letter_generate(case=case, actor=ACTOR, today=day)
    sent = letter_send(case=case, actor=ACTOR, today=day)
    when = clock.at(day)
    clock.backdate(case.pk, since, when)
    TurnoverCase.objects.filter(pk=case.pk).update(letter_generated_at=when, letter_sent_at=when)
    OutboxMessage.objects.filter(pk=sent.letter_message_id).update(created_at=when)  # the Messages screen's date


def _make_ready(
    rng: random.Random,
    clock: _Clock,
    case: TurnoverCase,
    *,
    move_out: datetime.date,
    until: datetime.date,
    detail: bool | None = None,
) -> tuple[TurnoverCase, datetime.date | None, bool]:
    """From Inspect (on the move-out day) as far as the days up to `until` allow: Make Ready, then Listed. A case
    worked in `detail` (every Make Ready; a sample of the Listed, `detail=None`) also gets its inspection work order
    completed, its deductions and its checklist; the other Listed cases only their stage moves (the seed's time).
    Returns the case, its listed date (None while making ready) and whether it was worked in detail."""
    inspected = move_out + datetime.timedelta(days=rng.randint(0, 3))
    start = inspected + datetime.timedelta(days=rng.randint(2, 4))
    stuck = rng.random() < 0.12
    ready = start + datetime.timedelta(days=rng.randint(34, 55) if stuck else rng.randint(6, 14))
    if start > until:
        return case, None, False
    listed = ready <= until
    if detail is None:
        detail = not listed or rng.random() < LISTED_DETAIL_SHARE
    if detail:
        _complete_inspection(case, inspected)
        _deductions(rng, case, approved_share=0.9 if listed else 0.6)
    case = _move(clock, case, pipeline.MAKE_READY, start)
    items = len(est.DEFAULT_CHECKLIST)
    if not listed:
        elapsed = (until - start).days / max((ready - start).days, 1)
        _work_checklist(rng, clock, case, done=min(items - 1, int(items * elapsed)), day=until)
        return case, None, detail
    if detail:
        _work_checklist(rng, clock, case, done=items, day=ready)
    reason = f"{rng.choice(STUCK_REASONS)}; make-ready done" if stuck else ""
    case = _move(clock, case, pipeline.LISTED, ready, reason=reason)
    return case, ready, detail


def _vacant_cases(rng: random.Random, clock: _Clock, *, today: datetime.date) -> dict:
    """Every unit vacated in the last 45 days and not re-let (`turnover_cases_backfill`'s), oldest first."""
    occupied_units = TenantLease._base_manager.filter(lease_status__in=(ACTIVE, MONTH_TO_MONTH, NOTICE)).values(
        "unit_id"
    )
    leases = list(
        TenantLease._base_manager.filter(
            lease_status=VACANT, actual_move_out_date__gte=today - datetime.timedelta(days=RECENT_DAYS)
        )
        .exclude(unit_id__in=occupied_units)
        .exclude(turnover_cases__isnull=False)
        .order_by("actual_move_out_date", "lease_number")
    )
    by_day: dict[datetime.date, list] = {}
    for lease in leases:
        by_day.setdefault(lease.actual_move_out_date, []).append(lease.pk)
    counts = {"opened": 0, "statements": 0}
    for move_out, ids in by_day.items():
        since = clock.mark()
        opened = sorted(
            turnover_cases_open(lease_ids=ids, today=move_out, actor=ACTOR), key=lambda c: c.lease.lease_number
        )
        for case in opened:
            clock.backdate(case.pk, since, clock.at(move_out))
        for case in opened:
            counts["opened"] += 1
            case, listed, detail = _make_ready(rng, clock, case, move_out=move_out, until=today)
            sent_on = move_out + datetime.timedelta(days=rng.randint(10, 16))
            if listed and detail and sent_on <= today and counts["statements"] < LISTED_STATEMENTS:
                _statement(clock, case, sent_on)
                counts["statements"] += 1
    return counts


def _previous_tenant(rng: random.Random, n: int) -> Tenants:
    first, last = rng.choice(ref.FIRST_NAMES), rng.choice(ref.LAST_NAMES)
    return Tenants.objects.create(
        id=uuid.UUID(int=rng.getrandbits(128), version=4),
        first_name=first,
        last_name=last,
        email=f"{_slug(first)}.{_slug(last)}.prev{n}@example.com",
        preferred_contact="email",
    )


def _relet_cases(rng: random.Random, clock: _Clock, *, today: datetime.date) -> int:
    """Replays the previous tenancy of a few recently re-let units (see the module docstring)."""
    low, high = (today - datetime.timedelta(days=d) for d in reversed(RELET_WINDOW))
    candidates = list(
        TenantLease._base_manager.filter(
            lease_status=ACTIVE,
            status=TenantLease.Status.ACTIVE,
            lease_begin_date__range=(low, high),
            move_in_date=F("lease_begin_date"),
            lease_end_date__gt=today,
        )
        .filter(Q(notice_date__isnull=True) & Q(actual_move_out_date__isnull=True))
        .select_related("tenant")
        .order_by("lease_number")
    )
    chosen = rng.sample(candidates, k=min(RELET_MAX, int(len(candidates) * RELET_SHARE), len(candidates)))
    done = 0
    for n, lease in enumerate(sorted(chosen, key=lambda le: le.lease_number), start=1):
        now_terms = {
            "tenant": lease.tenant,
            "lease_begin_date": lease.lease_begin_date,
            "lease_end_date": lease.lease_end_date,
            "move_in_date": lease.move_in_date,
            "monthly_rent_amount": lease.monthly_rent_amount,
            "security_deposit": lease.security_deposit,
        }
        begin = lease.lease_begin_date
        move_out = begin - datetime.timedelta(days=rng.randint(14, 30))
        notice = move_out - datetime.timedelta(days=rng.randint(30, 45))
        previous_begin = notice - datetime.timedelta(days=rng.randint(300, 800))
        # The row as it stood during the previous tenancy (the seed writes lease rows; the moves below are services).
        TenantLease._base_manager.filter(pk=lease.pk).update(
            tenant=_previous_tenant(rng, n),
            lease_begin_date=previous_begin,
            lease_end_date=move_out,
            move_in_date=previous_begin,
            monthly_rent_amount=(lease.monthly_rent_amount * Decimal("0.96")).quantize(Decimal("1")).quantize(CENT),
        )
        logs = []
        lease = lease_transition(
            lease=lease,
            to_status=NOTICE,
            actor=ACTOR,
            reason="Tenant gave notice",
            when=clock.at(notice),
            notice_date=notice,
            notice_move_out_date=move_out,
        )
        logs.append(clock.at(notice))
        since = clock.mark()
        case = turnover_cases_open(lease_ids=[lease.pk], today=notice, actor=ACTOR)[0]
        clock.backdate(case.pk, since, clock.at(notice))
        lease = lease_transition(
            lease=lease,
            to_status=VACANT,
            actor=ACTOR,
            reason="Tenant moved out",
            when=clock.at(move_out),
            actual_move_out_date=move_out,
        )
        logs.append(clock.at(move_out))
        since = clock.mark()
        turnover_moved_out(lease_ids=[lease.pk], today=move_out, actor=ACTOR)
        case = _move(clock, TurnoverCase.objects.get(pk=case.pk), pipeline.INSPECT, move_out)
        clock.backdate(case.pk, since, clock.at(move_out))
        until = begin - datetime.timedelta(days=2)
        case, listed, _ = _make_ready(rng, clock, case, move_out=move_out, until=until, detail=True)
        if listed is None:  # ready the day before the new tenant moved in
            case = TurnoverCase.objects.get(pk=case.pk)
            if case.stage == pipeline.INSPECT:
                case = _move(clock, case, pipeline.MAKE_READY, move_out + datetime.timedelta(days=1))
            day = begin - datetime.timedelta(days=1)
            _work_checklist(rng, clock, case, done=TurnoverChecklist.objects.filter(case=case).count(), day=day)
            case = _move(clock, TurnoverCase.objects.get(pk=case.pk), pipeline.LISTED, day)
        _statement(clock, case, move_out + datetime.timedelta(days=rng.randint(5, 12)))
        lease = lease_transition(
            lease=lease,
            to_status=ACTIVE,
            actor=ACTOR,
            reason="New lease signed",
            when=clock.at(begin),
            from_statuses=(VACANT,),
            **now_terms,
        )
        logs.append(clock.at(begin))
        _move(clock, TurnoverCase.objects.get(pk=case.pk), pipeline.LEASED, begin, new_lease=lease, force=True)
        for log, when in zip(LeaseStatusLog.objects.filter(lease=lease).order_by("created_at"), logs, strict=False):
            LeaseStatusLog.objects.filter(pk=log.pk).update(created_at=when)
        done += 1
    return done


def _opened_and_delayed(clock: _Clock) -> None:
    """The cases' own timestamps: opened when their first event says; flagged delayed the day they passed 30 days
    vacant (the agent stamps its run)."""
    first = {}
    for case_id, created in TurnoverEvent.objects.order_by("created_at").values_list("case_id", "created_at"):
        first.setdefault(case_id, created)
    cases = list(TurnoverCase._base_manager.all())
    for case in cases:
        case.created_at = first.get(case.pk, case.created_at)
        if case.delayed_at is not None:
            move_out = case.actual_move_out or case.expected_move_out
            case.delayed_at = clock.at(move_out + datetime.timedelta(days=pipeline.DELAY_DAYS + 1), hour=1)
    TurnoverCase._base_manager.bulk_update(cases, ["created_at", "delayed_at"], batch_size=500)
    delayed = {c.pk: c.delayed_at for c in cases if c.delayed_at is not None}
    rows = list(TurnoverEvent.objects.filter(kind=TurnoverEvent.Kind.DELAYED))
    for row in rows:
        row.created_at = delayed.get(row.case_id, row.created_at)
    TurnoverEvent.objects.bulk_update(rows, ["created_at"], batch_size=500)


def _backfill(clock: _Clock, *, today: datetime.date) -> str:
    """The leases on notice (and any recently vacated unit left without a case), as the signal would have opened
    them: `turnover_cases_backfill`, its "opened" rows dated the day of the notice (or the move-out)."""
    since = clock.mark()
    summary = turnover_cases_backfill(today=today)
    rows = list(
        TurnoverEvent.objects.filter(created_at__gte=since, kind=TurnoverEvent.Kind.OPENED).select_related("case")
    )
    for row in rows:
        day = row.case.notice_date if row.to_stage == pipeline.NOTICE else (row.case.actual_move_out or today)
        row.created_at = clock.at(min(day, today))
    TurnoverEvent.objects.bulk_update(rows, ["created_at"], batch_size=500)
    return summary


def turnover_demo_seed(*, seed: int = 42, today: datetime.date | None = None) -> str:
    """The whole turnover board (see the module docstring); returns a one-line summary."""
    today = today or timezone.localdate()
    rng = random.Random(seed + 2101)
    clock = _Clock(rng)
    vacant = _vacant_cases(rng, clock, today=today)
    leased = _relet_cases(rng, clock, today=today)
    _backfill(clock, today=today)
    agent = turnover_vacancy_days_update(today=today)
    _opened_and_delayed(clock)
    stages = dict.fromkeys(pipeline.STAGES, 0)
    for stage in TurnoverCase._base_manager.values_list("stage", flat=True):
        stages[stage] += 1
    by_stage = ", ".join(f"{pipeline.STAGE_LABELS[s]} {n}" for s, n in stages.items())
    return (
        f"{sum(stages.values())} cases: {by_stage} ({vacant['statements'] + leased} deposit statements sent). {agent}"
    )
