"""The pure risk rules (predictive_maintenance.risk): each factor at its boundaries, the levels at theirs, the
predictions and the suggestion plan."""

import datetime
from decimal import Decimal

import pytest

from predictive_maintenance import risk
from predictive_maintenance.risk import EquipmentFact, UnitFacts, WorkOrderFact

TODAY = datetime.date(2026, 7, 15)
D = Decimal


def wo(days_ago: int, category="plumbing", title="Leaking kitchen faucet", cost="100") -> WorkOrderFact:
    return WorkOrderFact(TODAY - datetime.timedelta(days=days_ago), category, title, D(cost))


# --- factor 1: work-order frequency -------------------------------------------------------------------------


@pytest.mark.parametrize(("count", "expected"), [(0, 0.0), (1, 0.125), (4, 0.5), (7, 0.875), (8, 1.0), (20, 1.0)])
def test_frequency_is_count_over_eight_capped(count, expected):
    assert risk.wo_frequency(count) == expected


def test_frequency_counts_only_the_last_twelve_calendar_months():
    start = risk.year_start(TODAY)
    assert start == datetime.date(2025, 7, 15)
    facts = UnitFacts(
        1,
        1,
        work_orders=[
            WorkOrderFact(start, "general", "Door", D(0)),  # the first day counts
            WorkOrderFact(start - datetime.timedelta(days=1), "general", "Door", D(0)),  # the day before: no
            WorkOrderFact(TODAY + datetime.timedelta(days=1), "general", "Door", D(0)),  # after today: no
        ],
    )
    assert risk.score_unit(facts, today=TODAY).wo_count_12_months == 1


# --- factor 2: cost trend ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "prev", "expected"),
    [
        ("0", "0", 0),  # no history
        ("500", "0", 0),  # nothing to compare with: 0, not infinite
        ("100", "100", 0.0),  # flat
        ("50", "100", 0),  # falling: clipped at 0
        ("150", "100", 0.5),
        ("200", "100", 1.0),  # doubled
        ("900", "100", 1.0),  # capped
    ],
)
def test_cost_trend_is_growth_over_the_previous_half_year_clipped(last, prev, expected):
    assert risk.cost_trend(D(last), D(prev)) == expected


def test_cost_halves_split_at_six_calendar_months():
    half = risk.months_before(TODAY, 6)
    facts = UnitFacts(1, 1, work_orders=[wo((TODAY - half).days, cost="300"), wo(200, cost="100")])
    result = risk.score_unit(facts, today=TODAY)
    assert result.details["cost_6_months"] == "300" and result.details["cost_prev_6_months"] == "100"
    assert result.wo_cost_score == 1.0


@pytest.mark.parametrize(
    ("actual", "estimated", "status", "expected"),
    [
        ("80", "100", "closed", "80"),
        (None, "100", "open", "100"),
        (None, "100", "cancelled", "0"),
        (None, None, "open", "0"),
    ],
)
def test_a_work_orders_cost(actual, estimated, status, expected):
    assert risk.work_order_cost(D(actual) if actual else None, D(estimated) if estimated else None, status) == D(
        expected
    )


# --- factor 3: equipment age ----------------------------------------------------------------------------------


def test_equipment_age_without_equipment_is_the_default():
    assert risk.equipment_age(None) == 0.3


@pytest.mark.parametrize(("pct", "expected"), [(0, 0.0), (50, 0.5), (100, 1.0), (160, 1.0)])
def test_equipment_age_is_the_mean_share_of_life_capped(pct, expected):
    assert risk.equipment_age(pct) == expected


def test_equipment_age_uses_the_units_own_equipment_then_the_property():
    own = [EquipmentFact("hvac", "HVAC", 15.0, 15), EquipmentFact("water_heater", "WH", 0.0, 10)]
    with_own = UnitFacts(1, 1, equipment=own, property_equipment_pct=20.0)
    without = UnitFacts(2, 1, property_equipment_pct=20.0)
    assert risk.score_unit(with_own, today=TODAY).equipment_age_score == 0.5
    assert risk.score_unit(without, today=TODAY).equipment_age_score == 0.2
    # the spec's rules: the property's register even for a unit with its own
    assert risk.score_unit(with_own, today=TODAY, rules=risk.SPEC).equipment_age_score == 0.2
    assert risk.score_unit(UnitFacts(3, 2), today=TODAY).equipment_age_score == 0.3


# --- factor 4: repeat issues ------------------------------------------------------------------------------------


def test_keywords_are_normalised():
    assert risk.keywords("Leaking kitchen faucet") == {"leak", "kitchen", "faucet"}
    assert risk.keywords("Faucet leaks!") == {"faucet", "leak"}
    assert risk.keywords("Clogged bathroom drain") == {"clog", "bathroom", "drain"}
    assert risk.keywords("Breaker keeps tripping") == {"breaker", "trip"}
    assert risk.keywords("No heat") == {"heat"}


def test_repeat_needs_three_orders_of_one_category_sharing_a_keyword():
    two = [wo(10), wo(20, title="Faucet leaks")]
    assert risk.repeated_issues(two) == []
    three = [*two, wo(30, title="faucet leak again")]
    issues = risk.repeated_issues(three)
    assert [(i["category"], i["count"]) for i in issues] == [("plumbing", 3)]
    assert risk.repeat_keywords(issues) == pytest.approx(1 / 3)
    # the same words in another category are another issue
    mixed = [*two, wo(30, category="appliance", title="faucet leak again")]
    assert risk.repeated_issues(mixed) == []


@pytest.mark.parametrize(("times", "expected"), [(3, 1 / 3), (4, 2 / 3), (5, 1.0), (9, 1.0)])
def test_repeat_score_counts_occurrences_beyond_the_second(times, expected):
    orders = [wo(10 * i + 1, category="hvac", title="No heat") for i in range(times)]
    assert risk.repeat_keywords(risk.repeated_issues(orders)) == pytest.approx(expected)


def test_the_spec_rule_counts_long_words():
    titles = ["Water heater leaking"] * 3
    assert risk.repeat_words(titles) == 1.0  # water, heater, leaking: 3 words seen 3 times
    assert risk.repeat_words(["No heat"] * 5) == 0.0  # no word longer than four letters


# --- factor 5: seasonal -------------------------------------------------------------------------------------


def test_seasonal_follows_the_spec_table():
    assert [risk.seasonal(m) for m in range(1, 13)] == [0.8, 0.7, 0.4, 0.3, 0.4, 0.7, 0.9, 0.9, 0.5, 0.3, 0.5, 0.7]


# --- the score and its levels ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (0, "low"),
        (25, "low"),
        (25.1, "medium"),
        (50, "medium"),
        (50.1, "high"),
        (75, "high"),
        (75.1, "critical"),
        (100, "critical"),
    ],
)
def test_levels_at_their_boundaries(score, level):
    assert risk.risk_level(score) == level


def test_combine_weights_and_rounds():
    assert risk.combine(1, 1, 1, 1, 1) == 100
    assert risk.combine(0, 0, 0, 0, 0.9) == 9.0
    assert risk.combine(0.5, 0.25, 0.3, 1 / 3, 0.7) == round(15 + 5 + 6 + 20 / 3 + 7, 1)


def test_a_quiet_unit_in_july_is_low():
    result = risk.score_unit(UnitFacts(1, 1), today=TODAY)
    assert result.risk_score == 15.0  # 0.3 x 20 (no equipment) + 0.9 x 10 (July)
    assert result.risk_level == "low" and result.predicted_next_wo_date is None


def test_a_failing_unit_is_critical():
    orders = [wo(15 * i + 1, category="hvac", title="AC not cooling", cost=str(100 + 100 * (i < 3))) for i in range(8)]
    facts = UnitFacts(1, 1, equipment=[EquipmentFact("hvac", "HVAC system", 14.0, 15)], work_orders=orders)
    result = risk.score_unit(facts, today=TODAY)
    assert result.risk_level == "critical" and result.risk_score > 75
    assert result.predicted_next_wo_type == "hvac"


# --- predictions ------------------------------------------------------------------------------------------------


def test_next_work_order_from_the_mean_interval():
    orders = [wo(90), wo(60), wo(30)]
    out = risk.predictions(orders, today=TODAY, category_costs={})
    assert out["avg_days_between_wo"] == 30
    assert out["next_date"] == TODAY + datetime.timedelta(days=7)  # due today: within the week
    orders = [wo(100), wo(50), wo(10)]
    out = risk.predictions(orders, today=TODAY, category_costs={})
    assert out["avg_days_between_wo"] == 45 and out["next_date"] == TODAY + datetime.timedelta(days=35)


def test_an_overdue_next_date_is_within_the_week():
    out = risk.predictions([wo(300), wo(200)], today=TODAY, category_costs={})
    assert out["next_date"] == TODAY + datetime.timedelta(days=risk.OVERDUE_NEXT_DAYS)


def test_next_type_weights_hvac_by_season():
    orders = [
        wo(40, category="plumbing"),
        wo(80, category="plumbing"),
        wo(20, category="hvac"),
        wo(60, category="hvac"),
    ]
    # a tie in counts; July's HVAC season wins it
    assert risk.predictions(orders, today=TODAY, category_costs={})["next_type"] == "hvac"


def test_expected_cost_from_rate_and_mean_cost():
    orders = [wo(10 * i + 5, category="plumbing", cost="365") for i in range(4)]  # 4 a year at $365
    out = risk.predictions(orders, today=TODAY, category_costs={})
    assert out["cost_90"] == D("360.00")  # 4/365 a day x 90 days x $365
    assert out["cost_30"] == D("120.00")
    no_cost = [wo(10, category="plumbing", cost="0")]
    assert risk.predictions(no_cost, today=TODAY, category_costs={"plumbing": D("730")})["cost_90"] == D("180.00")


# --- the suggestion plan ----------------------------------------------------------------------------------------


def test_no_plan_below_high_and_priorities_and_dates_above():
    low = risk.score_unit(UnitFacts(1, 1), today=TODAY)
    assert risk.suggestion_plan(low, today=TODAY) is None
    orders = [wo(15 * i + 1, category="hvac", title="AC not cooling", cost="200") for i in range(8)]
    critical = risk.score_unit(
        UnitFacts(1, 1, equipment=[EquipmentFact("hvac", "HVAC", 15.0, 15)], work_orders=orders), today=TODAY
    )
    plan = risk.suggestion_plan(critical, today=TODAY, category_costs={"hvac": D("410")})
    assert plan["category"] == "hvac" and plan["priority"] == "urgent"
    assert plan["suggested_date"] == TODAY + datetime.timedelta(days=3) and plan["estimated_cost"] == D("410.00")
    assert risk.WORK_ORDER_PRIORITY[plan["priority"]] == "high"


def test_old_equipment_points_at_its_trade():
    titles = ("Door sticks", "Window", "Blinds", "Closet", "Mirror", "Paint", "Caulk", "Vent")
    orders = [wo(20 * i + 1, category="general", title=t) for i, t in enumerate(titles)]
    result = risk.score_unit(
        UnitFacts(1, 1, equipment=[EquipmentFact("water_heater", "WH", 12.0, 11)], work_orders=orders), today=TODAY
    )
    assert result.risk_level in ("high", "critical")
    assert risk.suggestion_plan(result, today=TODAY)["category"] == "plumbing"
