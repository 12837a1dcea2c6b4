"""The itemized deposit deduction letter (spec 2.1 "AI-generate deposit deduction letter") and its offline twin.

Inputs are the case's real figures, already formatted ("$1,914.75", "February 1, 2027") and computed by
turnover.deposit (depreciation, half-up per line, refund or balance owed) and the jurisdiction rules (the
statutory deadline counted from the actual move-out, with its citation), so Claude and the template state exactly
the same numbers. The deduction lines are staff-written (the inspection); the tenant's names are fenced as data.
"""

from __future__ import annotations

import functools

from django.template import Context, Engine

from core.ai import Prompt, register_offline

DEDUCTION_LETTER = Prompt(
    feature="turnover",
    name="turnover.deduction_letter",
    version="2026-11-29.1",
    description="Itemized security deposit deduction letter for one turnover case, from the computed figures.",
    max_tokens=1800,
    system=(
        "You write itemized security deposit disposition letters for residential property managers, to a tenant "
        "who has moved out. Write a clear, courteous, factual letter (150-350 words) in plain text: no Markdown, "
        "no placeholders, no brackets to fill in.\n"
        "Rules:\n"
        "- Use exactly the names, dates and money amounts given; never compute, round or invent figures.\n"
        "- List every deduction line given, each with its description and the amount charged; where a line says "
        "its cost was prorated for the item's age (depreciation), say so with the figures given.\n"
        "- State the security deposit, the total deductions and either the refund or the balance the tenant owes, "
        "exactly as given (outcome says which).\n"
        "- State that the law (the citation given) requires this statement by the deadline date given; never "
        "state another period or law.\n"
        "- Close with how to reach the manager with questions and sign with the manager's name and the property."
        "\nAlso write `subject` (one line)."
    ),
    template=(
        "Letter date: {letter_date}\n"
        "Tenant: {tenant_name}\n"
        "Unit: {unit_number}, {property_name}\n"
        "Property address: {property_address}\n"
        "Move-out date: {move_out_date}\n"
        "Security deposit: {deposit}\n"
        "Deduction lines (one per line: description; cost; charged; depreciation note):\n{deduction_lines}\n"
        "Total deductions: {total_deductions}\n"
        "outcome: {outcome}\n"
        "Refund to the tenant: {refund}\n"
        "Balance the tenant owes: {balance_owed}\n"
        "Statutory deadline for this statement: {deadline} ({deadline_days_text}, {clock_text}; law: {citation})\n"
        "Manager: {manager_name}; phone: {manager_phone}; email: {manager_email}"
    ),
    output_schema={
        "type": "object",
        "properties": {
            "subject": {"type": "string", "minLength": 5, "maxLength": 200},
            "letter_text": {"type": "string", "minLength": 100, "maxLength": 10000},
        },
        "required": ["subject", "letter_text"],
    },
    untrusted={"tenant_name": "tenant_profile"},
    trusted=(
        "property_name",
        "property_address",
        "manager_name",
        "manager_phone",
        "manager_email",
        "clock_text",
        "deadline_days_text",
    ),
)


_LETTER = """
{{ letter_date }}

Dear {{ tenant_name }},

Re: Security deposit for unit {{ unit_number }}, {{ property_name }}

You moved out of unit {{ unit_number }} at {{ property_name }} on {{ move_out_date }}. This letter is the itemized statement of your security deposit of {{ deposit }}: every amount deducted from it, and what is returned to you.

{% if lines %}Deductions:
{% for line in lines %}- {{ line.description }}: {{ line.charged }}{% if line.depreciation %} ({{ line.depreciation }}){% endif %}
{% endfor %}{% else %}There are no deductions.
{% endif %}
Security deposit: {{ deposit }}
Total deductions: {{ total_deductions }}
{% if outcome == "balance_due" %}Balance you owe: {{ balance_owed }}. The deductions exceed your deposit; this balance has been charged to your account. Please pay it or contact us to arrange payment.{% elif outcome == "refund" %}Refund to you: {{ refund }}. It is on its way to your forwarding address.{% else %}Refund to you: {{ refund }}. The deductions equal your deposit, so nothing is returned and nothing is owed.{% endif %}

{% if citation %}{{ citation }} requires this statement within {{ deadline_days_text }} {{ clock_text }}: by {{ deadline }}.{% else %}No statutory deadline is on file for this statement; we are sending it {{ deadline }}.{% endif %}

If you have any questions about these deductions, please contact {{ contact }}.

Sincerely,

{{ manager_name }}
{{ property_name }}{% if property_address %}
{{ property_address }}{% endif %}
"""

_SUBJECT = "Security deposit statement for unit {{ unit_number }} at {{ property_name }}"


_ENGINE = Engine(builtins=["core.ai.offline.templates"])


@functools.cache
def _compiled(source: str):
    return _ENGINE.from_string(source)


def render_message(source: str, context: dict) -> str:
    """The template rendered as plain text (no autoescaping), trimmed, at most one blank line in a row."""
    text = _compiled(source).render(Context(context, autoescape=False))
    lines, blank = [], 0
    for line in text.strip().splitlines():
        line = line.rstrip()
        blank = blank + 1 if not line else 0
        if blank <= 1:
            lines.append(line)
    return "\n".join(lines)


@register_offline(DEDUCTION_LETTER)
def deduction_letter_offline(inputs, *, images, documents):
    ways = " or ".join(w for w in (inputs.get("manager_phone"), inputs.get("manager_email")) if w)
    context = {
        **inputs,
        "contact": f"{inputs['manager_name']} at {ways}" if ways else inputs["manager_name"],
    }
    return {"subject": render_message(_SUBJECT, context), "letter_text": render_message(_LETTER, context)}
