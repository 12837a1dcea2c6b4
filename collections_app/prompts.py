"""The dunning message prompt and its offline implementation (tone- and channel-specific templates filled
with the case's real figures).

Inputs (all plain values; money and dates already formatted):
    tenant_first_name, balance ("$1,850.00"), due_date ("November 1, 2026"), days_overdue (int),
    late_fees ("$75.00"), step_level (1-5), step_label, channel ("sms" | "email" | "email+letter" | "letter"),
    tone ("friendly" | "firm" | "formal" | "legal"), unit, property, office_phone, payment_plan (terms, or "").
Output: {"subject": "...", "body": "..."} — for SMS the body is the whole text message.
"""

from __future__ import annotations

from core.ai import Prompt, register_offline
from core.ai.offline import render_message

SMS_MAX_CHARS = 320

COLLECTIONS_MESSAGE = Prompt(
    feature="collections",
    name="collections.dunning_message",
    version="2026-11-24",
    system=(
        "You write rent collection messages for a residential property management company. "
        "Write in the requested tone: friendly (warm, assumes good faith, asks if everything is okay), firm (clear and "
        "direct, asks for payment now), formal (a formal notice of non-payment referencing the lease terms) or legal "
        "(a final notice that the account will be referred for legal review under the lease). "
        "Always state the exact balance and due date you are given, never invent amounts, fees, dates, deadlines or "
        "legal consequences beyond those named for this step, never threaten, shame or mention anything personal "
        "beyond the tenant's first name, and always give a way to pay or to talk to the office. "
        "Channel rules: 'sms' — one text message of at most " + str(SMS_MAX_CHARS) + " characters, no greeting "
        "line, subject = a few words; 'email' — subject line plus a short email body; 'letter' or 'email+letter' — a "
        "formal letter body (it is also printed and mailed). Step 4 offers the payment plan exactly as given; step 5 "
        "says the account is being referred to the property manager for legal review."
    ),
    template=(
        "Tenant first name: {tenant_first_name}\n"
        "Property: {property}\nUnit: {unit}\nOffice phone: {office_phone}\n"
        "Balance past due: {balance} (includes late fees of {late_fees})\n"
        "Due date: {due_date}\nDays overdue: {days_overdue}\n"
        "Step {step_level} of 5: {step_label}\nChannel: {channel}\nTone: {tone}\n"
        "Payment plan offered (step 4 only): {payment_plan}\n"
    ),
    output_schema={
        "type": "object",
        "properties": {
            "subject": {"type": "string", "minLength": 1, "maxLength": 150},
            "body": {"type": "string", "minLength": 1, "maxLength": 4000},
        },
        "required": ["subject", "body"],
        "additionalProperties": False,
    },
    untrusted={"tenant_first_name": "tenant_profile"},
    trusted=("office_phone",),  # the property's phone, set by the manager
    max_tokens=1200,
    description="One dunning message (SMS, email or letter) in the tone the tenant's history calls for.",
)


# ── offline templates ───────────────────────────────────────────────────────────────────────────────
# Tone sets the voice; the step adds its own paragraph (formal notice, plan offer, legal warning).

SMS = {
    "friendly": (
        "Hi {{ tenant_first_name }}, a friendly reminder from {{ property }}: your balance of {{ balance }} for unit "
        "{{ unit }} was due {{ due_date }}. Already paid? Thank you! If something's up, just reply - we're happy to help."
    ),
    "firm": (
        "{{ tenant_first_name }}, your balance of {{ balance }} for unit {{ unit }} at {{ property }} was due "
        "{{ due_date }} and is now {{ days_overdue }} days past due. Please pay today or reply to arrange payment."
    ),
    "formal": (
        "Notice from {{ property }}: the balance of {{ balance }} for unit {{ unit }}, due {{ due_date }}, remains "
        "unpaid ({{ days_overdue }} days). Please pay immediately or contact the office{% if office_phone %} at "
        "{{ office_phone }}{% endif %}."
    ),
    "legal": (
        "Final notice from {{ property }}: {{ balance }} for unit {{ unit }}, due {{ due_date }}, is {{ days_overdue }} "
        "days past due. Unless paid or arranged, the account will be referred for legal review under your lease."
    ),
}

SUBJECTS = {
    "friendly": "A quick note about your balance for unit {{ unit }}",
    "firm": "Past-due balance of {{ balance }} for unit {{ unit }}",
    "formal": "Formal notice of past-due rent: unit {{ unit }}, {{ property }}",
    "legal": "Final notice before legal review: unit {{ unit }}, {{ property }}",
}
PLAN_SUBJECTS = {
    "friendly": "A payment plan for your balance of {{ balance }}",
    "firm": "Payment plan offer for your past-due balance of {{ balance }}",
    "formal": "Payment plan offer: past-due balance for unit {{ unit }}, {{ property }}",
    "legal": "Payment plan offer before legal review: unit {{ unit }}, {{ property }}",
}
ESCALATION_SUBJECTS = {
    "friendly": "Your account for unit {{ unit }} is being referred for review",
    "firm": "Your account for unit {{ unit }} is being referred for legal review",
    "formal": "Notice of referral for legal review: unit {{ unit }}, {{ property }}",
    "legal": "Final notice before legal review: unit {{ unit }}, {{ property }}",
}

OPENING = {
    "friendly": (
        "Hi {{ tenant_first_name }},\n\n"
        "We noticed your balance of {{ balance }} for unit {{ unit }} at {{ property }} was due on {{ due_date }} and "
        "hasn't come through yet. If you've already sent it, thank you, and please ignore this note. If something "
        "has come up, we'd genuinely like to hear from you; there are usually options."
    ),
    "firm": (
        "Dear {{ tenant_first_name }},\n\n"
        "Your balance of {{ balance }} for unit {{ unit }} at {{ property }} was due on {{ due_date }} and is now "
        "{{ days_overdue }} days past due. Please make the payment today."
    ),
    "formal": (
        "Dear {{ tenant_first_name }},\n\n"
        "This is a formal notice that the balance of {{ balance }} on your account for unit {{ unit }} at "
        "{{ property }}, due on {{ due_date }}, remains unpaid {{ days_overdue }} days after its due date."
    ),
    "legal": (
        "Dear {{ tenant_first_name }},\n\n"
        "FINAL NOTICE. The balance of {{ balance }} on your account for unit {{ unit }} at {{ property }}, due on "
        "{{ due_date }}, is {{ days_overdue }} days past due despite our earlier notices."
    ),
}

STEP_PARAGRAPH = {
    1: "",
    2: (
        "Here are the details: {{ balance }} past due since {{ due_date }}{% if late_fees != '$0.00' %}, including "
        "late fees of {{ late_fees }}{% endif %}. You can pay through the resident portal or at the office."
    ),
    3: (
        "Under the terms of your lease, rent is due on the due date and late charges apply after the grace period. "
        "This notice is a formal record of the unpaid balance{% if late_fees != '$0.00' %}, which includes late fees "
        "of {{ late_fees }}{% endif %}. Please pay the full balance or contact the office to discuss it."
    ),
    4: (
        "To help you bring the account current, we can offer this payment plan:\n\n{{ payment_plan }}\n\n"
        "Reply to this message or call the office to accept it; the plan starts once you confirm."
    ),
    5: (
        "Because the balance remains unpaid, your account is being referred to the property manager for legal "
        "review under the default terms of your lease. To stop this, pay the full balance or contact the office "
        "immediately to agree a payment arrangement."
    ),
}

CLOSING = {
    "friendly": "Warm regards,\n{{ property }} Management{% if office_phone %}\n{{ office_phone }}{% endif %}",
    "firm": "Thank you,\n{{ property }} Management{% if office_phone %}\n{{ office_phone }}{% endif %}",
    "formal": "Sincerely,\n{{ property }} Management{% if office_phone %}\n{{ office_phone }}{% endif %}",
    "legal": "Sincerely,\n{{ property }} Management{% if office_phone %}\n{{ office_phone }}{% endif %}",
}


@register_offline(COLLECTIONS_MESSAGE)
def collections_message_offline(inputs, *, images, documents) -> dict:
    tone = inputs.get("tone") if inputs.get("tone") in SMS else "firm"
    level = int(inputs.get("step_level") or 1)
    channel = inputs.get("channel") or "email"
    subjects = {4: PLAN_SUBJECTS, 5: ESCALATION_SUBJECTS}.get(level, SUBJECTS)
    subject = render_message(subjects[tone], inputs)
    if channel == "sms":
        return {"subject": subject, "body": render_message(SMS[tone], inputs)[:SMS_MAX_CHARS]}
    parts = [OPENING[tone], STEP_PARAGRAPH.get(level, ""), CLOSING[tone]]
    body = render_message("\n\n".join(p for p in parts if p), inputs)
    return {"subject": subject, "body": body}
