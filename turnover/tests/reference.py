"""The per-row reference of `turnover.update_vacancy_days`, written the way the spec writes its Celery tasks (a
loop over the cases, one save and one notification call each, the law looked up per case). The spec gives no code
for this agent; this is its plain reading, kept as the oracle the set-based agent must match (tests and
benchmarks/bench_turnover.py)."""

import datetime

from django.utils import timezone

from core.notifications.services import notification_create
from properties.selectors import deposit_return_rule, property_place
from turnover.models import TurnoverCase, TurnoverEvent
from turnover.services.letters import deadline_from_rule


def reference_update_vacancy_days(today: datetime.date) -> dict:
    updated = delayed = overdue = 0
    for case in TurnoverCase.objects.exclude(stage="leased").select_related("unit", "property"):
        move_out = case.actual_move_out or case.expected_move_out
        days = max((today - move_out).days, 0)
        if case.days_vacant != days:
            case.days_vacant = days
            case.save(update_fields=["days_vacant"])
            updated += 1
        if days > 30 and case.delayed_at is None:
            notification_create(
                kind="turnover_delayed",
                severity="warning",
                title=f"Turnover delayed: unit {case.unit.unit_number} at {case.property.name}, {days} days vacant",
                body=f"Unit {case.unit.unit_number} has been vacant {days} days, past the 30-day delay mark "
                "(target 21 days).",
                link=f"/turnover/{case.pk}",
                dedupe_key=f"turnover:delayed:{case.pk}",
                property_id=case.property_id,
                permission="view_portfolio",
            )
            case.delayed_at = timezone.now()
            case.save(update_fields=["delayed_at"])
            TurnoverEvent.objects.create(
                case=case, kind="delayed", actor="system:turnover", reason=f"{days} days vacant"
            )
            delayed += 1
    since = today - datetime.timedelta(days=400)
    for case in TurnoverCase.objects.filter(
        actual_move_out__isnull=False, actual_move_out__gte=since, letter_sent_at__isnull=True
    ).select_related("unit", "property"):
        state, city = property_place(case.property)
        rule = deposit_return_rule(state=state, city=city, on_date=today)
        deadline = deadline_from_rule(case, rule, deductions=case.total_deductions > 0)
        if deadline.date is not None and deadline.date < today:
            notification_create(
                kind="turnover_letter_overdue",
                severity="warning",
                title=f"Deposit statement overdue: unit {case.unit.unit_number} at {case.property.name}",
                body=(
                    f"The itemized deposit statement was due {deadline.date.isoformat()} "
                    f"({deadline.citation or 'state law'}), counted from the move-out on {deadline.move_out.isoformat()}."
                ),
                link=f"/turnover/{case.pk}",
                dedupe_key=f"turnover:letter-overdue:{case.pk}",
                property_id=case.property_id,
                permission="manage_leases",
            )
            overdue += 1
    return {"updated": updated, "delayed": delayed, "overdue": overdue}


def agent_state() -> dict:
    """What the agent writes, comparable between runs: each case's days and flag, and the notifications."""
    from core.models import Notification

    return {
        "cases": sorted(
            (str(pk), days, flagged is not None)
            for pk, days, flagged in TurnoverCase._base_manager.values_list("id", "days_vacant", "delayed_at")
        ),
        "notifications": sorted(
            Notification._base_manager.filter(kind__startswith="turnover_").values_list(
                "dedupe_key", "title", "body", "link", "severity", "permission", "property_ref"
            )
        ),
        "events": TurnoverEvent._base_manager.filter(kind="delayed").count(),
    }
