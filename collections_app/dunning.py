"""Smart collections, pure: risk profile, tone, the five-step dunning schedule and payment-plan
arithmetic (spec 1.3). No ORM; services feed it numbers and dates."""

from __future__ import annotations

import datetime
import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from properties import jurisdiction as law

CENT = Decimal("0.01")

GOOD_HISTORY, STANDARD, REPEAT_OFFENDER, CHRONIC = "good_history", "standard", "repeat_offender", "chronic"


def risk_profile(late_payments_12mo: int) -> str:
    """0–1 late payments in 12 months: good_history; 2: standard; 3–5: repeat_offender; 6+: chronic."""
    if late_payments_12mo <= 1:
        return GOOD_HISTORY
    if late_payments_12mo == 2:
        return STANDARD
    if late_payments_12mo <= 5:
        return REPEAT_OFFENDER
    return CHRONIC


TONE_MAP = {
    GOOD_HISTORY: ["friendly", "friendly", "firm", "firm", "formal"],
    STANDARD: ["friendly", "firm", "firm", "formal", "formal"],
    REPEAT_OFFENDER: ["firm", "firm", "formal", "formal", "legal"],
    CHRONIC: ["firm", "formal", "formal", "legal", "legal"],
}


def select_tone(risk_profile: str, escalation_level: int) -> str:
    """The spec's select_tone: `escalation_level` is the case's level before the step is sent (0–4)."""
    idx = min(max(escalation_level, 0), 4)
    return TONE_MAP.get(risk_profile, TONE_MAP[STANDARD])[idx]


@dataclass(frozen=True)
class DunningStep:
    level: int
    day: int  # days overdue at which the step is due
    action_type: str  # CollectionAction.action_type
    channels: tuple[str, ...]  # how it is delivered
    label: str


SCHEDULE: tuple[DunningStep, ...] = (
    DunningStep(1, 1, "sms", ("sms",), "Friendly reminder"),
    DunningStep(2, 3, "email", ("email",), "Detailed notice"),
    DunningStep(3, 5, "formal_letter", ("email", "letter"), "Formal notice"),
    DunningStep(4, 8, "payment_plan", ("email",), "Payment plan offer"),
    DunningStep(5, 12, "escalation", ("letter",), "Legal escalation warning"),
)
MAX_LEVEL = SCHEDULE[-1].level


def step_for_level(level: int) -> DunningStep:
    return SCHEDULE[level - 1]


def level_due(days_overdue: int) -> int:
    """The escalation level a case should have reached at `days_overdue`."""
    return max((s.level for s in SCHEDULE if days_overdue >= s.day), default=0)


# The last step the agent sends on its own; the legal step after it is only ever a recommendation that a
# manager approves (services.legal).
AUTOMATIC_MAX_LEVEL = MAX_LEVEL - 1
# The tenant has the schedule's gap between the plan offer and the legal step (day 8 -> day 12) to answer the
# offer before a referral is recommended, however late the case opened.
LEGAL_REVIEW_AFTER_PLAN_OFFER_DAYS = SCHEDULE[MAX_LEVEL - 1].day - SCHEDULE[AUTOMATIC_MAX_LEVEL - 1].day


def step_to_send(*, current_level: int, days_overdue: int) -> DunningStep | None:
    """The one step an agent run sends: the step the days overdue call for (never the legal step), if the
    case has not reached it yet. A new case starts there; after downtime only the current step goes out (the
    missed ones are not sent late), so a run sends a tenant at most one message."""
    level = min(level_due(days_overdue), AUTOMATIC_MAX_LEVEL)
    return step_for_level(level) if level > current_level else None


def legal_referral_eligible(
    *, current_level: int, days_overdue: int, balance: Decimal, min_balance: Decimal, min_days_overdue: int
) -> bool:
    """Whether the agent may recommend the legal step: every automatic step has gone out, the legal step's day
    has come, and the balance and its age reach the configured minimums."""
    return (
        current_level == AUTOMATIC_MAX_LEVEL
        and level_due(days_overdue) == MAX_LEVEL
        and days_overdue >= min_days_overdue
        and Decimal(balance) >= Decimal(min_balance)
    )


def next_step(current_level: int) -> DunningStep | None:
    return SCHEDULE[current_level] if current_level < MAX_LEVEL else None


def days_overdue(due_date: datetime.date, today: datetime.date) -> int:
    return max((today - due_date).days, 0)


# Payment plans -----------------------------------------------------------------------------------
PLAN_MIN_INSTALLMENTS = 2
PLAN_MAX_INSTALLMENTS = 6
PLAN_INTERVAL_DAYS = 14
PLAN_FIRST_DUE_DAYS = 7


def plan_installment_count(balance: Decimal, monthly_rent: Decimal) -> int:
    """One installment per half month's rent of balance (so each is at most ~half a rent payment,
    paid every two weeks alongside current rent), between 2 and 6 installments."""
    half_rent = Decimal(monthly_rent) / 2 if monthly_rent and monthly_rent > 0 else Decimal(balance)
    n = math.ceil(Decimal(balance) / half_rent) if half_rent > 0 else PLAN_MIN_INSTALLMENTS
    return min(max(n, PLAN_MIN_INSTALLMENTS), PLAN_MAX_INSTALLMENTS)


def plan_installments(
    *, balance: Decimal, monthly_rent: Decimal, start: datetime.date, count: int | None = None
) -> list[tuple[int, Decimal, datetime.date]]:
    """[(number, amount, due_date)] — equal installments rounded down to the cent, the last one taking
    the remainder, so they sum to the balance exactly; due every 14 days from `start`. Never more
    installments than the balance has cents (no $0.00 installment)."""
    balance = Decimal(balance).quantize(CENT)
    if balance <= 0:
        raise ValueError("A payment plan needs a positive balance.")
    n = count or plan_installment_count(balance, monthly_rent)
    n = max(1, min(n, int(balance / CENT)))
    each = (balance / n).quantize(CENT, rounding=ROUND_DOWN)
    amounts = [each] * (n - 1) + [balance - each * (n - 1)]
    return [(i + 1, amt, start + datetime.timedelta(days=PLAN_INTERVAL_DAYS * i)) for i, amt in enumerate(amounts)]


# Escalation hand-off -----------------------------------------------------------------------------


def recommended_next_step(
    *, risk_profile: str, balance: Decimal, monthly_rent: Decimal | None, plan_status: str | None
) -> str:
    """What the manager is advised to do when a case reaches step 5 (the spec's "recommended next step")."""
    rent = Decimal(monthly_rent or 0)
    large = rent > 0 and Decimal(balance) >= rent * 2
    if plan_status == "defaulted":
        return (
            "The tenant defaulted on a payment plan: review the lease's default remedies with counsel and "
            "serve the pay-or-quit notice your jurisdiction requires."
        )
    if risk_profile in (CHRONIC, REPEAT_OFFENDER):
        extra = " The balance is two months' rent or more." if large else ""
        return (
            "Repeat late payer: review the lease's default remedies with counsel and serve the notice your "
            "jurisdiction requires if no payment or signed plan arrives." + extra
        )
    if large:
        return (
            "Call the tenant today: the balance is two months' rent or more. Offer the payment plan in person "
            "before any legal step."
        )
    return (
        "Call the tenant before any legal step: a tenant with a good history often resolves this with a "
        "conversation or a payment plan."
    )


# --- late fees under the law (properties.jurisdiction) --------------------------------------------------------


def late_fees_lawful(
    fees: list[tuple[Decimal, datetime.date, datetime.date]], *, rule: Mapping | None, rent: Decimal
) -> tuple[Decimal, Decimal]:
    """(collectable, excess) of a tenant's unpaid late fees [(unpaid amount, date charged, the late rent's due
    date)] under the property's `late_fee` rule value (None: no rule on file, every fee stands). A fee charged
    within the grace period is excess in full; each fee is capped at the rule's cap for the monthly rent."""
    collectable = excess = Decimal("0.00")
    for amount, charged_on, rent_due in fees:
        amount = Decimal(amount)
        if rule is None:
            allowed = amount
        else:
            days_late = (charged_on - rent_due).days
            allowed = law.late_fee_allowed(rule, fee=amount, rent=rent, days_late=days_late)
        collectable += allowed
        excess += amount - allowed
    return collectable, excess
