"""The lawful dates of a renewal offer: effective date (new term start), reply-by date and the notice rule.

The numbers come from the property's jurisdiction rule (`rent_increase_notice`, properties.JurisdictionRule)
through the pure `properties.jurisdiction.notice_terms`: a letter never proposes a start sooner than the
notice the law requires for its increase, counted from the letter's date. Agents hold one RuleBook per run
(`renewal_rulebook`, one query), so no rule is looked up per lease.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from core.formatting import long_date
from properties import jurisdiction as law
from properties.models import JurisdictionRule
from properties.selectors import RuleBook, jurisdiction_rulebook
from renewals import scoring
from renewals.models import RenewalRecommendation

NOTICE_RULE = JurisdictionRule.RuleType.RENT_INCREASE_NOTICE
TERMS_FIELDS = (
    "recommended_lease_start",
    "recommended_lease_end",
    "notice_date",
    "response_deadline",
    "notice_days",
    "notice_citation",
)


def renewal_rulebook(*, today: datetime.date) -> RuleBook:
    return jurisdiction_rulebook(on_date=today, rule_types=[NOTICE_RULE])


def renewal_terms(
    *,
    lease,
    prop,
    current_rent: Decimal,
    offered_rent: Decimal,
    today: datetime.date,
    book: RuleBook,
    months: int = 12,
) -> dict:
    """The TERMS_FIELDS of an offer written `today` at `offered_rent`: the natural start (the day after the
    lease ends, or the next 1st for a month-to-month lease) unless the notice for this increase has not run
    by then. A place with no rule on file gets the strictest notice on file (and no citation)."""
    proposed, _ = scoring.recommended_term(lease_end_date=lease.lease_end_date, today=today, months=months)
    rule = book.facts_for_property(prop, NOTICE_RULE)
    terms = rule.terms(
        notice_date=today,
        proposed=proposed,
        increase=law.increase_pct(current=current_rent, new=offered_rent),
        tenancy=law.tenancy_months(start=lease.move_in_date or lease.lease_begin_date, on=today),
    )
    return {
        "recommended_lease_start": terms.effective_date,
        "recommended_lease_end": scoring.term_end(terms.effective_date, months),
        "notice_date": today,
        "response_deadline": terms.response_deadline,
        "notice_days": terms.notice_days,
        "notice_citation": rule.citation if terms.notice_days is not None else "",
    }


def renewal_terms_for(
    rec: RenewalRecommendation, *, today: datetime.date, book: RuleBook, offered_rent: Decimal | None = None
) -> dict:
    """renewal_terms for a recommendation (lease and property loaded) at its offered rent (or `offered_rent`)."""
    return renewal_terms(
        lease=rec.lease,
        prop=rec.property,
        current_rent=rec.current_rent,
        offered_rent=offered_rent if offered_rent is not None else rec.get_offered_rent(),
        today=today,
        book=book,
        months=rec.recommended_term_months or 12,
    )


def renewal_terms_problem(rec: RenewalRecommendation, *, today: datetime.date, book: RuleBook) -> str | None:
    """Why the offer's dates cannot go out `today` (None when they can): its reply-by date has come, or sent
    today the notice the law requires would not have run by its start date. (A letter written before the
    rules existed has no reply-by date; only its start date is checked.)"""
    if rec.response_deadline is not None and rec.response_deadline <= today:
        return f"The letter asks for a reply by {long_date(rec.response_deadline)}; regenerate it with new dates."
    lawful = renewal_terms_for(rec, today=today, book=book)
    if lawful["recommended_lease_start"] > rec.recommended_lease_start:
        return (
            f"Sent today, the notice would not have run by {long_date(rec.recommended_lease_start)} (the earliest "
            f"lawful start is {long_date(lawful['recommended_lease_start'])}); regenerate the letter with new dates."
        )
    return None


def terms_set(rec: RenewalRecommendation, terms: dict) -> None:
    for name, value in terms.items():
        setattr(rec, name, value)
