"""Jurisdiction rules as data: shipped for every demo state with citations, loaded idempotently, resolved
city-over-state and by effective date (set-wise for agents), served at GET /api/v1/jurisdiction-rules/."""

import datetime
import io

import pytest
from django.core.management import call_command

from demo import reference
from properties import selectors
from properties.models import JurisdictionRule
from properties.rules_data import rules_read
from properties.services import jurisdiction_rules_load
from properties.tests.factories import PropertyFactory

pytestmark = pytest.mark.django_db

D = datetime.date
TODAY = D(2026, 11, 28)
# Landlord-tenant rules every demo state ships; contact hours are federal ("US") with state rows only where stricter.
TYPES = [t.value for t in JurisdictionRule.RuleType if t != JurisdictionRule.RuleType.SMS_CONTACT_HOURS]
URL = "/api/v1/jurisdiction-rules/"


# --- the shipped data ------------------------------------------------------------------------------------


@pytest.mark.parametrize("state", sorted({c[1] for c in reference.CITIES}))
def test_every_demo_state_has_every_rule_type_with_a_citation(state):
    for rule_type in TYPES:
        rule = selectors.jurisdiction_rule_get(state=state, rule_type=rule_type, on_date=TODAY)
        assert rule is not None, (state, rule_type)
        assert rule.citation.strip() and rule.summary.strip()
        assert "counsel" in rule.summary  # labelled as a starting point


def test_every_notice_rule_yields_a_notice_period():
    from properties import jurisdiction as law

    for rule in JurisdictionRule.objects.filter(rule_type__in=["rent_increase_notice", "mtm_termination_notice"]):
        for pct in (0, 5, 15):
            assert law.notice_days(rule.value, increase_pct=pct, tenancy_months=24) >= 1, rule


def test_the_file_and_the_table_agree_and_loading_is_idempotent():
    rows = rules_read()
    assert JurisdictionRule.objects.count() == len(rows)
    assert jurisdiction_rules_load() == (0, 0)
    out = io.StringIO()
    call_command("load_jurisdiction_rules", stdout=out)
    assert "0 created, 0 updated" in out.getvalue()


def test_loading_restores_an_edited_row_and_recreates_a_deleted_one():
    rule = JurisdictionRule.objects.get(state="CA", city="", rule_type="security_deposit_return")
    rule.value = {"days": 60}
    rule.save()
    JurisdictionRule.objects.filter(state="TX", rule_type="late_fee").delete()
    assert jurisdiction_rules_load() == (1, 1)
    rule.refresh_from_db()
    assert rule.value["days_with_deductions"] == 21 and rule.value["clock_starts"] == "move_out"


def test_the_database_requires_a_citation():
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        JurisdictionRule.objects.create(
            state="NY", rule_type="late_fee", value={}, summary="x", citation="", effective_date=TODAY
        )


# --- resolution --------------------------------------------------------------------------------------------


def test_city_rule_overrides_the_state_rule():
    seattle = selectors.jurisdiction_rule_get(
        state="WA", city="Seattle", rule_type="rent_increase_notice", on_date=TODAY
    )
    tacoma = selectors.jurisdiction_rule_get(state="WA", city="Tacoma", rule_type="rent_increase_notice", on_date=TODAY)
    assert (seattle.city, seattle.value) == ("Seattle", {"days": 180})
    assert (tacoma.city, tacoma.value["days"]) == ("", 90)
    # a type the city does not regulate falls back to the state's
    deposit = selectors.jurisdiction_rule_get(
        state="wa", city="seattle", rule_type="security_deposit_return", on_date=TODAY
    )
    assert deposit.city == "" and deposit.citation == "RCW 59.18.280(1)"


def test_the_version_in_force_on_the_date_governs():
    before = selectors.jurisdiction_rule_get(state="WA", rule_type="rent_increase_notice", on_date=D(2025, 5, 6))
    after = selectors.jurisdiction_rule_get(state="WA", rule_type="rent_increase_notice", on_date=D(2025, 5, 7))
    assert (before.value, after.value) == ({"days": 60}, {"days": 90})
    assert selectors.jurisdiction_rule_get(state="WA", rule_type="rent_increase_notice", on_date=D(2010, 1, 1)) is None


def test_rules_for_all_properties_in_one_query(django_assert_num_queries):
    props = [
        PropertyFactory(city="Seattle", state="WA", jurisdiction_state="WA", jurisdiction_city="Seattle"),
        PropertyFactory(city="Chicago", state="IL", jurisdiction_state="", jurisdiction_city=""),
        PropertyFactory(city="Austin", state="TX", jurisdiction_state="TX", jurisdiction_city="Austin"),
        PropertyFactory(city="Albany", state="NY", jurisdiction_state="NY", jurisdiction_city="Albany"),
    ]
    with django_assert_num_queries(1):
        rules = selectors.jurisdiction_rules_for_properties(properties=props, rule_types=TYPES, on_date=TODAY)
    assert rules[props[0].pk]["rent_increase_notice"].value == {"days": 180}
    assert rules[props[1].pk]["late_fee"].city == "Chicago"  # falls back to the address's city
    assert rules[props[2].pk]["late_fee"].citation == "Tex. Prop. Code §92.019"
    assert rules[props[3].pk] == {}  # no rules shipped for New York


# --- API -----------------------------------------------------------------------------------------------------


def test_list_by_state(api_client):
    response = api_client.get(URL, {"state": "ca"})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == JurisdictionRule.objects.filter(state="CA").count() == len(TYPES) == 6
    increase = next(r for r in body["results"] if r["rule_type"] == "rent_increase_notice")
    assert increase["citation"] == "Cal. Civ. Code §827"
    assert increase["value"] == {"tiers": [{"max_increase_pct": 10, "days": 30}, {"days": 90}]}
    assert increase["scope"] == "state" and "counsel" in increase["summary"]
    assert increase["rule_type_label"] == "Rent increase notice"


def test_city_filter_returns_statewide_and_city_rules(api_client):
    body = api_client.get(URL, {"state": "IL", "city": "chicago"}).json()
    assert {(r["city"], r["rule_type"]) for r in body["results"]} == {
        (city, t) for city in ("", "Chicago") for t in TYPES
    }
    body = api_client.get(URL, {"state": "IL", "city": "Chicago", "rule_type": "late_fee"}).json()
    assert [(r["city"], r["citation"]) for r in body["results"]] == [
        ("", "No statewide statute (Chicago: RLTO 5-12-140(h))"),
        ("Chicago", "Chicago Municipal Code 5-12-140(h)"),
    ]


def test_rule_type_filter_and_versions(api_client):
    body = api_client.get(URL, {"state": "WA", "rule_type": "rent_increase_notice"}).json()
    assert [(r["city"], r["effective_date"]) for r in body["results"]] == [
        ("", "2025-05-07"),
        ("", "2019-07-28"),
        ("Seattle", "2023-01-01"),
    ]


def test_all_states_paginated(api_client, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):  # auth token, count, page
        response = api_client.get(URL, {"page_size": 10})
    assert response.status_code == 200
    assert response.json()["count"] == JurisdictionRule.objects.count() and len(response.json()["results"]) == 10


def test_search_matches_citation_summary_and_city(api_client):
    body = api_client.get(URL, {"search": "§827"}).json()
    assert [(r["state"], r["rule_type"]) for r in body["results"]] == [("CA", "rent_increase_notice")]
    assert {r["city"] for r in api_client.get(URL, {"search": "seattle"}).json()["results"]} == {"Seattle"}


def test_a_state_with_no_rules_is_an_empty_list(api_client):
    response = api_client.get(URL, {"state": "NY"})
    assert response.status_code == 200 and response.json()["count"] == 0


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"state": "XX"}, "state"),
        ({"state": "Washington"}, "state"),
        ({"state": "W1"}, "state"),
        ({"state": "WA", "rule_type": "rent_control"}, "rule_type"),
        ({"city": "Seattle"}, "city"),
        ({"state": "WA", "city": "x" * 101}, "city"),
    ],
)
def test_bad_input_is_a_400(api_client, query, field):
    response = api_client.get(URL, query)
    assert response.status_code == 400
    assert field in str(response.json())


def test_requires_authentication(anon_client):
    assert anon_client.get(URL, {"state": "WA"}).status_code in (401, 403)


def test_in_the_openapi_schema(api_client):
    response = api_client.get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    operation = response.json()["paths"]["/api/v1/jurisdiction-rules/"]["get"]
    assert {"state", "city", "rule_type"} <= {p["name"] for p in operation["parameters"]}
