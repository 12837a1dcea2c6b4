"""The unit risk score of spec 2.3 and what the weekly agent predicts from it (pure: facts in, scores out; no ORM,
no clock — `today` is passed in).

The score (0-100) is the spec's five factors, each 0-1, weighted 30/20/20/20/10 and rounded to one decimal:

1. work-order frequency  min(work orders requested in the last 12 months / 8, 1)
2. cost trend            cost of the last 6 months over the 6 before, minus 1, clipped to 0..1 (0 without a
                         previous half-year's cost)
3. equipment age         mean of age / expected life, capped at 1; 0.3 without equipment on file
4. repeat issues         see below
5. seasonal              the spec's month table (HVAC risk peaks in July-August and January)

Levels: low <= 25 < medium <= 50 < high <= 75 < critical.

Where the spec is loose (docs/decisions.md, "2.3 Predictive maintenance"):
- "12 months" and "6 months" are calendar months back from `today` (work orders requested on or after that day,
  up to `today`); a work order's cost is its actual cost, else its estimate unless it was cancelled, else 0.
- Equipment age (UNITCYCLE rules) uses the unit's own equipment where it has any; the property's whole register
  (the spec's reading) only for a unit with none. Repeat issues (UNITCYCLE rules) compare the category and the
  normalised keywords of the titles ("Leaking faucet" / "Faucet leaks" / "faucet leak" are one issue; "No heat"
  counts): an issue repeats when 3 or more of the year's work orders of one category share a keyword; each
  category's most repeated issue counts its occurrences beyond the second, and 3 such occurrences make the
  factor 1 (3 times -> 0.33, 4 -> 0.67, 5 -> 1). The SPEC rules are the spec's text exactly (the property's
  register; title words longer than four letters seen 3+ times, 3 such words = 1); the benchmark runs the agent
  with them to check it against the spec's per-unit function.
"""

from __future__ import annotations

import calendar
import datetime
import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

WEIGHTS = {"wo_frequency": 30, "wo_cost": 20, "equipment_age": 20, "repeat_issue": 20, "seasonal": 10}
WO_COUNT_FOR_MAX = 8
DEFAULT_EQUIPMENT_AGE = 0.3
REPEAT_MIN_COUNT = 3
REPEATS_FOR_MAX = 3
SEASONAL = {1: 0.8, 2: 0.7, 3: 0.4, 4: 0.3, 5: 0.4, 6: 0.7, 7: 0.9, 8: 0.9, 9: 0.5, 10: 0.3, 11: 0.5, 12: 0.7}
SEASONAL_MEAN = sum(SEASONAL.values()) / 12

LOW, MEDIUM, HIGH, CRITICAL = "low", "medium", "high", "critical"
LEVELS = (LOW, MEDIUM, HIGH, CRITICAL)
LEVEL_UPPER = ((25, LOW), (50, MEDIUM), (75, HIGH))

# The suggestion for a high or critical unit: when it should happen and how urgent it is.
SUGGEST_LEVELS = (HIGH, CRITICAL)
SUGGESTION_PRIORITY = {CRITICAL: "urgent", HIGH: "high"}
SUGGESTION_LEAD_DAYS = {CRITICAL: 3, HIGH: 14}
# The work order an approved suggestion becomes: preventive work is never an emergency.
WORK_ORDER_PRIORITY = {"urgent": "high", "high": "medium", "medium": "medium", "low": "low"}
# Which trade services a piece of equipment.
EQUIPMENT_CATEGORY = {
    "hvac": "hvac",
    "boiler": "hvac",
    "water_heater": "plumbing",
    "refrigerator": "appliance",
    "dishwasher": "appliance",
    "washer": "appliance",
    "dryer": "appliance",
    "range": "appliance",
    "roof": "structural",
    "elevator": "general",
}
OVERDUE_NEXT_DAYS = 7
MONEY_MAX = Decimal("99999999.99")
CENT = Decimal("0.01")
ZERO = Decimal("0")


@dataclass(frozen=True)
class Rules:
    name: str
    equipment: str  # "unit": the unit's own equipment, else the property's; "property": the property's (spec)
    repeats: str  # "keywords": category + normalised keyword; "words": the spec's words longer than 4 letters


UNITCYCLE = Rules("unitcycle", equipment="unit", repeats="keywords")
SPEC = Rules("spec", equipment="property", repeats="words")
RULES = {r.name: r for r in (UNITCYCLE, SPEC)}


@dataclass(frozen=True)
class WorkOrderFact:
    requested: datetime.date
    category: str
    title: str
    cost: Decimal


@dataclass(frozen=True)
class EquipmentFact:
    equipment_type: str
    name: str
    age_years: float
    lifespan_years: int

    @property
    def used(self) -> float:
        return self.age_years / self.lifespan_years if self.lifespan_years else 0.0


@dataclass
class UnitFacts:
    unit_id: object
    property_id: object
    unit_number: str = ""
    work_orders: list[WorkOrderFact] = field(default_factory=list)  # the last 12 months, any order
    equipment: list[EquipmentFact] = field(default_factory=list)  # the unit's own
    property_equipment_pct: float | None = None  # mean of age * 100 / life over the property's register


@dataclass(frozen=True)
class RiskResult:
    unit_id: object
    property_id: object
    risk_score: float
    risk_level: str
    wo_frequency_score: float
    wo_cost_score: float
    equipment_age_score: float
    repeat_issue_score: float
    seasonal_score: float
    wo_count_12_months: int
    total_cost_12_months: Decimal
    avg_days_between_wo: int
    predicted_next_wo_date: datetime.date | None
    predicted_next_wo_type: str
    predicted_cost_30_days: Decimal
    predicted_cost_90_days: Decimal
    details: dict


# --- windows and costs ----------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=4096)
def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` calendar months earlier (the month's last day when it is shorter)."""
    y, m = divmod(day.year * 12 + day.month - 1 - months, 12)
    return datetime.date(y, m + 1, min(day.day, calendar.monthrange(y, m + 1)[1]))


def year_start(today: datetime.date) -> datetime.date:
    """The first request date in "the last 12 months"."""
    return months_before(today, 12)


def work_order_cost(actual: Decimal | None, estimated: Decimal | None, status: str) -> Decimal:
    """What a work order cost: the actual cost, else the estimate unless it was cancelled, else 0."""
    if actual is not None:
        return Decimal(actual)
    if estimated is not None and status != "cancelled":
        return Decimal(estimated)
    return ZERO


def risk_level(score: float) -> str:
    for upper, level in LEVEL_UPPER:
        if score <= upper:
            return level
    return CRITICAL


# --- the five factors -----------------------------------------------------------------------------------------


def wo_frequency(count_12_months: int) -> float:
    return min(count_12_months / WO_COUNT_FOR_MAX, 1.0)


def cost_trend(cost_6mo: Decimal, cost_prev_6mo: Decimal) -> float:
    if cost_prev_6mo > 0:
        trend = min(float(cost_6mo / cost_prev_6mo) - 1, 1.0)
    else:
        trend = 0
    return max(0, trend)


def equipment_age(pcts_mean: float | None) -> float:
    """From the mean of age * 100 / life (None: no equipment on file)."""
    if pcts_mean is None:
        return DEFAULT_EQUIPMENT_AGE
    return min((pcts_mean or 0) / 100, 1.0)


def equipment_pct_mean(equipment: list[EquipmentFact]) -> float | None:
    if not equipment:
        return None
    pcts = [e.age_years * 100 / e.lifespan_years for e in equipment if e.lifespan_years]
    return sum(pcts) / len(pcts) if pcts else 0


def repeat_words(titles: list[str]) -> float:
    """The spec's rule: words longer than four letters seen in 3+ titles' words, 3 such words = 1."""
    titles = [t.lower() for t in titles]
    words = [w for t in titles for w in t.split() if len(w) > 4]
    repeats = sum(1 for _, c in Counter(words).items() if c >= 3)
    return min(repeats / 3, 1.0)


STOPWORDS = frozenset(
    "a an and the of in on at to for from with by is are was not no keeps keep making unit units apt "
    "please needs need repair replace replacement check issue problem broken".split()
)
_SYNONYMS = {"leak": "leak", "leaky": "leak", "clog": "clog", "drip": "leak", "dripping": "leak"}


@functools.lru_cache(maxsize=65536)
def keywords(title: str) -> frozenset[str]:
    """A title's normalised keywords: lower-case letters, no stopwords, a light stem (leaking/leaks/leaked -> leak,
    clogged -> clog, tripping -> trip), at least 3 letters."""
    out = set()
    for word in re.findall(r"[a-z]+", title.lower()):
        if word in STOPWORDS:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if len(word) > len(suffix) + 2 and word.endswith(suffix):
                word = word[: -len(suffix)]
                break
        if len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls":  # clogg -> clog, tripp -> trip
            word = word[:-1]
        word = _SYNONYMS.get(word, word)
        if len(word) >= 3 and word not in STOPWORDS:
            out.add(word)
    return frozenset(out)


def repeated_issues(work_orders: list[WorkOrderFact]) -> list[dict]:
    """Each category's most repeated issue seen REPEAT_MIN_COUNT+ times: [{category, keyword, count, title}] (the
    keyword's most frequent title), most first."""
    counts: dict[str, Counter] = defaultdict(Counter)
    titles: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for wo in work_orders:
        for word in keywords(wo.title):
            counts[wo.category][word] += 1
            titles[wo.category, word][wo.title] += 1
    issues = []
    for category, words in counts.items():
        keyword, count = min(words.items(), key=lambda kv: (-kv[1], kv[0]))
        if count >= REPEAT_MIN_COUNT:
            title = min(titles[category, keyword].items(), key=lambda kv: (-kv[1], kv[0]))[0]
            issues.append({"category": category, "keyword": keyword, "count": count, "title": title})
    return sorted(issues, key=lambda i: (-i["count"], i["category"]))


def repeat_keywords(issues: list[dict]) -> float:
    return min(sum(i["count"] - (REPEAT_MIN_COUNT - 1) for i in issues) / REPEATS_FOR_MAX, 1.0)


def seasonal(month: int) -> float:
    return SEASONAL.get(month, 0.5)


def combine(wo_freq: float, cost: float, equip: float, repeat: float, season: float) -> float:
    """The spec's weighted sum, in its order of operations, capped at 100 and rounded to one decimal."""
    score = wo_freq * 30 + cost * 20 + equip * 20 + repeat * 20 + season * 10
    return round(min(score, 100), 1)


# --- predictions ----------------------------------------------------------------------------------------------


def _money(value) -> Decimal:
    return min(max(Decimal(value), ZERO), MONEY_MAX).quantize(CENT, rounding=ROUND_HALF_UP)


def category_season(category: str, month: int) -> float:
    """How much more (or less) likely a category's work is in `month` than on average: HVAC follows the seasonal
    table, the other trades are flat."""
    return SEASONAL[month] / SEASONAL_MEAN if category == "hvac" else 1.0


def predictions(work_orders: list[WorkOrderFact], *, today: datetime.date, category_costs: dict[str, Decimal]) -> dict:
    """Next likely work order and expected cost, from the unit's last 12 months:

    - interval: the mean gap between consecutive requests (2+ orders), else a year (1 order); none without orders;
    - next date: the last request + the interval; if that is past, within OVERDUE_NEXT_DAYS of today;
    - next type: the category with most orders, each weighted by its seasonality in the next date's month (HVAC in
      July counts 1.5 times); ties to the latest request;
    - expected cost over N days: per category, its yearly rate (orders / 365 a day) x N x its mean cost (the
      unit's own, else the portfolio's for that category, `category_costs`) x its seasonality N/2 days ahead.
    """
    dates = sorted(wo.requested for wo in work_orders)
    n = len(dates)
    out = {"avg_days_between_wo": 0, "next_date": None, "next_type": "", "cost_30": ZERO, "cost_90": ZERO}
    if not n:
        return out
    if n >= 2:
        gaps = [(b - a).days for a, b in zip(dates, dates[1:], strict=False)]
        interval = sum(gaps) / len(gaps)
        out["avg_days_between_wo"] = round(interval)
    else:
        interval = 365
    next_date = dates[-1] + datetime.timedelta(days=max(1, round(interval)))
    if next_date <= today:
        next_date = today + datetime.timedelta(days=OVERDUE_NEXT_DAYS)
    out["next_date"] = next_date
    by_cat: dict[str, list[WorkOrderFact]] = defaultdict(list)
    for wo in work_orders:
        by_cat[wo.category].append(wo)
    out["next_type"] = max(
        by_cat,
        key=lambda c: (len(by_cat[c]) * category_season(c, next_date.month), max(w.requested for w in by_cat[c]), c),
    )
    for days, key in ((30, "cost_30"), (90, "cost_90")):
        month = (today + datetime.timedelta(days=days // 2)).month
        total = ZERO
        for category, orders in by_cat.items():
            costs = [w.cost for w in orders if w.cost > 0]
            mean = sum(costs, ZERO) / len(costs) if costs else Decimal(category_costs.get(category, ZERO))
            rate = Decimal(len(orders)) / 365
            total += rate * days * mean * Decimal(str(round(category_season(category, month), 4)))
        out[key] = _money(total)
    return out


def _equipment_detail(e: EquipmentFact) -> dict:
    return {
        "type": e.equipment_type,
        "name": e.name,
        "used_pct": round(e.used * 100),
        "lifespan_years": e.lifespan_years,
    }


# --- one unit -------------------------------------------------------------------------------------------------


def score_unit(
    facts: UnitFacts,
    *,
    today: datetime.date,
    rules: Rules = UNITCYCLE,
    category_costs: dict[str, Decimal] | None = None,
) -> RiskResult:
    """The unit's score, level, factors and predictions on `today`. `facts.work_orders` may hold older or later
    orders: only those requested in the last 12 months up to `today` count."""
    start, half = year_start(today), months_before(today, 6)
    orders = [wo for wo in facts.work_orders if start <= wo.requested <= today]
    cost_12 = sum((wo.cost for wo in orders), ZERO)
    cost_6 = sum((wo.cost for wo in orders if wo.requested >= half), ZERO)
    f_freq = wo_frequency(len(orders))
    f_cost = cost_trend(cost_6, cost_12 - cost_6)

    own = facts.equipment if rules.equipment == "unit" else []
    pct_mean = equipment_pct_mean(own) if own else facts.property_equipment_pct
    f_equip = equipment_age(pct_mean)

    issues = repeated_issues(orders)
    f_repeat = repeat_keywords(issues) if rules.repeats == "keywords" else repeat_words([wo.title for wo in orders])
    f_season = seasonal(today.month)
    score = combine(f_freq, f_cost, f_equip, f_repeat, f_season)

    pred = predictions(orders, today=today, category_costs=category_costs or {})
    oldest = max(own, key=lambda e: (e.used, e.name)) if own else None
    details = {
        "rules": rules.name,
        "categories": dict(sorted(Counter(wo.category for wo in orders).items())),
        "repeat_issues": issues,
        "equipment_source": "unit" if own else ("property" if pct_mean is not None else "none"),
        "equipment_used_pct": None if pct_mean is None else round(pct_mean, 1),
        "oldest_equipment": None if oldest is None else _equipment_detail(oldest),
        "equipment": [_equipment_detail(e) for e in sorted(own, key=lambda e: (-e.used, e.name))],
        "cost_6_months": str(cost_6),
        "cost_prev_6_months": str(cost_12 - cost_6),
        "month": today.month,
    }
    return RiskResult(
        unit_id=facts.unit_id,
        property_id=facts.property_id,
        risk_score=score,
        risk_level=risk_level(score),
        wo_frequency_score=round(f_freq, 4),
        wo_cost_score=round(f_cost, 4),
        equipment_age_score=round(f_equip, 4),
        repeat_issue_score=round(f_repeat, 4),
        seasonal_score=f_season,
        wo_count_12_months=len(orders),
        total_cost_12_months=_money(cost_12),
        avg_days_between_wo=pred["avg_days_between_wo"],
        predicted_next_wo_date=pred["next_date"],
        predicted_next_wo_type=pred["next_type"],
        predicted_cost_30_days=pred["cost_30"],
        predicted_cost_90_days=pred["cost_90"],
        details=details,
    )


# --- the suggestion for a high or critical unit --------------------------------------------------------------


def factor_points(result: RiskResult) -> dict[str, float]:
    """Each factor's points in the score (factor x weight)."""
    return {
        "wo_frequency": result.wo_frequency_score * WEIGHTS["wo_frequency"],
        "wo_cost": result.wo_cost_score * WEIGHTS["wo_cost"],
        "equipment_age": result.equipment_age_score * WEIGHTS["equipment_age"],
        "repeat_issue": result.repeat_issue_score * WEIGHTS["repeat_issue"],
        "seasonal": result.seasonal_score * WEIGHTS["seasonal"],
    }


def suggestion_plan(
    result: RiskResult, *, today: datetime.date, category_costs: dict[str, Decimal] | None = None
) -> dict | None:
    """What to propose for a high or critical unit (None below high): the category the strongest unit-specific
    factor points at (a repeated issue's category; the oldest equipment's trade when equipment age leads; else
    the predicted next type; else general), priority (critical -> urgent, high -> high), a date (critical: in 3
    days, high: in 14) and an estimated cost (the category's mean cost in the portfolio, else the 90-day
    expected cost)."""
    if result.risk_level not in SUGGEST_LEVELS:
        return None
    points = factor_points(result)
    details = result.details
    category = ""
    if details.get("repeat_issues") and points["repeat_issue"] >= points["equipment_age"]:
        category = details["repeat_issues"][0]["category"]
    elif details.get("oldest_equipment") and points["equipment_age"] >= 10:
        category = EQUIPMENT_CATEGORY.get(details["oldest_equipment"]["type"], "general")
    category = category or result.predicted_next_wo_type or "general"
    cost = (category_costs or {}).get(category) or result.predicted_cost_90_days
    return {
        "category": category,
        "priority": SUGGESTION_PRIORITY[result.risk_level],
        "suggested_date": today + datetime.timedelta(days=SUGGESTION_LEAD_DAYS[result.risk_level]),
        "estimated_cost": _money(cost or ZERO),
        "main_factor": max(points, key=lambda k: (points[k], k)),
    }
