"""Writing a dunning message through the AI gateway (and the plan terms it quotes)."""

from __future__ import annotations

from collections_app.prompts import COLLECTIONS_MESSAGE, SMS_MAX_CHARS
from core.ai import complete_json
from core.ai.offline import money


def _message_inputs(*, case, step, tone, days, plan_terms="") -> dict:
    return {
        "tenant_first_name": case.tenant.first_name,
        "balance": money(case.current_balance),
        "due_date": f"{case.due_date:%B} {case.due_date.day}, {case.due_date.year}",
        "days_overdue": days,
        "late_fees": money(case.late_fee_total),
        "step_level": step.level,
        "step_label": step.label,
        "channel": "+".join(step.channels),
        "tone": tone,
        "unit": case.unit.unit_number,
        "property": case.property.name,
        "office_phone": case.property.phone,
        "payment_plan": plan_terms,
    }


def _terms_text(rows) -> str:
    """[(number, amount, due)] -> "3 payments: $600.00 due December 1, 2026; ..." (what the tenant reads)."""
    parts = [f"{money(a)} due {d:%B} {d.day}, {d.year}" for _, a, d in rows]
    return f"{len(rows)} payments: " + "; ".join(parts) + f" (total {money(sum(a for _, a, _ in rows))})."


def _plan_rows(plan) -> list:
    return [(i.installment_number, i.amount, i.due_date) for i in plan.installments.order_by("installment_number")]


def _compose(*, case, step, tone, days, plan_terms="") -> tuple[str, str, str]:
    """(subject, body, provider) through the AI gateway; Claude failing falls back to the offline templates so
    a due step always has its message. Called outside any transaction."""
    result = complete_json(
        COLLECTIONS_MESSAGE,
        _message_inputs(case=case, step=step, tone=tone, days=days, plan_terms=plan_terms),
        offline_fallback=True,
    )
    subject = " ".join(result.data["subject"].split())[:255]
    body = result.data["body"].strip()
    if step.channels == ("sms",):
        body = body[:SMS_MAX_CHARS]
    return subject, body, result.provider
