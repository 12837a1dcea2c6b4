"""pending -> approved (optionally at a manager's rent; the letter is rewritten for it)."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.fields import EXPONENT_RE, amount_within_ratio
from renewals.models import RenewalRecommendation
from renewals.services._common import CENT, MAX_RENT, Status, lock
from renewals.services.letters import LETTER_FIELDS, letter_set, renewal_letter_write, renewal_letters_attach
from renewals.services.terms import (
    TERMS_FIELDS,
    renewal_rulebook,
    renewal_terms_for,
    renewal_terms_problem,
    terms_set,
)


def parse_rent(value, *, label: str = "The approved rent") -> Decimal:
    """A positive amount with at most two decimal places ("1850", "1850.5", 1850.50); else ApplicationError."""
    field = {"field": "approved_rent"}
    if isinstance(value, bool) or value is None:
        raise ApplicationError(f"{label} must be a number, e.g. 1850.00.", extra=field)
    if EXPONENT_RE.match(str(value).strip()) or (isinstance(value, float) and "e" in repr(value)):
        raise ApplicationError(
            f"{label} must be written out in full (e.g. 1850.00), not in exponent notation.", extra=field
        )
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
    the old rent); a missing letter is generated too, and so is one whose dates can no longer go out today
    (renewals.services.terms: the new rent's notice period, or time passed since the letter was written).
    Nothing changes if the letter cannot be written."""
    rec = recommendation
    if rec.status != Status.PENDING:
        raise ApplicationError("Only pending recommendations can be approved.")
    rent = parse_rent(approved_rent) if approved_rent not in (None, "") else None
    if rent is not None:  # bounded relative to the current rent (RENT_CHANGE_*_RATIO, 50%-200% by default)
        amount_within_ratio(rent, rec.current_rent, label="The approved rent", reference_label="current rent")
    if rent == rec.recommended_rent:
        rent = None  # the recommended rent, not a modification
    today = today or timezone.localdate()
    book = renewal_rulebook(today=today)
    letter, terms = {}, {}
    if rent is not None or not rec.renewal_letter_text.strip() or renewal_terms_problem(rec, today=today, book=book):
        offered = rent if rent is not None else rec.recommended_rent
        terms = renewal_terms_for(rec, today=today, book=book, offered_rent=offered)
        terms_set(rec, terms)
        letter = renewal_letter_write(rec, today=today, offered_rent=offered)
    with transaction.atomic():
        locked = lock(rec)
        if locked.status != Status.PENDING:
            raise ApplicationError("Only pending recommendations can be approved.")
        letter_set(locked, letter)
        terms_set(locked, terms)
        locked.approved_rent = rent
        locked.status = Status.APPROVED
        locked.reviewed_by = actor[:100]
        locked.reviewed_at = timezone.now()
        locked.save(
            update_fields=[*letter, *terms, "approved_rent", "status", "reviewed_by", "reviewed_at", "updated_at"]
        )
    return locked


BULK_APPROVE_MAX = 500


def renewal_bulk_approve(*, recommendation_ids, actor: str, today: datetime.date | None = None) -> dict:
    """Approves many pending recommendations at their recommended rent (the renewals list's "Approve
    selected"). Returns {"approved": n, "skipped": [{"id", "reason"}]}: unknown ids and ones that are not
    pending are skipped with the reason, never an error for the rest.

    Set-based: one query loads them and one the notice rules; the letters that are missing, or whose dates
    can no longer go out today, are (re)written first with lawful dates (one gateway call each, outside any
    transaction; a failed letter skips that one); then one transaction locks the rows, saves the new
    letters and dates (bulk) and approves every still-pending one in one UPDATE.
    """
    ids = list(dict.fromkeys(recommendation_ids))
    if len(ids) > BULK_APPROVE_MAX:
        raise ApplicationError(f"Approve at most {BULK_APPROVE_MAX} recommendations at a time.", extra={"field": "ids"})
    today = today or timezone.localdate()
    recs = {
        rec.pk: rec
        for rec in RenewalRecommendation.objects.filter(pk__in=ids).select_related(
            "lease", "tenant", "unit", "property"
        )
    }
    skipped = []
    pending = []
    for pk in ids:
        rec = recs.get(pk)
        if rec is None:
            skipped.append({"id": str(pk), "reason": "Renewal recommendation not found."})
        elif rec.status != Status.PENDING:
            skipped.append({"id": str(pk), "reason": f"It is {rec.get_status_display().lower()}, not pending."})
        else:
            pending.append(rec)
    book = renewal_rulebook(today=today)
    needs_letter = [
        rec
        for rec in pending
        if not rec.renewal_letter_text.strip() or renewal_terms_problem(rec, today=today, book=book)
    ]
    for rec in needs_letter:
        terms_set(rec, renewal_terms_for(rec, today=today, book=book))
    failed = renewal_letters_attach(needs_letter, today=today)
    by_lease = {rec.lease_id: rec.pk for rec in needs_letter}
    for lease_id, reason in failed.items():
        skipped.append({"id": str(by_lease[lease_id]), "reason": f"The letter could not be written: {reason}"})
    failed_ids = {by_lease[lease_id] for lease_id in failed}
    ready = [rec for rec in pending if rec.pk not in failed_ids]
    with transaction.atomic():
        still = set(
            RenewalRecommendation.objects.select_for_update()
            .filter(pk__in=[rec.pk for rec in ready], status=Status.PENDING)
            .values_list("pk", flat=True)
        )
        with_letter = [rec for rec in needs_letter if rec.pk in still and rec.pk not in failed_ids]
        if with_letter:
            RenewalRecommendation.objects.bulk_update(with_letter, fields=[*LETTER_FIELDS, *TERMS_FIELDS])
        approved = RenewalRecommendation.objects.filter(pk__in=still, status=Status.PENDING).update(
            status=Status.APPROVED,
            approved_rent=None,
            reviewed_by=actor[:100],
            reviewed_at=timezone.now(),
            updated_at=timezone.now(),
        )
    for rec in ready:
        if rec.pk not in still:
            skipped.append({"id": str(rec.pk), "reason": "It changed meanwhile; it is no longer pending."})
    return {"approved": approved, "skipped": skipped}
