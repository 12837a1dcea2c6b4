"""The offline analyst's reading of a question (pure: no ORM, no clock; `today` and the property names passed in).

`plan(question, property_names=..., today=...)` -> a Plan: which tool to call with which input (the same tools
Claude gets), or an honest "here is what I can answer" when the question maps to none, or a refusal when it asks
the assistant to drop its rules or write data. The answer's figures come from the tool's result (`chat.prompts`).
"""

from __future__ import annotations

import calendar
import datetime
import difflib
import re
from dataclasses import dataclass, field

EXAMPLES = [
    "How many month-to-month leases does Westfield Gardens have?",
    "Show leases expiring in the next 60 days below market",
    "What's our collection rate this month?",
    "Which properties have the biggest rent gap?",
    "Show me all overdue balances over $2,000",
    "What's the vacancy rate at Westfield Gardens?",
    "Which units have had the most maintenance requests this year?",
    "Which renewals have a high churn risk?",
    "Which turnovers are past their deadline?",
    "Which units have the highest maintenance risk?",
    "Which vendor invoices are overdue?",
    "Which tenant messages are waiting on us?",
]

CAPABILITIES = [
    "leases by lifecycle state, property and end date (month-to-month, on notice, expiring in N days, below market)",
    "money: rent roll, collection rate, overdue balances, revenue by property, rent gap to market",
    "vacancy and occupancy by property",
    "work orders by status, priority and property",
    "renewals due and churn risk, open collection cases, the turnover pipeline, maintenance risk scores",
    "vendor invoices (open, overdue, awaiting approval) and tenant messages (waiting on you, urgent, unhappy tenants)",
    "units priced below or above market",
    "preparing a work order, a reminder or a follow-up for you to confirm",
]


@dataclass
class Plan:
    intent: str  # a tool name, "help" or "refuse"
    tool: str | None = None
    params: dict = field(default_factory=dict)
    property_name: str | None = None
    window_label: str = ""
    ask_count: bool = False


INJECTION = re.compile(
    r"\b(ignore|disregard|forget|override|bypass)\b.{0,40}\b(rules?|instructions?|prompt|guard|policy|polic(y|ies))\b"
)
WRITE_VERBS = re.compile(
    r"\b(delete|remove|drop|erase|wipe|update|change|modify|set|write off|mark .{0,20} (as )?paid|refund|raise|"
    r"increase|lower|cancel|evict|send)\b"
)
CREATE_ACTION = re.compile(r"\b(create|open|make|schedule|log|file|raise)\b.{0,20}\b(work ?order|ticket|repair)\b")
REMINDER = re.compile(r"\b(remind me|set (a |me a )?reminder|add (a )?reminder|reminder to|follow[\s-]?up)\b")
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m} | {
    m.lower(): i for i, m in enumerate(calendar.month_abbr) if m
}


def due_date(text: str, today: datetime.date) -> tuple[datetime.date | None, str]:
    """The day a reminder names ("tomorrow", "on Friday", "next Monday", "in 3 days", "in 2 weeks", "next week",
    "on December 5", "on 2026-12-05") and the words that said it (removed from the title); None when none."""
    t = text.lower()
    m = re.search(r"\b(?:on )?(20\d{2})-(\d{2})-(\d{2})\b", t)
    if m:
        try:
            return datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), m.group(0)
        except ValueError:
            return None, ""
    m = re.search(
        r"\b(?:on )?(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.? (\d{1,2})(?:st|nd|rd|th)?\b", t
    )
    if m:
        try:
            day = datetime.date(today.year, MONTHS[m.group(1)], int(m.group(2)))
        except ValueError:
            return None, ""
        if day < today:
            day = day.replace(year=today.year + 1)
        return day, m.group(0)
    if m := re.search(r"\btomorrow\b", t):
        return today + datetime.timedelta(days=1), m.group(0)
    if m := re.search(r"\b(?:later )?today\b|\btonight\b", t):
        return today, m.group(0)
    if m := re.search(r"\bin (\d{1,3}|a|one|two) (day|week|month)s?\b", t):
        n = {"a": 1, "one": 1, "two": 2}.get(m.group(1)) or int(m.group(1))
        days = {"day": 1, "week": 7, "month": 30}[m.group(2)] * n
        return today + datetime.timedelta(days=days), m.group(0)
    if m := re.search(r"\bnext week\b", t):
        return today + datetime.timedelta(days=7 - today.weekday()), m.group(0)
    if m := re.search(r"\b(?:(on|next|this) )?(" + "|".join(WEEKDAYS) + r")\b", t):
        ahead = (WEEKDAYS.index(m.group(2)) - today.weekday()) % 7 or 7
        return today + datetime.timedelta(days=ahead), m.group(0)
    return None, ""


def due_time(text: str) -> tuple[str | None, str]:
    """ "at 3pm", "at 9:30 am", "at 15:00" -> "HH:MM" and the words; None when none."""
    m = re.search(r"\bat (\d{1,2})(?::(\d{2}))?\s*(am|pm)?\b", text.lower())
    if not m or (not m.group(2) and not m.group(3)):
        return None, ""
    hour, minute = int(m.group(1)), int(m.group(2) or 0)
    if m.group(3) == "pm" and hour < 12:
        hour += 12
    if m.group(3) == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None, ""
    return f"{hour:02d}:{minute:02d}", m.group(0)


def _norm(text: str) -> str:
    return " ".join("".join(c if c.isalnum() or c in "$+" else " " for c in text.lower()).split())


def match_property(question: str, names: list[str]) -> str | None:
    """The property a question names: exact (normalised), a distinctive first word, or a close spelling."""
    q = _norm(question)
    words = q.split()
    best, best_score = None, 0.0
    for name in names:
        n = _norm(name)
        if not n:
            continue
        if f" {n} " in f" {q} ":
            score = 2.0 + len(n) / 1000
        else:
            size = len(n.split())
            windows = [" ".join(words[i : i + size]) for i in range(max(len(words) - size + 1, 0))]
            ratio = max((difflib.SequenceMatcher(None, n, w).ratio() for w in windows), default=0.0)
            first = n.split()[0]
            score = ratio if ratio >= 0.82 else 0.0
            if (
                not score
                and len(first) >= 5
                and first in words
                and sum(_norm(x).split()[0] == first for x in names) == 1
            ):
                score = 0.8
        if score > best_score:
            best, best_score = name, score
    return best


def _days_left_in_month(today: datetime.date) -> int:
    return calendar.monthrange(today.year, today.month)[1] - today.day


def _window(q: str, today: datetime.date) -> tuple[dict, str]:
    """Lease-end windows: {"expiring_within_days": n} or {"expiring_in_month": "YYYY-MM"}, and how to say it."""
    m = re.search(r"\b(?:next|coming|within(?: the)?(?: next)?)\s+(\d{1,3})\s+days?\b", q) or re.search(
        r"\bin (?:the )?next (\d{1,3}) days?\b", q
    )
    if m:
        n = int(m.group(1))
        return {"expiring_within_days": n}, f"in the next {n} days"
    m = re.search(r"\b(?:next|coming)\s+(\d{1,2})\s+months?\b", q)
    if m:
        n = int(m.group(1))
        return {"expiring_within_days": 30 * n}, f"in the next {30 * n} days"
    if re.search(r"\bnext month\b", q):
        first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        return {"expiring_in_month": first.strftime("%Y-%m")}, f"in {first.strftime('%B %Y')}"
    if re.search(r"\bthis month\b", q):
        return {"expiring_in_month": today.strftime("%Y-%m")}, f"in {today.strftime('%B %Y')}"
    if re.search(r"\bthis week\b", q):
        n = 6 - today.weekday()
        return {"expiring_within_days": n}, "this week"
    if re.search(r"\b(expir\w*|ending|end)\b", q) and re.search(r"\bsoon\b", q):
        return {"expiring_within_days": 30}, "in the next 30 days"
    return {}, ""


def _date_range(q: str) -> tuple[str, str]:
    if re.search(r"\blast month\b", q):
        return "last_month", "last month"
    if re.search(r"\bthis week\b|\bweek\b", q):
        return "this_week", "this week"
    if re.search(r"\b(last|past) 30 days\b", q):
        return "last_30_days", "in the last 30 days"
    if re.search(r"\bthis year\b|\bytd\b|\byear to date\b", q):
        return "this_year", "this year"
    return "this_month", "this month"


def _money(q: str) -> float | None:
    m = re.search(r"(?:over|above|more than|greater than|at least|>)\s*\$?\s*([\d,]+(?:\.\d+)?)\s*(k\b)?", q)
    if not m:
        m = re.search(r"\$\s*([\d,]+(?:\.\d+)?)\s*(k\b)?", q)
    if not m:
        return None
    value = float(m.group(1).replace(",", ""))
    return value * 1000 if m.group(2) else value


def _lease_state(q: str) -> str | None:
    if re.search(r"month[\s-]*to[\s-]*month|\bmtm\b|holdover", q):
        return "month_to_month"
    if re.search(r"\bon notice\b|\bnotice\b|given notice|moving out", q):
        return "notice"
    if re.search(r"\bvacant leases?\b", q):
        return "vacant"
    if re.search(r"\bactive leases?\b", q):
        return "active"
    return None


def plan(question: str, *, property_names: list[str], today: datetime.date) -> Plan:
    q = _norm(question)
    raw = question.lower()
    prop = match_property(question, property_names)
    base = {"property_name": prop} if prop else {}
    count = bool(re.search(r"\bhow many\b|\bnumber of\b|\bcount\b", q))

    if INJECTION.search(q):
        return Plan("refuse")
    if CREATE_ACTION.search(q):
        m = re.search(r"\bunit\s+#?([a-z0-9][a-z0-9-]*)", raw)
        what = re.search(r"\bto\s+(.{3,})$", question.strip()) or re.search(r"\bfor\s+(.{3,})$", question.strip())
        title = (what.group(1).rstrip(" .?!") if what else question.strip())[:200]
        title = title[:1].upper() + title[1:]
        params = {"action_type": "work_order", "title": title, **({"unit_number": m.group(1)} if m else {})}
        if re.search(r"\burgent\b|\bemergenc", q):
            params["priority"] = "urgent"
        return Plan("create_action", "create_action", {**params, **base}, prop)
    if REMINDER.search(q):
        return _reminder_plan(question, today, base, prop)
    if WRITE_VERBS.search(q) and not re.search(r"\b(show|list|which|what|how many|who)\b", q):
        return Plan("refuse")

    # --- money ---------------------------------------------------------------------------------------------
    if re.search(r"collection rate|collected|collection activity|collections? (this|last)|how much .* collect", q):
        dr, label = _date_range(q)
        return Plan(
            "query_financials", "query_financials", {"metric": "collection_rate", "date_range": dr, **base}, prop, label
        )
    if re.search(r"rent roll|gross potential|scheduled rent", q):
        return Plan("query_financials", "query_financials", {"metric": "total_rent_roll", **base}, prop)
    if re.search(r"\bopen collection|\bcollection cases?\b|\bdunning\b|\bdays late\b|\blate tenants?\b", q):
        m = re.search(r"(\d{1,3})\s*\+?\s*days", q)
        params = {**base, **({"min_days_overdue": int(m.group(1))} if m else {})}
        return Plan("query_collections", "query_collections", params, prop, ask_count=count)
    if re.search(r"delinquen|overdue|past due|\bowe\b|\bowes\b|\bowing\b|balances?\b|\barrears\b", q) and not re.search(
        r"turnover|work orders?|invoices?|bills?|vendors?|payables?", q
    ):
        params = {"metric": "delinquency", **base}
        amount = _money(raw)
        if amount is not None:
            params["min_balance"] = amount
        return Plan("query_financials", "query_financials", params, prop, ask_count=count)
    if re.search(r"\brevenue\b|\bincome\b", q) and not re.search(r"leakage|opportunit|gap", q):
        dr, label = _date_range(q)
        return Plan(
            "query_financials",
            "query_financials",
            {"metric": "revenue_by_property", "date_range": dr, **base},
            prop,
            label,
        )

    # --- vendor invoices, tenant messages and sentiment -------------------------------------------------------
    if re.search(r"\binvoices?\b|\bvendor bills?\b|\bbills? from\b|\bpayables?\b", q):
        params = {**base}
        for pattern, status in (
            (r"overdue|past due|late", "overdue"),
            (r"awaiting approval|to approve|pending approval|need(s)? approv|waiting for approval", "received"),
            (r"\brejected\b", "rejected"),
            (r"\bunpaid\b|\bopen\b|\boutstanding\b|\bto pay\b", "open"),
            (r"\bapproved\b", "approved"),
            (r"\bpaid\b", "paid"),
            (r"\bprocessing\b|being read", "processing"),
        ):
            if re.search(pattern, q):
                params["status"] = status
                break
        amount = _money(raw)
        if amount is not None:
            params["min_amount"] = amount
        if m := re.search(r"\b(?:last|past) (\d{1,4}) days\b", q):
            params["since_days"] = int(m.group(1))
        return Plan("query_invoices", "query_invoices", params, prop, ask_count=count)
    if re.search(r"sentiment|unhappy|upset|angry|frustrated|dissatisfied|at risk of leaving|likely to leave|mood", q):
        params = {**base}
        if re.search(r"\bcritical\b", q):
            params["risk_level"] = "critical"
        return Plan("query_tenant_sentiment", "query_tenant_sentiment", params, prop, ask_count=count)
    if re.search(r"\bmessages?\b|\bconversations?\b|\binbox\b|\bunanswered\b|\bunread\b|\bcomplaints?\b", q):
        params = {**base}
        if re.search(r"waiting on (us|staff|me)|unanswered|need(s)? (a )?(reply|response|answer)", q):
            params["status"] = "waiting_staff"
        elif re.search(r"\bresolved\b", q):
            params["status"] = "resolved"
        if re.search(r"\burgent\b|\bcritical\b", q):
            params["urgent"] = True
        if re.search(r"\bescalated\b", q):
            params["escalated"] = True
        if re.search(r"\bunread\b", q):
            params["unread"] = True
        for category in ("maintenance", "billing", "lease", "complaint", "emergency"):
            if re.search(rf"\b{category}s?\b", q):
                params["category"] = category
                break
        return Plan("query_messages", "query_messages", params, prop, ask_count=count)

    # --- leases (before pricing: "leases ... below market" is a lease question) --------------------------------
    window, wlabel = _window(q, today)
    state = _lease_state(q)
    below = bool(re.search(r"below market|under market|under[\s-]?priced|below[\s-]market", q))
    if (
        re.search(r"\bleases?\b|\bexpir|\btenants? on\b", q)
        or (state and (below or not re.search(r"\bunits?\b.*market", q)))
        or (window and not re.search(r"work order|renewal", q))
    ):
        if state or window or re.search(r"\bleases?\b|\bexpir", q):
            params = {**base, **window}
            if state:
                params["lease_status"] = state
            if below:
                params["below_market"] = True
            return Plan("query_leases", "query_leases", params, prop, wlabel, ask_count=count)

    # --- pricing ---------------------------------------------------------------------------------------------
    if re.search(r"rent gap|leakage|revenue opportunit|rent variance|biggest gap|loss to lease", q):
        return Plan("query_financials", "query_financials", {"metric": "rent_variance", **base}, prop)
    if re.search(r"(below|under|above|over) market|under[\s-]?priced|over[\s-]?priced", q):
        params = {**base, "side": "above" if re.search(r"above market|over market|over[\s-]?priced", q) else "below"}
        if re.search(r"\bvacant\b", q):
            params["vacant"] = True
        elif re.search(r"\boccupied\b", q):
            params["vacant"] = False
        return Plan("query_pricing", "query_pricing", params, prop, ask_count=count)

    # --- vacancy ---------------------------------------------------------------------------------------------
    if re.search(r"vacan|occupan|occupied|empty units?", q):
        params = {**base}
        if re.search(r"market|pricing|lost|losing|revenue|cost", q):
            params["include_pricing"] = True
        return Plan("query_vacancy", "query_vacancy", params, prop, ask_count=count)

    # --- turnover, risk, renewals, maintenance ---------------------------------------------------------------
    if re.search(r"turnover|make[\s-]?ready|move[\s-]?outs?", q):
        params = {**base}
        if re.search(r"delay|past (their |the )?deadline|late|stuck|overdue", q):
            params["delayed_only"] = True
        return Plan("query_turnover", "query_turnover", params, prop, ask_count=count)
    if re.search(r"\brisk\b|likely to (fail|break)|predict|failure", q) and not re.search(r"churn", q):
        params = {**base}
        for level in ("critical", "high", "medium", "low"):
            if re.search(rf"\b{level}\b", q):
                params["risk_level"] = level
                break
        return Plan("query_risk_scores", "query_risk_scores", params, prop, ask_count=count)
    if re.search(r"renew|churn|leaving|retention", q):
        params = {**base}
        for level in ("critical", "high", "medium", "low"):
            if re.search(rf"\b{level}\b", q):
                params["churn_risk_level"] = level
                break
        return Plan("query_renewals", "query_renewals", params, prop, ask_count=count)
    if re.search(r"work ?orders?|maintenance|repairs?|requests?|emergenc|tickets?", q):
        params = {**base}
        if re.search(r"\bin progress\b", q):
            params["status"] = "in_progress"
        elif re.search(r"\b(completed|closed|done|finished)\b", q):
            params["status"] = "completed"
        elif re.search(r"\bopen\b|\boutstanding\b|\bpending\b", q):
            params["status"] = "open"
        if re.search(r"emergenc|urgent", q):
            params["priority"] = "urgent"
        elif re.search(r"\bhigh priority\b", q):
            params["priority"] = "high"
        label = ""
        if re.search(r"\bthis year\b", q):
            params["since_days"] = (today - today.replace(month=1, day=1)).days
            label = "this year"
        elif m := re.search(r"\b(?:last|past) (\d{1,4}) days\b", q):
            params["since_days"] = int(m.group(1))
            label = f"in the last {m.group(1)} days"
        return Plan("query_maintenance", "query_maintenance", params, prop, label, ask_count=count)
    return Plan("help")


def _reminder_plan(question: str, today: datetime.date, base: dict, prop: str | None) -> Plan:
    """ "Remind me to call the Garcias about the deposit on Friday at 10am" -> a reminder proposal."""
    raw = question.strip()
    day, day_words = due_date(raw, today)
    at, time_words = due_time(raw)
    what = re.search(r"\b(?:remind me|reminder|follow[\s-]?up)\b\s*(?:to|about|on|with|:)?\s+(.{3,})$", raw, re.I)
    title = what.group(1) if what else raw
    for words in (day_words, time_words):
        if words:
            title = re.sub(re.escape(words), " ", title, count=1, flags=re.I)
    title = " ".join(title.split()).rstrip(" .?!,")[:200] or "Reminder"
    title = title[:1].upper() + title[1:]
    kind = "follow_up" if re.search(r"\bfollow[\s-]?up\b", raw, re.I) else "reminder"
    params = {"action_type": kind, "title": title}
    if day:
        params["due_date"] = day.isoformat()
    if at:
        params["due_time"] = at
    m = re.search(r"\bunit\s+#?([a-z0-9][a-z0-9-]*)", raw.lower())
    if m:
        params["unit_number"] = m.group(1)
        params.update(base)
    return Plan("create_action", "create_action", params, prop)
