"""The portfolio chat's prompt and its offline twin: a deterministic analyst calling the same tools.

Numbers in an answer come from the tool results only: the offline analyst formats the totals a tool computed;
Claude is told to do the same (and the screen shows the tool's table beside its words)."""

from __future__ import annotations

import datetime
import re

from chat import analyst
from core.ai import ChatPrompt, Prompt, register_offline
from core.formatting import money

PORTFOLIO_CHAT = ChatPrompt(
    feature="chat",
    name="chat.portfolio_analyst",
    version="2",
    description="Answers a property manager's questions about their portfolio with tool use.",
    system=(
        "You are UnitCycle's portfolio analyst for a residential property manager. Today is {today}. The manager's "
        "properties: {portfolio}.\n"
        "Answer questions about leases, money, vacancy, maintenance, renewals, collections, pricing, turnover, vendor "
        "invoices and tenant messages by "
        "calling the tools; every figure you state must come from a tool result (quote its totals, do not compute "
        "new numbers). Keep answers short: one or two sentences; the screen shows each tool's rows as a table and "
        "its suggested actions as buttons. You cannot change data: create_action only prepares a work order or a "
        "reminder the manager confirms. If a question asks you to change, delete or send anything, say you can't and offer the "
        "screen that does it. If a question is outside what the tools cover, say so and suggest questions you can "
        "answer."
    ),
    trusted=("portfolio",),
)


def _chunks(text: str):
    """The answer in small pieces, as a model would stream it."""
    yield from re.findall(r"\S+\s*", text)


def _n(value) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def _where(plan) -> str:
    return f" at {plan.params['property_name']}" if plan.params.get("property_name") else ""


def _resolved(out: dict, plan) -> str:
    """The property the tool actually matched (its own answer), else the portfolio."""
    prop = (out.get("filters") or {}).get("property")
    return f" at {prop}" if prop else (" across your portfolio" if not plan.params.get("property_name") else "")


STATE_WORDS = {"month_to_month": "month-to-month", "notice": "on-notice", "vacant": "vacant", "active": "active"}


def answer_text(plan, out: dict, question: str = "") -> str:
    """One or two sentences from a tool's result (its totals and first rows)."""
    t = out.get("totals", {})
    tool = plan.tool
    if tool == "query_leases":
        state = STATE_WORDS.get(plan.params.get("lease_status"), "")
        n = t["count"]
        noun = f"{state + ' ' if state else ''}lease{'s' if n != 1 else ''}"
        when = f" ending {plan.window_label}" if plan.window_label else ""
        below = " below market" if plan.params.get("below_market") else ""
        text = f"There {'is' if n == 1 else 'are'} {_n(n)} {noun}{below}{when}{_resolved(out, plan)}"
        if n:
            text += f", {money(t['total_monthly_rent'])} a month in rent (average {money(t['average_rent'])})"
            if plan.params.get("below_market"):
                text += f", {money(t['monthly_gap_to_market'])} a month below market"
        text += "."
        drafts = [a["label"].split(" (")[0].lower() for a in out.get("actions", []) if a.get("kind") == "bulk_action"]
        if drafts:
            text += (
                f" Use the button{'s' if len(drafts) > 1 else ''} below to {' or '.join(drafts)} in the command center."
            )
        return text
    if tool == "query_financials":
        metric = plan.params["metric"]
        if metric == "total_rent_roll":
            return (
                f"The monthly rent roll{_resolved(out, plan)} is {money(t['monthly_rent_roll'])} "
                f"({money(t['annual_rent_roll'])} a year)."
            )
        if metric == "collection_rate":
            if t["collection_rate"] is None:
                return f"Nothing was charged {plan.window_label}{_resolved(out, plan)}, so there is no collection rate."
            return (
                f"The collection rate {plan.window_label}{_resolved(out, plan)} is {t['collection_rate']}%: "
                f"{money(t['collected'])} collected of {money(t['charged'])} charged."
            )
        if metric == "delinquency":
            over = f" over {money(t['min_balance'])}" if plan.params.get("min_balance") else ""
            n = t["delinquent_tenants"]
            return (
                f"{_n(n)} tenant{'s' if n != 1 else ''}{_resolved(out, plan)} {'have' if n != 1 else 'has'} an overdue "
                f"balance{over}, {money(t['total_overdue'])} in all."
            )
        if metric == "revenue_by_property":
            return f"{money(t['revenue'])} was collected {plan.window_label}{_resolved(out, plan)}."
        if metric == "rent_variance":
            rows = out.get("rows", [])
            if not rows or not t["units_below_market"]:
                return "No unit is priced below market in the latest pricing snapshots."
            top = ", ".join(f"{r['property']} ({money(r['monthly_gap'])}/mo)" for r in rows[:3])
            return (
                f"{_n(t['units_below_market'])} units are below market, {money(t['total_monthly_gap'])} a month "
                f"({money(t['annual_revenue_opportunity'])} a year). The biggest gaps: {top}."
            )
    if tool == "query_vacancy":
        text = (
            f"{_n(t['vacant_units'])} of {_n(t['units'])} units are vacant{_resolved(out, plan)}: a vacancy rate of "
            f"{t['vacancy_rate']}% (occupancy {t['occupancy_rate']}%)"
        )
        if "vacant_market_rent" in t:
            text += f"; at market rent they would bring {money(t['vacant_market_rent'])} a month"
        return text + "."
    if tool == "query_maintenance":
        n = t["count"]
        status = {"open": "open ", "in_progress": "in-progress ", "completed": "completed "}.get(
            plan.params.get("status"), ""
        )
        prio = (
            "emergency "
            if plan.params.get("priority") == "urgent"
            else (f"{plan.params.get('priority')} " if plan.params.get("priority") else "")
        )
        when = f" {plan.window_label}" if plan.window_label else ""
        text = f"There {'is' if n == 1 else 'are'} {_n(n)} {status}{prio}work order{'s' if n != 1 else ''}{when}{_resolved(out, plan)}"
        if t.get("top_units") and re.search(r"\bmost\b", question.lower()):
            top = ", ".join(f"{u['property']} {u['unit']} ({u['count']})" for u in t["top_units"][:3])
            text += f". Most requests: {top}"
        return text + "."
    if tool == "query_renewals":
        n = t["count"]
        level = f"{plan.params['churn_risk_level']}-churn " if plan.params.get("churn_risk_level") else ""
        return (
            f"{_n(n)} open {level}renewal{'s' if n != 1 else ''}{_resolved(out, plan)}; {_n(t['high_churn'])} "
            f"with high or critical churn risk."
        )
    if tool == "query_collections":
        n = t["open_cases"]
        late = f" at least {plan.params['min_days_overdue']} days late" if plan.params.get("min_days_overdue") else ""
        return f"{_n(n)} open collection case{'s' if n != 1 else ''}{late}{_resolved(out, plan)}, {money(t['total_balance'])} owed."
    if tool == "query_turnover":
        if plan.params.get("delayed_only"):
            return f"{_n(t['open_cases'])} turnover{'s' if t['open_cases'] != 1 else ''} past the deadline{_resolved(out, plan)}."
        return (
            f"{_n(t['open_cases'])} open turnovers{_resolved(out, plan)}, {_n(t['delayed'])} delayed; average "
            f"{t['average_days_vacant']} days vacant."
        )
    if tool == "query_risk_scores":
        levels = t.get("by_level", {})
        return (
            f"{_n(t['units'])} units scored{_resolved(out, plan)} on {t['score_date'] or 'no date yet'}: "
            f"{_n(levels.get('critical', 0))} critical and {_n(levels.get('high', 0))} high risk."
        )
    if tool == "query_pricing":
        side = t["side"]
        vacant = {True: "vacant ", False: "occupied "}.get(plan.params.get("vacant"), "")
        return (
            f"{_n(t['units'])} {vacant}units{_resolved(out, plan)} are priced {side} market, {money(t['total_monthly_gap'])} "
            "a month in all."
        )
    if tool == "query_invoices":
        n = t["count"]
        word = {"open": "open ", "overdue": "overdue ", "received": "awaiting-approval "}.get(
            plan.params.get("status"), f"{plan.params['status']} " if plan.params.get("status") else ""
        )
        over = f" over {money(plan.params['min_amount'])}" if plan.params.get("min_amount") is not None else ""
        text = f"{_n(n)} {word}invoice{'s' if n != 1 else ''}{over}{_resolved(out, plan)}, {money(t['total_amount'])} in all"
        if t["overdue_count"] and plan.params.get("status") != "overdue":
            text += f"; {_n(t['overdue_count'])} overdue ({money(t['overdue_amount'])})"
        if n and t.get("top_vendors"):
            top = t["top_vendors"][0]
            text += f". Largest vendor: {top['vendor']} ({money(top['total'])})"
        return text + "."
    if tool == "query_messages":
        n = t["count"]
        status = {"waiting_staff": " waiting on staff", "resolved": " resolved", "open": " open"}.get(
            plan.params.get("status") or "open", ""
        )
        urgent = " urgent" if plan.params.get("urgent") else ""
        text = f"{_n(n)}{urgent} tenant conversation{'s' if n != 1 else ''}{status}{_resolved(out, plan)}"
        text += f": {_n(t['waiting_on_staff'])} waiting on staff, {_n(t['unread'])} unread"
        if t.get("avg_response_minutes") is not None:
            text += f"; staff answer in {t['avg_response_minutes']} minutes on average"
        return text + "."
    if tool == "query_tenant_sentiment":
        return (
            f"{_n(t['at_risk'])} tenant{'s' if t['at_risk'] != 1 else ''}{_resolved(out, plan)} are at risk of leaving "
            f"by their messages' sentiment: {_n(t['critical'])} critical and {_n(t['high'])} high."
        )
    if tool == "create_action":
        p = out.get("proposal", {})
        if p.get("action_type") in ("reminder", "follow_up"):
            about = f" about {p['unit']}" if p.get("unit") else ""
            default = " (no day was named, so tomorrow)" if p.get("date_defaulted") else ""
            return (
                f'I\'ve prepared a reminder "{p.get("title", "")}"{about} for {p.get("when", "")}{default}: it will '
                "appear in your notifications then and be emailed to you. Nothing is set until you confirm it below."
            )
        return (
            f'I\'ve prepared a {p.get("priority", "medium")}-priority work order "{p.get("title", "")}" on '
            f"{p.get('unit', '')}. Nothing is created until you confirm it below."
        )
    return "Here is what I found."


def help_text() -> str:
    examples = "\n".join(f"- {q}" for q in analyst.EXAMPLES[:6])
    return (
        "I can't answer that one from your portfolio's data. Here's what I can answer: "
        + "; ".join(analyst.CAPABILITIES)
        + ".\n\nTry for example:\n"
        + examples
    )


REFUSAL = (
    "I can't change, delete or send anything from the chat, and I keep my rules whatever a message says. I can "
    "answer questions about your portfolio and prepare a work order or a reminder for you to confirm."
)


@register_offline(PORTFOLIO_CHAT)
def portfolio_analyst_offline(inputs, *, messages, tools):
    question = str(messages[-1]["content"])
    today = datetime.date.fromisoformat(inputs["today"])
    plan = analyst.plan(question, property_names=list(inputs.get("property_names", [])), today=today)
    if plan.intent == "refuse":
        yield from _chunks(REFUSAL)
        return
    if plan.intent == "help" or plan.tool is None:
        yield from _chunks(help_text())
        return
    out = tools.call(plan.tool, plan.params)
    if not isinstance(out, dict) or "error" in out:
        detail = out.get("error") if isinstance(out, dict) else "the tool failed"
        if "Unknown tool" in str(detail):
            detail = "your role can't see that data"
        yield from _chunks(f"I couldn't answer that: {detail}")
        return
    yield from _chunks(answer_text(plan, out, question))


DAILY_DIGEST = Prompt(
    feature="chat",
    name="chat.daily_digest",
    version="1",
    description="The morning briefing: urgent items, opportunities and portfolio health, from computed figures.",
    system=(
        "You write a residential property manager's morning briefing. Use only the figures given (highlights and "
        "metrics computed from the portfolio); do not invent or recompute numbers. Three short sections: Urgent, "
        "Opportunities, Portfolio health. Plain text, no Markdown tables."
    ),
    template="Date: {digest_date}\nFigures (JSON): {figures}",
    output_schema={
        "type": "object",
        "properties": {"content": {"type": "string", "minLength": 1, "maxLength": 6000}},
        "required": ["content"],
        "additionalProperties": False,
    },
)

SECTION_TITLES = {"urgent": "Urgent", "opportunities": "Opportunities", "health": "Portfolio health"}


@register_offline(DAILY_DIGEST)
def daily_digest_offline(inputs, *, images=None, documents=None):
    """A template over the same figures: each section's highlights, in order."""
    figures = inputs["figures"]
    day = datetime.date.fromisoformat(inputs["digest_date"])
    lines = [f"Good morning. Here is your portfolio for {day.strftime('%A, %B %-d, %Y')}."]
    for section, title in SECTION_TITLES.items():
        items = [h["text"] for h in figures["highlights"] if h.get("section") == section]
        lines.append("")
        lines.append(f"{title}:")
        lines.extend(f"- {text}." for text in items) if items else lines.append("- Nothing needs you here today.")
    return {"content": "\n".join(lines)}
