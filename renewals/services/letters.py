"""Renewal letters: one home for building them (prompt inputs from the recommendation, the gateway call with
the offline twin, the offered-rent check) and for a manager's regenerate / edit.

The prompt itself and its offline template live in renewals.prompts; everything that turns a
recommendation into a letter lives here, so the scan, approve and the command center's bulk offers all
write letters through `renewal_letter_write` / `renewal_letters_attach`.
"""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from core.ai import AIError, complete_json
from core.exceptions import ApplicationError
from renewals.models import RenewalRecommendation
from renewals.prompts import RENEWAL_LETTER, letter_inputs, renewal_letter_offline
from renewals.services._common import CLOSED, LETTER_EDITABLE, Status, lock
from renewals.services.terms import renewal_rulebook, renewal_terms_for, terms_set
from tenants.lifecycle import MONTH_TO_MONTH

logger = logging.getLogger(__name__)

# The fields renewal_letter_write() returns (what a written letter sets on a recommendation).
LETTER_FIELDS = (
    "renewal_letter_subject",
    "renewal_letter_text",
    "renewal_sms_text",
    "renewal_letter_generated_at",
    "letter_provider",
    "letter_model",
    "letter_edited_at",
    "letter_edited_by",
)


def _property_address(prop) -> str:
    tail = " ".join(p for p in (prop.state, prop.zip_code) if p)
    return ", ".join(p for p in (prop.address, prop.city, tail) if p)


def renewal_letter_inputs(
    rec: RenewalRecommendation, *, today: datetime.date, offered_rent: Decimal | None = None
) -> dict:
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
        today=rec.notice_date or today,
        reply_by=rec.response_deadline,
        notice_days=rec.notice_days,
        notice_citation=rec.notice_citation,
    )


def renewal_letter_write(
    rec: RenewalRecommendation, *, today: datetime.date, offered_rent: Decimal | None = None
) -> dict:
    """Runs the letter prompt (Claude, or the offline template) and returns the fields to store.

    Claude's letter must quote the offered rent, the start date and the reply-by date exactly; if it does not,
    the offline template (same figures) is used instead, so a letter never states a rent the manager did not
    approve or dates the law does not allow. The dates are the recommendation's (renewals.services.terms).
    """
    inputs = renewal_letter_inputs(rec, today=today, offered_rent=offered_rent)
    result = complete_json(RENEWAL_LETTER, inputs, offline_fallback=True)
    data, provider, model = result.data, result.provider, result.model
    quoted = [inputs["offered_rent"], inputs["new_lease_start"], inputs["reply_by"]]
    missing = [figure for figure in quoted if figure and figure not in data["letter_text"]]
    if provider != "offline" and missing:
        logger.warning("Claude's renewal letter for %s did not quote %s; using the template", rec.pk, missing)
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


def letter_set(rec: RenewalRecommendation, fields: dict) -> None:
    for name, value in fields.items():
        setattr(rec, name, value)


def renewal_letters_attach(recs: list[RenewalRecommendation], *, today: datetime.date) -> dict:
    """Writes the letter onto each (unsaved or loaded) recommendation, one gateway call each, outside any
    transaction. Returns {lease_id: reason} for the ones whose letter failed (they keep no letter)."""
    failed = {}
    for rec in recs:
        try:
            letter_set(rec, renewal_letter_write(rec, today=today))
        except AIError as exc:
            failed[rec.lease_id] = exc.message
            logger.warning("Renewal letter for lease %s failed: %s", rec.lease_id, exc.message)
    return failed


def letter_check_changeable(rec: RenewalRecommendation) -> None:
    if rec.status not in LETTER_EDITABLE:
        what = "it" if rec.status == Status.SENT else "the letter"
        raise ApplicationError(f"{CLOSED[rec.status]}; {what} can no longer be changed.")
    if any(entry.get("outbox_message_id") for entry in rec.sent_via or []):
        raise ApplicationError("The letter has already been handed to the outbox; it can no longer be changed.")


def renewal_letter_generate(
    *, recommendation: RenewalRecommendation, today: datetime.date | None = None
) -> RenewalRecommendation:
    """(Re)generates the letter for the offered rent (approved_rent or recommended_rent), dated today with
    dates recomputed from the law (renewals.services.terms). Only before it was sent; replaces a manager's
    edits. The gateway runs outside the transaction."""
    rec = recommendation
    letter_check_changeable(rec)
    today = today or timezone.localdate()
    terms = renewal_terms_for(rec, today=today, book=renewal_rulebook(today=today))
    terms_set(rec, terms)
    fields = {**renewal_letter_write(rec, today=today), **terms}
    with transaction.atomic():
        locked = lock(rec)
        letter_check_changeable(locked)
        if locked.get_offered_rent() != rec.get_offered_rent():
            raise ApplicationError(
                "The offered rent changed while the letter was being written; try again.", status_code=409
            )
        letter_set(locked, fields)
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
        locked = lock(recommendation)
        letter_check_changeable(locked)
        changes.update(letter_edited_at=timezone.now(), letter_edited_by=actor[:100])
        letter_set(locked, changes)
        locked.save(update_fields=[*changes, "updated_at"])
    return locked
