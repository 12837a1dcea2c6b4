"""The law's arithmetic: notice periods, lawful effective dates, reply-by dates and late-fee caps, computed
from a jurisdiction rule's `value` (properties.JurisdictionRule). Pure: no Django, no clock; dates and
amounts in, dates and amounts out. Which rule applies (city over state, latest effective date) is the
selectors' job; the numbers themselves are data, never constants here.

Rule values this module reads:

- notice (`rent_increase_notice`, `mtm_termination_notice`): `{"days": 30}` or `{"tiers": [...]}` where each
  tier has `days` and optional bounds `max_increase_pct` (applies when the increase is at most that percent)
  and `max_tenancy_months` (applies when the tenancy is shorter than that many months). The first tier
  whose bounds all hold applies; a tier whose bound cannot be checked (fact unknown) is skipped, so the
  answer errs towards more notice. `"period_start": true` means the change may only take effect on the
  first day of a rental period (the 1st of a month here).
- late fee: `{"grace_days": 5, "cap_pct": 5, "cap_amount": "50.00", "cap_combine": "lesser" | "greater" |
  "sum", "cap_pct_over": "500.00"}`. `cap_pct` is a percent of the monthly rent (of the part above
  `cap_pct_over` when given); with both a percent and an amount, `cap_combine` says how they combine (default
  "lesser"). No cap key: no statutory cap (the lease's own fee stands).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

CENT = Decimal("0.01")

# Business policy, not law: how long before the effective date the tenant's answer is asked for, so the
# manager can plan a turnover. Never more than half the window the letter gives (see response_deadline).
RESPONSE_BUFFER_DAYS = 14


class RuleValueError(ValueError):
    """A rule's value does not say what this computation needs (bad data in the rules table)."""


# --- notice periods ------------------------------------------------------------------------------------------


def notice_days(
    value: Mapping, *, increase_pct: float | Decimal | None = None, tenancy_months: int | None = None
) -> int:
    """The minimum days of written notice a rule requires for this increase (percent of the current rent)
    and tenancy length (whole months). Raises RuleValueError if the value defines none."""
    tiers = value.get("tiers")
    if tiers:
        for tier in tiers:
            if _tier_applies(tier, increase_pct=increase_pct, tenancy_months=tenancy_months):
                return _days(tier)
        raise RuleValueError("No tier applies; the last tier must have no bounds.")
    return _days(value)


def _tier_applies(tier: Mapping, *, increase_pct, tenancy_months) -> bool:
    bound = tier.get("max_increase_pct")
    if bound is not None and (increase_pct is None or Decimal(str(increase_pct)) > Decimal(str(bound))):
        return False
    bound = tier.get("max_tenancy_months")
    if bound is not None and (tenancy_months is None or tenancy_months >= int(bound)):
        return False
    return True


def _days(mapping: Mapping) -> int:
    days = mapping.get("days")
    if not isinstance(days, int) or isinstance(days, bool) or days < 0:
        raise RuleValueError(f"Expected whole `days`, got {days!r}.")
    return days


def first_of_next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)


def earliest_effective_date(*, notice_date: datetime.date, days: int, period_start: bool = False) -> datetime.date:
    """The first day a change served on `notice_date` with `days` of notice may take effect: `days` full
    days after service (served Nov 28 with 30 days: Dec 28), moved to the next 1st of a month when the
    change must start a rental period."""
    earliest = notice_date + datetime.timedelta(days=days)
    if period_start and earliest.day != 1:
        earliest = first_of_next_month(earliest)
    return earliest


def lawful_effective_date(
    *,
    value: Mapping,
    notice_date: datetime.date,
    proposed: datetime.date | None = None,
    increase_pct: float | Decimal | None = None,
    tenancy_months: int | None = None,
) -> datetime.date:
    """The effective date to put in a letter: the proposed one if the law allows it, else the earliest
    lawful date, moved to the 1st of a month when the proposed date was a 1st (rent runs by the month)."""
    days = notice_days(value, increase_pct=increase_pct, tenancy_months=tenancy_months)
    period_start = bool(value.get("period_start")) or (proposed is not None and proposed.day == 1)
    earliest = earliest_effective_date(notice_date=notice_date, days=days, period_start=period_start)
    return proposed if proposed is not None and proposed >= earliest else earliest


def response_deadline(
    *, notice_date: datetime.date, effective_date: datetime.date, buffer_days: int = RESPONSE_BUFFER_DAYS
) -> datetime.date:
    """The reply-by date for an offer served on `notice_date` that takes effect on `effective_date`:
    `buffer_days` before the effective date, but never sooner than half the window after the notice, and
    always strictly between the two when the window is two days or more."""
    window = (effective_date - notice_date).days
    if window <= 1:
        return effective_date
    return effective_date - datetime.timedelta(days=min(buffer_days, window // 2))


def tenancy_months(*, start: datetime.date | None, on: datetime.date) -> int | None:
    """Whole months from `start` to `on` (None when the start is unknown)."""
    if start is None:
        return None
    months = (on.year - start.year) * 12 + on.month - start.month
    if on.day < start.day:
        months -= 1
    return max(months, 0)


def increase_pct(*, current: Decimal, new: Decimal) -> Decimal:
    """The increase as a percent of the current rent (0 for a decrease or an unknown current rent)."""
    current, new = Decimal(current), Decimal(new)
    if current <= 0 or new <= current:
        return Decimal("0")
    return (new - current) * 100 / current


@dataclass(frozen=True)
class NoticeTerms:
    """When a change served on `notice_date` takes effect and by when the tenant is asked to answer.
    `notice_days` is None when the law asks for no notice (no increase); `fallback` is True when the place
    has no rule on file and the strictest rule of the type elsewhere was applied instead."""

    notice_date: datetime.date
    effective_date: datetime.date
    response_deadline: datetime.date
    notice_days: int | None
    fallback: bool = False


def notice_terms(
    *,
    value: Mapping | None,
    notice_date: datetime.date,
    proposed: datetime.date,
    increase: float | Decimal,
    tenancy: int | None = None,
    fallback_values: Iterable[Mapping] = (),
) -> NoticeTerms:
    """The lawful terms of a rent change: the proposed effective date, moved later if the notice the rule
    requires for this increase (percent) and tenancy (months) has not run by then. A decrease or the same
    rent needs no notice. Without a rule (`value` None) the strictest of `fallback_values` applies; with
    neither, the proposed date stands and `notice_days` is None (the caller says no rule is on file)."""
    fallback = False
    if Decimal(str(increase)) <= 0:
        days = None
    elif value is not None:
        days = notice_days(value, increase_pct=increase, tenancy_months=tenancy)
    else:
        found = [notice_days(v, increase_pct=increase, tenancy_months=tenancy) for v in fallback_values]
        days, fallback = (max(found), True) if found else (None, False)
    effective = proposed
    if days is not None:
        period_start = bool(value and value.get("period_start")) or proposed.day == 1
        effective = max(
            proposed, earliest_effective_date(notice_date=notice_date, days=days, period_start=period_start)
        )
    return NoticeTerms(
        notice_date=notice_date,
        effective_date=effective,
        response_deadline=response_deadline(notice_date=notice_date, effective_date=effective),
        notice_days=days,
        fallback=fallback,
    )


@dataclass(frozen=True)
class RuleFacts:
    """A place's rule of one type as plain data, for pure code (agent rules, letters): its value and citation,
    or, when the place has no rule on file, `value` None and the values of every rule of the type elsewhere
    (the strictest applies)."""

    value: Mapping | None
    citation: str = ""
    fallback_values: tuple = ()

    @property
    def on_file(self) -> bool:
        return self.value is not None

    def terms(
        self,
        *,
        notice_date: datetime.date,
        proposed: datetime.date,
        increase: float | Decimal,
        tenancy: int | None = None,
    ) -> NoticeTerms:
        return notice_terms(
            value=self.value,
            notice_date=notice_date,
            proposed=proposed,
            increase=increase,
            tenancy=tenancy,
            fallback_values=self.fallback_values,
        )


# --- late fees -----------------------------------------------------------------------------------------------


def _money(raw) -> Decimal | None:
    return None if raw is None else Decimal(str(raw))


def late_fee_cap(value: Mapping, *, rent: Decimal) -> Decimal | None:
    """The most a late fee may be for one month's rent (None: no statutory cap)."""
    rent = Decimal(rent)
    pct, amount = _money(value.get("cap_pct")), _money(value.get("cap_amount"))
    over = _money(value.get("cap_pct_over")) or Decimal("0")
    by_pct = None if pct is None else max(rent - over, Decimal("0")) * pct / 100
    if by_pct is None and amount is None:
        return None
    if by_pct is None or amount is None:
        cap = by_pct if amount is None else amount
    else:
        combine = value.get("cap_combine", "lesser")
        if combine == "greater":
            cap = max(by_pct, amount)
        elif combine == "sum":
            cap = amount + by_pct
        elif combine == "lesser":
            cap = min(by_pct, amount)
        else:
            raise RuleValueError(f"Unknown cap_combine {combine!r}.")
    return cap.quantize(CENT, rounding=ROUND_DOWN)


def late_fee_grace_days(value: Mapping) -> int:
    grace = value.get("grace_days") or 0
    if not isinstance(grace, int) or grace < 0:
        raise RuleValueError(f"Expected whole `grace_days`, got {grace!r}.")
    return grace


def late_fee_first_day(value: Mapping, *, due_date: datetime.date) -> datetime.date:
    """The first day a late fee may be charged for rent due on `due_date`."""
    return due_date + datetime.timedelta(days=late_fee_grace_days(value) + 1)


def late_fee_allowed(value: Mapping, *, fee: Decimal, rent: Decimal, days_late: int) -> Decimal:
    """The part of a late fee the rule allows: nothing within the grace period, else the fee up to the cap."""
    if days_late <= late_fee_grace_days(value):
        return Decimal("0.00")
    cap = late_fee_cap(value, rent=rent)
    fee = Decimal(fee)
    return (fee if cap is None else min(fee, cap)).quantize(CENT)
