"""Quiet hours (pure): non-urgent automated SMS and broadcasts go out only 8:00-21:00 in the property's time zone.

A property has a state, not a time zone; the state's main zone is used (a state split across zones uses the zone
most of its population lives in).
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

START_HOUR, END_HOUR = 8, 21
DEFAULT_ZONE = "America/New_York"
STATE_ZONES = {
    **dict.fromkeys("CT DE DC FL GA IN KY ME MD MA MI NH NJ NY NC OH PA RI SC VT VA WV".split(), "America/New_York"),
    **dict.fromkeys("AL AR IL IA KS LA MN MS MO NE ND OK SD TN TX WI".split(), "America/Chicago"),
    **dict.fromkeys("CO MT NM UT WY ID".split(), "America/Denver"),
    "AZ": "America/Phoenix",
    **dict.fromkeys("CA NV OR WA".split(), "America/Los_Angeles"),
    "AK": "America/Anchorage",
    "HI": "Pacific/Honolulu",
}


def zone_for_state(state: str | None) -> ZoneInfo:
    return ZoneInfo(STATE_ZONES.get((state or "").upper(), DEFAULT_ZONE))


def within_contact_hours(now: datetime.datetime, state: str | None) -> bool:
    local = now.astimezone(zone_for_state(state))
    return START_HOUR <= local.hour < END_HOUR


def next_contact_time(now: datetime.datetime, state: str | None) -> datetime.datetime:
    """`now` if inside the window, else the next 8:00 at the property (as an aware datetime)."""
    zone = zone_for_state(state)
    local = now.astimezone(zone)
    if START_HOUR <= local.hour < END_HOUR:
        return now
    day = local.date() if local.hour < START_HOUR else local.date() + datetime.timedelta(days=1)
    return datetime.datetime.combine(day, datetime.time(START_HOUR), tzinfo=zone)


def local_month(now: datetime.datetime, state: str | None) -> int:
    return now.astimezone(zone_for_state(state)).month
