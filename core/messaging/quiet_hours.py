"""Quiet hours for automated texts (pure: no Django, no clock). The window itself is law and comes from the
caller (properties' `sms_contact_hours` rules, each bound with its citation); this module only does the clock
arithmetic `send_sms` and the outbox need: is `now` inside the window at the recipient's place, and if not, when
does it next open."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class ContactWindow:
    """Non-urgent automated messages go out from `start` to `end` (exclusive) local time in `zone` (IANA)."""

    start: datetime.time
    end: datetime.time
    zone: str
    citation: str

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    def allows(self, now: datetime.datetime) -> bool:
        local = now.astimezone(self.tz).time().replace(tzinfo=None)
        return self.start <= local < self.end

    def next_open(self, now: datetime.datetime) -> datetime.datetime:
        """`now` when inside the window, else the next opening (an aware datetime; DST-safe: the wall clock)."""
        if self.allows(now):
            return now
        local = now.astimezone(self.tz)
        day = local.date() if local.time().replace(tzinfo=None) < self.start else local.date() + datetime.timedelta(1)
        return datetime.datetime.combine(day, self.start, tzinfo=self.tz)

    @property
    def reason(self) -> str:
        """What the outbox shows next to a deferred message: "quiet hours, 47 CFR §64.1200(c)(1)"."""
        return f"quiet hours, {self.citation}" if self.citation else "quiet hours"

    def label(self) -> str:
        """ "8:00 AM-9:00 PM America/New_York" """
        return f"{_clock(self.start)}-{_clock(self.end)} {self.zone}"


def _clock(t: datetime.time) -> str:
    hour = t.hour % 12 or 12
    return f"{hour}:{t.minute:02d} {'AM' if t.hour < 12 else 'PM'}"
