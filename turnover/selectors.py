"""Turnover reads, scoped by the caller's properties (ScopedManager): the list, one case, the Kanban board and the
pipeline stats. Each a fixed number of queries."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Avg, Count, F, Func, IntegerField, Q, QuerySet, Sum
from django.utils import timezone

from core.utils import parse_uuid
from turnover import pipeline
from turnover.models import TurnoverCase, TurnoverChecklist, TurnoverDeduction, TurnoverEvent

Stage = TurnoverCase.Stage
LEASED_SHOWN_DAYS = 30  # the board's Leased column: cases leased in the last 30 days
COLUMN_MAX = 200  # cards per column on the board (the count says how many there are)


class DaysBetween(Func):
    """Whole days from `start` to `end` (two date expressions; negative when end is earlier), on PostgreSQL and
    SQLite alike."""

    output_field = IntegerField()

    def __init__(self, end, start):
        super().__init__(end, start)

    def as_sql(self, compiler, connection, **extra):
        (end_sql, end_params), (start_sql, start_params) = (compiler.compile(e) for e in self.source_expressions)
        params = [*end_params, *start_params]
        if connection.vendor == "postgresql":
            return f"(({end_sql})::date - ({start_sql})::date)", params
        return f"CAST(julianday({end_sql}) - julianday({start_sql}) AS INTEGER)", params


def case_list() -> QuerySet[TurnoverCase]:
    """Every case the caller may see, with what a card shows (unit, property, tenant, inspection, checklist
    progress)."""
    return TurnoverCase.objects.select_related(
        "unit", "property", "lease__tenant", "inspection_work_order", "new_lease"
    ).annotate(
        checklist_total=Count("checklist_items", distinct=True),
        checklist_done=Count("checklist_items", filter=Q(checklist_items__completed=True), distinct=True),
    )


def case_get(*, case_id) -> TurnoverCase | None:
    pk = parse_uuid(case_id)
    if pk is None:
        return None
    return case_list().select_related("inspection").filter(pk=pk).first()


def case_children(case: TurnoverCase) -> dict:
    """The case's deductions, checklist and log (three queries)."""
    return {
        "deductions": list(TurnoverDeduction.objects.filter(case=case).select_related("photo").order_by("created_at")),
        "checklist": list(
            TurnoverChecklist.objects.filter(case=case)
            .select_related("vendor", "work_order")
            .order_by("created_at", "category")
        ),
        "events": list(TurnoverEvent.objects.filter(case=case).order_by("created_at")),
    }


def deduction_get(*, case: TurnoverCase, deduction_id) -> TurnoverDeduction | None:
    pk = parse_uuid(deduction_id)
    return TurnoverDeduction.objects.filter(case=case, pk=pk).select_related("case").first() if pk else None


def checklist_item_get(*, case: TurnoverCase, item_id) -> TurnoverChecklist | None:
    pk = parse_uuid(item_id)
    return TurnoverChecklist.objects.filter(case=case, pk=pk).select_related("case").first() if pk else None


def is_delayed(case: TurnoverCase) -> bool:
    return case.stage != Stage.LEASED and pipeline.is_delayed(case.days_vacant)


def days_in_pipeline(case: TurnoverCase, today: datetime.date) -> int:
    return max(((case.leased_date or today) - case.notice_date).days, 0)


def kanban(*, qs: QuerySet[TurnoverCase], today: datetime.date | None = None) -> dict:
    """Open cases by stage, and cases leased in the last 30 days; the header's active count, delayed count and
    average days in the pipeline of the active cases. Two queries (counts, cards)."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=LEASED_SHOWN_DAYS)
    shown = qs.filter(~Q(stage=Stage.LEASED) | Q(leased_date__gte=since))
    counts = {row["stage"]: row["n"] for row in shown.order_by().values("stage").annotate(n=Count("id", distinct=True))}
    cards = list(shown.order_by("expected_move_out", "unit__unit_number"))
    columns = {s: [] for s in pipeline.STAGES}
    for case in cards:
        if len(columns[case.stage]) < COLUMN_MAX:
            columns[case.stage].append(case)
    active = [c for c in cards if c.stage != Stage.LEASED]
    avg = round(sum(days_in_pipeline(c, today) for c in active) / len(active), 1) if active else None
    return {
        "columns": [
            {"stage": s, "label": pipeline.STAGE_LABELS[s], "count": counts.get(s, 0), "cases": columns[s]}
            for s in pipeline.STAGES
        ],
        "active": sum(n for s, n in counts.items() if s != Stage.LEASED),
        "delayed": sum(1 for c in active if is_delayed(c)),
        "avg_days_active": avg,
        "target_days": pipeline.TARGET_DAYS,
        "delay_days": pipeline.DELAY_DAYS,
    }


def dashboard_stats(*, qs: QuerySet[TurnoverCase] | None = None, today: datetime.date | None = None) -> dict:
    """Count per stage, average days notice -> leased (leased cases), make-ready estimated vs actual cost (all
    cases, and the cases with actual costs recorded), active and delayed counts. Three queries."""
    today = today or timezone.localdate()
    qs = TurnoverCase.objects.all() if qs is None else qs
    base = qs.order_by()
    by_stage = {s: 0 for s in pipeline.STAGES}
    for row in base.values("stage").annotate(n=Count("id")):
        by_stage[row["stage"]] = row["n"]
    leased = base.filter(stage=Stage.LEASED, leased_date__isnull=False)
    avg_leased = leased.aggregate(avg=Avg(DaysBetween(F("leased_date"), F("notice_date"))))["avg"]
    costs = base.aggregate(
        estimated=Sum("make_ready_estimated_cost"),
        actual=Sum("make_ready_actual_cost"),
        estimated_with_actual=Sum("make_ready_estimated_cost", filter=Q(make_ready_actual_cost__gt=0)),
        with_actual=Count("id", filter=Q(make_ready_actual_cost__gt=0)),
        delayed=Count("id", filter=~Q(stage=Stage.LEASED) & Q(days_vacant__gt=pipeline.DELAY_DAYS)),
        avg_vacant=Avg("days_vacant", filter=~Q(stage=Stage.LEASED)),
    )
    zero = Decimal("0.00")
    return {
        "by_stage": by_stage,
        "active": sum(n for s, n in by_stage.items() if s != Stage.LEASED),
        "delayed": costs["delayed"] or 0,
        "avg_days_notice_to_leased": round(float(avg_leased), 1) if avg_leased is not None else None,
        "avg_days_vacant_active": round(float(costs["avg_vacant"]), 1) if costs["avg_vacant"] is not None else None,
        "target_days": pipeline.TARGET_DAYS,
        "make_ready_estimated_total": costs["estimated"] or zero,
        "make_ready_actual_total": costs["actual"] or zero,
        "make_ready_estimated_with_actual": costs["estimated_with_actual"] or zero,
        "cases_with_actual_cost": costs["with_actual"] or 0,
    }
