"""The responsibility determination (PRP "AI Prompt Structure"): the seed's prompt, its exact output schema, and
the offline twin — the rules engine of responsibility.rules on the same context.

The work order's description (often the tenant's own words), the technician's notes (the vendor's) and the photo
condition notes are fenced as data. The structured context rides along as `context` (not rendered) so the
offline twin reads the same facts the prompt states.
"""

from __future__ import annotations

from core.ai import Prompt, register_offline
from responsibility import rules

RESPONSIBILITY_DETERMINATION = Prompt(
    feature="responsibility",
    name="responsibility.determination",
    version="2026-11-29.1",
    description="Owner vs tenant financial responsibility for one completed repair, with evidence and a charge.",
    max_tokens=900,
    system=(
        "You are determining financial responsibility for a maintenance repair.\n"
        "Decision framework. Owner responsible when: equipment age exceeds its warranty or lifespan (a 15-year-old "
        "water heater fails); normal wear and tear (a faucet washer worn out after 5 years); a building defect "
        "(a roof leak causing ceiling damage); code compliance (a smoke detector upgrade required); recently "
        "installed by the owner (a new appliance fails in 6 months). Tenant responsible when: visible damage "
        "caused (a hole punched in a wall); negligence evident (left a window open, pipe froze); unauthorized "
        "modification (installed an unapproved fixture); pet damage (dog chewed a door frame); excessive wear "
        "(carpet destroyed in 1 year). Shared when both an owner factor and a tenant factor carry weight.\n"
        "Determine who is financially responsible:\n"
        '1. RESPONSIBILITY: "owner" | "tenant" | "shared"\n'
        "2. CONFIDENCE: 0-100\n"
        "3. REASONING: 2-3 sentences explaining decision\n"
        "4. KEY FACTORS: List the evidence that drove your decision\n"
        "5. IF TENANT RESPONSIBLE: what specifically did the tenant do or cause; is this damage (physical_damage, "
        "pet_damage, excessive_wear), negligence, or unauthorized_modification; recommended charge amount (full "
        "cost or partial; when an item with a useful life is replaced, only the life it had left)\n"
        "6. IF SHARED: what percentage owner vs tenant, and why split; the charge is the tenant's percentage of "
        "the cost\n"
        "7. DISPUTE RISK: low | medium | high - how likely the tenant is to contest this, from our evidence "
        "strength\n"
        'A phrase that is negated ("no signs of tampering") or attributed to someone else (a neighbour\'s dog, '
        "the previous tenant, a storm) is not evidence against the tenant. Use null for tenant_charge when the "
        "owner pays, null for split unless shared, and a note (or null) for what the technician should verify."
    ),
    template=(
        "WORK ORDER:\n"
        "- Description: {description}\n"
        "- Technician notes: {tech_notes}\n"
        "- Category: {category}\n"
        "- Total cost: ${cost}\n\n"
        "UNIT CONTEXT:\n"
        "- Unit: {unit}\n"
        "- Building age: {building_age} years\n"
        "- Tenant move-in: {move_in_date}\n"
        "- Tenant duration: {tenant_duration}\n\n"
        "EQUIPMENT CONTEXT (if applicable):\n"
        "- Item: {equipment_name}\n"
        "- Installed: {install_date}\n"
        "- Age: {equipment_age} years\n"
        "- Expected lifespan: {expected_lifespan} years\n"
        "- Warranty expires: {warranty_date}\n\n"
        "PHOTO ANALYSIS (if available):\n"
        "- Damage type observed: {damage_type}\n"
        "- Wear pattern: {wear_pattern}\n"
        "- Condition notes: {condition_notes}\n\n"
        "TENANT HISTORY:\n"
        "- Previous damage charges: {damage_count}\n"
        "- Similar issues reported: {similar_issues}"
    ),
    output_schema={
        "type": "object",
        "properties": {
            "responsibility": {"enum": ["owner", "tenant", "shared"]},
            "confidence": {"type": "integer", "minimum": 0, "maximum": 100},
            "reasoning": {"type": "string", "minLength": 1, "maxLength": 1200},
            "key_factors": {"type": "array", "items": {"type": "string", "maxLength": 300}, "maxItems": 10},
            "tenant_charge": {
                "type": ["object", "null"],
                "properties": {
                    "amount": {"type": "number", "minimum": 0},
                    "description": {"type": "string", "maxLength": 200},
                    "damage_type": {
                        "enum": [
                            "physical_damage",
                            "negligence",
                            "unauthorized_modification",
                            "pet_damage",
                            "excessive_wear",
                        ]
                    },
                },
                "required": ["amount", "description", "damage_type"],
            },
            "split": {
                "type": ["object", "null"],
                "properties": {
                    "owner_percent": {"type": "integer", "minimum": 0, "maximum": 100},
                    "tenant_percent": {"type": "integer", "minimum": 0, "maximum": 100},
                },
                "required": ["owner_percent", "tenant_percent"],
            },
            "dispute_risk": {"enum": ["low", "medium", "high"]},
            "note": {"type": ["string", "null"], "maxLength": 500},
        },
        "required": ["responsibility", "confidence", "reasoning", "key_factors", "dispute_risk"],
    },
    untrusted={"description": "work_order_request", "tech_notes": "technician_notes", "condition_notes": "photo_notes"},
    trusted=("equipment_name", "tenant_duration"),
)


def prompt_inputs(
    ctx: dict, *, unit: str = "", move_in_date: str = "", install_date: str = "", warranty_date: str = ""
) -> dict:
    """The prompt's inputs from a context dict (the assess body's shape); `context` carries it for the twin."""
    eq = ctx.get("equipment") or {}
    ph = ctx.get("photo_analysis") or {}
    tn = ctx.get("tenant") or {}
    months = tn.get("months_in_unit")
    unknown = "unknown"
    return {
        "description": ctx.get("description") or "",
        "tech_notes": ctx.get("tech_notes") or "(none)",
        "category": ctx.get("category") or "general",
        "cost": f"{float(ctx.get('total_cost') or 0):,.2f}",
        "unit": unit or unknown,
        "building_age": unknown if ctx.get("building_age_years") is None else ctx["building_age_years"],
        "move_in_date": move_in_date or unknown,
        "tenant_duration": unknown if months is None else f"{months} months",
        "equipment_name": (eq.get("item") or "").replace("_", " ") or "not applicable",
        "install_date": install_date or unknown,
        "equipment_age": unknown if eq.get("age_years") is None else eq["age_years"],
        "expected_lifespan": unknown if eq.get("expected_lifespan_years") is None else eq["expected_lifespan_years"],
        "warranty_date": warranty_date
        or ({True: "active", False: "expired"}.get(eq.get("warranty_active"), unknown) if eq else unknown),
        "damage_type": ph.get("damage_type") or "not available",
        "wear_pattern": ph.get("wear_pattern") or "not available",
        "condition_notes": ph.get("condition_notes") or "",
        "damage_count": tn.get("previous_damage_charges") or 0,
        "similar_issues": tn.get("similar_issues") or 0,
        "context": ctx,
    }


@register_offline(RESPONSIBILITY_DETERMINATION)
def determination_offline(inputs, *, images, documents):
    """The rules engine (responsibility.rules) on the context the prompt was built from."""
    return rules.determine(rules.context_from(inputs["context"]))
