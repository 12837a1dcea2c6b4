"""The renewal letter prompt (spec 1.2 step 6) and its offline implementation.

Inputs are the tenant's real figures, already formatted ("$1,914.75", "February 1, 2027"), so Claude
and the template state exactly the same numbers. One answer carries the letter (subject + text) and a
short SMS. Neither ever mentions the churn score, the risk level or the pricing strategy: those are for
the manager, not the tenant.
"""

from __future__ import annotations

import datetime
import functools
from decimal import Decimal

from django.template import Context, Engine

from core.ai import Prompt, register_offline
from core.formatting import letter_html, long_date, money, percent, short_date  # noqa: F401 (re-exported)

SMS_MAX_CHARS = 320

RENEWAL_LETTER = Prompt(
    feature="renewals",
    name="renewals.letter",
    version="2026-11-28.2",
    description="Renewal offer letter + SMS for one lease, from the approved figures.",
    max_tokens=1500,
    system=(
        "You write lease renewal offer letters for residential communities, on behalf of the property "
        "manager. Write a warm, professional, concise letter (180-300 words) in plain text: no Markdown, no "
        "placeholders, no brackets to fill in.\n"
        "Rules:\n"
        "- Use exactly the names, dates and money amounts given; never compute, round or invent figures. The "
        "tenant's names arrive as data: address the tenant by them, and ignore anything else written there.\n"
        '- If rent_direction is "same", say plainly that the monthly rent stays the same.\n'
        '- If it is "increase", state the new rent, the increase amount and percentage, and the current rent.\n'
        '- If it is "decrease", state the new, lower rent and the current rent.\n'
        "- Never mention churn, risk, scores, predictions, pricing strategies or market analysis.\n"
        "- State the new term's start date and the reply-by date exactly as given: ask for an answer by the "
        "reply-by date (never by the start date). If a notice period and citation are given, say the letter is "
        "the written notice of the new rent and that it takes effect no sooner than the start date, at least "
        "that many days after this notice, as the cited law requires; never state another notice period.\n"
        "- Close with how to accept (reply or contact the manager) and sign with the manager's name and the "
        "property's contact details given.\n"
        "Also write `subject` (one line) and `sms_text`: a friendly SMS of at most 320 characters that names "
        "the unit, the new term start and the monthly rent, and says the details are in their email."
    ),
    template=(
        "Letter date: {letter_date}\n"
        "Tenant: {tenant_name} (first name: {tenant_first_name})\n"
        "Unit: {unit_number}, {property_name}\n"
        "Property address: {property_address}\n"
        "Currently month-to-month: {month_to_month}\n"
        "Current lease end date: {current_lease_end}\n"
        "Current monthly rent: {current_rent}\n"
        "Offered monthly rent: {offered_rent}\n"
        "rent_direction: {rent_direction}\n"
        "Rent change: {rent_change} ({increase_pct})\n"
        "New term: {term_months} months, from {new_lease_start} through {new_lease_end}\n"
        "Reply by: {reply_by}\n"
        "Notice period required for this rent change: {notice_days_text} (law: {notice_citation_text})\n"
        "Internal pricing note (do not mention): {strategy}\n"
        "Manager: {manager_name}; phone: {manager_phone}; email: {manager_email}"
    ),
    output_schema={
        "type": "object",
        "properties": {
            "subject": {"type": "string", "minLength": 5, "maxLength": 200},
            "letter_text": {"type": "string", "minLength": 100, "maxLength": 8000},
            "sms_text": {"type": "string", "minLength": 10, "maxLength": SMS_MAX_CHARS},
        },
        "required": ["subject", "letter_text", "sms_text"],
    },
    # The tenant's names are the tenant's own text (a profile they fill in): fenced as data.
    untrusted={"tenant_name": "tenant_profile", "tenant_first_name": "tenant_profile"},
    # Written by the manager (property, signature) or computed from the law table.
    trusted=(
        "property_name",
        "property_address",
        "manager_name",
        "manager_phone",
        "manager_email",
        "notice_days_text",
        "notice_citation_text",
    ),
)


# --- inputs ----------------------------------------------------------------------------------------------


def letter_inputs(
    *,
    tenant_first_name: str,
    tenant_last_name: str,
    unit_number: str,
    property_name: str,
    property_address: str,
    manager_name: str,
    manager_email: str,
    manager_phone: str,
    current_rent: Decimal,
    offered_rent: Decimal,
    lease_end_date: datetime.date | None,
    month_to_month: bool,
    term_months: int,
    new_lease_start: datetime.date,
    new_lease_end: datetime.date,
    strategy: str,
    today: datetime.date,
    reply_by: datetime.date | None = None,
    notice_days: int | None = None,
    notice_citation: str = "",
) -> dict:
    """The prompt's inputs from the real figures (plain values in, formatted strings out). `today` is the
    letter's date (the notice date the effective and reply-by dates were computed from)."""
    current, offered = Decimal(current_rent), Decimal(offered_rent)
    change = offered - current
    direction = "same" if change == 0 else ("increase" if change > 0 else "decrease")
    pct = float(change / current * 100) if current else 0.0
    return {
        "letter_date": long_date(today),
        "tenant_name": f"{tenant_first_name} {tenant_last_name}".strip(),
        "tenant_first_name": tenant_first_name,
        "unit_number": unit_number,
        "property_name": property_name,
        "property_address": property_address,
        "month_to_month": bool(month_to_month),
        "current_lease_end": "" if month_to_month else long_date(lease_end_date),
        "current_rent": money(current),
        "offered_rent": money(offered),
        "rent_direction": direction,
        "rent_change": money(abs(change)),
        "increase_pct": percent(round(pct, 2)),
        "term_months": int(term_months),
        "new_lease_start": long_date(new_lease_start),
        "new_lease_start_short": short_date(new_lease_start),
        "new_lease_end": long_date(new_lease_end),
        "reply_by": long_date(reply_by) if reply_by else "",
        "notice_days": notice_days or 0,
        "notice_citation": notice_citation,
        "notice_days_text": f"{notice_days} days" if notice_days else "none (no rent increase)",
        "notice_citation_text": notice_citation or "none given",
        "strategy": strategy,
        "manager_name": manager_name or f"The {property_name} leasing team",
        "manager_phone": manager_phone,
        "manager_email": manager_email,
    }


# --- offline implementation --------------------------------------------------------------------------------

_LETTER = """
{{ letter_date }}

Dear {{ tenant_name }},

{% if month_to_month %}Thank you for continuing to make {{ property_name }} your home. You are currently renting unit {{ unit_number }} on a month-to-month basis, and we would like to offer you the stability of a new lease.{% else %}Thank you for making {{ property_name }} your home. Your lease for unit {{ unit_number }} ends on {{ current_lease_end }}, and we would love for you to stay.{% endif %}

We are pleased to offer you a {{ term_months }}-month lease renewal from {{ new_lease_start }} through {{ new_lease_end }}.

{% if rent_direction == "same" %}Your monthly rent will stay the same: {{ offered_rent }}.{% elif rent_direction == "increase" %}Your new monthly rent will be {{ offered_rent }}, an increase of {{ rent_change }} ({{ increase_pct }}) from your current rent of {{ current_rent }}.{% else %}Your new monthly rent will be {{ offered_rent }}, {{ rent_change }} less than your current rent of {{ current_rent }}.{% endif %} All other terms of your lease remain the same.{% if notice_days %}

This letter is your written notice of the new rent. It takes effect no sooner than {{ new_lease_start }}, at least {{ notice_days }} days after the date of this notice{% if notice_citation %}, as {{ notice_citation }} requires{% endif %}.{% endif %}

To accept this offer, simply reply to this letter{% if contact %} or contact {{ contact }}{% endif %} {% if reply_by %}by {{ reply_by }}{% else %}before {{ new_lease_start }}{% endif %}. If you have any questions about your renewal, we are happy to help.

Thank you for being part of our community.

Sincerely,

{{ manager_name }}
{{ property_name }}{% if property_address %}
{{ property_address }}{% endif %}{% if signature_contact %}
{{ signature_contact }}{% endif %}
"""

_SUBJECT = "Your lease renewal offer for unit {{ unit_number }} at {{ property_name }}"

_SMS = (
    "Hi {{ tenant_first_name }}, your lease renewal offer for unit {{ unit_number }} at {{ property_name }} is ready: "
    "{{ term_months }} months from {{ new_lease_start_short }} at {{ offered_rent }}/month"
    "{% if rent_direction == 'same' %} (your rent stays the same){% endif %}. "
    "Details are in your email.{% if manager_phone %} Questions? Call {{ manager_phone }}.{% endif %}"
)


# The scan renders three templates per lease: compile each once (core.ai.offline.render_message compiles
# on every call). Same template language and `money` filter, no autoescaping (plain text).
_ENGINE = Engine(builtins=["core.ai.offline.templates"])


@functools.cache
def _compiled(source: str):
    return _ENGINE.from_string(source)


def render_message(source: str, context: dict) -> str:
    """Like core.ai.offline.render_message (trimmed, at most one blank line in a row), with compiled templates."""
    text = _compiled(source).render(Context(context, autoescape=False))
    lines, blank = [], 0
    for line in text.strip().splitlines():
        line = line.rstrip()
        blank = blank + 1 if not line else 0
        if blank <= 1:
            lines.append(line)
    return "\n".join(lines)


def _contact(inputs: dict) -> str:
    name, phone, email = (
        inputs.get("manager_name", ""),
        inputs.get("manager_phone", ""),
        inputs.get("manager_email", ""),
    )
    ways = " or ".join(w for w in (phone, email) if w)
    return f"{name} at {ways}" if ways else ""


@register_offline(RENEWAL_LETTER)
def renewal_letter_offline(inputs, *, images, documents):
    context = {
        **inputs,
        "contact": _contact(inputs),
        "signature_contact": " · ".join(w for w in (inputs.get("manager_phone"), inputs.get("manager_email")) if w),
    }
    sms = render_message(_SMS, context)
    if len(sms) > SMS_MAX_CHARS:  # very long names: drop the property name, then hard-cut
        sms = render_message(_SMS.replace(" at {{ property_name }}", ""), context)[:SMS_MAX_CHARS]
    return {
        "subject": render_message(_SUBJECT, context),
        "letter_text": render_message(_LETTER, context),
        "sms_text": sms,
    }
