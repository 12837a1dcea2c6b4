"""The nightly renewal scan (spec 1.2): candidates -> churn score, strategy, rent -> letter -> bulk insert.

Set-based per chunk (renewals.selectors.churn_inputs_for) and idempotent: a lease has at most one open
recommendation (a partial unique constraint backs the candidate exclusion). Letters are written by
renewals.services.letters (the gateway runs outside any transaction).
"""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal

from django.utils import timezone

from core.exceptions import ApplicationError
from renewals import scoring
from renewals.models import RenewalRecommendation
from renewals.selectors import (
    churn_inputs_for,
    leases_for_scoring,
    leases_with_conflicting_items,
    renewal_candidates,
)
from renewals.services._common import Status, batched
from renewals.services.letters import renewal_letters_attach
from renewals.services.response import renewal_accepted_apply
from renewals.services.staleness import renewal_stale_expire
from renewals.services.terms import renewal_rulebook, renewal_terms
from tenants.models import TenantLease


def renewal_scan(*, today: datetime.date | None = None, chunk_size: int = 500) -> str:
    """Spec 1.2 nightly agent. Returns e.g.
    "Scanned 1604 leases: created 1604 recommendations (critical 12, high 301, medium 844, low 447)."

    0. applies accepted renewals whose lease has since reached month-to-month, and expires stale open
       recommendations (renewal_stale_expire), so their leases can be offered again;
    1-2. candidates: renewals.selectors.renewal_candidates (one query for the ids);
    3-5. per chunk of `chunk_size` leases: one query for the leases, churn inputs in three grouped queries,
       scoring/strategy/rent in memory (renewals.scoring);
    6. a letter per lease through the AI gateway (outside any transaction; Claude falls back to the
       offline template, and a lease whose letter fails still gets its recommendation);
    7. one bulk INSERT per chunk. Running it twice creates nothing new.
    """
    if chunk_size < 1:
        raise ApplicationError("chunk_size must be at least 1.")
    today = today or timezone.localdate()
    applied = renewal_accepted_apply()
    expired = renewal_stale_expire(today=today)
    lease_ids = list(renewal_candidates(today=today).values_list("id", flat=True))
    book = renewal_rulebook(today=today)  # the notice rules for the whole run: one query
    levels: Counter = Counter()
    letters_failed = 0
    held = 0
    for chunk in batched(lease_ids, chunk_size):
        conflicting = leases_with_conflicting_items(lease_ids=chunk, today=today)
        held += len(conflicting)
        chunk = [lease_id for lease_id in chunk if lease_id not in conflicting]
        recs = renewal_recommendations_build(leases=leases_for_scoring(lease_ids=chunk), today=today, book=book)
        letters_failed += len(renewal_letters_attach(recs, today=today))
        levels.update(recommendations_insert(recs))
    created = sum(levels.values())
    summary = (
        f"Scanned {len(lease_ids)} leases: created {created} recommendations "
        f"(critical {levels['critical']}, high {levels['high']}, medium {levels['medium']}, low {levels['low']})."
    )
    extras = []
    if held:
        extras.append(f"held back {held} with a rent increase notice open")
    if expired:
        extras.append(f"expired {expired} stale")
    if applied:
        extras.append(f"applied {applied} accepted renewals to their leases")
    if letters_failed:
        extras.append(f"{letters_failed} letters failed (generate them from the detail page)")
    if extras:
        summary += " Also " + "; ".join(extras) + "."
    return summary


def renewal_recommendations_build(
    *, leases: list[TenantLease], today: datetime.date, book=None
) -> list[RenewalRecommendation]:
    """Unsaved recommendations for leases loaded with tenant, unit and property (no letter yet). The term
    starts when the law allows for the increase (renewals.services.terms); `book` is the run's RuleBook
    (fetched here, one query, when not given)."""
    if not leases:
        return []
    book = book or renewal_rulebook(today=today)
    inputs_by_lease = churn_inputs_for(leases=leases, today=today)
    recs = []
    for lease in leases:
        inputs = inputs_by_lease[lease.pk]
        score, factors = scoring.churn_score(inputs, today=today)
        current = Decimal(lease.monthly_rent_amount)
        # The spec's `market = lease.unit.market_rent or lease.monthly_rent_amount`, stored as is.
        market = Decimal(inputs.market_rent) if inputs.market_rent else current
        strategy = scoring.rent_strategy(score, current, market)
        rent = scoring.recommended_rent(current, market, strategy, score)
        terms = renewal_terms(
            lease=lease, prop=lease.property, current_rent=current, offered_rent=rent, today=today, book=book
        )
        recs.append(
            RenewalRecommendation(
                lease=lease,
                tenant=lease.tenant,
                unit=lease.unit,
                property=lease.property,
                churn_score=score,
                churn_risk_level=scoring.churn_risk_level(score),
                churn_factors=factors,
                current_rent=current,
                market_rent=market,
                recommended_rent=rent,
                rent_increase_pct=scoring.rent_increase_pct(current, rent),
                rent_strategy=strategy,
                rent_reasoning=scoring.rent_reasoning(strategy, score, current, market),
                recommended_term_months=12,
                **terms,
                status=Status.PENDING,
            )
        )
    return recs


def recommendations_insert(recs: list[RenewalRecommendation]) -> list[str]:
    """Bulk-inserts; a lease that got an open recommendation meanwhile (a concurrent scan) is skipped by
    the partial unique constraint. Returns the risk levels of the rows actually inserted."""
    if not recs:
        return []
    RenewalRecommendation.objects.bulk_create(recs, ignore_conflicts=True)
    ids = [r.pk for r in recs]
    return list(RenewalRecommendation.objects.filter(pk__in=ids).values_list("churn_risk_level", flat=True))
