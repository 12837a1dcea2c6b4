"""`turnover.update_vacancy_days` (01:00 UTC daily): days vacant, the delay flag and overdue deposit statements,
set-based: a fixed number of statements whatever the number of cases, idempotent (a second run the same day
writes nothing and raises nothing).

1. One UPDATE: every open case's days vacant = today - move-out (the actual one, else the expected one), at least
   0, only where it changed.
2. Newly delayed cases (days vacant past pipeline.DELAY_DAYS, not flagged yet): one SELECT, their notifications
   in one insert (core.notifications, one per case, deduplicated by key), one UPDATE stamping `delayed_at`, their
   log rows in one insert.
3. Overdue statements: moved-out cases whose letter is not sent: one SELECT, the deposit rules of their
   properties in one query, the statutory deadline per case in memory, one notification per overdue case (once,
   by key).
"""

from __future__ import annotations

import datetime

from django.db.models import DateField, F, Q, Value
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from core.notifications.services import notifications_create_many
from properties.selectors import deposit_return_rules_for_properties
from turnover import pipeline
from turnover.models import TurnoverCase, TurnoverEvent
from turnover.selectors import DaysBetween
from turnover.services._common import Event, Stage
from turnover.services.letters import deadline_from_rule

LETTER_LOOKBACK_DAYS = 400  # moved-out cases older than this are left to history


def days_vacant_expression(today: datetime.date):
    return Greatest(
        DaysBetween(Value(today, output_field=DateField()), Coalesce(F("actual_move_out"), F("expected_move_out"))),
        Value(0),
    )


def _open():
    return TurnoverCase._base_manager.exclude(stage=Stage.LEASED)


def turnover_vacancy_days_update(*, today: datetime.date | None = None) -> str:
    today = today or timezone.localdate()
    now = timezone.now()
    expr = days_vacant_expression(today)
    updated = _open().filter(~Q(days_vacant=expr)).update(days_vacant=expr)

    delayed_q = Q(days_vacant__gt=pipeline.DELAY_DAYS, delayed_at__isnull=True)
    newly = list(
        _open().filter(delayed_q).values_list("id", "property_id", "unit__unit_number", "property__name", "days_vacant")
    )
    notes = [
        {
            "kind": "turnover_delayed",
            "severity": "warning",
            "title": f"Turnover delayed: unit {unit} at {prop_name}, {days} days vacant",
            "body": (
                f"Unit {unit} has been vacant {days} days, past the {pipeline.DELAY_DAYS}-day delay mark "
                f"(target {pipeline.TARGET_DAYS} days)."
            ),
            "link": f"/turnover/{pk}",
            "dedupe_key": f"turnover:delayed:{pk}",
            "property_id": prop_id,
            "permission": "view_portfolio",
        }
        for pk, prop_id, unit, prop_name, days in newly
    ]
    raised = notifications_create_many(notes)
    if newly:
        _open().filter(delayed_q).update(delayed_at=now)
        TurnoverEvent.objects.bulk_create(
            [
                TurnoverEvent(case_id=pk, kind=Event.DELAYED, actor="system:turnover", reason=f"{days} days vacant")
                for pk, _p, _u, _n, days in newly
            ],
            batch_size=1000,
        )

    overdue = letters_overdue(today=today)
    late = notifications_create_many(
        [
            {
                "kind": "turnover_letter_overdue",
                "severity": "warning",
                "title": f"Deposit statement overdue: unit {case.unit.unit_number} at {case.property.name}",
                "body": (
                    f"The itemized deposit statement was due {deadline.date.isoformat()} "
                    f"({deadline.citation or 'state law'}), counted from the move-out on {deadline.move_out.isoformat()}."
                ),
                "link": f"/turnover/{case.pk}",
                "dedupe_key": f"turnover:letter-overdue:{case.pk}",
                "property_id": case.property_id,
                "permission": "manage_leases",
            }
            for case, deadline in overdue
        ]
    )
    return (
        f"Updated days vacant on {updated} cases; {len(newly)} newly delayed ({raised} notified); "
        f"{len(overdue)} deposit statements overdue ({late} notified)."
    )


def letters_overdue(*, today: datetime.date) -> list:
    """[(case, Deadline)] of moved-out cases whose statement is unsent and past its statutory deadline. Two
    queries (the cases with their units and properties, the rules)."""
    since = today - datetime.timedelta(days=LETTER_LOOKBACK_DAYS)
    cases = list(
        TurnoverCase._base_manager.filter(
            actual_move_out__isnull=False, actual_move_out__gte=since, letter_sent_at__isnull=True
        )
        .select_related("unit", "property")
        .only(
            "id",
            "property_id",
            "unit_id",
            "unit__unit_number",
            "property__name",
            "property__state",
            "property__city",
            "property__jurisdiction_state",
            "property__jurisdiction_city",
            "actual_move_out",
            "expected_move_out",
            "total_deductions",
        )
    )
    if not cases:
        return []
    props = {c.property_id: c.property for c in cases}
    rules = deposit_return_rules_for_properties(properties=list(props.values()), on_date=today)
    out = []
    for case in cases:
        deadline = deadline_from_rule(case, rules.get(case.property_id), deductions=case.total_deductions > 0)
        if deadline.date is not None and deadline.date < today:
            out.append((case, deadline))
    return out
