"""Deposit disposition (turnover.deposit) and the life table (units.useful_life): every boundary, to the cent."""

from decimal import Decimal

import pytest

from turnover.deposit import Deduction, deduction_line, deposit_disposition
from units import useful_life
from units.useful_life import depreciated_amount

D = Decimal


def carpet(amount, age, approved=True):
    return Deduction("carpet", D(amount), approved, life_item="carpet", age_years=D(age))


# --- the life table ------------------------------------------------------------------------------------------


def test_life_table_has_the_items_and_the_chosen_lives():
    assert useful_life.life_years("carpet") == 10
    assert useful_life.life_years("interior_paint") == 3
    for key in ("vinyl_flooring", "refrigerator", "range", "dishwasher", "blinds"):
        assert useful_life.life_years(key) > 0
    assert all(life.years > 0 and life.key == key for key, life in useful_life.LIFE_TABLE.items())
    assert [k for k, _ in useful_life.LIFE_CHOICES] == list(useful_life.LIFE_TABLE)


def test_unknown_life_item_is_refused():
    with pytest.raises(ValueError, match="No useful life"):
        useful_life.life_years("unicorn")
    with pytest.raises(ValueError):
        deduction_line(Deduction("other", D("10"), True, life_item="unicorn", age_years=D(1)))


# --- depreciation --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        ("0", "1000.00"),  # new: the whole cost
        ("8", "200.00"),  # the spec-style example: 8 of 10 years -> 20%
        ("9.99", "1.00"),  # just before the end of its life
        ("10", "0.00"),  # exactly at its life
        ("10.01", "0.00"),  # past it: never negative
        ("25", "0.00"),
    ],
)
def test_carpet_prorated_by_remaining_life(age, expected):
    assert depreciated_amount(D("1000"), age_years=D(age), life_years=D(10)) == D(expected)
    assert deduction_line(carpet("1000", age)).chargeable == D(expected)


def test_rounding_is_half_up_per_line():
    # 1/3 of 0.01 -> 0.00; 2/3 of 0.01 -> 0.01 (paint, 3-year life)
    paint = lambda amount, age: deduction_line(  # noqa: E731
        Deduction("paint", D(amount), True, life_item="interior_paint", age_years=D(age))
    )
    assert paint("0.01", 2).chargeable == D("0.00")
    assert paint("0.01", 1).chargeable == D("0.01")
    # 100.00 x 1/3 = 33.333.. -> 33.33; 0.05 x 1/2 = 0.025 -> 0.03 (half-up, not banker's 0.02)
    assert paint("100", 2).chargeable == D("33.33")
    assert depreciated_amount(D("0.05"), age_years=D(5), life_years=D(10)) == D("0.03")
    assert depreciated_amount(D("0.01"), age_years=D(5), life_years=D(10)) == D("0.01")  # 0.005 -> 0.01


def test_totals_are_sums_of_rounded_lines():
    # three lines of 33.33 each (100 x 1/3): the total is 99.99, not round(100.00)
    lines = [Deduction("paint", D("100"), True, life_item="interior_paint", age_years=D(2)) for _ in range(3)]
    result = deposit_disposition(security_deposit=D("500"), deductions=lines)
    assert result.total_deductions == D("99.99")
    assert result.refund_amount == D("400.01")


def test_without_life_item_charged_in_full_and_reason_says_so():
    line = deduction_line(Deduction("cleaning", D("250.00"), True))
    assert (line.chargeable, line.charged, line.life_years, line.remaining_fraction) == (D("250.00"),) * 2 + (
        None,
        1,
    )
    assert "in full" in line.reason
    assert "8 years old of a 10-year life" in deduction_line(carpet("1000", 8)).reason
    assert "nothing chargeable" in deduction_line(carpet("1000", 10)).reason


@pytest.mark.parametrize(
    "bad",
    [
        {"life_item": "carpet"},  # item without age
        {"age_years": D(3)},  # age without item
        {"life_item": "carpet", "age_years": D(-1)},
    ],
)
def test_life_item_and_age_go_together_and_age_not_negative(bad):
    with pytest.raises(ValueError):
        deduction_line(Deduction("carpet", D("100"), True, **bad))


def test_the_recorded_life_wins_over_the_table_and_blank_item_is_none():
    recorded = Deduction("carpet", D("1000"), True, life_item="carpet", age_years=D(8), life_years=D(16))
    assert deduction_line(recorded).chargeable == D("500.00")  # 8 of 16 years left
    assert deduction_line(Deduction("cleaning", D("90"), True, life_item="")).chargeable == D("90.00")


def test_life_must_be_positive():
    with pytest.raises(ValueError):
        depreciated_amount(D("100"), age_years=D(1), life_years=D(0))


# --- refund and balance owed ---------------------------------------------------------------------------------


def test_no_deductions_refunds_the_whole_deposit():
    result = deposit_disposition(security_deposit=D("1700"), deductions=[])
    assert (result.total_deductions, result.refund_amount, result.balance_owed) == (D("0"), D("1700.00"), D("0"))
    assert result.lines == ()


def test_unapproved_lines_are_listed_but_not_charged():
    result = deposit_disposition(
        security_deposit=D("1000"),
        deductions=[Deduction("cleaning", D("250"), False), Deduction("wall_damage", D("75.50"), True)],
    )
    assert [line.charged for line in result.lines] == [D("0.00"), D("75.50")]
    assert result.lines[0].chargeable == D("250.00") and "Not approved" in result.lines[0].reason
    assert (result.total_deductions, result.refund_amount, result.balance_owed) == (D("75.50"), D("924.50"), 0)


def test_only_unapproved_lines_refund_everything():
    result = deposit_disposition(security_deposit=D("900"), deductions=[Deduction("other", D("5000"), False)])
    assert (result.total_deductions, result.refund_amount, result.balance_owed) == (0, D("900.00"), 0)


@pytest.mark.parametrize(
    ("deposit", "charges", "refund", "owed"),
    [
        ("500.00", "500.00", "0.00", "0.00"),  # exactly the deposit
        ("500.00", "499.99", "0.01", "0.00"),  # one cent back
        ("500.00", "500.01", "0.00", "0.01"),  # one cent owed
        ("500.00", "1234.56", "0.00", "734.56"),  # above the deposit
        ("0", "100", "0.00", "100.00"),  # no deposit at all
        ("0", "0", "0.00", "0.00"),
    ],
)
def test_refund_and_balance_owed_boundaries(deposit, charges, refund, owed):
    result = deposit_disposition(security_deposit=D(deposit), deductions=[Deduction("other", D(charges), True)])
    assert result.refund_amount == D(refund)
    assert result.balance_owed == D(owed)
    assert result.refund_amount >= 0 and result.balance_owed >= 0
    assert result.security_deposit - result.total_deductions == result.refund_amount - result.balance_owed


def test_depreciated_replacement_within_a_disposition():
    # 8-year-old carpet ($1,000 to replace -> $200) + cleaning $250 against a $300 deposit -> owes $150
    result = deposit_disposition(
        security_deposit="300", deductions=[carpet("1000", 8), Deduction("cleaning", D("250"), True)]
    )
    assert (result.total_deductions, result.refund_amount, result.balance_owed) == (D("450.00"), 0, D("150.00"))


@pytest.mark.parametrize("bad", [D("-0.01"), D("NaN"), D("Infinity")])
def test_negative_or_non_finite_money_refused(bad):
    with pytest.raises(ValueError):
        deposit_disposition(security_deposit=bad, deductions=[])
    with pytest.raises(ValueError):
        deposit_disposition(security_deposit=D("10"), deductions=[Deduction("other", bad, True)])


def test_floats_refused():
    with pytest.raises(TypeError):
        deposit_disposition(security_deposit=100.10, deductions=[])
