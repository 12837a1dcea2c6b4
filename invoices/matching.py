"""What an extracted invoice is checked against (3.2), pure: facts in, decisions out (no ORM, no clock).

- `rank_work_orders`: scores open or recently completed work orders for an invoice — an explicit work-order
  reference on the invoice decides alone (0.95); else vendor (assigned to the invoice's vendor), the unit or
  property the invoice mentions, description similarity (line text vs the order's title and description), date
  proximity (invoice date vs completed/scheduled/requested date) and amount versus the estimate. Auto-link only
  at `AUTO_LINK_THRESHOLD` or above (the spec's 0.6).
- `price_check`: the invoice's total against the vendor's typical amount for the same category (median of their
  earlier invoices) and the portfolio's; hourly labour against the vendor's rate. Outliers are flagged for review.
- `duplicate_reason`: same vendor and number, or same vendor, amount and date within `DUPLICATE_WINDOW_DAYS`.
- `gl_code_for`: the GL account from the category and the line text (`invoices/chart_of_accounts.py`, data).
- `cross_checks`: the arithmetic (q × p = amount, lines = subtotal, subtotal + tax = total) on any extraction
  (Claude's too), for the reviewer.
"""

from __future__ import annotations

import datetime
import re
import statistics
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from invoices.chart_of_accounts import ACCOUNTS, CATEGORY_ACCOUNT, DEFAULT_ACCOUNT

AUTO_LINK_THRESHOLD = 0.6
REFERENCE_SCORE = 0.95
SIMILARITY_MAX = 0.9
CANDIDATES_KEPT = 5
MATCH_WINDOW_DAYS = 120  # work orders requested or completed this long before the invoice date are candidates
DUPLICATE_WINDOW_DAYS = 7
PRICE_VENDOR_MIN_HISTORY = 3
PRICE_PORTFOLIO_MIN_HISTORY = 5
PRICE_VENDOR_TOLERANCE = Decimal("0.10")  # more than 10% above the vendor's typical amount: flag
PRICE_PORTFOLIO_TOLERANCE = Decimal("0.25")  # more than 25% above the portfolio's typical amount: flag
CENT = Decimal("0.01")

WEIGHTS = {"vendor": 0.35, "place": 0.25, "text": 0.2, "date": 0.1, "amount": 0.1}
_WORD = re.compile(r"[a-z]{3,}")
STOPWORDS = frozenset(
    "the and for with from unit apt service services labor labour repair replace replaced install installed "
    "invoice total amount work order parts materials hours hour each call visit".split()
)


@dataclass(frozen=True, slots=True)
class WorkOrderFacts:
    id: str
    number: str
    vendor_id: str | None
    property_id: str
    property_name: str
    unit_number: str
    title: str
    description: str
    category: str
    status: str
    requested_date: datetime.date
    scheduled_date: datetime.date | None
    completed_date: datetime.date | None
    estimated_cost: Decimal | None


@dataclass(frozen=True, slots=True)
class InvoiceFacts:
    vendor_id: str | None
    invoice_date: datetime.date | None
    total: Decimal | None
    work_order_reference: str
    unit: str
    property_text: str
    text: str  # line descriptions (and anything else describing the work)


def _digits(value: str) -> str:
    return re.sub(r"\D", "", value or "").lstrip("0")


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall((text or "").lower()) if w not in STOPWORDS}


def _unit_key(value: str) -> str:
    return re.sub(r"[^a-z0-9]", "", (value or "").lower())


def score_work_order(wo: WorkOrderFacts, inv: InvoiceFacts) -> tuple[float, list[str]]:
    """(score 0..1, reasons) for one candidate."""
    ref = _digits(inv.work_order_reference)
    if ref and ref == _digits(wo.number):
        return REFERENCE_SCORE, [f"The invoice names work order {wo.number}."]
    parts: dict[str, float] = {}
    reasons: list[str] = []
    if inv.vendor_id and wo.vendor_id:
        parts["vendor"] = 1.0 if inv.vendor_id == wo.vendor_id else 0.0
        if parts["vendor"]:
            reasons.append("assigned to this vendor")
    unit = _unit_key(inv.unit)
    if unit and unit == _unit_key(wo.unit_number):
        parts["place"] = 1.0
        reasons.append(f"unit {wo.unit_number}")
    elif inv.property_text and _words(wo.property_name) and _words(wo.property_name) <= _words(inv.property_text):
        parts["place"] = 0.6
        reasons.append(f"at {wo.property_name}")
    else:
        parts["place"] = 0.0
    inv_words, wo_words = _words(inv.text), _words(f"{wo.title} {wo.description} {wo.category}")
    if inv_words and wo_words:
        overlap = len(inv_words & wo_words) / min(len(inv_words), len(wo_words))
        parts["text"] = min(1.0, overlap * 1.5)
        if parts["text"] >= 0.3:
            reasons.append("similar work described")
    else:
        parts["text"] = 0.0
    if inv.invoice_date:
        ref_date = wo.completed_date or wo.scheduled_date or wo.requested_date
        days = abs((inv.invoice_date - ref_date).days)
        parts["date"] = max(0.0, 1.0 - days / 60)
        if days <= 14:
            reasons.append(f"{days} day{'s' if days != 1 else ''} from the invoice date")
    if inv.total and wo.estimated_cost:
        ratio = float(inv.total / wo.estimated_cost) if wo.estimated_cost else 0.0
        parts["amount"] = max(0.0, 1.0 - abs(1.0 - ratio))
        if parts["amount"] >= 0.8:
            reasons.append("amount close to the estimate")
    weight = sum(WEIGHTS[k] for k in parts)
    score = sum(WEIGHTS[k] * v for k, v in parts.items()) / weight if weight else 0.0
    # similarity alone never outranks an order the invoice names
    return round(min(score, SIMILARITY_MAX), 3), reasons


def rank_work_orders(candidates: list[WorkOrderFacts], inv: InvoiceFacts) -> list[dict]:
    """The best `CANDIDATES_KEPT` candidates, best first: {"work_order", "number", "score", "reasons"}."""
    scored = []
    for wo in candidates:
        score, reasons = score_work_order(wo, inv)
        scored.append({"work_order": wo.id, "number": wo.number, "score": score, "reasons": reasons})
    scored.sort(key=lambda c: (-c["score"], c["number"]))
    return scored[:CANDIDATES_KEPT]


def auto_link(ranked: list[dict]) -> tuple[str | None, float, str]:
    """(work order id or None, confidence, reasoning) from the ranking: linked only at the threshold or above."""
    if not ranked:
        return None, 0.0, "No open or recently completed work order to match."
    best = ranked[0]
    why = "; ".join(best["reasons"]) or "weak similarity"
    if best["score"] >= AUTO_LINK_THRESHOLD:
        return best["work_order"], best["score"], f"Matched {best['number']}: {why}."
    return None, best["score"], f"No confident match (best {best['number']} at {best['score']:.0%}: {why})."


# --- price ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PriceCheck:
    validated: bool
    anomaly: bool
    details: str
    typical: Decimal | None
    pct_above: Decimal | None = None


def _work_label(label: str) -> str:
    """ "Plumbing" → "plumbing", "HVAC" stays "HVAC" (an acronym), "" → "this kind of work"."""
    if not label:
        return "this kind of work"
    return label if label.isupper() else label[0].lower() + label[1:]


def _pct(value: Decimal, base: Decimal) -> Decimal:
    return ((value - base) / base * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP)


def price_check(
    *,
    total: Decimal | None,
    category_label: str,
    vendor_history: list[Decimal],
    portfolio_history: list[Decimal],
    labour_rate: Decimal | None = None,
    vendor_hourly_rate: Decimal | None = None,
) -> PriceCheck:
    """Compares `total` with the vendor's median for the category (at least 3 earlier invoices), else the
    portfolio's (at least 5); and a labour rate on the invoice with the vendor's hourly rate."""
    if total is None or total <= 0:
        return PriceCheck(False, False, "No total to check.", None)
    notes, anomaly, typical, pct_above = [], False, None, None
    what = _work_label(category_label)
    if len(vendor_history) >= PRICE_VENDOR_MIN_HISTORY:
        typical = Decimal(statistics.median(vendor_history)).quantize(CENT)
        pct = _pct(total, typical)
        if total > typical * (1 + PRICE_VENDOR_TOLERANCE):
            anomaly, pct_above = True, pct
            notes.append(f"{pct}% above this vendor's typical amount for {what} (${typical:,.2f}).")
        else:
            notes.append(f"Within this vendor's usual range for {what} (typical ${typical:,.2f}).")
    elif len(portfolio_history) >= PRICE_PORTFOLIO_MIN_HISTORY:
        typical = Decimal(statistics.median(portfolio_history)).quantize(CENT)
        pct = _pct(total, typical)
        if total > typical * (1 + PRICE_PORTFOLIO_TOLERANCE):
            anomaly, pct_above = True, pct
            notes.append(f"{pct}% above the portfolio's typical amount for {what} (${typical:,.2f}).")
        else:
            notes.append(f"Within the portfolio's usual range for {what} (typical ${typical:,.2f}).")
    else:
        notes.append(f"Not enough history for {what} to compare prices.")
    if labour_rate and vendor_hourly_rate and labour_rate > vendor_hourly_rate * (1 + PRICE_VENDOR_TOLERANCE):
        anomaly = True
        notes.append(
            f"Labour billed at ${labour_rate:,.2f}/h; this vendor's agreed rate is ${vendor_hourly_rate:,.2f}/h."
        )
    return PriceCheck(typical is not None, anomaly, " ".join(notes), typical, pct_above)


LABOUR = re.compile(r"\b(?:labou?r|hours?|hrs?|hourly|technician|tech\s*time|man[\s-]?hours?)\b", re.IGNORECASE)


def labour_rate(lines: list[dict]) -> Decimal | None:
    """The highest unit price of a line that reads as labour by the hour."""
    rates = []
    for line in lines:
        if LABOUR.search(str(line.get("description") or "")) and line.get("unit_price") not in (None, ""):
            try:
                rates.append(Decimal(str(line["unit_price"])))
            except ArithmeticError:
                continue
    return max(rates) if rates else None


# --- duplicates --------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Prior:
    id: str
    label: str  # "INV-1 (approved)"
    vendor_id: str | None
    number: str
    total: Decimal | None
    invoice_date: datetime.date | None
    same_file: bool = False


def _norm_number(value: str) -> str:
    return re.sub(r"[^a-z0-9]", "", (value or "").lower())


def duplicate_reason(
    *,
    vendor_id: str | None,
    number: str,
    total: Decimal | None,
    invoice_date: datetime.date | None,
    priors: list[Prior],
) -> tuple[str | None, str]:
    """(the prior invoice's id, why) for the first prior that looks like the same bill; (None, "") otherwise."""
    for prior in priors:
        if prior.same_file:
            return prior.id, f"The same file was already uploaded as {prior.label}."
    for prior in priors:
        if vendor_id and prior.vendor_id == vendor_id and number and _norm_number(prior.number) == _norm_number(number):
            return prior.id, f"Same vendor and invoice number as {prior.label}."
    for prior in priors:
        if (
            vendor_id
            and prior.vendor_id == vendor_id
            and total is not None
            and prior.total == total
            and invoice_date
            and prior.invoice_date
            and abs((prior.invoice_date - invoice_date).days) <= DUPLICATE_WINDOW_DAYS
        ):
            return prior.id, (
                f"Same vendor and amount (${total:,.2f}) as {prior.label}, dated within {DUPLICATE_WINDOW_DAYS} days."
            )
    return None, ""


# --- GL coding ---------------------------------------------------------------------------------------------------


def gl_code_for(*, category: str | None, text: str) -> tuple[str, float]:
    """(account code, confidence): keywords in the line text first (the more specific), else the work order's or
    vendor's category, else the general repairs account."""
    lowered = (text or "").lower()
    best, hits = None, 0
    for account in ACCOUNTS:
        n = sum(1 for kw in account["keywords"] if re.search(rf"\b{re.escape(kw)}", lowered))
        if n > hits:
            best, hits = account, n
    by_category = CATEGORY_ACCOUNT.get(category or "")
    if best is not None and by_category and best["code"] == by_category:
        return by_category, 0.95
    if best is not None and hits >= 2:
        return best["code"], 0.8
    if by_category:
        return by_category, 0.75
    if best is not None:
        return best["code"], 0.6
    return DEFAULT_ACCOUNT, 0.3


# --- arithmetic ----------------------------------------------------------------------------------------------------


def _dec(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def cross_checks(*, lines: list[dict], subtotal, tax, total) -> list[dict]:
    checks = []
    amounts = []
    for i, line in enumerate(lines, start=1):
        q, p, a = _dec(line.get("quantity")), _dec(line.get("unit_price")), _dec(line.get("total"))
        if a is not None:
            amounts.append(a)
        if q is not None and p is not None and a is not None:
            ok = (q * p).quantize(CENT, rounding=ROUND_HALF_UP) == a.quantize(CENT)
            if not ok:
                checks.append({"check": "quantity_times_price", "ok": False, "detail": f"line {i}: {q} × {p} ≠ {a}"})
    s, t, tot = _dec(subtotal), _dec(tax), _dec(total)
    if amounts and s is not None:
        ok = sum(amounts) == s
        checks.append(
            {"check": "lines_sum_to_subtotal", "ok": ok, "detail": f"lines {sum(amounts):.2f} vs subtotal {s:.2f}"}
        )
    if s is not None and tot is not None:
        ok = s + (t or 0) == tot
        checks.append(
            {"check": "subtotal_plus_tax_is_total", "ok": ok, "detail": f"{s:.2f} + {(t or 0):.2f} vs {tot:.2f}"}
        )
    return checks
