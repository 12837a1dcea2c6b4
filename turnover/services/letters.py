"""The itemized deduction letter: its statutory deadline (jurisdiction rules, counted from the actual move-out),
the text (core.ai: Claude, or the offline template with the same figures), the PDF (core.documents), the email
(core.messaging) and, when the deductions exceed the deposit, the balance charged on the tenant's ledger
(tenants.ledger_services). Sending happens once: a second send returns the case as it is."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from core.ai import complete_json
from core.documents.rendering import document_html, document_store
from core.exceptions import ApplicationError
from core.formatting import letter_html, long_date, money
from core.messaging import send_email
from properties.jurisdiction import DepositReturnRule
from properties.selectors import deposit_return_rule, property_place
from tenants.ledger_services import ledger_charge_post
from tenants.models import TenantLedgerEntry
from turnover.models import TurnoverCase
from turnover.prompts import DEDUCTION_LETTER, deduction_letter_offline
from turnover.services._common import Event, event, lock
from turnover.services.deductions import case_disposition

logger = logging.getLogger(__name__)

LETTER_TEMPLATE = "turnover_deduction_letter"


@dataclass(frozen=True)
class Deadline:
    move_out: datetime.date
    move_out_is_actual: bool
    date: datetime.date | None
    days: int | None
    day_count: str
    clock_words: str
    citation: str
    state: str
    needs_review: bool

    def days_left(self, today: datetime.date) -> int | None:
        return (self.date - today).days if self.date else None

    @property
    def days_text(self) -> str:
        if self.days is None:
            return "no period on file"
        unit = {"business": "business days", "months": "months"}.get(self.day_count, "days")
        return f"{self.days} {unit}"


def deadline_from_rule(case: TurnoverCase, rule: DepositReturnRule | None, *, deductions: bool) -> Deadline:
    move_out = case.actual_move_out or case.expected_move_out
    state = (case.property.jurisdiction_state or case.property.state or "").upper() if case.property_id else ""
    if rule is None:
        return Deadline(move_out, case.actual_move_out is not None, None, None, "calendar", "", "", state, True)
    return Deadline(
        move_out=move_out,
        move_out_is_actual=case.actual_move_out is not None,
        date=rule.deadline(move_out=move_out, tenancy_end=case.expected_move_out, deductions=deductions),
        days=rule.days(deductions=deductions),
        day_count=rule.day_count,
        clock_words=rule.clock_starts_words,
        citation=rule.citations.get("return") or "",
        state=rule.state,
        needs_review=rule.needs_review,
    )


def case_deadline(case: TurnoverCase, *, deductions: bool | None = None) -> Deadline:
    """The statutory deadline of the case's deposit statement (one query for the rules). `deductions` says
    whether the statement deducts anything (default: the case's stored total does)."""
    state, city = property_place(case.property)
    move_out = case.actual_move_out or case.expected_move_out
    rule = deposit_return_rule(state=state, city=city, on_date=move_out)
    if deductions is None:
        deductions = case.total_deductions > 0
    return deadline_from_rule(case, rule, deductions=deductions)


def _address(prop) -> str:
    tail = " ".join(p for p in (prop.state, prop.zip_code) if p)
    return ", ".join(p for p in (prop.address, prop.city, tail) if p)


def letter_inputs(case: TurnoverCase, *, today: datetime.date, disposition=None) -> dict:
    """The prompt's inputs from the case's figures (lease, tenant, unit, property loaded). `disposition`: the
    figures to state when not the case's stored deductions (an inspection's items before they are written)."""
    disposition = disposition if disposition is not None else case_disposition(case)
    deadline = case_deadline(case, deductions=disposition.total_deductions > 0)
    lines = []
    for line in disposition.lines:
        if not line.deduction.approved:
            continue
        d = line.deduction
        depreciation = ""
        if line.life_years is not None:
            depreciation = (
                f"replacement cost {money(d.amount)} prorated for the item's age: {d.age_years.normalize():f} of "
                f"{line.life_years.normalize():f} years used, {money(line.chargeable)} charged"
            )
        lines.append(
            {
                "description": d.description,
                "cost": money(d.amount),
                "charged": money(line.charged),
                "depreciation": depreciation,
            }
        )
    outcome = "balance_due" if disposition.balance_owed > 0 else ("refund" if disposition.refund_amount > 0 else "even")
    prop, tenant = case.property, case.lease.tenant
    return {
        "letter_date": long_date(today),
        "tenant_name": f"{tenant.first_name} {tenant.last_name}".strip(),
        "unit_number": case.unit.unit_number,
        "property_name": prop.name,
        "property_address": _address(prop),
        "move_out_date": long_date(deadline.move_out),
        "deposit": money(disposition.security_deposit),
        "deduction_lines": "\n".join(
            f"- {x['description']}; {x['cost']}; {x['charged']}; {x['depreciation'] or 'charged in full'}"
            for x in lines
        )
        or "(none)",
        "lines": lines,
        "total_deductions": money(disposition.total_deductions),
        "outcome": outcome,
        "refund": money(disposition.refund_amount),
        "balance_owed": money(disposition.balance_owed),
        "deadline": long_date(deadline.date) if deadline.date else "as soon as possible",
        "deadline_iso": deadline.date.isoformat() if deadline.date else "",
        "deadline_days_text": deadline.days_text,
        "clock_text": deadline.clock_words or "from the move-out",
        "citation": deadline.citation,
        "manager_name": prop.manager_name or f"The {prop.name} management team",
        "manager_phone": prop.phone or "",
        "manager_email": prop.manager_email or "",
    }


def _load(case: TurnoverCase) -> TurnoverCase:
    return TurnoverCase.objects.select_related("lease__tenant", "unit", "property").get(pk=case.pk)


def letter_generate(*, case: TurnoverCase, actor: str, today: datetime.date | None = None) -> TurnoverCase:
    """Writes the letter from the figures. Claude's letter must quote the deposit, the total, the refund or
    balance and the deadline; otherwise the offline template (same figures) is used."""
    today = today or timezone.localdate()
    case = _load(case)
    if case.letter_sent_at is not None:
        raise ApplicationError("The deduction letter has been sent; it can no longer be regenerated.")
    data, provider = letter_write(letter_inputs(case, today=today), ref=case.pk)
    return letter_adopt(case=case, subject=data["subject"], text=data["letter_text"], provider=provider, actor=actor)


def letter_quotes_missing(inputs: dict, text: str) -> list[str]:
    """The figures of `inputs` a letter must quote (deposit, total, refund or balance, deadline, each line) that
    `text` does not."""
    quoted = [inputs["deposit"], inputs["total_deductions"], inputs["deadline"]]
    quoted.append(inputs["balance_owed"] if inputs["outcome"] == "balance_due" else inputs["refund"])
    quoted += [x["description"] for x in inputs["lines"]]
    return [f for f in quoted if f and f not in text]


def letter_write(inputs: dict, *, ref="") -> tuple[dict, str]:
    """({subject, letter_text}, provider) for `letter_inputs`: Claude's letter when it quotes every figure, else
    the offline template (same figures). Call outside a transaction (core.ai)."""
    result = complete_json(DEDUCTION_LETTER, inputs, offline_fallback=True)
    data, provider = result.data, result.provider
    missing = letter_quotes_missing(inputs, data["letter_text"])
    if provider != "offline" and missing:
        logger.warning("Claude's deduction letter for %s did not quote %s; using the template", ref, missing)
        data, provider = deduction_letter_offline(inputs, images=[], documents=[]), "offline"
    return data, provider


def letter_adopt(*, case: TurnoverCase, subject: str, text: str, provider: str, actor: str) -> TurnoverCase:
    """Stores a letter written from the case's figures (here, or by the case's inspection) as the case's letter,
    with the statutory deadline as it stands; refused once the letter has been sent."""
    case = _load(case)
    deadline = case_deadline(case)
    with transaction.atomic():
        locked = lock(case)
        if locked.letter_sent_at is not None:
            raise ApplicationError("The deduction letter has been sent; it can no longer be regenerated.")
        TurnoverCase.objects.filter(pk=case.pk).update(
            letter_subject=subject.strip()[:200],
            letter_text=text.strip(),
            letter_generated_at=timezone.now(),
            letter_provider=provider[:40],
            letter_deadline=deadline.date,
            letter_citation=deadline.citation[:300],
            deduction_letter_generated=True,
            updated_at=timezone.now(),
        )
        event(locked, Event.LETTER_GENERATED, actor=actor, reason=f"Written by {provider}")
    return _load(case)


def letter_document_context(case: TurnoverCase, *, disposition=None, subject=None, text=None, deadline=None) -> dict:
    """The document's context from the case's letter, or from the given figures and text (an inspection's letter
    before its items are written; `deadline` a Deadline)."""
    disposition = disposition if disposition is not None else case_disposition(case)
    due = case.letter_deadline if deadline is None else deadline.date
    citation = case.letter_citation if deadline is None else deadline.citation
    return {
        "subject": case.letter_subject if subject is None else subject,
        "letter_text": case.letter_text if text is None else text,
        "property_name": case.property.name,
        "lines": [
            {
                "description": line.deduction.description,
                "cost": money(line.deduction.amount),
                "charged": money(line.charged),
                "note": line.reason,
            }
            for line in disposition.lines
            if line.deduction.approved
        ],
        "deposit": money(disposition.security_deposit),
        "total": money(disposition.total_deductions),
        "refund": money(disposition.refund_amount),
        "balance_owed": money(disposition.balance_owed),
        "owes": disposition.balance_owed > 0,
        "deadline": long_date(due) if due else "",
        "citation": citation,
    }


def letter_preview_html(case: TurnoverCase) -> str:
    return document_html(template=LETTER_TEMPLATE, context=letter_document_context(case), title="Deposit statement")


def letter_send(*, case: TurnoverCase, actor: str, user=None, today: datetime.date | None = None) -> TurnoverCase:
    """Sends the generated letter once: stores the PDF, emails it (text + HTML, PDF linked in the record), and
    posts a balance owed as a damage charge on the tenant's ledger (one per case, by reference). A second call
    returns the case unchanged."""
    today = today or timezone.localdate()
    case = _load(case)
    if case.letter_sent_at is not None:
        return case
    if not case.letter_text:
        raise ApplicationError("Generate the deduction letter first.")
    if case.actual_move_out is None:
        raise ApplicationError("The tenant has not moved out yet: the statement follows the actual move-out.")
    tenant = case.lease.tenant
    if not tenant.email:
        raise ApplicationError("The tenant has no email address on file.")
    with transaction.atomic():
        locked = lock(case)
        if locked.letter_sent_at is not None:
            return _load(case)
        context = letter_document_context(case)
        stored = document_store(
            template=LETTER_TEMPLATE,
            context=context,
            filename=f"deposit-statement-{case.unit.unit_number}",
            user=user,
            title="Deposit statement",
        )
        message = send_email(
            to=tenant.email,
            subject=case.letter_subject,
            text=case.letter_text,
            html=letter_html(case.letter_text),
            feature="turnover",
            related_object=case,
            dedupe_key=f"turnover:deduction-letter:{case.pk}",
            reply_to=case.property.manager_email or None,
        )
        charge = None
        if case.balance_owed > 0:
            charge, _ = ledger_charge_post(
                tenant=tenant,
                lease=case.lease,
                amount=case.balance_owed,
                trans_date=today,
                charge_code=TenantLedgerEntry.ChargeCode.DAMAGE,
                description=f"Deposit statement: balance owed after move-out, unit {case.unit.unit_number}",
                reference=f"turnover:{case.pk}",
            )
        TurnoverCase.objects.filter(pk=case.pk).update(
            letter_file=stored,
            letter_sent_at=timezone.now(),
            letter_message=message,
            balance_charge=charge,
            updated_at=timezone.now(),
        )
        event(locked, Event.LETTER_SENT, actor=actor, reason=f"Emailed to {tenant.email}")
    return _load(case)
