"""Deposit law as data (issue 16 §4): for every state the demo can seed, when the deposit must go back (with and
without deductions, and when the clock starts), what the itemized statement must contain, and whether wear and
tear is excluded and depreciation required, each with its citation and the date it was checked; the accessor the
deposit disposition (2.1) reads, its deadline arithmetic, and the API/screen fields."""

import datetime
import json
from decimal import Decimal

import pytest

from demo import reference
from properties import jurisdiction as law
from properties import selectors
from properties.models import JurisdictionRule
from properties.rules_data import DATA_FILE, rules_read
from properties.tests.factories import PropertyFactory

D = datetime.date
TODAY = D(2026, 11, 28)
DEPOSIT_TYPES = law.DEPOSIT_RULE_TYPES
URL = "/api/v1/jurisdiction-rules/"
DEMO_STATES = sorted({c[1] for c in reference.CITIES})


# --- every demo state ------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("state", DEMO_STATES)
def test_every_demo_state_has_the_three_deposit_rules_with_citations(state):
    for rule_type in DEPOSIT_TYPES:
        rule = selectors.jurisdiction_rule_get(state=state, rule_type=rule_type, on_date=TODAY)
        assert rule is not None, f"{state} has no {rule_type} rule"
        assert rule.citation.strip() and not rule.citation.startswith("No statute"), (state, rule_type)
        assert rule.checked_on is not None, (state, rule_type)
        assert "counsel" in rule.summary
        assert not rule.needs_review or rule.review_note.strip()
    deposit = selectors.deposit_return_rule(state=state, on_date=TODAY)
    assert deposit is not None and not any(n.endswith("no rule on file") for n in deposit.review_notes)
    assert all(deposit.citations.values())
    assert deposit.days(deductions=True) is not None  # a deadline to count from the move-out
    assert deposit.clock_starts in law.CLOCK_STARTS
    assert deposit.statement.contents and "each_deduction" in deposit.statement.contents


@pytest.mark.django_db
def test_every_seeded_demo_property_has_deposit_law():
    from demo.seed import portfolio_delete, seed_portfolio
    from properties.models import Properties

    seed_portfolio(leases=60, today=TODAY)
    try:
        props = list(Properties.objects.all())
        assert len({p.state for p in props}) > 3
        rules = selectors.deposit_return_rules_for_properties(properties=props, on_date=TODAY)
        missing = sorted({p.state for p in props if rules[p.pk] is None})
        assert not missing, f"demo properties in {missing} have no security_deposit_return rule"
        assert all(all(rules[p.pk].citations.values()) for p in props)
    finally:
        portfolio_delete()


def test_the_file_states_both_deadlines_and_valid_enums_for_every_deposit_rule():
    rows = [r for r in rules_read() if r["rule_type"] in DEPOSIT_TYPES]
    assert {(r["state"], r["city"]) for r in rows} >= {(s, "") for s in DEMO_STATES} | {("IL", "Chicago")}
    for r in rows:
        assert law.deposit_value_errors(r["rule_type"], r["value"]) == [], r
        if r["rule_type"] == "security_deposit_return":
            assert {"days_no_deductions", "days_with_deductions", "clock_starts", "day_count"} <= r["value"].keys()


def test_the_loader_refuses_a_bad_deposit_value(tmp_path):
    rows = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    bad = next(r for r in rows if r["state"] == "TX" and r["rule_type"] == "security_deposit_return")
    bad["value"]["clock_starts"] = "whenever"
    path = tmp_path / "rules.json"
    path.write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(ValueError, match=r"TX .*security_deposit_return.*clock_starts: unknown 'whenever'"):
        rules_read(path)
    bad["value"]["clock_starts"] = "surrender"
    bad["needs_review"], bad["review_note"] = True, ""
    path.write_text(json.dumps(rows), encoding="utf-8")
    with pytest.raises(ValueError, match="review_note"):
        rules_read(path)


# --- the accessor --------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_texas_thirty_days_after_surrender_with_an_itemized_list(django_assert_num_queries):
    with django_assert_num_queries(1):
        tx = selectors.deposit_return_rule(state="tx", city="Austin", on_date=TODAY)
    assert (tx.days_no_deductions, tx.days_with_deductions, tx.day_count) == (30, 30, "calendar")
    assert tx.clock_starts == "surrender" and tx.conditions == ("forwarding_address",)
    assert tx.citations == {
        "return": "Tex. Prop. Code §92.103(a); §92.107; §92.1041",
        "statement": "Tex. Prop. Code §92.104(c); §92.1041",
        "deductions": "Tex. Prop. Code §92.104(b); §92.001(4)",
    }
    assert tx.wear_and_tear_excluded and tx.wear_and_tear_words == "normal wear and tear"
    assert tx.depreciation_required is False and tx.needs_review is False
    assert tx.checked_on == D(2026, 11, 29)
    assert tx.deadline(move_out=D(2026, 12, 1)) == D(2026, 12, 31)


@pytest.mark.django_db
def test_california_twenty_one_days_and_receipts_from_125_dollars():
    ca = selectors.deposit_return_rule(state="CA", city="Sacramento", on_date=TODAY)
    assert (ca.days_no_deductions, ca.days_with_deductions, ca.clock_starts) == (21, 21, "move_out")
    assert ca.citations["return"] == "Cal. Civ. Code §1950.5(g)(1)"
    assert ca.statement.receipts == "over_threshold" and ca.statement.receipts_threshold == Decimal("125.00")
    assert ca.statement.receipts_needed(repairs_and_cleaning=Decimal("124.99")) is False
    assert ca.statement.receipts_needed(repairs_and_cleaning=Decimal("125.00")) is True
    assert {"landlord_labor", "receipts"} <= set(ca.statement.contents)
    assert ca.wear_and_tear_words == "ordinary wear and tear" and ca.depreciation_required is False
    assert ca.needs_review and any("$125" in note for note in ca.review_notes)
    assert ca.deadline(move_out=D(2026, 12, 31)) == D(2027, 1, 21)


@pytest.mark.django_db
def test_florida_models_both_numbers():
    fl = selectors.deposit_return_rule(state="FL", on_date=TODAY)
    assert (fl.days_no_deductions, fl.days_with_deductions, fl.balance_days_after_notice) == (15, 30, 30)
    move_out = D(2026, 11, 2)
    assert fl.deadline(move_out=move_out, deductions=False) == D(2026, 11, 17)
    assert fl.deadline(move_out=move_out, deductions=True) == D(2026, 12, 2)
    assert fl.statement.delivery == ("certified_mail", "last_known_address")


@pytest.mark.django_db
def test_chicago_overrides_illinois_per_rule_and_other_places_have_none():
    chicago = selectors.deposit_return_rule(state="IL", city="chicago", on_date=TODAY)
    assert chicago.city == "Chicago" and chicago.citations["return"] == "Chicago Municipal Code 5-12-080(d)"
    assert chicago.statement.interest == "annual" and chicago.wear_and_tear_words == "reasonable wear and tear"
    assert selectors.deposit_return_rule(state="IL", city="Peoria", on_date=TODAY).conditions == ("five_or_more_units",)
    assert selectors.deposit_return_rule(state="NY", on_date=TODAY) is None
    # Washington's rule starts with the 2023 amendment: nothing on file before it
    assert selectors.deposit_return_rule(state="WA", on_date=D(2023, 7, 22)) is None
    assert selectors.deposit_return_rule(state="WA", on_date=D(2023, 7, 23)).days_with_deductions == 30


@pytest.mark.django_db
def test_rules_for_properties_in_one_query(django_assert_num_queries):
    props = [
        PropertyFactory(state="TX", city="Austin", jurisdiction_state="TX", jurisdiction_city="Austin"),
        PropertyFactory(state="AZ", city="Phoenix", jurisdiction_state="", jurisdiction_city=""),
    ]
    with django_assert_num_queries(1):
        found = selectors.deposit_return_rules_for_properties(properties=props, on_date=TODAY)
    assert found[props[0].pk].state == "TX" and found[props[1].pk].day_count == "business"


@pytest.mark.django_db
def test_a_place_missing_the_statement_rule_is_flagged_for_review():
    JurisdictionRule.objects.filter(state="OH", rule_type="deposit_itemized_statement").delete()
    oh = selectors.deposit_return_rule(state="OH", on_date=TODAY)
    assert oh.needs_review and "deposit_itemized_statement: no rule on file" in oh.review_notes
    assert oh.citations["statement"] == "" and oh.statement.contents == ()


# --- deadline arithmetic (pure) ------------------------------------------------------------------------------


def test_business_days_skip_weekends():
    # Arizona: 14 days not counting Saturdays and Sundays; move-out Friday Dec 4, 2026 -> Thursday Dec 24
    assert law.add_business_days(D(2026, 12, 4), 14) == D(2026, 12, 24)
    assert law.deposit_return_deadline(
        days=14, day_count="business", clock_starts="tenancy_end_and_move_out", move_out=D(2026, 12, 4)
    ) == D(2026, 12, 24)


def test_a_month_is_a_calendar_month():
    assert law.add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert law.add_months(D(2026, 12, 15), 1) == D(2027, 1, 15)
    assert law.deposit_return_deadline(days=1, day_count="months", clock_starts="tenancy_end_and_move_out",
                                       move_out=D(2026, 3, 31)) == D(2026, 4, 30)  # fmt: skip


@pytest.mark.parametrize(
    ("clock", "tenancy_end", "start"),
    [
        ("move_out", D(2026, 11, 30), D(2026, 11, 20)),
        ("surrender", D(2026, 11, 30), D(2026, 11, 20)),
        # the law starts at the tenancy's end: an early move-out counts from the move-out (never later than the law)
        ("tenancy_end", D(2026, 11, 30), D(2026, 11, 20)),
        ("tenancy_end", D(2026, 11, 10), D(2026, 11, 10)),
        ("tenancy_end_and_move_out", D(2026, 11, 30), D(2026, 11, 30)),
        ("tenancy_end_and_move_out", D(2026, 11, 10), D(2026, 11, 20)),
        ("tenancy_end_or_surrender_first", D(2026, 11, 10), D(2026, 11, 10)),
        ("tenancy_end_and_move_out", None, D(2026, 11, 20)),
    ],
)
def test_when_the_clock_starts(clock, tenancy_end, start):
    assert law.deposit_clock_start(clock, move_out=D(2026, 11, 20), tenancy_end=tenancy_end) == start


def test_no_statutory_period_is_no_deadline():
    assert law.deposit_return_deadline(days=None, clock_starts="occupancy_end", move_out=TODAY) is None
    with pytest.raises(law.RuleValueError):
        law.deposit_clock_start("whenever", move_out=TODAY)


# --- API -----------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_api_serves_the_new_types_with_checked_date_and_review_flag(api_client):
    body = api_client.get(URL, {"state": "CA", "rule_type": "deposit_itemized_statement"}).json()
    (rule,) = body["results"]
    assert rule["rule_type_label"] == "Deposit itemized statement"
    assert rule["checked_on"] == "2026-11-29" and rule["needs_review"] is True and "$125" in rule["review_note"]
    assert rule["value"]["receipts_threshold"] == "125.00"
    deductions = api_client.get(URL, {"state": "TX", "rule_type": "deposit_deductions"}).json()["results"][0]
    assert deductions["value"]["depreciation_required"] is False and deductions["needs_review"] is False
    older = api_client.get(URL, {"state": "CA", "rule_type": "late_fee"}).json()["results"][0]
    assert older["checked_on"] is None and older["needs_review"] is False
