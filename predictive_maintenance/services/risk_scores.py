"""The weekly risk agent (spec 2.3; `predictive_maintenance.compute_all_risk_scores`, Monday 05:00 UTC).

`risk_scores_compute` recomputes the equipment ages, gathers every unit's facts in three reads
(`selectors.risk_facts`), scores them with the pure rules (`predictive_maintenance.risk`), writes one score per unit
per day (bulk INSERTs; a second run the same day adds nothing), proposes a preventive work order for each high or
critical unit without one pending or already proposed this week (title, description and reasoning through the AI
gateway), and notifies the managers of each critical unit once per ISO week.
"""

from __future__ import annotations

import datetime
import logging

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.ai import AIError, complete_json
from core.exceptions import ApplicationError
from core.formatting import money, short_date
from core.notifications.services import notifications_create_many
from predictive_maintenance import risk
from predictive_maintenance.models import PreventiveWorkOrderSuggestion, UnitRiskScore
from predictive_maintenance.prompts import PREVENTIVE_SUGGESTION, category_label, suggestion_inputs
from predictive_maintenance.selectors import risk_facts
from predictive_maintenance.services.equipment import equipment_ages_recompute
from properties.models import Properties

logger = logging.getLogger(__name__)
INSERT_BATCH = 2000
RECENT_TITLES_SHOWN = 8
SUGGESTED_BY = "Predictive maintenance"


def week_start(today: datetime.date) -> datetime.date:
    return today - datetime.timedelta(days=today.weekday())


def _score_row(r: risk.RiskResult, today: datetime.date) -> UnitRiskScore:
    return UnitRiskScore(
        unit_id=r.unit_id,
        property_id=r.property_id,
        score_date=today,
        risk_score=r.risk_score,
        risk_level=r.risk_level,
        wo_frequency_score=r.wo_frequency_score,
        wo_cost_score=r.wo_cost_score,
        equipment_age_score=r.equipment_age_score,
        repeat_issue_score=r.repeat_issue_score,
        seasonal_score=r.seasonal_score,
        predicted_next_wo_date=r.predicted_next_wo_date,
        predicted_next_wo_type=r.predicted_next_wo_type,
        predicted_cost_30_days=r.predicted_cost_30_days,
        predicted_cost_90_days=r.predicted_cost_90_days,
        wo_count_12_months=r.wo_count_12_months,
        total_cost_12_months=r.total_cost_12_months,
        avg_days_between_wo=r.avg_days_between_wo,
        details=r.details,
    )


def risk_results(
    *, today: datetime.date, rules: risk.Rules = risk.UNITCYCLE, unit_ids=None
) -> tuple[list[risk.RiskResult], dict, dict]:
    """(results, facts by unit id, the portfolio's mean cost per category): three reads, then pure computation."""
    facts, category_costs = risk_facts(today=today, unit_ids=unit_ids)
    results = [risk.score_unit(f, today=today, rules=rules, category_costs=category_costs) for f in facts]
    return results, {f.unit_id: f for f in facts}, category_costs


def risk_scores_compute(
    *,
    today: datetime.date | None = None,
    rules: str = risk.UNITCYCLE.name,
    recompute_ages: bool = True,
    suggest: bool = True,
    unit_ids=None,
) -> str:
    """Scores every unit (or `unit_ids`) on `today`; see the module. Returns a one-line summary."""
    today = today or timezone.localdate()
    if rules not in risk.RULES:
        raise ApplicationError(f"Unknown rules {rules!r}; use one of {', '.join(risk.RULES)}.")
    ages = equipment_ages_recompute(today=today) if recompute_ages else ""
    results, facts, category_costs = risk_results(today=today, rules=risk.RULES[rules], unit_ids=unit_ids)

    existing = dict(UnitRiskScore._base_manager.filter(score_date=today).values_list("unit_id", "id"))
    new = [_score_row(r, today) for r in results if r.unit_id not in existing]
    with transaction.atomic():
        UnitRiskScore._base_manager.bulk_create(new, batch_size=INSERT_BATCH, ignore_conflicts=True)
    score_ids = {**existing, **{row.unit_id: row.pk for row in new}}

    counts = dict.fromkeys(risk.LEVELS, 0)
    for r in results:
        counts[r.risk_level] += 1
    summary = (
        f"Scored {len(results):,} units on {today.isoformat()} "
        f"(critical {counts['critical']:,}, high {counts['high']:,}, medium {counts['medium']:,}, "
        f"low {counts['low']:,}): {len(new):,} new scores."
    )
    if suggest:
        flagged = [r for r in results if r.risk_level in risk.SUGGEST_LEVELS]
        made = suggestions_create(
            results=flagged, facts=facts, score_ids=score_ids, category_costs=category_costs, today=today
        )
        noted = critical_notify(results=flagged, facts=facts, today=today)
        summary += f" {made:,} preventive suggestions, {noted:,} critical-risk notifications."
    return f"{summary} {ages}".strip()


def suggestions_create(
    *, results: list[risk.RiskResult], facts: dict, score_ids: dict, category_costs: dict, today: datetime.date
) -> int:
    """A suggestion for each of `results` (high or critical units) without a pending suggestion or one proposed
    since this week's Monday: one read of those, one gateway call per new suggestion (outside any transaction),
    one bulk INSERT. Returns how many were created."""
    if not results:
        return 0
    unit_ids = [r.unit_id for r in results]
    Status = PreventiveWorkOrderSuggestion.Status
    taken = set(
        PreventiveWorkOrderSuggestion._base_manager.filter(unit_id__in=unit_ids)
        .filter(Q(status__in=[Status.SUGGESTED, Status.APPROVED]) | Q(created_at__date__gte=week_start(today)))
        .values_list("unit_id", flat=True)
    )
    todo = [r for r in results if r.unit_id not in taken and r.unit_id in score_ids]
    if not todo:
        return 0
    names = dict(Properties._base_manager.filter(pk__in={r.property_id for r in todo}).values_list("id", "name"))
    rows = []
    for r in todo:
        plan = risk.suggestion_plan(r, today=today, category_costs=category_costs)
        unit_facts = facts[r.unit_id]
        recent = sorted(unit_facts.work_orders, key=lambda w: w.requested, reverse=True)[:RECENT_TITLES_SHOWN]
        prompt_facts = suggestion_facts(
            result=r,
            plan=plan,
            unit_number=unit_facts.unit_number,
            property_name=names.get(r.property_id, ""),
            recent_titles=[f"{short_date(w.requested)} {category_label(w.category)}: {w.title}" for w in recent],
        )
        try:
            answer = complete_json(PREVENTIVE_SUGGESTION, suggestion_inputs(facts=prompt_facts), offline_fallback=True)
        except AIError as exc:
            logger.warning("Preventive suggestion for unit %s failed: %s", r.unit_id, exc.message)
            continue
        rows.append(
            PreventiveWorkOrderSuggestion(
                unit_id=r.unit_id,
                risk_score_id=score_ids[r.unit_id],
                title=answer.data["title"][:200],
                description=answer.data["description"],
                reasoning=answer.data["reasoning"],
                priority=plan["priority"],
                category=plan["category"],
                estimated_cost=plan["estimated_cost"],
                suggested_date=plan["suggested_date"],
                ai_provider=answer.provider,
            )
        )
    with transaction.atomic():
        PreventiveWorkOrderSuggestion._base_manager.bulk_create(rows, batch_size=INSERT_BATCH)
    return len(rows)


def suggestion_facts(
    *, result: risk.RiskResult, plan: dict, unit_number: str, property_name: str, recent_titles: list[str]
) -> dict:
    """What the prompt is told about the unit (prompts.suggestion_inputs words it)."""
    d = result.details
    prev, last = float(d.get("cost_prev_6_months") or 0), float(d.get("cost_6_months") or 0)
    trend_pct = round((last / prev - 1) * 100) if prev > 0 and last > prev else 0
    equipment = d.get("equipment") or []
    related = [e for e in equipment if risk.EQUIPMENT_CATEGORY.get(e["type"]) == plan["category"]]
    return {
        "unit_number": unit_number,
        "property_name": property_name,
        "risk_score": result.risk_score,
        "risk_level": result.risk_level,
        "category": plan["category"],
        "priority": plan["priority"],
        "suggested_date": short_date(plan["suggested_date"]),
        "estimated_cost": money(plan["estimated_cost"]),
        "wo_count_12_months": result.wo_count_12_months,
        "categories": d.get("categories") or {},
        "repeat_issues": d.get("repeat_issues") or [],
        "oldest_equipment": related[0] if related else d.get("oldest_equipment"),
        "equipment_source": d.get("equipment_source"),
        "equipment_used_pct": d.get("equipment_used_pct"),
        "cost_trend_pct": trend_pct,
        "seasonal_score": result.seasonal_score,
        "month": d.get("month") or 1,
        "recent_titles": recent_titles,
    }


def critical_notify(*, results: list[risk.RiskResult], facts: dict, today: datetime.date) -> int:
    """One notification per critical unit per ISO week (dedupe key), for the people who see maintenance."""
    year, week, _ = today.isocalendar()
    items = []
    for r in results:
        if r.risk_level != risk.CRITICAL:
            continue
        number = facts[r.unit_id].unit_number
        items.append(
            {
                "kind": "predictive_maintenance.critical_risk",
                "severity": "warning",
                "title": f"Unit {number}: critical maintenance risk ({r.risk_score:.0f} of 100)",
                "body": f"Predicted next: {category_label(r.predicted_next_wo_type or 'general')} work by "
                f"{short_date(r.predicted_next_wo_date) if r.predicted_next_wo_date else 'soon'}; "
                f"{money(r.predicted_cost_90_days)} expected over 90 days. A preventive work order awaits approval.",
                "link": f"/units/{r.unit_id}?tab=maintenance",
                "dedupe_key": f"predictive:critical:{r.unit_id}:{year}-W{week:02d}",
                "property_id": r.property_id,
                "permission": "view_maintenance",
            }
        )
    return notifications_create_many(items)
