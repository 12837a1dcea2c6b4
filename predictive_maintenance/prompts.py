"""The preventive work-order suggestion prompt (spec 2.3: "AI-generated suggestion") and its offline twin.

Inputs are the unit's real factor values and history, already worded ("4 HVAC work orders in 12 months", "92% of
its 15-year life", "$1,240.00"), so Claude and the template say the same numbers. Work-order titles can be typed
by residents: they arrive fenced as data. The offline twin writes the title, description and reasoning from those
facts; where the facts cannot say (no equipment on file, no history), it says the point needs review instead of
guessing.
"""

from __future__ import annotations

from core.ai import Prompt, register_offline

PREVENTIVE_SUGGESTION = Prompt(
    feature="predictive_maintenance",
    name="predictive_maintenance.preventive_suggestion",
    version="2026-11-29",
    description="Title, description and reasoning of a preventive work order for a high- or critical-risk unit.",
    max_tokens=800,
    system=(
        "You write preventive maintenance work orders for a residential property manager. From the unit's risk "
        "factors and work-order history, write: `title` (at most 80 characters, names the trade and the unit), "
        "`description` (2-4 sentences: what the technician should inspect or service, in plain words) and "
        "`reasoning` (1-3 sentences naming the real factors that drove the risk, with their numbers exactly as "
        "given). Never invent figures, equipment, dates or history; if a factor is unknown say it needs review. "
        "Plain text, no Markdown."
    ),
    template=(
        "Unit: {unit_number}, {property_name}\n"
        "Risk: {risk_score} of 100 ({risk_level})\n"
        "Trade: {category_label}\n"
        "Suggested date: {suggested_date}\n"
        "Estimated cost: {estimated_cost}\n"
        "Factors:\n{factor_lines}\n"
        "Recent work-order titles (last 12 months):\n{recent_titles}"
    ),
    output_schema={
        "type": "object",
        "properties": {
            "title": {"type": "string", "minLength": 5, "maxLength": 200},
            "description": {"type": "string", "minLength": 20, "maxLength": 4000},
            "reasoning": {"type": "string", "minLength": 10, "maxLength": 4000},
        },
        "required": ["title", "description", "reasoning"],
    },
    untrusted={"recent_titles": "work_order_titles"},
    trusted=("property_name",),
)

NEEDS_REVIEW = "needs review"
MONTHS = ("January February March April May June July August September October November December").split()
CATEGORY_LABELS = {
    "hvac": "HVAC",
    "plumbing": "plumbing",
    "electrical": "electrical",
    "appliance": "appliance",
    "structural": "structural",
    "pest": "pest control",
    "cleaning": "cleaning",
    "painting": "painting",
    "flooring": "flooring",
    "locks_security": "locks / security",
    "general": "general maintenance",
    "turnover": "make-ready",
}
_SERVICE = {
    "hvac": "Inspect and service the HVAC system: filters, coils, refrigerant charge, condensate line, thermostat "
    "and blower.",
    "plumbing": "Inspect the plumbing: water heater (anode, pressure relief valve, sediment flush), supply lines, "
    "fixtures and drains.",
    "appliance": "Inspect the appliances: seals, drains, coils and controls; note any unit near the end of its life.",
    "electrical": "Inspect the electrical panel, breakers, outlets and GFCI protection; look for overloaded circuits.",
    "structural": "Inspect the roof, walls and openings for water intrusion and damage.",
    "pest": "Inspect for pest activity and entry points; treat and seal as needed.",
}


def category_label(category: str) -> str:
    return CATEGORY_LABELS.get(category, category.replace("_", " "))


def factor_sentences(facts: dict) -> list[str]:
    """The factors as short phrases (the reasoning's parts and Claude's input): only what the facts say."""
    parts = []
    count = facts.get("wo_count_12_months", 0)
    cats = facts.get("categories") or {}
    main = facts.get("category")
    in_main = cats.get(main, 0)
    if count:
        if in_main and in_main != count:
            parts.append(
                f"{in_main} {category_label(main)} work order{'s' if in_main != 1 else ''} in 12 months "
                f"({count} in all)"
            )
        else:
            parts.append(f"{count} work order{'s' if count != 1 else ''} in 12 months")
    else:
        parts.append("no work orders in 12 months")
    for issue in facts.get("repeat_issues") or []:
        parts.append(f"'{issue['title']}' ({category_label(issue['category'])}) {issue['count']} times")
    eq = facts.get("oldest_equipment")
    if eq:
        parts.append(f"{eq['name']} at {eq['used_pct']}% of its {eq['lifespan_years']}-year life")
    elif facts.get("equipment_source") == "property" and facts.get("equipment_used_pct") is not None:
        parts.append(f"the property's equipment at {facts['equipment_used_pct']:.0f}% of its life on average")
    else:
        parts.append(f"equipment age unknown (none on file): {NEEDS_REVIEW}")
    if facts.get("cost_trend_pct"):
        parts.append(f"costs up {facts['cost_trend_pct']}% on the previous 6 months")
    if facts.get("seasonal_score", 0) >= 0.7:
        parts.append(f"{MONTHS[facts['month'] - 1]} peak")
    return parts


def suggestion_inputs(*, facts: dict) -> dict:
    """The prompt's inputs from the unit's facts (see services.suggestions: numbers already worded)."""
    return {
        "unit_number": facts["unit_number"],
        "property_name": facts["property_name"],
        "risk_score": facts["risk_score"],
        "risk_level": facts["risk_level"],
        "category": facts["category"],
        "category_label": category_label(facts["category"]),
        "suggested_date": facts["suggested_date"],
        "estimated_cost": facts["estimated_cost"],
        "factor_lines": "\n".join(f"- {p}" for p in factor_sentences(facts)),
        "factors": factor_sentences(facts),
        "recent_titles": "\n".join(facts.get("recent_titles") or []) or "(none)",
        "priority": facts["priority"],
    }


@register_offline(PREVENTIVE_SUGGESTION)
def preventive_suggestion_offline(inputs, *, images, documents):
    label = inputs["category_label"]
    unit = inputs["unit_number"]
    urgent = inputs.get("priority") == "urgent"
    title = f"Preventive {label} service: unit {unit}"
    service = _SERVICE.get(inputs["category"], f"Inspect the unit's {label} items and fix what is wearing out.")
    when = "within 3 days" if urgent else "within two weeks"
    description = (
        f"{service} Risk score {inputs['risk_score']} ({inputs['risk_level']}): schedule {when}, by "
        f"{inputs['suggested_date']}. Estimated cost {inputs['estimated_cost']}."
    )
    factors = inputs.get("factors") or []
    reasoning = "; ".join(factors) + "." if factors else f"No factor detail on file: {NEEDS_REVIEW}."
    reasoning = reasoning[0].upper() + reasoning[1:]
    return {"title": title[:200], "description": description, "reasoning": reasoning}
