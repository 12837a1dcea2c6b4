"""Bulk renewal offers for the portfolio command center: prepare (create like the scan, letter included)
and offer (approve + send) a set of leases, each independently."""

from __future__ import annotations

import datetime

from django.utils import timezone

from core.ai import AIError
from core.ai.offline import money
from core.exceptions import ApplicationError
from renewals.models import RenewalRecommendation
from renewals.selectors import leases_for_scoring, leases_with_conflicting_items, renewal_offer_blockers
from renewals.services._common import CHANNELS, LETTER_EDITABLE, NOT_DELIVERED, OPEN, Status
from renewals.services.approve import renewal_approve
from renewals.services.letters import renewal_letter_generate, renewal_letters_attach
from renewals.services.scan import recommendations_insert, renewal_recommendations_build
from renewals.services.send import renewal_send
from renewals.services.staleness import renewal_stale_expire
from renewals.services.terms import renewal_rulebook, renewal_terms_problem
from tenants import lifecycle
from tenants.lifecycle import ACTIVE, MONTH_TO_MONTH

SEND_METHODS = {"email": ("email",), "sms": ("sms",), "both": CHANNELS, "manual": ()}


def renewal_offers_prepare(*, lease_ids, today: datetime.date | None = None) -> dict:
    """{lease_id: RenewalRecommendation | str} — each lease's open recommendation (pending, approved or sent),
    creating the missing ones exactly as the nightly scan does (scoring, strategy, rent, letter), or the
    reason it cannot have one (not found, on notice or vacant, accepted/declined recently, letter failed).

    Set-based: stale offers of these leases are expired first, then one query for the leases, the churn
    inputs in three grouped queries, one gateway call per new letter (outside any transaction), one bulk
    INSERT and one read-back. A lease that got an open recommendation meanwhile keeps that one.
    """
    today = today or timezone.localdate()
    ids = list(dict.fromkeys(lease_ids))
    if not ids:
        return {}
    renewal_stale_expire(today=today, lease_ids=ids)
    leases = {lease.pk: lease for lease in leases_for_scoring(lease_ids=ids)}
    open_recs = _open_recommendations(ids)
    blockers = renewal_offer_blockers(lease_ids=ids, today=today)
    conflicting = leases_with_conflicting_items(lease_ids=ids, today=today)
    out: dict = {}
    to_build = []
    for lease_id in ids:
        lease = leases.get(lease_id)
        if lease is None:
            out[lease_id] = "Lease not found."
        elif lease_id in open_recs and (open_recs[lease_id].status == Status.SENT or lease_id not in conflicting):
            out[lease_id] = open_recs[lease_id]
        elif lease_id in conflicting:
            out[lease_id] = conflicting[lease_id]
        elif lease.lease_status not in (ACTIVE, MONTH_TO_MONTH):
            words = lifecycle.STATUS_WORDS.get(lease.lease_status, lease.lease_status)
            out[lease_id] = f"The lease is {words}; a renewal cannot be offered."
        elif lease_id in blockers:
            out[lease_id] = blockers[lease_id]
        else:
            to_build.append(lease)
    built = renewal_recommendations_build(leases=to_build, today=today)
    failed = renewal_letters_attach(built, today=today)
    ready = [rec for rec in built if rec.lease_id not in failed]
    for lease_id, reason in failed.items():
        out[lease_id] = f"The renewal letter could not be written: {reason}"
    recommendations_insert(ready)
    created = _open_recommendations([rec.lease_id for rec in ready])
    for rec in ready:
        out[rec.lease_id] = created.get(rec.lease_id) or "The renewal offer could not be created; try again."
    _refresh_stale_dates(out, today=today)
    return {lease_id: out[lease_id] for lease_id in ids}


def _refresh_stale_dates(out: dict, *, today: datetime.date) -> None:
    """An open offer not yet sent whose dates can no longer go out today (written days ago: its reply-by date
    has come, or the notice would not run by its start) gets new dates and a new letter now, so the preview
    shows what will be sent. One query for the rules; one gateway call per stale letter."""
    unsent = [r for r in out.values() if isinstance(r, RenewalRecommendation) and r.status in LETTER_EDITABLE]
    if not unsent:
        return
    book = renewal_rulebook(today=today)
    for rec in unsent:
        if renewal_terms_problem(rec, today=today, book=book):
            try:
                out[rec.lease_id] = renewal_letter_generate(recommendation=rec, today=today)
            except (ApplicationError, AIError) as exc:
                out[rec.lease_id] = f"The renewal letter could not be rewritten with new dates: {exc.message}"


def _open_recommendations(lease_ids) -> dict:
    qs = RenewalRecommendation.objects.filter(lease_id__in=list(lease_ids), status__in=OPEN).select_related(
        "lease", "tenant", "unit", "property"
    )
    return {rec.lease_id: rec for rec in qs}


def renewal_offer_for_leases(*, lease_ids, actor: str, method: str, today: datetime.date | None = None) -> dict:
    """Offers a renewal to each lease now: its open recommendation (created like the scan's if missing, see
    renewal_offers_prepare) is approved at the recommended rent and sent by `method` (email, sms, both;
    manual = approve only, the manager delivers the letter). Returns per lease
    {ok, status: done|skipped|failed, detail, renewal_id, offered_rent, sent_via}. Leases are independent:
    one failing never stops or undoes the others, and a failure keeps what already happened (an approval
    stays approved, as renewal_send does). An offer already sent is skipped, never sent twice.
    """
    if method not in SEND_METHODS:
        raise ApplicationError(f"Unknown method '{method}'; use one of {', '.join(SEND_METHODS)}.")
    channels = SEND_METHODS[method]
    today = today or timezone.localdate()
    results = {}
    book = renewal_rulebook(today=today)
    for lease_id, rec in renewal_offers_prepare(lease_ids=lease_ids, today=today).items():
        if isinstance(rec, str):
            results[lease_id] = {
                "ok": False,
                "status": "failed",
                "detail": rec,
                "renewal_id": None,
                "offered_rent": None,
                "sent_via": [],
            }
            continue
        results[lease_id] = _offer_one(rec, actor=actor, channels=channels, today=today, book=book)
    return results


def _offer_one(
    rec: RenewalRecommendation, *, actor: str, channels: tuple[str, ...], today: datetime.date, book
) -> dict:
    result = {"ok": True, "status": "done", "detail": "", "renewal_id": str(rec.pk), "sent_via": []}
    try:
        if rec.status == Status.SENT and not channels:
            result.update(status="skipped", detail="The offer was already sent.")
        elif rec.status == Status.SENT and all(_channel_out(rec, c) for c in channels):
            result.update(status="skipped", detail="The offer was already sent; nothing was sent again.")
        else:
            if rec.status == Status.PENDING:
                rec = renewal_approve(recommendation=rec, actor=actor, today=today)  # lawful dates for today
            elif rec.status == Status.APPROVED and channels and renewal_terms_problem(rec, today=today, book=book):
                rec = renewal_letter_generate(recommendation=rec, today=today)  # new dates, then send
            if channels:
                rec = renewal_send(recommendation=rec, actor=actor, channels=channels, today=today)
                went = [
                    e["channel"] for e in rec.sent_via if e["channel"] in channels and e["status"] not in NOT_DELIVERED
                ]
                result["detail"] = f"Offer sent by {' and '.join(went)} at {money(rec.get_offered_rent())}/month."
            else:
                result["detail"] = "Offer approved; deliver the letter by hand (no message sent)."
    except (ApplicationError, AIError) as exc:
        result.update(ok=False, status="failed", detail=exc.message)
        rec.refresh_from_db()
    result["offered_rent"] = str(rec.get_offered_rent())
    result["sent_via"] = list(rec.sent_via or [])
    result["renewal_status"] = rec.status
    return result


def _channel_out(rec: RenewalRecommendation, channel: str) -> bool:
    return any(e.get("channel") == channel and e.get("status") not in NOT_DELIVERED for e in rec.sent_via or [])
