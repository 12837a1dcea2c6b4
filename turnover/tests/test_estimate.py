"""Make-ready estimate (turnover.estimate): each rule at its boundaries, the history blend, the default checklist."""

from decimal import Decimal

import pytest

from turnover import estimate
from turnover.estimate import DEFAULT_CHECKLIST, make_ready_estimate

D = Decimal
FLAT = D("100") + D("75") + D("85") + D("50") + D("50")  # appliances, HVAC, re-key, plumbing, electrical


def est(**kwargs):
    args = {"tenure_years": 1, "square_feet": 1000, "bedrooms": 2}
    args.update(kwargs)
    return make_ready_estimate(**args)


def line(result, category):
    (found,) = [x for x in result.lines if x.category == category]
    return found


# --- the default checklist -----------------------------------------------------------------------------------


def test_default_checklist_is_the_specs_eight_items():
    assert [(i.category, i.estimated_cost) for i in DEFAULT_CHECKLIST] == [
        ("cleaning", D("250.00")),
        ("paint", D("400.00")),
        ("flooring", D("300.00")),
        ("appliances", D("100.00")),
        ("hvac", D("75.00")),
        ("security", D("85.00")),
        ("plumbing", D("50.00")),
        ("electrical", D("50.00")),
    ]
    assert sum(i.estimated_cost for i in DEFAULT_CHECKLIST) == D("1310.00")
    assert set(estimate.CATEGORY_LABELS) == {i.category for i in DEFAULT_CHECKLIST}


def test_one_line_per_checklist_item_and_the_total_is_their_sum():
    result = est()
    assert [x.category for x in result.lines] == [i.category for i in DEFAULT_CHECKLIST]
    assert [x.item for x in result.lines] == [i.item for i in DEFAULT_CHECKLIST]
    assert result.total == result.rules_total == sum(x.amount for x in result.lines)
    assert all(x.reason for x in result.lines)
    assert line(result, "hvac").amount == D("75.00")


# --- cleaning by size ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sqft", "expected"),
    [(1000, "300.00"), (500, "150.00"), (499, "150.00"), (501, "150.30"), (850, "255.00"), (1, "150.00")],
)
def test_cleaning_by_size_with_a_minimum(sqft, expected):
    assert line(est(square_feet=sqft), "cleaning").amount == D(expected)


@pytest.mark.parametrize(("bedrooms", "sqft"), [(0, 550), (1, 850), (2, 1150), (3, 1450)])
def test_unknown_size_estimated_from_bedrooms(bedrooms, sqft):
    result = est(square_feet=0, bedrooms=bedrooms)
    assert result.square_feet == sqft
    assert line(result, "cleaning").amount == estimate.cents(max(D(sqft) * D("0.30"), D("150")))
    assert "estimated from" in line(result, "cleaning").reason


# --- paint: full repaint after 3+ years ----------------------------------------------------------------------


@pytest.mark.parametrize(("years", "full"), [("0", False), ("2.99", False), ("3", True), ("3.01", True), ("12", True)])
def test_paint_full_repaint_from_three_years_of_tenure(years, full):
    paint = line(est(tenure_years=D(years)), "paint")
    assert paint.amount == (D("1250.00") if full else D("400.00"))  # 1000 sq ft x $1.25
    assert paint.reason.startswith("Full repaint" if full else "Touch-up")
    assert "not on file" in paint.reason


def test_last_repaint_overrides_the_tenure():
    assert line(est(tenure_years=8, years_since_repaint=1), "paint").amount == D("400.00")
    assert line(est(tenure_years=1, years_since_repaint=3), "paint").amount == D("1250.00")
    assert line(est(tenure_years=8, years_since_repaint=0), "paint").reason.startswith("Touch-up")


def test_full_repaint_has_a_minimum():
    assert line(est(tenure_years=5, square_feet=640), "paint").amount == D("800.00")  # 640 x 1.25 = 800
    assert line(est(tenure_years=5, square_feet=400), "paint").amount == D("800.00")
    assert line(est(tenure_years=5, square_feet=641), "paint").amount == D("801.25")


# --- carpet: replace at or past its 10-year life, clean otherwise ---------------------------------------------


@pytest.mark.parametrize(("age", "replace"), [("0", False), ("9.99", False), ("10", True), ("15", True)])
def test_carpet_replaced_at_its_life(age, replace):
    flooring = line(est(carpet_age_years=D(age), tenure_years=1), "flooring")
    assert flooring.amount == (D("2500.00") if replace else D("250.00"))  # 1000 x 2.50 / 1000 x 0.25
    assert flooring.reason.startswith("Replace carpet" if replace else "Clean carpet")


def test_carpet_age_unknown_uses_the_tenure():
    assert line(est(tenure_years=10), "flooring").amount == D("2500.00")
    assert line(est(tenure_years=9), "flooring").amount == D("250.00")
    assert "not on file" in line(est(tenure_years=9), "flooring").reason
    assert line(est(tenure_years=12, carpet_age_years=2), "flooring").amount == D("250.00")


def test_carpet_cleaning_minimum():
    assert line(est(square_feet=400), "flooring").amount == D("150.00")
    assert line(est(square_feet=601), "flooring").amount == D("150.25")


# --- history blend -------------------------------------------------------------------------------------------


def test_history_needs_two_past_costs():
    base = est()
    assert est(past_turnover_costs=[D("5000")]).total == base.total
    assert est(past_turnover_costs=[D("5000"), D("0")]).total == base.total  # a zero is no history
    assert all(x.category != "history" for x in est(past_turnover_costs=[D("5000")]).lines)


def test_history_blends_half_and_half_as_one_adjustment_line():
    base = est()  # 300 + 400 + 250 + 360 = 1310
    assert base.total == D("1310.00") == D("300") + D("400") + D("250") + FLAT
    result = est(past_turnover_costs=[D("1000"), D("2000"), D("3000")])  # mean 2000
    assert result.rules_total == D("1310.00")
    assert result.total == D("1655.00")
    adjustment = line(result, "history")
    assert adjustment.amount == D("345.00") and "3 past turnovers" in adjustment.reason
    assert sum(x.amount for x in result.lines) == result.total
    lower = est(past_turnover_costs=[D("100"), D("100")])
    assert lower.total == D("705.00") and line(lower, "history").amount == D("-605.00")


def test_history_blend_rounds_half_up():
    result = est(past_turnover_costs=[D("0.01"), D("0.02")])  # mean 0.015 -> 0.02; (1310 + 0.02) / 2 = 655.01
    assert result.total == D("655.01")


# --- inputs --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "bad",
    [
        {"tenure_years": -1},
        {"tenure_years": D("NaN")},
        {"square_feet": -1},
        {"bedrooms": -1},
        {"years_since_repaint": -1},
        {"carpet_age_years": D("-0.5")},
        {"past_turnover_costs": [D("-1"), D("2")]},
    ],
)
def test_bad_inputs_refused(bad):
    with pytest.raises(ValueError):
        est(**bad)


def test_float_inputs_refused():
    with pytest.raises(TypeError):
        est(tenure_years=1.5)
    with pytest.raises(TypeError):
        est(past_turnover_costs=[1.5, 2.5])
