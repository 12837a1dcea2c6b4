import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, F, FloatField, Q, QuerySet
from django.db.models.functions import Cast, NullIf

from predictive_maintenance import risk, rules
from predictive_maintenance.models import (
    Equipment,
    MaintenancePrediction,
    PreventiveWorkOrderSuggestion,
    UnitRiskScore,
)
from units.models import UnitsMaintenance, UnitsUnit


def equipment_list() -> QuerySet[Equipment]:
    """The register (the caller's properties), with `lifespan_used` (age / expected lifespan) to sort by."""
    lifespan = Cast(NullIf(F("expected_lifespan_years"), 0), FloatField())
    return Equipment.objects.select_related("property_ref", "unit").annotate(lifespan_used=F("age_years") / lifespan)


def equipment_warranty_q(state: str, today: datetime.date) -> Q:
    """Records whose warranty is in `state` on `today` (predictive_maintenance.rules.warranty_state, in SQL)."""
    start, end = rules.warranty_window(today)
    if state == rules.ACTIVE:
        return Q(warranty_expiration__gt=end)
    if state == rules.EXPIRING:
        return Q(warranty_expiration__range=(start, end))
    if state == rules.EXPIRED:
        return Q(warranty_expiration__lt=today)
    if state == rules.NONE:
        return Q(warranty_expiration__isnull=True)
    raise ValueError(f"Unknown warranty state {state!r}")


def prediction_list() -> QuerySet[MaintenancePrediction]:
    return MaintenancePrediction.objects.select_related("unit")


# ---------------------------------------------------------------------------------------------------------------
# The weekly risk agent's facts, gathered set-wise: three reads whatever the portfolio's size.


def risk_facts(*, today: datetime.date, unit_ids=None) -> tuple[list[risk.UnitFacts], dict[str, Decimal]]:
    """Every unit's facts for `predictive_maintenance.risk.score_unit` on `today` (or only `unit_ids`'), and the
    portfolio's mean work-order cost per category (the suggestion's estimate and the cost prediction's fallback).

    Three queries, whatever the number of units: the units; the work orders requested in the 12 months up to
    `today` (streamed once: counts, costs, titles for the repeat issues); the equipment installed by `today`
    (ages as of `today`: predictive_maintenance.rules.age_years, what equipment_ages_recompute stores). Units of
    every property: agents run unscoped."""
    start = risk.year_start(today)
    units = UnitsUnit._base_manager.order_by("property_id", "building", "unit_number")
    orders = UnitsMaintenance._base_manager.filter(requested_date__gte=start, requested_date__lte=today)
    equipment = Equipment._base_manager.filter(install_date__lte=today)
    if unit_ids is not None:
        units = units.filter(id__in=unit_ids)
        orders = orders.filter(unit_id__in=unit_ids)
    facts: dict = {}
    for unit_id, property_id, number in units.values_list("id", "property_id", "unit_number").iterator(5000):
        facts[unit_id] = risk.UnitFacts(unit_id=unit_id, property_id=property_id, unit_number=number)
    cat_total: dict[str, Decimal] = defaultdict(Decimal)
    cat_count: dict[str, int] = defaultdict(int)
    rows = orders.values_list(
        "unit_id", "requested_date", "category", "title", "actual_cost", "estimated_cost", "status"
    )
    for unit_id, requested, category, title, actual, estimated, status in rows.iterator(5000):
        cost = risk.work_order_cost(actual, estimated, status)
        if cost > 0:
            cat_total[category] += cost
            cat_count[category] += 1
        unit = facts.get(unit_id)
        if unit is not None:
            unit.work_orders.append(risk.WorkOrderFact(requested, category, title, cost))
    pct_sum: dict = defaultdict(float)
    pct_n: dict = defaultdict(int)
    rows = equipment.values_list(
        "unit_id", "property_ref_id", "equipment_type", "name", "install_date", "expected_lifespan_years"
    )
    for unit_id, property_id, etype, name, install, life in rows.iterator(5000):
        age = rules.age_years(install, today)
        if life:
            pct_sum[property_id] += age * 100 / life
            pct_n[property_id] += 1
        unit = facts.get(unit_id) if unit_id else None
        if unit is not None:
            unit.equipment.append(risk.EquipmentFact(etype, name, age, life))
    for unit in facts.values():
        n = pct_n.get(unit.property_id)
        unit.property_equipment_pct = pct_sum[unit.property_id] / n if n else None
    means = {c: (cat_total[c] / cat_count[c]).quantize(Decimal("0.01")) for c in cat_total}
    return list(facts.values()), means


# ---------------------------------------------------------------------------------------------------------------
# Reads of the API (the caller's properties: the models' ScopedManager)


def risk_score_latest_date() -> datetime.date | None:
    return UnitRiskScore.objects.order_by("-score_date").values_list("score_date", flat=True).first()


def risk_score_list(*, score_date: datetime.date | None = None) -> QuerySet[UnitRiskScore]:
    """The latest score of each unit: every score of the latest scoring day (the agent scores every unit)."""
    day = score_date or risk_score_latest_date()
    qs = UnitRiskScore.objects.select_related("unit", "property")
    return qs.filter(score_date=day) if day else qs.none()


def risk_level_counts(qs: QuerySet[UnitRiskScore]) -> dict[str, int]:
    counts = dict(qs.order_by().values_list("risk_level").annotate(n=Count("id")))
    return {level: counts.get(level, 0) for level in risk.LEVELS}


def unit_risk_get(*, unit_id) -> UnitRiskScore | None:
    """The unit's latest score (the unit page's card); None when never scored or outside the caller's scope."""
    return (
        UnitRiskScore.objects.select_related("unit", "property").filter(unit_id=unit_id).order_by("-score_date").first()
    )


def risk_heatmap(*, property_id=None) -> dict:
    """The latest scores as property -> building -> floor -> units (unit number order), with the level counts.
    Two queries: the scores (with unit and property) and nothing else."""
    qs = risk_score_list()
    if property_id:
        qs = qs.filter(property_id=property_id)
    rows = qs.values(
        "unit_id",
        "unit__unit_number",
        "unit__building",
        "unit__floor",
        "property_id",
        "property__name",
        "risk_score",
        "risk_level",
        "wo_frequency_score",
        "wo_cost_score",
        "equipment_age_score",
        "repeat_issue_score",
        "seasonal_score",
        "predicted_next_wo_type",
        "score_date",
    )
    props: dict = {}
    counts = dict.fromkeys(risk.LEVELS, 0)
    day = None
    for r in rows:
        day = r["score_date"]
        counts[r["risk_level"]] += 1
        prop = props.setdefault(
            r["property_id"], {"id": r["property_id"], "name": r["property__name"], "buildings": {}, "counts": {}}
        )
        prop["counts"][r["risk_level"]] = prop["counts"].get(r["risk_level"], 0) + 1
        building = prop["buildings"].setdefault(r["unit__building"], {})
        building.setdefault(r["unit__floor"], []).append(
            {
                "unit_id": r["unit_id"],
                "unit_number": r["unit__unit_number"],
                "risk_score": r["risk_score"],
                "risk_level": r["risk_level"],
                "predicted_next_wo_type": r["predicted_next_wo_type"],
                "factors": {
                    "wo_frequency": r["wo_frequency_score"],
                    "wo_cost": r["wo_cost_score"],
                    "equipment_age": r["equipment_age_score"],
                    "repeat_issue": r["repeat_issue_score"],
                    "seasonal": r["seasonal_score"],
                },
            }
        )

    def _key(number: str):
        return (len(number), number)

    out = []
    for prop in sorted(props.values(), key=lambda p: p["name"]):
        buildings = []
        for name in sorted(prop["buildings"], key=_key):
            floors = prop["buildings"][name]
            buildings.append(
                {
                    "building": name,
                    "floors": [
                        {"floor": f, "units": sorted(floors[f], key=lambda u: _key(u["unit_number"]))}
                        for f in sorted(floors, reverse=True)
                    ],
                }
            )
        out.append(
            {
                "id": prop["id"],
                "name": prop["name"],
                "counts": {level: prop["counts"].get(level, 0) for level in risk.LEVELS},
                "buildings": buildings,
            }
        )
    return {"score_date": day, "counts": counts, "properties": out}


def suggestion_list() -> QuerySet[PreventiveWorkOrderSuggestion]:
    return PreventiveWorkOrderSuggestion.objects.select_related("unit", "unit__property", "risk_score", "work_order")
