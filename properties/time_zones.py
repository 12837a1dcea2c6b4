"""A property's time zone (pure): its own `time_zone` (an IANA name) when set, else its state's main zone (a
state split across zones uses the zone most of its people live in; set the property's own zone for the others,
e.g. the Florida panhandle, El Paso or most of Idaho's north)."""

from __future__ import annotations

from zoneinfo import ZoneInfo, available_timezones

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


def zone_name(*, state: str | None, time_zone: str | None = "") -> str:
    """The IANA zone of a property: its own, else its state's main zone, else Eastern."""
    if time_zone:
        return time_zone
    return STATE_ZONES.get((state or "").upper(), DEFAULT_ZONE)


def zone_for(*, state: str | None, time_zone: str | None = "") -> ZoneInfo:
    return ZoneInfo(zone_name(state=state, time_zone=time_zone))


def time_zone_errors(name: str) -> list[str]:
    """Empty when `name` is blank (use the state's zone) or a known IANA zone."""
    if not name or name in available_timezones():
        return []
    return [f"'{name}' is not a time zone name (use an IANA name such as America/Chicago)."]
