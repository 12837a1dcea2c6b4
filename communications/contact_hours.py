"""The property's local clock (pure). A property's zone is its own `time_zone`, else its state's main zone
(properties.time_zones). The quiet-hours window itself is law and lives in the jurisdiction rules
(`sms_contact_hours`, properties.selectors.sms_contact_window), never here."""

from __future__ import annotations

import datetime

from properties.time_zones import zone_for


def local_month(now: datetime.datetime, state: str | None, time_zone: str | None = "") -> int:
    return now.astimezone(zone_for(state=state, time_zone=time_zone)).month
