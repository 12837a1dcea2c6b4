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
- deposit return (`security_deposit_return`): `{"days_no_deductions": 15, "days_with_deductions": 30,
  "day_count": "calendar" | "business" | "months", "clock_starts": <CLOCK_STARTS>, "conditions": [<CONDITIONS>],
  "lease_may_extend_to_days": 60, "final_accounting_days": 60, "balance_days_after_notice": 30,
  "after_address_days": 15, "itemization": true}`. Both deadlines are always given (null: the statute sets
  none): the whole deposit back when nothing is withheld, and the itemized statement (with the balance) when
  something is. `day_count` "months" means calendar months (Colorado's "one month").
- itemized statement (`deposit_itemized_statement`): `{"contents": [<STATEMENT_CONTENTS>], "receipts":
  "not_required" | "always" | "over_threshold", "receipts_threshold": "125.00", "estimates_allowed": true,
  "delivery": [<DELIVERY_METHODS>], "interest": "none" | "annual" | "at_return" | "conditional",
  "interest_note": "..."}`.
- deductions (`deposit_deductions`): `{"wear_and_tear_excluded": true, "statute_words": "normal wear and tear"
  (the statute's own words; null when it uses none), "wear_and_tear_defined": true (the statute defines them),
  "depreciation_required": false (a statute requires prorating an item's cost by its age or useful life),
  "depreciation_note": "..."}`.
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


# --- security deposits ---------------------------------------------------------------------------------------

# When the deposit clock starts, in the statute's own terms; each maps to how the start is computed from the
# lease's dates (`deposit_clock_start`).
CLOCK_STARTS = {
    "move_out": "after the tenant moves out (the statute says 'vacates')",
    "surrender": "after the tenant surrenders the premises (moves out and gives back possession)",
    "possession_returned": "after the landlord gets possession back",
    "occupancy_end": "after the tenant's occupancy ends",
    "tenancy_end": "after the tenancy (lease or rental agreement) ends",
    "tenancy_end_and_move_out": "after the tenancy has ended and the tenant has moved out, whichever is later",
    "tenancy_end_or_surrender_first": "after the lease ends or the tenant surrenders, whichever comes first",
}
# Facts the law also waits for that the deadline arithmetic does not count (so it can only come out earlier).
CONDITIONS = {
    "forwarding_address": "the landlord's duty (or liability) waits for the tenant's forwarding address in writing",
    "tenant_demand": "the tenant must ask for the deposit",
    "five_or_more_units": "applies to buildings of five or more units",
}
STATEMENT_CONTENTS = {
    "each_deduction": "each deduction listed separately with its reason",
    "amount_each": "the amount of each deduction",
    "repair_cost_estimate": "the estimated or actual cost of each repair",
    "receipts": "copies of receipts, invoices or estimates for the work",
    "landlord_labor": "the time spent and hourly rate when the landlord's own staff did the work",
    "vendor_contact": "the name, address and phone of the vendor when the invoice does not show them",
    "balance": "the deposit, the amount kept and the balance returned with it",
    "interest": "the interest due on the deposit",
    "signed": "signed by the landlord (or by both sides after a joint inspection)",
    "sworn": "sworn to under the pains and penalties of perjury",
    "objection_notice": "the statute's notice wording, with the tenant's time to object and where to send it",
}
DELIVERY_METHODS = {
    "personal": "in person",
    "mail": "by mail",
    "first_class_mail": "by first-class mail",
    "certified_mail": "by certified mail",
    "last_known_address": "mailed to the tenant's last known address",
    "email_if_agreed": "by email, if the tenant agreed to it",
}
DAY_COUNTS = ("calendar", "business", "months")
RECEIPTS = ("not_required", "always", "over_threshold")
INTEREST = ("none", "annual", "at_return", "conditional")
DEPOSIT_RULE_TYPES = ("security_deposit_return", "deposit_itemized_statement", "deposit_deductions")


def deposit_value_errors(rule_type: str, value: Mapping) -> list[str]:
    """What is wrong with a deposit rule's value (empty when it reads as documented above)."""
    errors: list[str] = []

    def known(key, allowed, *, many=False):
        raw = value.get(key)
        items = raw if many else [raw]
        if many and not isinstance(raw, list):
            errors.append(f"{key} must be a list")
            return
        for item in items:
            if item not in allowed:
                errors.append(f"{key}: unknown {item!r}")

    def whole(key, *, required=False):
        raw = value.get(key)
        if raw is None:
            if required:
                errors.append(f"{key} is required (null when the statute sets none)")
            return
        if not isinstance(raw, int) or isinstance(raw, bool) or raw < 1:
            errors.append(f"{key} must be a whole number of days")

    if rule_type == "security_deposit_return":
        for key in ("days_no_deductions", "days_with_deductions"):
            if key not in value:
                errors.append(f"{key} is required (null when the statute sets none)")
            whole(key)
        if value.get("days_no_deductions") is None and value.get("days_with_deductions") is None:
            errors.append("at least one deadline is required")
        known("day_count", DAY_COUNTS)
        known("clock_starts", CLOCK_STARTS)
        known("conditions", CONDITIONS, many=True)
        for key in ("lease_may_extend_to_days", "final_accounting_days", "balance_days_after_notice"):
            whole(key)
        whole("after_address_days")
    elif rule_type == "deposit_itemized_statement":
        known("contents", STATEMENT_CONTENTS, many=True)
        known("receipts", RECEIPTS)
        known("delivery", DELIVERY_METHODS, many=True)
        known("interest", INTEREST)
        if value.get("receipts") == "over_threshold":
            try:
                Decimal(str(value.get("receipts_threshold")))
            except ArithmeticError:
                errors.append("receipts_threshold must be an amount")
    elif rule_type == "deposit_deductions":
        for key in ("wear_and_tear_excluded", "depreciation_required", "wear_and_tear_defined"):
            if not isinstance(value.get(key), bool):
                errors.append(f"{key} must be true or false")
        words = value.get("statute_words", "missing")
        if words is not None and (not isinstance(words, str) or not words.strip()):
            errors.append("statute_words must be the statute's words, or null when it uses none")
    return errors


@dataclass(frozen=True)
class StatementRequirements:
    """What the itemized statement must contain and how it is delivered (`deposit_itemized_statement`)."""

    contents: tuple[str, ...] = ()
    receipts: str = "not_required"
    receipts_threshold: Decimal | None = None
    estimates_allowed: bool = False
    delivery: tuple[str, ...] = ()
    interest: str = "none"
    interest_note: str = ""

    def receipts_needed(self, *, repairs_and_cleaning: Decimal) -> bool:
        """Whether copies of receipts/invoices must go with a statement whose repair and cleaning deductions
        total `repairs_and_cleaning` (California: not below $125)."""
        if self.receipts == "always":
            return True
        if self.receipts == "over_threshold":
            return Decimal(repairs_and_cleaning) >= (self.receipts_threshold or Decimal("0"))
        return False


@dataclass(frozen=True)
class DepositReturnRule:
    """A place's law on giving a deposit back, from its three rules: the deadlines and when their clock starts,
    what the itemized statement must contain, and what deductions may not cover. Citations per rule; `needs_review`
    when any of the three is flagged for counsel (`review_notes` say what)."""

    state: str
    city: str
    days_no_deductions: int | None
    days_with_deductions: int | None
    day_count: str
    clock_starts: str
    conditions: tuple[str, ...]
    lease_may_extend_to_days: int | None
    final_accounting_days: int | None
    balance_days_after_notice: int | None
    after_address_days: int | None
    statement: StatementRequirements
    wear_and_tear_excluded: bool
    wear_and_tear_words: str | None
    depreciation_required: bool
    citations: dict  # {"return": ..., "statement": ..., "deductions": ...}
    summaries: dict  # the same keys: each rule's plain-language summary
    checked_on: datetime.date | None  # the oldest check among the three rules
    needs_review: bool
    review_notes: tuple[str, ...]

    @property
    def clock_starts_words(self) -> str:
        return CLOCK_STARTS.get(self.clock_starts, self.clock_starts)

    def days(self, *, deductions: bool) -> int | None:
        """The statutory period: for a statement with deductions, or for a full refund (None: the statute sets
        none; with deductions the statement's period applies when the refund has none)."""
        if deductions:
            return self.days_with_deductions or self.days_no_deductions
        return self.days_no_deductions

    def deadline(
        self, *, move_out: datetime.date, tenancy_end: datetime.date | None = None, deductions: bool = True
    ) -> datetime.date | None:
        return deposit_return_deadline(
            days=self.days(deductions=deductions),
            day_count=self.day_count,
            clock_starts=self.clock_starts,
            move_out=move_out,
            tenancy_end=tenancy_end,
        )


def deposit_clock_start(
    clock_starts: str, *, move_out: datetime.date, tenancy_end: datetime.date | None = None
) -> datetime.date:
    """The day the deposit clock starts from the lease's dates: the actual move-out, and the day the tenancy
    ended (lease end or the notice's termination date) when known. Where the statute starts at the tenancy's end
    the earlier of the two is used (a tenant who left early: the law would start later, never sooner), where it
    needs both the later; an unknown end counts as the move-out."""
    if clock_starts not in CLOCK_STARTS:
        raise RuleValueError(f"Unknown clock_starts {clock_starts!r}.")
    if tenancy_end is None or clock_starts in ("move_out", "surrender", "possession_returned", "occupancy_end"):
        return move_out
    if clock_starts == "tenancy_end_and_move_out":
        return max(tenancy_end, move_out)
    return min(tenancy_end, move_out)  # tenancy_end, tenancy_end_or_surrender_first


def add_business_days(start: datetime.date, days: int) -> datetime.date:
    """`days` weekdays after `start`. Legal holidays are not skipped, so the result is never later than the
    statute's own count (a deadline that errs early)."""
    day = start
    while days > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def add_months(start: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months later (the month's last day when it has no such day)."""
    index = start.year * 12 + start.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(start.day, last))


def deposit_return_deadline(
    *,
    days: int | None,
    day_count: str = "calendar",
    clock_starts: str,
    move_out: datetime.date,
    tenancy_end: datetime.date | None = None,
) -> datetime.date | None:
    """The last day to act: `days` (calendar days, weekdays or months) after the clock starts. None when the
    statute sets no period. Conditions the law also waits for (a forwarding address, the tenant's demand) are
    not counted, so the date can only be earlier than the law's."""
    if days is None:
        return None
    start = deposit_clock_start(clock_starts, move_out=move_out, tenancy_end=tenancy_end)
    if day_count == "business":
        return add_business_days(start, days)
    if day_count == "months":
        return add_months(start, days)
    if day_count != "calendar":
        raise RuleValueError(f"Unknown day_count {day_count!r}.")
    return start + datetime.timedelta(days=days)


@dataclass(frozen=True)
class DepositRuleRow:
    """One deposit rule as plain data (what the selectors hand to `deposit_return_rule_from`)."""

    rule_type: str
    state: str
    city: str
    value: Mapping
    citation: str
    summary: str
    checked_on: datetime.date | None = None
    needs_review: bool = False
    review_note: str = ""


def _money_or_none(raw) -> Decimal | None:
    return None if raw in (None, "") else Decimal(str(raw))


def deposit_return_rule_from(rows: Iterable[DepositRuleRow]) -> DepositReturnRule | None:
    """The place's DepositReturnRule from its governing deposit rules (None without a `security_deposit_return`
    rule). A missing statement or deductions rule reads as "nothing on file" and flags the result for review."""
    by_type = {row.rule_type: row for row in rows}
    ret = by_type.get("security_deposit_return")
    if ret is None:
        return None
    statement_row = by_type.get("deposit_itemized_statement")
    deductions_row = by_type.get("deposit_deductions")
    v, sv, dv = (
        ret.value,
        (statement_row.value if statement_row else {}),
        (deductions_row.value if deductions_row else {}),
    )
    present = [r for r in (ret, statement_row, deductions_row) if r is not None]
    notes = [f"{r.rule_type}: {r.review_note}" for r in present if r.needs_review and r.review_note]
    missing = [
        t
        for t, r in (("deposit_itemized_statement", statement_row), ("deposit_deductions", deductions_row))
        if r is None
    ]
    notes += [f"{t}: no rule on file" for t in missing]
    checks = [r.checked_on for r in present]
    return DepositReturnRule(
        state=ret.state,
        city=ret.city,
        days_no_deductions=v.get("days_no_deductions"),
        days_with_deductions=v.get("days_with_deductions"),
        day_count=v.get("day_count", "calendar"),
        clock_starts=v.get("clock_starts", "move_out"),
        conditions=tuple(v.get("conditions", ())),
        lease_may_extend_to_days=v.get("lease_may_extend_to_days"),
        final_accounting_days=v.get("final_accounting_days"),
        balance_days_after_notice=v.get("balance_days_after_notice"),
        after_address_days=v.get("after_address_days"),
        statement=StatementRequirements(
            contents=tuple(sv.get("contents", ())),
            receipts=sv.get("receipts", "not_required"),
            receipts_threshold=_money_or_none(sv.get("receipts_threshold")),
            estimates_allowed=bool(sv.get("estimates_allowed", False)),
            delivery=tuple(sv.get("delivery", ())),
            interest=sv.get("interest", "none"),
            interest_note=sv.get("interest_note", ""),
        ),
        wear_and_tear_excluded=bool(dv.get("wear_and_tear_excluded", True)),
        wear_and_tear_words=dv.get("statute_words"),
        depreciation_required=bool(dv.get("depreciation_required", False)),
        citations={
            "return": ret.citation,
            "statement": statement_row.citation if statement_row else "",
            "deductions": deductions_row.citation if deductions_row else "",
        },
        summaries={
            "return": ret.summary,
            "statement": statement_row.summary if statement_row else "",
            "deductions": deductions_row.summary if deductions_row else "",
        },
        checked_on=None if None in checks else min(checks),
        needs_review=bool(missing) or any(r.needs_review for r in present),
        review_notes=tuple(notes),
    )


# --- contact hours for automated text messages ---------------------------------------------------------------
#
# `sms_contact_hours`: `{"start": "08:00", "end": "21:00"}`, the window (recipient's local time) in which a
# non-urgent automated message may go out. The federal rule (state "US", 47 CFR §64.1200(c)(1)) applies
# everywhere; a state's own rule applies on top of it, so the window in force is the intersection of the two
# (the stricter bound wins, and its citation is the one shown).

FEDERAL = "US"  # the `state` of rules that apply in every state (federal law)
SMS_CONTACT_HOURS = "sms_contact_hours"


def _clock(raw) -> datetime.time:
    if not isinstance(raw, str):
        raise RuleValueError(f"Expected a time like '08:00', got {raw!r}.")
    try:
        return datetime.time.fromisoformat(raw)
    except ValueError as exc:
        raise RuleValueError(f"Expected a time like '08:00', got {raw!r}.") from exc


def contact_hours_value_errors(rule_type: str, value: Mapping) -> list[str]:
    """What is wrong with a contact-hours rule's value (empty when it reads as documented above)."""
    if rule_type != SMS_CONTACT_HOURS:
        return []
    try:
        start, end = _clock(value.get("start")), _clock(value.get("end"))
    except RuleValueError as exc:
        return [str(exc)]
    return [] if start < end else ["start must be before end (a window inside one day)"]


@dataclass(frozen=True)
class ContactHours:
    """The window in force at a place: from `start` to `end` local time, and the citation of each bound (the
    rule that sets it: the federal rule, or a stricter state one)."""

    start: datetime.time
    end: datetime.time
    start_citation: str
    end_citation: str

    @property
    def citation(self) -> str:
        cites = dict.fromkeys(c for c in (self.end_citation, self.start_citation) if c)
        return "; ".join(cites)


def contact_hours(rules: Iterable[tuple[Mapping, str]]) -> ContactHours | None:
    """The intersection of every applicable rule's window (`(value, citation)` pairs: the federal rule and the
    place's own), each bound cited by the rule that sets it (the first given wins a tie). None without rules.
    Raises RuleValueError when the windows do not overlap (bad data)."""
    best = None
    for value, citation in rules:
        start, end = _clock(value.get("start")), _clock(value.get("end"))
        if best is None:
            best = ContactHours(start, end, citation, citation)
            continue
        if start > best.start:
            best = ContactHours(start, best.end, citation, best.end_citation)
        if end < best.end:
            best = ContactHours(best.start, end, best.start_citation, citation)
    if best is not None and best.start >= best.end:
        raise RuleValueError("The contact-hours rules leave no window.")
    return best
