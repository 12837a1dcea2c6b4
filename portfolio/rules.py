"""The nightly agent's rules (spec 1.4), pure: facts about one unit in, 0–2 recommended actions out.

No ORM and no clock: `portfolio.selectors.agent_facts_for` gathers the facts set-wise and the agent
(`portfolio.services.ai_action_queue_generate`) passes `today`. Every figure in a description or reason
comes from the facts; nothing is invented.

Rules (a unit is evaluated on its current lease; vacant units get nothing):
    active, 60 <= days to lease end <= 90              -> early_renewal_nudge
    month_to_month, market rent - rent > $50            -> rent_increase_notice
    month_to_month, today - lease end > 30 days         -> renewal_offer
    notice                                              -> move_out_inspection
    notice, days to move-out <= 14                      -> listing_prep
    high-risk collections case (collections selectors)  -> eviction_prep
Candidates below MIN_CONFIDENCE (0.60) are dropped; of the rest at most MAX_PER_UNIT (2) are kept, highest
priority first, then highest confidence, then the rule order above.

Confidence (0.00–0.99, rounded half-up to 2 places). `retention` = 1 − churn score (renewals.scoring;
0.5 when unknown), `in_collections` = 1 when the tenant has an unresolved collections case:
    early_renewal_nudge   0.55 + 0.30·retention + 0.10·(90 − days)/30 − 0.15·in_collections
    rent_increase_notice  0.50 + 0.30·min(gap% / 15%, 1) + 0.15·retention − 0.15·in_collections
    renewal_offer         0.50 + 0.20·min(holdover days / 180, 1) + 0.15·min(max(gap%, 0) / 10%, 1)
                               + 0.15·retention − 0.15·in_collections
    move_out_inspection   0.70 + 0.25·(1 − min(days to move-out, 60) / 60)
    listing_prep          0.65 + 0.25·(1 − days to move-out / 14)
    eviction_prep         0.50 + 0.06·level + 0.10·chronic + 0.05·repeat offender
                               + 0.15·min(days overdue, 60)/60 − 0.20·on a payment plan
(gap% = (market − rent) / market.) So a renewal offer is more confident for a long, below-market holdover
and less for a likely leaver; an inspection is more confident the nearer the move-out.

Priority: urgent when confidence > 0.85; otherwise per rule — listing_prep and eviction_prep high;
move_out_inspection high within 14 days of the move-out; rent_increase_notice high for a gap of 10% or
more; renewal_offer high for a holdover over 90 days (the lifecycle's long-holdover flag); else medium.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from core.formatting import money, short_date, whole_money  # whole_money: the wireframe's "Offer renewal @ $1,150"
from properties import jurisdiction as law

ACTIVE, MONTH_TO_MONTH, NOTICE, VACANT = "active", "month_to_month", "notice", "vacant"

EARLY_RENEWAL_NUDGE = "early_renewal_nudge"
RENEWAL_OFFER = "renewal_offer"
RENT_INCREASE_NOTICE = "rent_increase_notice"
MOVE_OUT_INSPECTION = "move_out_inspection"
LISTING_PREP = "listing_prep"
EVICTION_PREP = "eviction_prep"
# Rule order: the last tie-break when two candidates have the same priority and confidence.
ACTION_TYPES = (
    EARLY_RENEWAL_NUDGE,
    RENT_INCREASE_NOTICE,
    RENEWAL_OFFER,
    MOVE_OUT_INSPECTION,
    LISTING_PREP,
    EVICTION_PREP,
)
RENEWAL_ACTIONS = (EARLY_RENEWAL_NUDGE, RENEWAL_OFFER)

PRIORITY_RANK = {"low": 0, "medium": 1, "high": 2, "urgent": 3}

MIN_CONFIDENCE = Decimal("0.60")
URGENT_ABOVE = Decimal("0.85")
MAX_CONFIDENCE = Decimal("0.99")
MAX_PER_UNIT = 2

NUDGE_MIN_DAYS, NUDGE_MAX_DAYS = 60, 90
RENT_GAP_MIN = Decimal("50")
HOLDOVER_MIN_DAYS = 30
LONG_HOLDOVER_DAYS = 90  # tenants.lifecycle.LONG_HOLDOVER_DAYS
LISTING_PREP_DAYS = 14
NOTICE_HIGH_DAYS = 14
# The notice a rent increase needs is law, not a constant: the property's `rent_increase_notice` rule
# (properties.JurisdictionRule), carried in UnitFacts.rent_notice.

CENT = Decimal("0.01")


@dataclass(frozen=True)
class CollectionsFacts:
    """The tenant's unresolved collections case (collections_app.selectors.unresolved_cases_by_tenant)."""

    case_id: str
    status: str  # open | payment_plan | escalated
    escalation_level: int
    risk_profile: str  # good_history | standard | repeat_offender | chronic
    days_overdue: int
    balance: Decimal
    high_risk: bool  # collections_app.selectors.case_is_high_risk


@dataclass(frozen=True)
class UnitFacts:
    unit_id: object
    property_id: object
    lease_id: object
    lifecycle_state: str
    rent: Decimal
    market_rent: Decimal | None
    lease_end_date: datetime.date | None
    notice_move_out_date: datetime.date | None = None
    churn_score: float | None = None
    churn_risk_level: str | None = None
    # What the renewals scoring would offer (renewals.scoring.rent_strategy / recommended_rent).
    renewal_rent: Decimal | None = None
    renewal_strategy: str | None = None
    collections: CollectionsFacts | None = None
    # The lease's open items (tenants.open_items.OpenItem: kind, status, label, amount...): what is already in
    # flight on it. `conflicts()` turns them into the actions that would contradict them.
    open_items: tuple = ()
    # Action types the agent must not recommend for this unit today (recently executed or dismissed, an
    # offer already out, an inspection already open...), decided by the selectors.
    excluded: frozenset = field(default_factory=frozenset)
    # The property's rent-increase notice rule (properties.jurisdiction.RuleFacts) and when the tenancy began
    # (tiers by tenancy length): the notice's effective date comes from them.
    rent_notice: law.RuleFacts | None = None
    tenancy_start: datetime.date | None = None


@dataclass(frozen=True)
class Candidate:
    action_type: str
    confidence: Decimal
    priority: str
    description: str
    reason: str
    payload: dict


# --- formatting (the tenant never sees these; the manager does) ----------------------------------------


def _iso(d: datetime.date | None) -> str | None:
    return d.isoformat() if d else None


def _confidence(value: float) -> Decimal:
    c = Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)
    return max(Decimal("0.00"), min(MAX_CONFIDENCE, c))


def _priority(confidence: Decimal, rule_priority: str) -> str:
    return "urgent" if confidence > URGENT_ABOVE else rule_priority


def _retention(f: UnitFacts) -> float:
    return 1.0 - (f.churn_score if f.churn_score is not None else 0.5)


def _in_collections(f: UnitFacts) -> float:
    return 1.0 if f.collections is not None else 0.0


def _gap(f: UnitFacts) -> tuple[Decimal, float]:
    """(market − rent, gap as a fraction of market); (0, 0) without a market rent."""
    if not f.market_rent or f.market_rent <= 0:
        return Decimal("0"), 0.0
    gap = Decimal(f.market_rent) - Decimal(f.rent)
    return gap, float(gap / Decimal(f.market_rent))


def _churn_note(f: UnitFacts) -> str:
    if f.churn_score is None:
        return ""
    return f" Churn score {f.churn_score:.2f} ({f.churn_risk_level or 'unscored'})."


def _collections_note(f: UnitFacts) -> str:
    c = f.collections
    if c is None:
        return ""
    return f" Note: {money(c.balance)} in collections ({c.days_overdue} days overdue)."


# --- the rules ----------------------------------------------------------------------------------------


def early_renewal_nudge(f: UnitFacts, today: datetime.date) -> Candidate | None:
    if f.lifecycle_state != ACTIVE or f.lease_end_date is None:
        return None
    days = (f.lease_end_date - today).days
    if not NUDGE_MIN_DAYS <= days <= NUDGE_MAX_DAYS:
        return None
    conf = _confidence(0.55 + 0.30 * _retention(f) + 0.10 * (NUDGE_MAX_DAYS - days) / 30 - 0.15 * _in_collections(f))
    offer = _offer_rent(f)
    return Candidate(
        action_type=EARLY_RENEWAL_NUDGE,
        confidence=conf,
        priority=_priority(conf, "medium"),
        description=f"Offer early renewal @ {whole_money(offer)}",
        reason=(
            f"Lease ends in {days} days ({short_date(f.lease_end_date)}); offering now, before the 60-day mark, "
            f"locks in the renewal early.{_churn_note(f)}{_collections_note(f)}"
        ),
        payload={
            "current_rent": str(f.rent),
            "market_rent": _str(f.market_rent),
            "offer_rent": str(offer),
            "rent_strategy": f.renewal_strategy,
            "term_months": 12,
            "lease_end_date": _iso(f.lease_end_date),
            "days_to_expiry": days,
            "churn_score": f.churn_score,
        },
    )


def _offer_rent(f: UnitFacts) -> Decimal:
    """The renewal rent to quote: the pending offer's (what the renewals screen shows), else what the renewals
    scoring would offer, else the current rent."""
    pending = pending_offer(f)
    if pending is not None and pending.amount is not None:
        return Decimal(pending.amount)
    return f.renewal_rent if f.renewal_rent is not None else f.rent


def _pending_note(f: UnitFacts) -> str:
    pending = pending_offer(f)
    return f" {pending.label} (not sent): send one or the other." if pending is not None else ""


def rent_increase_notice(f: UnitFacts, today: datetime.date) -> Candidate | None:
    if f.lifecycle_state != MONTH_TO_MONTH:
        return None
    gap, gap_pct = _gap(f)
    if gap <= RENT_GAP_MIN:
        return None
    conf = _confidence(0.50 + 0.30 * min(gap_pct / 0.15, 1.0) + 0.15 * _retention(f) - 0.15 * _in_collections(f))
    new_rent = Decimal(f.market_rent).quantize(CENT)
    terms = rent_notice_terms(
        f.rent_notice, notice_date=today, current=f.rent, new=new_rent, tenancy_start=f.tenancy_start
    )
    if terms is None or terms.notice_days is None:
        return None  # no notice rule on file at all: the law is unknown, so no notice is proposed
    law_note = f" ({f.rent_notice.citation})" if f.rent_notice.citation else " (strictest rule on file)"
    return Candidate(
        action_type=RENT_INCREASE_NOTICE,
        confidence=conf,
        priority=_priority(conf, "high" if gap_pct >= 0.10 else "medium"),
        description=f"Rent increase notice (+{whole_money(gap)})",
        reason=(
            f"Month-to-month at {money(f.rent)}, {money(gap)} ({gap_pct:.1%}) below the market rent of "
            f"{money(f.market_rent)}. A {terms.notice_days}-day notice{law_note} brings it to market from "
            f"{short_date(terms.effective_date)}.{_churn_note(f)}"
            f"{_collections_note(f)}{_pending_note(f)}"
        ),
        payload={
            "current_rent": str(f.rent),
            "market_rent": str(f.market_rent),
            "new_rent": str(new_rent),
            "increase": str(gap.quantize(CENT)),
            "increase_pct": round(gap_pct * 100, 1),
            "notice_days": terms.notice_days,
            "effective_date": _iso(terms.effective_date),
            "citation": f.rent_notice.citation,
            "churn_score": f.churn_score,
        },
    )


def renewal_offer(f: UnitFacts, today: datetime.date) -> Candidate | None:
    if f.lifecycle_state != MONTH_TO_MONTH or f.lease_end_date is None:
        return None
    holdover = (today - f.lease_end_date).days
    if holdover <= HOLDOVER_MIN_DAYS:
        return None
    gap, gap_pct = _gap(f)
    below = min(max(gap_pct, 0.0) / 0.10, 1.0)
    conf = _confidence(
        0.50 + 0.20 * min(holdover / 180, 1.0) + 0.15 * below + 0.15 * _retention(f) - 0.15 * _in_collections(f)
    )
    offer = _offer_rent(f)
    market_note = (
        f" at {money(gap)} below market" if gap > 0 else (" at market rent" if gap == 0 and f.market_rent else "")
    )
    return Candidate(
        action_type=RENEWAL_OFFER,
        confidence=conf,
        priority=_priority(conf, "high" if holdover > LONG_HOLDOVER_DAYS else "medium"),
        description=f"Offer renewal @ {whole_money(offer)}",
        reason=(
            f"Month-to-month for {holdover} days (lease ended {short_date(f.lease_end_date)}){market_note}. "
            f"A 12-month renewal at {money(offer)} secures the tenancy.{_churn_note(f)}{_collections_note(f)}"
        ),
        payload={
            "current_rent": str(f.rent),
            "market_rent": _str(f.market_rent),
            "offer_rent": str(offer),
            "rent_strategy": f.renewal_strategy,
            "term_months": 12,
            "holdover_days": holdover,
            "lease_end_date": _iso(f.lease_end_date),
            "churn_score": f.churn_score,
        },
    )


def move_out_inspection(f: UnitFacts, today: datetime.date) -> Candidate | None:
    if f.lifecycle_state != NOTICE or f.notice_move_out_date is None:
        return None
    days = (f.notice_move_out_date - today).days
    conf = _confidence(0.70 + 0.25 * (1 - min(max(days, 0), 60) / 60))
    return Candidate(
        action_type=MOVE_OUT_INSPECTION,
        confidence=conf,
        priority=_priority(conf, "high" if days <= NOTICE_HIGH_DAYS else "medium"),
        description=f"Schedule move-out inspection ({short_date(f.notice_move_out_date)})",
        reason=(
            f"Tenant gave notice; move-out on {short_date(f.notice_move_out_date)} ({_in_days(days)}). "
            "Schedule the inspection to compare with move-in and assess the deposit."
        ),
        payload={
            "move_out_date": _iso(f.notice_move_out_date),
            "inspection_date": _iso(max(f.notice_move_out_date, today)),
            "days_to_move_out": days,
        },
    )


def listing_prep(f: UnitFacts, today: datetime.date) -> Candidate | None:
    if f.lifecycle_state != NOTICE or f.notice_move_out_date is None:
        return None
    days = (f.notice_move_out_date - today).days
    if days > LISTING_PREP_DAYS:
        return None
    conf = _confidence(0.65 + 0.25 * (1 - max(days, 0) / LISTING_PREP_DAYS))
    return Candidate(
        action_type=LISTING_PREP,
        confidence=conf,
        priority=_priority(conf, "high"),
        description=f"Begin listing prep (move-out {_in_days(days)})",
        reason=(
            f"Move-out on {short_date(f.notice_move_out_date)} is within {LISTING_PREP_DAYS} days: prepare the "
            f"listing{' at ' + money(f.market_rent) if f.market_rent else ''} so the unit is marketed before it is empty."
        ),
        payload={
            "move_out_date": _iso(f.notice_move_out_date),
            "days_to_move_out": days,
            "market_rent": _str(f.market_rent),
        },
    )


def eviction_prep(f: UnitFacts, today: datetime.date) -> Candidate | None:
    c = f.collections
    if c is None or not c.high_risk or f.lifecycle_state == VACANT:
        return None
    conf = _confidence(
        0.50
        + 0.06 * c.escalation_level
        + (0.10 if c.risk_profile == "chronic" else 0.0)
        + (0.05 if c.risk_profile == "repeat_offender" else 0.0)
        + 0.15 * min(c.days_overdue, 60) / 60
        - (0.20 if c.status == "payment_plan" else 0.0)
    )
    return Candidate(
        action_type=EVICTION_PREP,
        confidence=conf,
        priority=_priority(conf, "high"),
        description="Begin eviction prep",
        reason=(
            f"{money(c.balance)} overdue for {c.days_overdue} days; collections at level {c.escalation_level}/5 "
            f"({c.status.replace('_', ' ')}), {c.risk_profile.replace('_', ' ')} payer."
        ),
        payload={
            "case_id": c.case_id,
            "balance": str(c.balance),
            "days_overdue": c.days_overdue,
            "escalation_level": c.escalation_level,
            "risk_profile": c.risk_profile,
            "case_status": c.status,
        },
    )


RULES = {
    EARLY_RENEWAL_NUDGE: early_renewal_nudge,
    RENT_INCREASE_NOTICE: rent_increase_notice,
    RENEWAL_OFFER: renewal_offer,
    MOVE_OUT_INSPECTION: move_out_inspection,
    LISTING_PREP: listing_prep,
    EVICTION_PREP: eviction_prep,
}


# Open items (tenants.open_items kinds) and the statuses in which they block an action.
OFFER_OUT = ("approved", "sent", "accepted")  # the tenant has (or is about to get) a renewal offer in hand
PLAN_LIVE = ("proposed", "accepted", "active")


def conflicts(f: UnitFacts) -> dict:
    """{action_type: the open item's label} for the actions that would contradict what is already in flight on
    the lease, so the agent never proposes them:

        renewal offer approved / sent / accepted  -> no renewal offer, early nudge or rent increase notice
        rent increase notice not yet in effect     -> no renewal offer, early nudge or second notice
        payment plan proposed or in force          -> no rent increase notice (raising the rent of a tenant
                                                      paying arrears by instalments breaks the plan)
    A pending (unsent) renewal offer blocks nothing: the renewal rules quote its figure instead, so the queue
    and the renewals screen agree; a collections case lowers confidence (see the rules) but blocks nothing.
    """
    return conflicts_for(f.open_items)


def conflicts_for(open_items) -> dict:
    """conflicts() over a lease's open items alone (the bulk actions check a manager's selection with it)."""
    out: dict = {}
    for item in open_items:
        if item.kind == "renewal_offer" and item.status in OFFER_OUT:
            blocked = (*RENEWAL_ACTIONS, RENT_INCREASE_NOTICE)
        elif item.kind == "rent_increase_notice":
            blocked = (*RENEWAL_ACTIONS, RENT_INCREASE_NOTICE)
        elif item.kind == "payment_plan" and item.status in PLAN_LIVE:
            blocked = (RENT_INCREASE_NOTICE,)
        else:
            continue
        for action_type in blocked:
            out.setdefault(action_type, item.label)
    return out


def pending_offer(f: UnitFacts):
    """The lease's pending renewal offer (an OpenItem), if any."""
    return next((i for i in f.open_items if i.kind == "renewal_offer" and i.status == "pending"), None)


def candidates(f: UnitFacts, today: datetime.date) -> list[Candidate]:
    """Every rule that fires for the unit (before the threshold and the cap), except the excluded and the
    conflicting ones."""
    out = []
    blocked = conflicts(f)
    for action_type, rule in RULES.items():
        if action_type in f.excluded or action_type in blocked:
            continue
        c = rule(f, today)
        if c is not None:
            out.append(c)
    return out


def recommend(f: UnitFacts, today: datetime.date) -> list[Candidate]:
    """At most MAX_PER_UNIT candidates with confidence >= MIN_CONFIDENCE: highest priority, then confidence."""
    kept = [c for c in candidates(f, today) if c.confidence >= MIN_CONFIDENCE]
    kept.sort(key=lambda c: (-PRIORITY_RANK[c.priority], -c.confidence, ACTION_TYPES.index(c.action_type)))
    return kept[:MAX_PER_UNIT]


def _str(value) -> str | None:
    return None if value is None else str(value)


def _in_days(days: int) -> str:
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {days} days" if days > 0 else f"{-days} days ago"


# --- content helpers used by the executors -----------------------------------------------------------------


def rent_notice_terms(
    rule: law.RuleFacts | None,
    *,
    notice_date: datetime.date,
    current: Decimal,
    new: Decimal,
    tenancy_start: datetime.date | None = None,
) -> law.NoticeTerms | None:
    """When a month-to-month rent increase served on `notice_date` takes effect: the first day of a rental
    period (a 1st) once the notice the property's rule requires for this increase has run (None without a
    rule). E.g. Nov 28 under a 30-day rule: Dec 28 at the earliest, so Jan 1."""
    if rule is None:
        return None
    return rule.terms(
        notice_date=notice_date,
        proposed=law.first_of_next_month(notice_date),
        increase=law.increase_pct(current=current, new=new),
        tenancy=law.tenancy_months(start=tenancy_start, on=notice_date),
    )
