"""The weekly risk agent on a seeded portfolio: every unit scored once a day, levels as the thresholds say, the
spec's per-unit function reproduced exactly (SPEC rules), a fixed number of reads, suggestions and notifications
never duplicated, approve/dismiss."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.models import Notification
from demo.seed import portfolio_delete, seed_portfolio
from predictive_maintenance import risk
from predictive_maintenance.models import Equipment, PreventiveWorkOrderSuggestion, UnitRiskScore
from predictive_maintenance.selectors import risk_facts
from predictive_maintenance.services import risk_scores_compute, suggestion_approve, suggestion_dismiss
from predictive_maintenance.tests import spec_reference
from units.models import UnitsMaintenance, UnitsUnit, WorkOrderEvent

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 7, 13)  # a Monday in the HVAC peak


@pytest.fixture
def seeded():
    seed_portfolio(leases=200, today=TODAY)


def _independent_level(score: float) -> str:
    if score <= 25:
        return "low"
    if score <= 50:
        return "medium"
    return "high" if score <= 75 else "critical"


def test_one_run_scores_every_unit_with_levels_as_the_thresholds_say_and_a_second_adds_nothing(seeded):
    summary = risk_scores_compute(today=TODAY)
    units = UnitsUnit.objects.count()
    assert f"Scored {units:,} units" in summary
    scores = UnitRiskScore.objects.filter(score_date=TODAY)
    assert scores.count() == units and scores.values("unit").distinct().count() == units
    for s in scores:
        assert s.risk_level == _independent_level(s.risk_score)
        weighted = (
            s.wo_frequency_score * 30
            + s.wo_cost_score * 20
            + s.equipment_age_score * 20
            + s.repeat_issue_score * 20
            + s.seasonal_score * 10
        )
        assert abs(s.risk_score - min(weighted, 100)) <= 0.06
    assert set(scores.values_list("risk_level", flat=True)) >= {"low", "medium", "high"}
    made = PreventiveWorkOrderSuggestion.objects.count()
    flagged = scores.filter(risk_level__in=["high", "critical"]).count()
    assert made == flagged > 0
    notes = Notification.objects.filter(kind="predictive_maintenance.critical_risk").count()
    assert notes == scores.filter(risk_level="critical").count()

    again = risk_scores_compute(today=TODAY)
    assert "0 new scores. 0 preventive suggestions, 0 critical-risk notifications." in again
    assert UnitRiskScore.objects.count() == units
    assert PreventiveWorkOrderSuggestion.objects.count() == made
    assert Notification.objects.filter(kind="predictive_maintenance.critical_risk").count() == notes


def test_a_sample_recomputed_independently_from_per_unit_queries(seeded):
    risk_scores_compute(today=TODAY, suggest=False)
    for s in UnitRiskScore.objects.order_by("unit__unit_number")[::17]:
        start = risk.year_start(TODAY)
        orders = [
            risk.WorkOrderFact(
                w.requested_date, w.category, w.title, risk.work_order_cost(w.actual_cost, w.estimated_cost, w.status)
            )
            for w in UnitsMaintenance.objects.filter(unit_id=s.unit_id, requested_date__gte=start)
        ]
        own = [
            risk.EquipmentFact(e.equipment_type, e.name, e.age_years, e.expected_lifespan_years)
            for e in Equipment.objects.filter(unit_id=s.unit_id)
        ]
        everything = list(Equipment.objects.filter(property_ref_id=s.property_id))
        pct = sum(e.age_years * 100 / e.expected_lifespan_years for e in everything) / len(everything)
        facts = risk.UnitFacts(s.unit_id, s.property_id, work_orders=orders, equipment=own, property_equipment_pct=pct)
        again = risk.score_unit(facts, today=TODAY)
        assert (again.risk_score, again.risk_level) == (s.risk_score, s.risk_level)


def test_the_spec_rules_reproduce_the_specs_per_unit_function_exactly(seeded):
    risk_scores_compute(today=TODAY, rules="spec", suggest=False)
    stored = dict(UnitRiskScore.objects.filter(score_date=TODAY).values_list("unit_id", "risk_score"))
    with spec_reference.pinned(TODAY):
        expected = {u.pk: spec_reference.compute_unit_risk_score(u) for u in UnitsUnit.objects.all()}
    assert stored == expected


def test_reads_are_a_fixed_number_whatever_the_portfolio_size():
    counts = []
    for leases in (40, 160):
        seed_portfolio(leases=leases, today=TODAY)
        with CaptureQueriesContext(connection) as ctx:
            risk_facts(today=TODAY)
        counts.append(len(ctx))
        with CaptureQueriesContext(connection) as ctx:
            risk_scores_compute(today=TODAY, suggest=False)
        inserts = [q for q in ctx.captured_queries if q["sql"].startswith("INSERT")]
        counts.append(len(ctx) - len(inserts))
        # the bulk INSERT is batched (2,000 rows; SQLite's variable limit makes its batches smaller)
        assert 1 <= len(inserts) <= UnitsUnit.objects.count() // 40 + 1
        portfolio_delete()
    assert counts[0] == counts[2] == 3
    assert counts[1] == counts[3]


def test_suggestions_are_not_made_twice_and_a_dismissal_holds_for_the_week(seeded):
    risk_scores_compute(today=TODAY)
    first = PreventiveWorkOrderSuggestion.objects.order_by("-risk_score__risk_score").first()
    assert first.status == "suggested" and first.title and first.reasoning and first.ai_provider == "offline"
    assert "work order" in first.reasoning and "12 months" in first.reasoning
    suggestion_dismiss(suggestion=first, reason="Serviced last week", actor="user:pat@example.com")
    first.refresh_from_db()
    assert (first.status, first.dismiss_reason, first.decided_by) == (
        "dismissed",
        "Serviced last week",
        "user:pat@example.com",
    )
    n = PreventiveWorkOrderSuggestion.objects.count()
    risk_scores_compute(today=TODAY + datetime.timedelta(days=2))  # same week: scored again, nothing proposed
    assert PreventiveWorkOrderSuggestion.objects.count() == n
    assert UnitRiskScore.objects.filter(score_date=TODAY + datetime.timedelta(days=2)).exists()


def test_approving_opens_the_work_order_through_the_units_service(seeded):
    risk_scores_compute(today=TODAY)
    s = PreventiveWorkOrderSuggestion.objects.order_by("-risk_score__risk_score").first()
    before = UnitsMaintenance.objects.filter(unit=s.unit).count()
    done = suggestion_approve(suggestion=s, actor="user:pat@example.com", actor_name="Pat", today=TODAY)
    wo = done.work_order
    assert done.status == "work_order_created" and wo is not None
    assert UnitsMaintenance.objects.filter(unit=s.unit).count() == before + 1
    assert (wo.title, wo.category, wo.unit_id, wo.estimated_cost) == (s.title, s.category, s.unit_id, s.estimated_cost)
    assert wo.priority == risk.WORK_ORDER_PRIORITY[s.priority] and wo.scheduled_date == s.suggested_date
    assert s.reasoning in wo.description and wo.work_order_number.startswith("WO-")
    assert WorkOrderEvent.objects.filter(work_order=wo, kind="created").exists()
    from core.exceptions import ApplicationError

    with pytest.raises(ApplicationError) as err:
        suggestion_approve(suggestion=s, actor="user:pat@example.com")
    assert err.value.status_code == 409
    with pytest.raises(ApplicationError):
        suggestion_dismiss(suggestion=s, reason="x", actor="user:pat@example.com")
    with pytest.raises(ApplicationError):
        suggestion_dismiss(
            suggestion=PreventiveWorkOrderSuggestion.objects.filter(status="suggested").first(), reason=" ", actor="x"
        )
