import datetime
from decimal import Decimal

import pytest

from collections_app import dunning as d


@pytest.mark.parametrize(
    "late,profile",
    [
        (0, "good_history"),
        (1, "good_history"),
        (2, "standard"),
        (3, "repeat_offender"),
        (5, "repeat_offender"),
        (6, "chronic"),
        (14, "chronic"),
    ],
)
def test_risk_profile(late, profile):
    assert d.risk_profile(late) == profile


def test_select_tone_matches_spec_table():
    assert [d.select_tone("good_history", i) for i in range(5)] == ["friendly", "friendly", "firm", "firm", "formal"]
    assert [d.select_tone("repeat_offender", i) for i in range(5)] == ["firm", "firm", "formal", "formal", "legal"]
    assert [d.select_tone("chronic", i) for i in range(5)] == ["firm", "formal", "formal", "legal", "legal"]
    assert [d.select_tone("standard", i) for i in range(5)] == ["friendly", "firm", "firm", "formal", "formal"]
    assert d.select_tone("unknown", 9) == "formal"


@pytest.mark.parametrize(
    "days,level", [(0, 0), (1, 1), (2, 1), (3, 2), (4, 2), (5, 3), (7, 3), (8, 4), (11, 4), (12, 5), (90, 5)]
)
def test_level_due(days, level):
    assert d.level_due(days) == level


def test_schedule_channels():
    assert [(s.level, s.day, s.channels) for s in d.SCHEDULE] == [
        (1, 1, ("sms",)),
        (2, 3, ("email",)),
        (3, 5, ("email", "letter")),
        (4, 8, ("email",)),
        (5, 12, ("letter",)),
    ]


def test_one_step_at_a_time_and_never_the_legal_step():
    level = lambda **kw: getattr(d.step_to_send(**kw), "level", None)  # noqa: E731
    assert level(current_level=0, days_overdue=1) == 1
    assert level(current_level=1, days_overdue=2) is None
    # a new case, or catch-up after downtime: only the step the days call for, not the missed ones
    assert level(current_level=0, days_overdue=6) == 3
    assert level(current_level=1, days_overdue=10) == 4
    # the legal step is never sent automatically
    assert level(current_level=0, days_overdue=40) == 4 and level(current_level=4, days_overdue=40) is None
    assert level(current_level=5, days_overdue=40) is None


def test_legal_referral_needs_every_reminder_and_the_minimums():
    ok = {
        "current_level": 4,
        "days_overdue": 30,
        "balance": Decimal("500.00"),
        "min_balance": Decimal("500.00"),
        "min_days_overdue": 30,
    }
    assert d.legal_referral_eligible(**ok)
    assert not d.legal_referral_eligible(**{**ok, "current_level": 3})
    assert not d.legal_referral_eligible(**{**ok, "days_overdue": 29})
    assert not d.legal_referral_eligible(**{**ok, "balance": Decimal("499.99")})
    assert not d.legal_referral_eligible(**{**ok, "min_days_overdue": 5, "days_overdue": 11})  # before step 5's day
    assert d.next_step(5) is None and d.next_step(0).level == 1


@pytest.mark.parametrize(
    "balance,rent,count",
    [
        ("100.00", "1800", 2),
        ("900.00", "1800", 2),
        ("901.00", "1800", 2),
        ("1800.00", "1800", 2),
        ("2700.00", "1800", 3),
        ("5000.00", "1800", 6),
        ("20000.00", "1800", 6),
    ],
)
def test_plan_installment_count(balance, rent, count):
    assert d.plan_installment_count(Decimal(balance), Decimal(rent)) == count


@pytest.mark.parametrize("balance", ["1000.00", "2450.01", "1333.33", "0.05", "9999.99"])
def test_plan_installments_sum_to_the_cent(balance):
    start = datetime.date(2026, 12, 1)
    rows = d.plan_installments(balance=Decimal(balance), monthly_rent=Decimal("1750"), start=start)
    assert sum(a for _, a, _ in rows) == Decimal(balance)
    assert all(a.as_tuple().exponent == -2 for _, a, _ in rows)
    assert [n for n, _, _ in rows] == list(range(1, len(rows) + 1))
    assert rows[1][2] - rows[0][2] == datetime.timedelta(days=14)


def test_plan_rejects_non_positive_balance():
    with pytest.raises(ValueError):
        d.plan_installments(balance=Decimal("0"), monthly_rent=Decimal("1000"), start=datetime.date.today())


@pytest.mark.parametrize(
    "balance,count,expected",
    [("0.01", None, ["0.01"]), ("0.03", 6, ["0.01", "0.01", "0.01"]), ("0.05", 2, ["0.02", "0.03"])],
)
def test_plan_never_has_a_zero_installment(balance, count, expected):
    rows = d.plan_installments(
        balance=Decimal(balance), monthly_rent=Decimal("1000"), start=datetime.date(2026, 1, 1), count=count
    )
    assert [str(a) for _, a, _ in rows] == expected


def test_recommended_next_step():
    base = dict(balance=Decimal("900"), monthly_rent=Decimal("1800"), plan_status=None)
    assert "defaulted" in d.recommended_next_step(risk_profile="good_history", **{**base, "plan_status": "defaulted"})
    assert d.recommended_next_step(risk_profile="chronic", **base).startswith("Repeat late payer")
    assert "two months" in d.recommended_next_step(risk_profile="good_history", **{**base, "balance": Decimal("3600")})
    assert d.recommended_next_step(risk_profile="good_history", **base).startswith("Call the tenant before")
