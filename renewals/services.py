"""Writes for renewal intelligence (spec 1.2): the nightly scan, letters, approve -> send -> response.

Workflow:  pending --approve--> approved --send--> sent --respond--> accepted | declined
           pending / approved / sent --(lease on notice or vacant, term changed, offer start passed)--> expired

* The AI gateway and the messaging layer are called outside database transactions (a slow model call
  never holds a transaction open; a rolled-back transaction never drops a call log or an outbox row).
  Each state change then re-checks the status under a row lock, so two managers clicking at once
  cannot both approve, send twice or record two answers.
* Lease changes go through `tenants.services.lease_renew` (the lifecycle service), never TenantLease.
* The scan is set-based per chunk (renewals.selectors.churn_inputs_for) and idempotent: a lease has at
  most one open recommendation (a partial unique constraint backs the candidate exclusion).
"""
from __future__ import annotations

import datetime
import logging
from collections import Counter
from decimal import Decimal, InvalidOperation
from itertools import islice

from django.db import transaction
from django.utils import timezone

from core.ai import AIError, complete_json
from core.ai.offline import money
from core.exceptions import ApplicationError
from core.messaging import normalise_email, send_email, send_sms
from renewals import scoring
from renewals.models import RenewalRecommendation
from renewals.prompts import RENEWAL_LETTER, letter_html, letter_inputs, renewal_letter_offline
from renewals.selectors import churn_inputs_for, leases_for_scoring, renewal_candidates, renewal_offer_blockers
from tenants import lifecycle
from tenants.lifecycle import ACTIVE, MONTH_TO_MONTH, NOTICE, VACANT
from tenants.models import TenantLease
from tenants.services import lease_renew

logger = logging.getLogger(__name__)

Status = RenewalRecommendation.Status
OPEN = RenewalRecommendation.OPEN_STATUSES
LETTER_EDITABLE = (Status.PENDING, Status.APPROVED)
SCAN_ACTOR = "system:renewal_scan"
CENT = Decimal("0.01")
MAX_RENT = Decimal("99999999.99")  # max_digits=10, decimal_places=2
# A sent offer the tenant has not answered expires this long after its proposed start date.
SENT_GRACE_DAYS = 30
CHANNELS = ("email", "sms")
# Outbox statuses that mean the message left our hands (or is stored in the outbox for a provider).
NOT_DELIVERED = ("failed", "invalid")
NOTE_MAX_CHARS = 2000


def batched(iterable, n: int):
    """itertools.batched (Python 3.12) for 3.11."""
    it = iter(iterable)
    while chunk := list(islice(it, n)):
        yield chunk


# --- the nightly scan --------------------------------------------------------------------------------------


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
    levels: Counter = Counter()
    letters_failed = 0
    for chunk in batched(lease_ids, chunk_size):
        recs = renewal_recommendations_build(leases=leases_for_scoring(lease_ids=chunk), today=today)
        for rec in recs:
            try:
                _set_letter(rec, _letter_fields(rec, today=today))
            except AIError as exc:
                letters_failed += 1
                logger.warning("Renewal letter for lease %s failed: %s", rec.lease_id, exc.message)
        levels.update(_insert_new(recs))
    created = sum(levels.values())
    summary = (
        f"Scanned {len(lease_ids)} leases: created {created} recommendations "
        f"(critical {levels['critical']}, high {levels['high']}, medium {levels['medium']}, low {levels['low']})."
    )
    extras = []
    if expired:
        extras.append(f"expired {expired} stale")
    if applied:
        extras.append(f"applied {applied} accepted renewals to their leases")
    if letters_failed:
        extras.append(f"{letters_failed} letters failed (generate them from the detail page)")
    if extras:
        summary += " Also " + "; ".join(extras) + "."
    return summary


def renewal_recommendations_build(*, leases: list[TenantLease], today: datetime.date) -> list[RenewalRecommendation]:
    """Unsaved recommendations for leases loaded with tenant, unit and property (no letter yet)."""
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
        start, end = scoring.recommended_term(lease_end_date=lease.lease_end_date, today=today)
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
                recommended_lease_start=start,
                recommended_lease_end=end,
                status=Status.PENDING,
            )
        )
    return recs


def _insert_new(recs: list[RenewalRecommendation]) -> list[str]:
    """Bulk-inserts; a lease that got an open recommendation meanwhile (a concurrent scan) is skipped by
    the partial unique constraint. Returns the risk levels of the rows actually inserted."""
    if not recs:
        return []
    RenewalRecommendation.objects.bulk_create(recs, ignore_conflicts=True)
    ids = [r.pk for r in recs]
    return list(RenewalRecommendation.objects.filter(pk__in=ids).values_list("churn_risk_level", flat=True))


# --- letters -----------------------------------------------------------------------------------------------


def _property_address(prop) -> str:
    tail = " ".join(p for p in (prop.state, prop.zip_code) if p)
    return ", ".join(p for p in (prop.address, prop.city, tail) if p)


def renewal_letter_inputs(rec: RenewalRecommendation, *, today: datetime.date, offered_rent: Decimal | None = None) -> dict:
    """The prompt inputs for a recommendation (its lease, tenant, unit and property must be loaded);
    `offered_rent` overrides the recommendation's (approve writes the letter before saving the rent)."""
    prop = rec.property
    return letter_inputs(
        tenant_first_name=rec.tenant.first_name,
        tenant_last_name=rec.tenant.last_name,
        unit_number=rec.unit.unit_number,
        property_name=prop.name,
        property_address=_property_address(prop),
        manager_name=prop.manager_name,
        manager_email=prop.manager_email,
        manager_phone=prop.phone,
        current_rent=rec.current_rent,
        offered_rent=offered_rent if offered_rent is not None else rec.get_offered_rent(),
        lease_end_date=rec.lease.lease_end_date,
        month_to_month=rec.lease.lease_status == MONTH_TO_MONTH,
        term_months=rec.recommended_term_months,
        new_lease_start=rec.recommended_lease_start,
        new_lease_end=rec.recommended_lease_end,
        strategy=rec.rent_strategy,
        today=today,
    )


def _letter_fields(rec: RenewalRecommendation, *, today: datetime.date, offered_rent: Decimal | None = None) -> dict:
    """Runs the letter prompt (Claude, or the offline template) and returns the fields to store.

    Claude's letter must quote the offered rent exactly; if it does not, the offline template (same
    figures) is used instead, so a letter never states a rent the manager did not approve.
    """
    inputs = renewal_letter_inputs(rec, today=today, offered_rent=offered_rent)
    result = complete_json(RENEWAL_LETTER, inputs, offline_fallback=True)
    data, provider, model = result.data, result.provider, result.model
    if provider != "offline" and inputs["offered_rent"] not in data["letter_text"]:
        logger.warning("Claude's renewal letter for %s did not quote %s; using the template", rec.pk, inputs["offered_rent"])
        data, provider, model = renewal_letter_offline(inputs, images=[], documents=[]), "offline", "offline"
    return {
        "renewal_letter_subject": data["subject"].strip()[:200],
        "renewal_letter_text": data["letter_text"].strip(),
        "renewal_sms_text": data["sms_text"].strip()[:320],
        "renewal_letter_generated_at": timezone.now(),
        "letter_provider": provider,
        "letter_model": model[:100],
        "letter_edited_at": None,
        "letter_edited_by": "",
    }


def _set_letter(rec: RenewalRecommendation, fields: dict) -> None:
    for name, value in fields.items():
        setattr(rec, name, value)


def _lock(rec: RenewalRecommendation) -> RenewalRecommendation:
    try:
        return RenewalRecommendation.objects.select_for_update().get(pk=rec.pk)
    except RenewalRecommendation.DoesNotExist:
        raise ApplicationError("Renewal recommendation not found.", status_code=404)


_CLOSED = {
    Status.SENT: "The letter has already been sent",
    Status.ACCEPTED: "The tenant has already accepted this offer",
    Status.DECLINED: "The tenant has already declined this offer",
    Status.EXPIRED: "This recommendation has expired (the next scan makes a fresh offer)",
}


def _check_letter_changeable(rec: RenewalRecommendation) -> None:
    if rec.status not in LETTER_EDITABLE:
        what = "it" if rec.status == Status.SENT else "the letter"
        raise ApplicationError(f"{_CLOSED[rec.status]}; {what} can no longer be changed.")
    if any(entry.get("outbox_message_id") for entry in rec.sent_via or []):
        raise ApplicationError("The letter has already been handed to the outbox; it can no longer be changed.")


def renewal_letter_generate(*, recommendation: RenewalRecommendation, today: datetime.date | None = None) -> RenewalRecommendation:
    """(Re)generates the letter for the offered rent (approved_rent or recommended_rent). Only before it
    was sent; replaces a manager's edits. The gateway runs outside the transaction."""
    rec = recommendation
    _check_letter_changeable(rec)
    fields = _letter_fields(rec, today=today or timezone.localdate())
    with transaction.atomic():
        locked = _lock(rec)
        _check_letter_changeable(locked)
        if locked.get_offered_rent() != rec.get_offered_rent():
            raise ApplicationError("The offered rent changed while the letter was being written; try again.", status_code=409)
        _set_letter(locked, fields)
        locked.save(update_fields=[*fields, "updated_at"])
    return locked


def renewal_letter_update(
    *,
    recommendation: RenewalRecommendation,
    actor: str,
    letter_text: str | None = None,
    subject: str | None = None,
    sms_text: str | None = None,
) -> RenewalRecommendation:
    """Saves the manager's edited letter (any of text, subject, SMS). Only before it was sent."""
    changes = {}
    if letter_text is not None:
        if not letter_text.strip():
            raise ApplicationError("The letter text cannot be empty.", extra={"field": "letter_text"})
        changes["renewal_letter_text"] = letter_text.strip()
    if subject is not None:
        subject = subject.strip()
        if not subject or "\n" in subject or "\r" in subject:
            raise ApplicationError("The subject must be a single, non-empty line.", extra={"field": "subject"})
        changes["renewal_letter_subject"] = subject
    if sms_text is not None:
        if not sms_text.strip():
            raise ApplicationError("The SMS text cannot be empty.", extra={"field": "sms_text"})
        changes["renewal_sms_text"] = sms_text.strip()
    if not changes:
        raise ApplicationError("Give letter_text, subject or sms_text to change.")
    with transaction.atomic():
        locked = _lock(recommendation)
        _check_letter_changeable(locked)
        changes.update(letter_edited_at=timezone.now(), letter_edited_by=actor[:100])
        _set_letter(locked, changes)
        locked.save(update_fields=[*changes, "updated_at"])
    return locked


# --- approve -------------------------------------------------------------------------------------------------


def parse_rent(value, *, label: str = "The approved rent") -> Decimal:
    """A positive amount with at most two decimal places ("1850", "1850.5", 1850.50); else ApplicationError."""
    field = {"field": "approved_rent"}
    if isinstance(value, bool) or value is None:
        raise ApplicationError(f"{label} must be a number, e.g. 1850.00.", extra=field)
    try:
        amount = Decimal(str(value).strip().replace(",", "").lstrip("$"))
    except (InvalidOperation, ValueError):
        raise ApplicationError(f"{label} must be a number, e.g. 1850.00.", extra=field)
    if not amount.is_finite():
        raise ApplicationError(f"{label} must be a number, e.g. 1850.00.", extra=field)
    if amount <= 0:
        raise ApplicationError(f"{label} must be greater than zero.", extra=field)
    if amount != amount.quantize(CENT):
        raise ApplicationError(f"{label} can have at most 2 decimal places.", extra=field)
    if amount > MAX_RENT:
        raise ApplicationError(f"{label} must be at most {MAX_RENT:,}.", extra=field)
    return amount.quantize(CENT)


def renewal_approve(
    *,
    recommendation: RenewalRecommendation,
    actor: str,
    approved_rent=None,
    today: datetime.date | None = None,
) -> RenewalRecommendation:
    """pending -> approved, recording reviewed_by/at. With `approved_rent` different from the recommended
    rent, the letter is regenerated for the new rent (a manager's edits are replaced, since they quote
    the old rent); a missing letter is generated too. Nothing changes if the letter cannot be written."""
    rec = recommendation
    if rec.status != Status.PENDING:
        raise ApplicationError("Only pending recommendations can be approved.")
    rent = parse_rent(approved_rent) if approved_rent not in (None, "") else None
    if rent == rec.recommended_rent:
        rent = None  # the recommended rent, not a modification
    letter = {}
    if rent is not None or not rec.renewal_letter_text.strip():
        offered = rent if rent is not None else rec.recommended_rent
        letter = _letter_fields(rec, today=today or timezone.localdate(), offered_rent=offered)
    with transaction.atomic():
        locked = _lock(rec)
        if locked.status != Status.PENDING:
            raise ApplicationError("Only pending recommendations can be approved.")
        _set_letter(locked, letter)
        locked.approved_rent = rent
        locked.status = Status.APPROVED
        locked.reviewed_by = actor[:100]
        locked.reviewed_at = timezone.now()
        locked.save(update_fields=[*letter, "approved_rent", "status", "reviewed_by", "reviewed_at", "updated_at"])
    return locked


# --- send ---------------------------------------------------------------------------------------------------


def _reply_to(prop) -> str | None:
    try:
        return normalise_email(prop.manager_email) if prop.manager_email else None
    except ApplicationError:
        return None


def _deliver(rec: RenewalRecommendation, channel: str) -> dict:
    """Sends one channel through core.messaging (dedupe key per recommendation and channel) and reports it."""
    key = f"renewals:{rec.pk}:{channel}"
    tenant = rec.tenant
    to = tenant.email if channel == "email" else tenant.phone
    try:
        if channel == "email":
            message = send_email(
                to=to, subject=rec.renewal_letter_subject or f"Your lease renewal offer for unit {rec.unit.unit_number}",
                text=rec.renewal_letter_text, html=letter_html(rec.renewal_letter_text), feature="renewals",
                related_object=rec, dedupe_key=key, reply_to=_reply_to(rec.property),
            )
        else:
            body = rec.renewal_sms_text or (
                f"Hi {tenant.first_name}, your lease renewal offer for unit {rec.unit.unit_number} is in your email."
            )
            message = send_sms(to=to, body=body, feature="renewals", related_object=rec, dedupe_key=key)
    except ApplicationError as exc:  # invalid recipient (nothing written, nothing sent)
        return {"channel": channel, "to": to or "", "outbox_message_id": None, "status": "invalid", "error": exc.message}
    return {
        "channel": channel, "to": message.to, "outbox_message_id": str(message.pk), "status": message.status,
        "error": message.error or "",
    }


def renewal_send(
    *, recommendation: RenewalRecommendation, actor: str, channels: tuple[str, ...] = CHANNELS
) -> RenewalRecommendation:
    """Sends the approved letter by email (subject, text, simple HTML) and SMS through core.messaging.
    `channels` narrows it to one of them (the command center's "send via"); default both.

    Each channel is reported in `sent_via` ({channel, to, outbox_message_id, status, error}). The status
    becomes 'sent' when at least one channel was accepted (sent, stored in the outbox, delivered). A
    recipient that fails validation or a provider failure never loses the approval: the recommendation
    stays approved, and sending again retries only the channels that did not go out (the dedupe keys
    make a repeat call send nothing twice). When no channel went out: ApplicationError (400) naming
    each channel's problem, with `sent_via` saved.
    """
    rec = recommendation
    if rec.status == Status.PENDING:
        raise ApplicationError("Approve the recommendation before sending it.")
    if rec.status not in (Status.APPROVED, Status.SENT):
        raise ApplicationError(f"{_CLOSED[rec.status]}; it cannot be sent.")
    if not rec.renewal_letter_text.strip():
        raise ApplicationError("Generate the renewal letter before sending it.")
    unknown = set(channels) - set(CHANNELS)
    if unknown or not channels:
        raise ApplicationError(f"Send the letter by {' and/or '.join(CHANNELS)}.")
    previous = {entry.get("channel"): entry for entry in rec.sent_via or []}
    entries, attempted = [], []
    for channel in CHANNELS:
        before = previous.get(channel)
        if before and before.get("status") not in NOT_DELIVERED:
            entries.append(before)  # already out: never again
        elif channel in channels:
            entries.append(_deliver(rec, channel))
            attempted.append(entries[-1])
        elif before:
            entries.append(before)  # not asked for this time: keep what happened before
    went_out = any(e["status"] not in NOT_DELIVERED for e in entries)
    with transaction.atomic():
        locked = _lock(rec)
        if locked.status not in (Status.APPROVED, Status.SENT):
            raise ApplicationError(f"{_CLOSED.get(locked.status, 'This recommendation changed')}; it cannot be sent.")
        locked.sent_via = entries
        fields = ["sent_via", "updated_at"]
        if went_out and locked.status == Status.APPROVED:
            locked.status, locked.sent_at, locked.sent_by = Status.SENT, timezone.now(), actor[:100]
            fields += ["status", "sent_at", "sent_by"]
        locked.save(update_fields=fields)
    if not went_out:
        problems = "; ".join(f"{e['channel']}: {e['error'] or e['status']}" for e in attempted or entries)
        raise ApplicationError(
            f"The renewal letter could not be sent ({problems}). The approval is kept; fix the tenant's contact "
            "details or try again.",
            extra={"sent_via": entries},
        )
    return locked


# --- the tenant's answer ---------------------------------------------------------------------------------


def _renews_now(lease: TenantLease) -> bool:
    """True when the lifecycle can renew the lease today: month-to-month, or an active lease if the
    lifecycle's transition table allows active -> active (it does not yet; see renewals/DECISIONS.md)."""
    return lease.lease_status == MONTH_TO_MONTH or (
        lease.lease_status == ACTIVE and lifecycle.is_transition_allowed(ACTIVE, ACTIVE)
    )


def _renew_lease(rec: RenewalRecommendation, *, lease: TenantLease, actor: str) -> None:
    lease_renew(
        lease=lease,
        actor=actor,
        lease_end_date=rec.recommended_lease_end,
        monthly_rent_amount=rec.get_offered_rent(),
        reason=f"Renewal accepted: {rec.recommended_term_months} months from {rec.recommended_lease_start.isoformat()}",
    )


def renewal_record_response(
    *, recommendation: RenewalRecommendation, accepted: bool, actor: str, note: str = ""
) -> RenewalRecommendation:
    """sent -> accepted | declined, with the tenant's note.

    Accepted: the lease is renewed through the lifecycle service (`tenants.services.lease_renew`): new end
    date and the offered rent, a month-to-month lease moves back to active (LeaseStatusLog row). An
    active lease cannot be renewed by the lifecycle yet, so its renewal is applied the day it turns
    month-to-month (receiver + nightly scan; `lease_renewed_at` stays null until then). A lease on
    notice or vacant cannot accept (400). Everything happens in one transaction.
    """
    rec = recommendation
    if rec.status != Status.SENT:
        raise ApplicationError("Only sent recommendations can record the tenant's response.")
    note = (note or "").strip()
    if len(note) > NOTE_MAX_CHARS:
        raise ApplicationError(f"The note is longer than {NOTE_MAX_CHARS} characters.", extra={"field": "note"})
    with transaction.atomic():
        locked = _lock(rec)
        if locked.status != Status.SENT:
            raise ApplicationError("Only sent recommendations can record the tenant's response.")
        now = timezone.now()
        locked.status = Status.ACCEPTED if accepted else Status.DECLINED
        locked.responded_at, locked.response_recorded_by, locked.tenant_response_note = now, actor[:100], note
        fields = ["status", "responded_at", "response_recorded_by", "tenant_response_note", "updated_at"]
        if accepted:
            lease = TenantLease.objects.select_for_update().get(pk=locked.lease_id)
            if _renews_now(lease):
                _renew_lease(locked, lease=lease, actor=actor)
                locked.lease_renewed_at = now
                fields.append("lease_renewed_at")
            elif lease.lease_status != ACTIVE:
                words = lifecycle.STATUS_WORDS.get(lease.lease_status, lease.lease_status)
                raise ApplicationError(f"The lease is {words}; the renewal cannot be accepted.")
        locked.save(update_fields=fields)
    return locked


def renewal_accepted_apply(*, lease_ids=None) -> int:
    """Renews the leases of accepted recommendations that waited for their lease to turn month-to-month
    (see renewal_record_response). Idempotent; returns how many leases were renewed."""
    qs = RenewalRecommendation.objects.filter(
        status=Status.ACCEPTED, lease_renewed_at__isnull=True, lease__lease_status=MONTH_TO_MONTH
    ).order_by("responded_at")
    if lease_ids is not None:
        qs = qs.filter(lease_id__in=list(lease_ids))
    applied = 0
    for rec in qs.select_related("lease"):
        try:
            with transaction.atomic():
                locked = _lock(rec)
                if locked.lease_renewed_at is not None or locked.status != Status.ACCEPTED:
                    continue
                lease = TenantLease.objects.select_for_update().get(pk=locked.lease_id)
                if lease.lease_status != MONTH_TO_MONTH:
                    continue
                _renew_lease(locked, lease=lease, actor=locked.response_recorded_by or SCAN_ACTOR)
                locked.lease_renewed_at = timezone.now()
                locked.save(update_fields=["lease_renewed_at", "updated_at"])
            applied += 1
        except ApplicationError as exc:
            logger.warning("Could not apply the accepted renewal %s to lease %s: %s", rec.pk, rec.lease_id, exc.message)
    return applied


# --- staleness -----------------------------------------------------------------------------------------


def renewal_stale_expire(*, today: datetime.date | None = None, lease_ids=None) -> int:
    """Open recommendations -> expired when the offer no longer fits the lease:

    * the lease is on notice or vacant;
    * the lease's term changed since the offer (active, and its end date + 1 day is not the offer's start);
    * pending/approved, and the proposed start date has passed (it was never sent);
    * sent, and the tenant has not answered 30 days after the proposed start date.
    Their leases become candidates again (a fresh offer with fresh dates). Returns how many expired.
    """
    today = today or timezone.localdate()
    qs = RenewalRecommendation.objects.filter(status__in=OPEN)
    if lease_ids is not None:
        qs = qs.filter(lease_id__in=list(lease_ids))
    rows = qs.values_list(
        "id", "status", "recommended_lease_start", "lease__lease_status", "lease__lease_end_date"
    )
    stale = []
    for pk, status, start, lease_status, lease_end in rows:
        if lease_status in (NOTICE, VACANT):
            stale.append(pk)
        elif lease_status == ACTIVE and lease_end is not None and lease_end + datetime.timedelta(days=1) != start:
            stale.append(pk)
        elif status != Status.SENT and start < today:
            stale.append(pk)
        elif status == Status.SENT and start + datetime.timedelta(days=SENT_GRACE_DAYS) < today:
            stale.append(pk)
    if not stale:
        return 0
    return RenewalRecommendation.objects.filter(pk__in=stale, status__in=OPEN).update(
        status=Status.EXPIRED, updated_at=timezone.now()
    )


def renewal_leases_sync(*, lease_ids, today: datetime.date | None = None) -> str:
    """After leases changed lifecycle status: expire their stale offers and apply accepted renewals."""
    ids = list(lease_ids)
    expired = renewal_stale_expire(today=today, lease_ids=ids)
    applied = renewal_accepted_apply(lease_ids=ids)
    return f"Expired {expired} recommendations, applied {applied} accepted renewals."


# --- bulk offers (the portfolio command center) ------------------------------------------------------------

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
    out: dict = {}
    to_build = []
    for lease_id in ids:
        lease = leases.get(lease_id)
        if lease is None:
            out[lease_id] = "Lease not found."
        elif lease_id in open_recs:
            out[lease_id] = open_recs[lease_id]
        elif lease.lease_status not in (ACTIVE, MONTH_TO_MONTH):
            words = lifecycle.STATUS_WORDS.get(lease.lease_status, lease.lease_status)
            out[lease_id] = f"The lease is {words}; a renewal cannot be offered."
        elif lease_id in blockers:
            out[lease_id] = blockers[lease_id]
        else:
            to_build.append(lease)
    ready = []
    for rec in renewal_recommendations_build(leases=to_build, today=today):
        try:
            _set_letter(rec, _letter_fields(rec, today=today))
        except AIError as exc:
            out[rec.lease_id] = f"The renewal letter could not be written: {exc.message}"
            continue
        ready.append(rec)
    _insert_new(ready)
    created = _open_recommendations([rec.lease_id for rec in ready])
    for rec in ready:
        out[rec.lease_id] = created.get(rec.lease_id) or "The renewal offer could not be created; try again."
    return {lease_id: out[lease_id] for lease_id in ids}


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
    for lease_id, rec in renewal_offers_prepare(lease_ids=lease_ids, today=today).items():
        if isinstance(rec, str):
            results[lease_id] = {"ok": False, "status": "failed", "detail": rec, "renewal_id": None,
                                 "offered_rent": None, "sent_via": []}
            continue
        results[lease_id] = _offer_one(rec, actor=actor, channels=channels, today=today)
    return results


def _offer_one(rec: RenewalRecommendation, *, actor: str, channels: tuple[str, ...], today: datetime.date) -> dict:
    result = {"ok": True, "status": "done", "detail": "", "renewal_id": str(rec.pk), "sent_via": []}
    try:
        if rec.status == Status.SENT and not channels:
            result.update(status="skipped", detail="The offer was already sent.")
        elif rec.status == Status.SENT and all(_channel_out(rec, c) for c in channels):
            result.update(status="skipped", detail="The offer was already sent; nothing was sent again.")
        else:
            if rec.status == Status.PENDING:
                rec = renewal_approve(recommendation=rec, actor=actor, today=today)
            if channels:
                rec = renewal_send(recommendation=rec, actor=actor, channels=channels)
                went = [e["channel"] for e in rec.sent_via if e["channel"] in channels and e["status"] not in NOT_DELIVERED]
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
