"""portfolio.rules: the agent's rules, confidence formulas, priorities, threshold and cap (pure)."""

import datetime
from decimal import Decimal

import pytest

from portfolio import rules
from portfolio.rules import CollectionsFacts, UnitFacts
from properties import jurisdiction as law

TODAY = datetime.date(2026, 11, 23)
D = Decimal


CALIFORNIA = law.RuleFacts(
    value={"tiers": [{"max_increase_pct": 10, "days": 30}, {"days": 90}]}, citation="Cal. Civ. Code §827"
)


def facts(
    state="active",
    *,
    rent="1500",
    market="1600",
    end=None,
    move_out=None,
    churn=0.4,
    offer=None,
    collections=None,
    excluded=(),
    rent_notice=None,
):
    return UnitFacts(
        unit_id="u1",
        property_id="p1",
        lease_id="l1",
        lifecycle_state=state,
        rent=D(rent),
        market_rent=D(market) if market else None,
        lease_end_date=end,
        notice_move_out_date=move_out,
        churn_score=churn,
        churn_risk_level="medium",
        renewal_rent=D(offer) if offer else None,
        collections=collections,
        excluded=frozenset(excluded),
        rent_notice=rent_notice or CALIFORNIA,
        tenancy_start=datetime.date(2024, 1, 1),
    )


def case(**kw):
    base = dict(
        case_id="c1",
        status="open",
        escalation_level=4,
        risk_profile="standard",
        days_overdue=20,
        balance=D("1700"),
        high_risk=True,
    )
    return CollectionsFacts(**{**base, **kw})


def days(n):
    return TODAY + datetime.timedelta(days=n)


def types(f):
    return [c.action_type for c in rules.candidates(f, TODAY)]


@pytest.mark.parametrize("n,fires", [(59, False), (60, True), (75, True), (90, True), (91, False)])
def test_nudge_window_is_60_to_90_days_inclusive(n, fires):
    assert (types(facts(end=days(n))) == ["early_renewal_nudge"]) is fires


def test_nudge_confidence_formula_and_wording():
    c = rules.early_renewal_nudge(facts(end=days(72), churn=0.4, offer="1545.00"), TODAY)
    # 0.55 + 0.30 * 0.6 + 0.10 * 18/30 = 0.79
    assert c.confidence == D("0.79") and c.priority == "medium"
    assert c.description == "Offer early renewal @ $1,545"
    assert "Lease ends in 72 days (Feb 3, 2027)" in c.reason and "Churn score 0.40 (medium)" in c.reason
    assert c.payload["offer_rent"] == "1545.00" and c.payload["days_to_expiry"] == 72


@pytest.mark.parametrize("gap,fires", [("50", False), ("50.01", True), ("300", True)])
def test_rent_increase_needs_a_gap_over_50(gap, fires):
    f = facts("month_to_month", rent="1500", market=str(D("1500") + D(gap)), end=days(-10))
    assert ("rent_increase_notice" in types(f)) is fires


def test_rent_increase_confidence_priority_and_payload():
    c = rules.rent_increase_notice(facts("month_to_month", rent="1500", market="1800", end=days(-10), churn=0.2), TODAY)
    # gap 16.7% -> capped at 1: 0.50 + 0.30 + 0.15 * 0.8 = 0.92 -> urgent
    assert c.confidence == D("0.92") and c.priority == "urgent"
    assert c.description == "Rent increase notice (+$300)"
    assert c.payload["new_rent"] == "1800.00" and c.payload["increase"] == "300.00"
    # +20% is over §827's 10% tier: 90 days' notice, from the first 1st after it has run
    effective = law.earliest_effective_date(notice_date=TODAY, days=90, period_start=True)
    assert (c.payload["notice_days"], c.payload["citation"]) == (90, "Cal. Civ. Code §827")
    assert c.payload["effective_date"] == effective.isoformat()
    assert f"A 90-day notice (Cal. Civ. Code §827) brings it to market from {effective:%b} 1, {effective.year}." in (
        c.reason
    )
    small = rules.rent_increase_notice(
        facts("month_to_month", rent="1700", market="1775", end=days(-10), churn=0.6), TODAY
    )
    # gap 4.2%: 0.50 + 0.30 * 0.2817 + 0.15 * 0.4 = 0.6445 -> 0.64, medium (gap < 10%)
    assert small.confidence == D("0.64") and small.priority == "medium"
    assert small.payload["notice_days"] == 30  # +4.4% of the rent: the 30-day tier


def test_rent_increase_notice_follows_the_city_rule_and_needs_a_rule():
    seattle = law.RuleFacts(value={"days": 180}, citation="Seattle Municipal Code 7.24.030")
    c = rules.rent_increase_notice(facts("month_to_month", market="1800", end=days(-10), rent_notice=seattle), TODAY)
    assert c.payload["notice_days"] == 180 and "180-day notice (Seattle Municipal Code 7.24.030)" in c.reason
    # no rule for the place: the strictest on file applies, and the reason says so
    fallback = law.RuleFacts(value=None, fallback_values=({"days": 30}, {"days": 60}))
    c = rules.rent_increase_notice(facts("month_to_month", market="1800", end=days(-10), rent_notice=fallback), TODAY)
    assert c.payload["notice_days"] == 60 and "(strictest rule on file)" in c.reason
    # no rule on file anywhere: the law is unknown, no notice is proposed
    nothing = law.RuleFacts(value=None)
    assert (
        rules.rent_increase_notice(facts("month_to_month", market="1800", end=days(-10), rent_notice=nothing), TODAY)
        is None
    )


@pytest.mark.parametrize("holdover,fires", [(30, False), (31, True)])
def test_renewal_offer_needs_a_holdover_over_30_days(holdover, fires):
    f = facts("month_to_month", rent="1600", market="1600", end=days(-holdover))
    assert (types(f) == ["renewal_offer"]) is fires


def test_renewal_offer_confidence_rewards_long_below_market_holdovers_and_punishes_churn():
    long_cheap = rules.renewal_offer(
        facts("month_to_month", rent="1500", market="1650", end=days(-200), churn=0.2), TODAY
    )
    short_market = rules.renewal_offer(
        facts("month_to_month", rent="1600", market="1600", end=days(-36), churn=0.2), TODAY
    )
    leaver = rules.renewal_offer(facts("month_to_month", rent="1600", market="1600", end=days(-36), churn=0.9), TODAY)
    # 0.50 + 0.20 + 0.15 * min(9.09%/10%, 1) + 0.15 * 0.8 = 0.956 -> 0.96
    assert long_cheap.confidence == D("0.96") and long_cheap.priority == "urgent"
    # 0.50 + 0.20 * 36/180 + 0 + 0.12 = 0.66
    assert short_market.confidence == D("0.66") and short_market.priority == "medium"
    assert leaver.confidence == D("0.56")  # 0.50 + 0.04 + 0.015
    assert "renewal_offer" not in [
        c.action_type
        for c in rules.recommend(facts("month_to_month", rent="1600", market="1600", end=days(-36), churn=0.9), TODAY)
    ]


def test_renewal_offer_is_high_priority_for_a_long_holdover():
    c = rules.renewal_offer(facts("month_to_month", rent="1600", market="1600", end=days(-95), churn=0.9), TODAY)
    assert c.confidence == D("0.62") and c.priority == "high"  # 0.50 + 0.1056 + 0.015


def test_collections_lower_renewal_confidence():
    plain = rules.renewal_offer(facts("month_to_month", end=days(-100)), TODAY)
    owing = rules.renewal_offer(facts("month_to_month", end=days(-100), collections=case(high_risk=False)), TODAY)
    assert plain.confidence - owing.confidence == D("0.15")


@pytest.mark.parametrize(
    "n,expected",
    [
        (40, ["move_out_inspection"]),
        (14, ["move_out_inspection", "listing_prep"]),
        (0, ["move_out_inspection", "listing_prep"]),
    ],
)
def test_notice_rules(n, expected):
    assert types(facts("notice", move_out=days(n), end=days(-30))) == expected


def test_notice_confidence_rises_as_the_move_out_nears():
    far = rules.move_out_inspection(facts("notice", move_out=days(40)), TODAY)
    near = rules.move_out_inspection(facts("notice", move_out=days(10)), TODAY)
    assert far.confidence == D("0.78") and far.priority == "medium"  # 0.70 + 0.25 * 20/60
    assert near.confidence == D("0.91") and near.priority == "urgent"
    assert near.description == "Schedule move-out inspection (Dec 3, 2026)"
    prep = rules.listing_prep(facts("notice", move_out=days(14)), TODAY)
    assert prep.confidence == D("0.65") and prep.priority == "high"
    assert rules.listing_prep(facts("notice", move_out=days(0)), TODAY).confidence == D("0.90")


def test_eviction_prep_for_high_risk_cases_only():
    assert types(facts(end=days(300), collections=case(high_risk=False))) == []
    c = rules.eviction_prep(
        facts(end=days(300), collections=case(escalation_level=5, risk_profile="chronic", days_overdue=30)), TODAY
    )
    # 0.50 + 0.30 + 0.10 + 0.075 = 0.975
    assert c.confidence == D("0.98") and c.priority == "urgent" and c.description == "Begin eviction prep"
    on_plan = rules.eviction_prep(
        facts(end=days(300), collections=case(status="payment_plan", escalation_level=4, days_overdue=12)), TODAY
    )
    assert on_plan.confidence == D("0.57")  # 0.50 + 0.24 + 0.03 - 0.20: dropped by the threshold
    assert rules.recommend(facts(end=days(300), collections=case(status="payment_plan", days_overdue=12)), TODAY) == []


def test_vacant_units_get_nothing():
    assert types(facts("vacant", end=days(-30), collections=case())) == []


def test_at_most_two_by_priority_then_confidence():
    f = facts(
        "month_to_month",
        rent="1400",
        market="1700",
        end=days(-120),
        churn=0.3,
        collections=case(escalation_level=5, status="escalated", risk_profile="chronic", days_overdue=50),
    )
    assert len(rules.candidates(f, TODAY)) == 3
    picked = rules.recommend(f, TODAY)
    assert [c.action_type for c in picked] == ["eviction_prep", "rent_increase_notice"]
    # rent increase 0.755 -> 0.76 (high) beats the renewal offer 0.738 -> 0.74 (high)
    assert [(c.priority, c.confidence) for c in picked] == [("urgent", D("0.99")), ("high", D("0.76"))]


def test_low_confidence_is_dropped_at_the_060_boundary():
    kept = rules.recommend(facts("month_to_month", rent="1600", market="1600", end=days(-90), churn=1.0), TODAY)
    # 0.50 + 0.20 * 0.5 + 0 + 0 = 0.60: kept (>= 0.60)
    assert [(c.action_type, c.confidence) for c in kept] == [("renewal_offer", D("0.60"))]
    assert (
        rules.recommend(facts("month_to_month", rent="1600", market="1600", end=days(-85), churn=1.0), TODAY) == []
    )  # 0.594 -> 0.59


def test_excluded_actions_are_skipped():
    f = facts("notice", move_out=days(5), excluded={"move_out_inspection"})
    assert types(f) == ["listing_prep"]


def test_confidence_is_capped_below_one():
    c = rules.eviction_prep(
        facts(collections=case(escalation_level=5, risk_profile="chronic", days_overdue=90, status="escalated")), TODAY
    )
    assert c.confidence == D("0.99")


@pytest.mark.parametrize(
    "notice,effective",
    [
        (datetime.date(2026, 11, 23), datetime.date(2027, 1, 1)),
        (datetime.date(2026, 12, 2), datetime.date(2027, 1, 1)),
        (datetime.date(2026, 12, 3), datetime.date(2027, 2, 1)),
        (datetime.date(2026, 1, 30), datetime.date(2026, 3, 1)),
    ],
)
def test_rent_notice_effective_date_is_a_first_of_month_after_the_notice(notice, effective):
    terms = rules.rent_notice_terms(
        law.RuleFacts(value={"days": 30}, citation="x"), notice_date=notice, current=D("1000"), new=D("1050")
    )
    assert (terms.effective_date, terms.notice_days) == (effective, 30)
