"""The command center's AI prompts (spec 1.4 "Bulk content generation") and their offline implementations.

Renewal offers and early-renewal nudges reuse the renewals letter (renewals.prompts.RENEWAL_LETTER, through
renewals.services), as the spec says. The prompts here draft:

    RENT_INCREASE_NOTICE        30-day rent increase notice to a month-to-month tenant (letter + SMS)
    MOVE_OUT_INSPECTION_NOTICE  notice scheduling the move-out inspection (letter + SMS)
    LISTING_PREP                internal: make-ready checklist and a draft listing (work order description)
    EVICTION_PREP               internal: a memo for the collections file (never sent to the tenant)

Inputs are the real figures, already formatted ("$1,914.75", "January 1, 2027"), so Claude and the
templates state exactly the same numbers. Each answer is {subject, body, sms_text}; internal drafts leave
sms_text empty.
"""

from __future__ import annotations

from core.ai import Prompt, register_offline
from core.ai.offline import render_message

SMS_MAX_CHARS = 320

_OUTPUT = {
    "type": "object",
    "properties": {
        "subject": {"type": "string", "minLength": 3, "maxLength": 200},
        "body": {"type": "string", "minLength": 40, "maxLength": 8000},
        "sms_text": {"type": "string", "maxLength": SMS_MAX_CHARS},
    },
    "required": ["subject", "body", "sms_text"],
    "additionalProperties": False,
}

_TENANT_RULES = (
    "Use exactly the names, dates and money amounts given; never compute, round or invent figures, fees, "
    "deadlines or legal consequences. Plain text: no Markdown, no placeholders, no brackets to fill in. "
    "Sign with the manager's name and the property's contact details given. `sms_text`: one friendly text "
    f"message of at most {SMS_MAX_CHARS} characters that says the details are in their email."
)

# Inputs the manager writes (the property's record, the signature) or the law table supplies: not tenant text.
_MANAGER_WRITTEN = ("property_name", "property_address", "manager_name", "manager_phone", "manager_email")

RENT_INCREASE_NOTICE = Prompt(
    feature="portfolio",
    name="portfolio.rent_increase_notice",
    version="2026-11-28",
    description="Rent increase notice for a month-to-month tenant (notice period from the jurisdiction rule).",
    max_tokens=1500,
    system=(
        "You write rent increase notices for residential communities on behalf of the property manager: "
        "professional, respectful, 150-280 words. State the current rent, the new rent, the increase and the "
        "date it takes effect; mention that it brings the rent in line with the market for comparable homes; "
        "thank the tenant; invite them to reply or call with questions before the effective date. State the "
        "notice period given (and the law cited, if any) exactly; never state another notice period. " + _TENANT_RULES
    ),
    template=(
        "Notice date: {notice_date}\nTenant: {tenant_name}\nUnit: {unit_number}, {property_name}\n"
        "Property address: {property_address}\nTenancy: month-to-month\n"
        "Current monthly rent: {current_rent}\nNew monthly rent: {new_rent}\nIncrease: {increase} ({increase_pct})\n"
        "Effective date: {effective_date} (at least {notice_days} days after this notice)\n"
        "Law requiring the notice: {notice_citation_text}\n"
        "Manager: {manager_name}; phone: {manager_phone}; email: {manager_email}"
    ),
    output_schema=_OUTPUT,
    untrusted={"tenant_name": "tenant_profile"},
    trusted=(*_MANAGER_WRITTEN, "notice_citation_text"),
)

MOVE_OUT_INSPECTION_NOTICE = Prompt(
    feature="portfolio",
    name="portfolio.move_out_inspection_notice",
    version="2026-11-23",
    description="Notice scheduling the move-out inspection.",
    max_tokens=1200,
    system=(
        "You write notices that schedule a move-out inspection for a residential tenant who gave notice: "
        "friendly and clear, 120-220 words. Explain the purpose (comparing the home with its move-in condition "
        "and assessing the security deposit), give the date, ask the tenant to be present or to tell the office "
        "in advance if they cannot attend, and thank them for their tenancy. " + _TENANT_RULES
    ),
    template=(
        "Notice date: {notice_date}\nTenant: {tenant_name}\nUnit: {unit_number}, {property_name}\n"
        "Property address: {property_address}\nMove-out date: {move_out_date}\nInspection date: {inspection_date}\n"
        "Manager: {manager_name}; phone: {manager_phone}; email: {manager_email}"
    ),
    output_schema=_OUTPUT,
    untrusted={"tenant_name": "tenant_profile"},
    trusted=_MANAGER_WRITTEN,
)

LISTING_PREP = Prompt(
    feature="portfolio",
    name="portfolio.listing_prep",
    version="2026-11-23",
    description="Make-ready checklist and draft listing for a unit about to turn over (internal).",
    max_tokens=1500,
    system=(
        "You help a property manager turn a unit over. Write, in plain text, (1) a short make-ready checklist "
        "for the maintenance team ending on the ready-by date, and (2) a draft rental listing of 60-120 words "
        "using only the facts given (bedrooms, bathrooms, size, amenities, asking rent, availability). Never "
        "invent features. `subject` is the work order title line; `sms_text` is empty."
    ),
    template=(
        "Unit: {unit_number}, {property_name} ({property_city})\nLayout: {layout}\nSize: {square_feet}\n"
        "Amenities: {amenities}\nAsking rent: {asking_rent}\nCurrent tenant moves out: {move_out_date}\n"
        "Ready by: {ready_by}\nAvailable from: {available_from}"
    ),
    output_schema=_OUTPUT,
    trusted=_MANAGER_WRITTEN,
)

EVICTION_PREP = Prompt(
    feature="portfolio",
    name="portfolio.eviction_prep",
    version="2026-11-23",
    description="Internal eviction-preparation memo for a high-risk collections case (never sent to the tenant).",
    max_tokens=1500,
    system=(
        "You write internal memos for a property manager preparing a possible eviction filing. Neutral and "
        "factual, 120-250 words: summarise the account (balance, days overdue, collections steps already taken, "
        "payment history profile) from the figures given, then list the preparation steps (verify the ledger, "
        "confirm every notice was served and documented, check the jurisdiction's notice requirements and "
        "filing process, consult counsel, keep offering a payment arrangement). Never give legal conclusions "
        "and never address the tenant. `subject` is the memo title; `sms_text` is empty."
    ),
    template=(
        "Tenant: {tenant_name}\nUnit: {unit_number}, {property_name}\nJurisdiction: {jurisdiction}\n"
        "Balance overdue: {balance}\nOldest unpaid charge due: {due_date} ({days_overdue} days overdue)\n"
        "Collections level: {escalation_level} of 5 ({case_status})\nPayment history profile: {risk_profile}\n"
        "Monthly rent: {rent}\nLifecycle state: {lifecycle_state}"
    ),
    output_schema=_OUTPUT,
    untrusted={"tenant_name": "tenant_profile"},
    trusted=_MANAGER_WRITTEN,
)


# --- offline implementations (templates filled with the real figures) ----------------------------------------

_SIGNATURE = """Sincerely,

{{ manager_name }}
{{ property_name }}{% if property_address %}
{{ property_address }}{% endif %}{% if manager_phone or manager_email %}
{{ manager_phone }}{% if manager_phone and manager_email %} · {% endif %}{{ manager_email }}{% endif %}"""

_RENT_NOTICE = (
    """
{{ notice_date }}

Dear {{ tenant_name }},

Thank you for continuing to make {{ property_name }} your home. This letter is your {{ notice_days }}-day notice{% if notice_citation %} under {{ notice_citation }}{% endif %} of a change to the monthly rent for unit {{ unit_number }}, which you rent on a month-to-month basis.

Starting {{ effective_date }}, your monthly rent will be {{ new_rent }}, an increase of {{ increase }} ({{ increase_pct }}) from your current rent of {{ current_rent }}. The new rent brings your home in line with the market rent for comparable homes in the community. All other terms of your tenancy stay the same.

If you have any questions, or would like to talk about a longer lease, please reply to this letter or contact us before {{ effective_date }}.

Thank you for being part of our community.

"""
    + _SIGNATURE
)

_RENT_SMS = (
    "Hi {{ tenant_first_name }}, a notice about your rent for unit {{ unit_number }} is in your email: from "
    "{{ effective_date_short }} your monthly rent will be {{ new_rent }}.{% if manager_phone %} Questions? Call "
    "{{ manager_phone }}.{% endif %}"
)

_INSPECTION = (
    """
{{ notice_date }}

Dear {{ tenant_name }},

Thank you for letting us know about your move from unit {{ unit_number }} at {{ property_name }}. We have scheduled your move-out inspection for {{ inspection_date }}{% if inspection_date != move_out_date %} (your move-out date is {{ move_out_date }}){% else %}, your move-out date{% endif %}.

During the inspection we walk through the home together and compare it with its condition at move-in. This is how we assess the security deposit, so we encourage you to be present. If you cannot attend on that date, please let us know in advance and we will find a time that works.

Thank you for your tenancy, and best wishes for your move.

"""
    + _SIGNATURE
)

_INSPECTION_SMS = (
    "Hi {{ tenant_first_name }}, your move-out inspection for unit {{ unit_number }} is scheduled for "
    "{{ inspection_date_short }}. Details are in your email.{% if manager_phone %} Questions? Call "
    "{{ manager_phone }}.{% endif %}"
)

_LISTING = """
Make-ready checklist (ready by {{ ready_by }}):
- Move-out inspection on {{ move_out_date }}; photograph every room and note damage against the move-in report.
- Order paint, cleaning and carpet/floor care for the days after move-out.
- Test appliances, HVAC, smoke and CO detectors; replace filters; fix anything noted at the inspection.
- Re-key the locks and update the access records.
- Take listing photos once the unit is clean; confirm the asking rent of {{ asking_rent }}.

Draft listing:
{{ layout }}{% if square_feet %}, {{ square_feet }}{% endif %} at {{ property_name }}{% if property_city %} in {{ property_city }}{% endif %}. {% if amenities %}Features: {{ amenities }}. {% endif %}Available from {{ available_from }} at {{ asking_rent }}/month. Contact the leasing office to schedule a tour.
"""

_EVICTION = """
Account summary for {{ tenant_name }}, unit {{ unit_number }} at {{ property_name }}:
- Overdue balance: {{ balance }}; oldest unpaid charge due {{ due_date }} ({{ days_overdue }} days overdue).
- Collections: level {{ escalation_level }} of 5 ({{ case_status }}); payment history profile: {{ risk_profile }}.
- Monthly rent: {{ rent }}; lifecycle state: {{ lifecycle_state }}.

Preparation steps:
1. Reconcile the ledger and print a tenant ledger statement for the file.
2. Confirm every collections notice was served and documented (dates, channels, copies).
3. Check the notice requirements and filing process for {{ jurisdiction }} before any filing.
4. Consult counsel before serving any statutory notice.
5. Keep offering a payment arrangement; record every contact in the case log.
"""


def _ctx(inputs: dict) -> dict:
    return {**inputs, "tenant_first_name": inputs.get("tenant_first_name") or inputs.get("tenant_name", "")}


def _sms(template: str, ctx: dict) -> str:
    text = render_message(template, ctx)
    return text if len(text) <= SMS_MAX_CHARS else text[: SMS_MAX_CHARS - 1].rstrip() + "…"


@register_offline(RENT_INCREASE_NOTICE)
def rent_increase_notice_offline(inputs, *, images, documents):
    ctx = _ctx(inputs)
    return {
        "subject": render_message("Notice of rent change for unit {{ unit_number }} at {{ property_name }}", ctx),
        "body": render_message(_RENT_NOTICE, ctx),
        "sms_text": _sms(_RENT_SMS, ctx),
    }


@register_offline(MOVE_OUT_INSPECTION_NOTICE)
def move_out_inspection_notice_offline(inputs, *, images, documents):
    ctx = _ctx(inputs)
    return {
        "subject": render_message("Your move-out inspection on {{ inspection_date }} (unit {{ unit_number }})", ctx),
        "body": render_message(_INSPECTION, ctx),
        "sms_text": _sms(_INSPECTION_SMS, ctx),
    }


@register_offline(LISTING_PREP)
def listing_prep_offline(inputs, *, images, documents):
    return {
        "subject": render_message("Listing prep — unit {{ unit_number }}, ready by {{ ready_by }}", inputs),
        "body": render_message(_LISTING, inputs),
        "sms_text": "",
    }


@register_offline(EVICTION_PREP)
def eviction_prep_offline(inputs, *, images, documents):
    return {
        "subject": render_message("Eviction preparation — {{ tenant_name }}, unit {{ unit_number }}", inputs),
        "body": render_message(_EVICTION, inputs),
        "sms_text": "",
    }
