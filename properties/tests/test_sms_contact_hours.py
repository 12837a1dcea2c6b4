"""Contact hours for automated texts are law as data (`sms_contact_hours`): the federal window everywhere, narrowed
by a state's stricter one, each bound cited, counted in the property's time zone."""

import datetime

import pytest

from properties.jurisdiction import FEDERAL, RuleValueError, contact_hours, contact_hours_value_errors
from properties.models import JurisdictionRule
from properties.rules_data import rules_read
from properties.selectors import ContactWindows, sms_contact_window
from properties.tests.factories import PropertyFactory
from properties.time_zones import time_zone_errors, zone_name

T = datetime.time
UTC = datetime.UTC
TCPA = "47 CFR §64.1200(c)(1)"
FL = "Fla. Stat. §501.616(6)(a)"


def _rows():
    return {r["state"]: r for r in rules_read() if r["rule_type"] == "sms_contact_hours"}


def test_the_shipped_rows_each_with_its_window_and_citation():
    rows = _rows()
    assert set(rows) == {FEDERAL, "FL", "OK", "MD"}
    assert (rows["US"]["value"], rows["US"]["citation"]) == ({"start": "08:00", "end": "21:00"}, TCPA)
    assert (rows["FL"]["value"], rows["FL"]["citation"]) == ({"start": "08:00", "end": "20:00"}, FL)
    assert rows["FL"]["effective_date"] == datetime.date(2021, 7, 1)
    assert rows["OK"]["value"] == rows["MD"]["value"] == {"start": "08:00", "end": "20:00"}
    assert "775C" in rows["OK"]["citation"] and "14-4501" in rows["MD"]["citation"]
    # the pin cites of OK and MD were not read: flagged for counsel, with what to check
    assert rows["OK"]["needs_review"] and "Pin-cite" in rows["OK"]["review_note"]
    assert rows["MD"]["needs_review"] and "Pin-cite" in rows["MD"]["review_note"]
    assert all(r["summary"] and r["checked_on"] for r in rows.values())


def test_value_checks():
    assert contact_hours_value_errors("sms_contact_hours", {"start": "08:00", "end": "21:00"}) == []
    assert contact_hours_value_errors("sms_contact_hours", {"start": "21:00", "end": "08:00"})
    assert contact_hours_value_errors("sms_contact_hours", {"start": "8am", "end": "21:00"})
    assert contact_hours_value_errors("late_fee", {}) == []


def test_the_stricter_bound_wins_with_its_citation():
    hours = contact_hours([({"start": "08:00", "end": "21:00"}, TCPA), ({"start": "08:00", "end": "20:00"}, FL)])
    assert (hours.start, hours.end) == (T(8), T(20))
    assert (hours.start_citation, hours.end_citation) == (TCPA, FL)
    assert hours.citation == f"{FL}; {TCPA}"
    later = contact_hours([({"start": "08:00", "end": "21:00"}, TCPA), ({"start": "09:00", "end": "21:30"}, "X")])
    assert (later.start, later.end, later.citation) == (T(9), T(21), f"{TCPA}; X")
    assert contact_hours([]) is None
    with pytest.raises(RuleValueError):
        contact_hours([({"start": "08:00", "end": "09:00"}, "A"), ({"start": "10:00", "end": "11:00"}, "B")])


def test_time_zone_of_a_property():
    assert zone_name(state="FL") == "America/New_York"
    assert zone_name(state="FL", time_zone="America/Chicago") == "America/Chicago"  # the panhandle
    assert zone_name(state="??") == "America/New_York"
    assert time_zone_errors("") == [] and time_zone_errors("America/Chicago") == []
    assert time_zone_errors("Mars/Olympus")


@pytest.mark.django_db
@pytest.mark.parametrize(
    "state, end, citation",
    [("WA", 21, TCPA), ("CA", 21, TCPA), ("FL", 20, FL), ("OK", 20, "15 O.S."), ("MD", 20, "Com. Law")],
)
def test_every_jurisdiction_row_gives_the_property_its_window(state, end, citation):
    prop = PropertyFactory(state=state, jurisdiction_state=state, jurisdiction_city="")
    window = sms_contact_window(prop, on_date=datetime.date(2026, 11, 29))
    assert (window.start, window.end) == (T(8), T(end))
    assert citation in window.citation
    assert window.reason.startswith("quiet hours, ")


@pytest.mark.django_db
def test_florida_is_8_to_8_in_its_own_zone_and_before_2021_it_was_federal():
    miami = PropertyFactory(state="FL", jurisdiction_state="FL", jurisdiction_city="")
    window = sms_contact_window(miami, on_date=datetime.date(2026, 11, 29))
    evening = datetime.datetime(2026, 11, 30, 1, 30, tzinfo=UTC)  # 20:30 in Miami
    assert not window.allows(evening)
    assert window.next_open(evening) == datetime.datetime(2026, 11, 30, 13, 0, tzinfo=UTC)  # 8:00 EST
    assert window.citation == f"{FL}; {TCPA}"  # Florida ends it at 8 p.m.; 8 a.m. is the federal start
    pensacola = PropertyFactory(state="FL", jurisdiction_state="FL", jurisdiction_city="", time_zone="America/Chicago")
    assert sms_contact_window(pensacola).allows(evening)  # 19:30 in Pensacola
    before = sms_contact_window(miami, on_date=datetime.date(2021, 6, 30))
    assert (before.end, before.citation) == (T(21), TCPA)


@pytest.mark.django_db
def test_windows_for_a_run_read_the_rules_once(django_assert_num_queries):
    props = [PropertyFactory(state=s, jurisdiction_state=s, jurisdiction_city="") for s in ("WA", "FL", "OK", "TX")]
    windows = ContactWindows(on_date=datetime.date(2026, 11, 29))
    with django_assert_num_queries(1):
        ends = [windows.for_property(p).end for p in props]
    assert ends == [T(21), T(20), T(20), T(21)]


@pytest.mark.django_db
def test_without_any_rule_there_is_no_window():
    JurisdictionRule.objects.filter(rule_type="sms_contact_hours").delete()
    assert sms_contact_window(PropertyFactory(state="WA")) is None


def test_dst_next_open_is_8_on_the_wall_clock():
    from core.messaging.quiet_hours import ContactWindow

    window = ContactWindow(start=T(8), end=T(21), zone="America/New_York", citation=TCPA)
    spring = datetime.datetime(2026, 3, 8, 5, 0, tzinfo=UTC)  # 0:00 EST, the night clocks go forward
    assert window.next_open(spring) == datetime.datetime(2026, 3, 8, 12, 0, tzinfo=UTC)  # 8:00 EDT
    assert window.label() == "8:00 AM-9:00 PM America/New_York"


@pytest.mark.django_db
def test_the_federal_rules_are_listed_as_state_us(api_client):
    body = api_client.get("/api/v1/jurisdiction-rules/", {"state": "us"}).json()
    assert [(r["rule_type"], r["citation"]) for r in body["results"]] == [("sms_contact_hours", TCPA)]
    assert body["results"][0]["rule_type_label"] == "Contact hours for automated text messages"
