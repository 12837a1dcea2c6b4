from decimal import Decimal

import pytest

from inspections import costs


@pytest.mark.parametrize(
    ("category", "severity", "expected"),
    [
        ("wall_damage", "minor", "50.00"),
        ("wall_damage", "moderate", "137.50"),
        ("floor_damage", "severe", "800.00"),
        ("fixture_damage", "moderate", "200.00"),
        ("appliance_damage", "severe", "1250.00"),
        ("cleaning_needed", "minor", "150.00"),
    ],
)
def test_default_cost_is_the_midpoint_of_the_specs_range(category, severity, expected):
    assert costs.default_cost(category, severity) == Decimal(expected)


def test_other_has_no_row_and_unknown_values_are_refused():
    assert costs.default_cost("other", "minor") is None
    with pytest.raises(ValueError):
        costs.default_cost("roof", "minor")
    with pytest.raises(ValueError):
        costs.default_cost("wall_damage", "tiny")


def test_deduction_category_maps_to_turnovers_categories():
    assert costs.deduction_category("floor_damage") == "flooring"
    assert costs.deduction_category("floor_damage", life_item="carpet") == "carpet"
    assert costs.deduction_category("cleaning_needed") == "cleaning"
    assert costs.deduction_category("appliance_damage") == "appliance_repair"
