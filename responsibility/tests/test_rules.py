"""The rules engine (responsibility.rules): the seed's four examples exactly, one test per framework row, negation
and attribution, confidence and dispute risk, charges with depreciation and splits, and the labelled set."""

import pytest

from responsibility.rules import OWNER_ROWS, TENANT_ROWS, context_from, determine
from responsibility.tests.cases import DEV, HELDOUT

TENANT = {"months_in_unit": 24, "previous_damage_charges": 0, "similar_issues": 0}


def ask(
    description, tech_notes="", *, category="general", cost=300, building=15, equipment=None, photo=None, tenant=None
):
    return determine(
        context_from(
            {
                "description": description,
                "tech_notes": tech_notes,
                "category": category,
                "total_cost": cost,
                "building_age_years": building,
                "equipment": equipment,
                "photo_analysis": photo,
                "tenant": {**TENANT, **(tenant or {})},
            }
        )
    )


def eq(item, age, life, warranty=False):
    return {"item": item, "age_years": age, "expected_lifespan_years": life, "warranty_active": warranty}


# --- the seed's four classification examples --------------------------------------------------------------------


def test_example_1_clear_owner_equipment_age():
    r = ask(
        "Water heater leaking, needs replacement", category="plumbing", cost=1400, equipment=eq("water_heater", 14, 12)
    )
    assert (r["responsibility"], r["confidence"], r["dispute_risk"]) == ("owner", 95, "low")
    assert r["tenant_charge"] is None and r["split"] is None
    assert "Equipment age (14 years) exceeds expected lifespan (12 years)" in r["key_factors"]
    assert "Warranty long expired" in r["key_factors"] and "No evidence of tenant misuse" in r["key_factors"]
    assert "normal end-of-life" in r["reasoning"]


def test_example_2_clear_tenant_damage():
    r = ask(
        "Hole in bedroom wall, approximately 6 inches",
        cost=150,
        photo={"damage_type": "impact", "wear_pattern": "", "condition_notes": "Fist-sized hole"},
    )
    assert (r["responsibility"], r["confidence"], r["dispute_risk"]) == ("tenant", 95, "low")
    assert r["tenant_charge"] == {
        "amount": 150.0,
        "description": "Drywall repair - impact damage",
        "damage_type": "physical_damage",
    }
    assert "Impact damage visible in photos" in r["key_factors"] and "Not wear-related" in r["key_factors"]


def test_example_3_shared_partial_negligence():
    r = ask(
        "Frozen pipe burst in bathroom",
        "Tenant reported being away for the holidays, heat set low.",
        category="plumbing",
        cost=600,
        building=40,
    )
    assert (r["responsibility"], r["confidence"], r["dispute_risk"]) == ("shared", 70, "medium")
    assert r["split"] == {"owner_percent": 70, "tenant_percent": 30}
    assert r["tenant_charge"] == {
        "amount": 180.0,
        "description": "Partial responsibility - frozen pipe (30% of $600)",
        "damage_type": "negligence",
    }
    assert "Building is 40 years old (owner factor)" in r["key_factors"]
    assert "Heat set low (negligence factor)" in r["key_factors"]


def test_example_4_needs_more_info():
    r = ask("Smoke detector not working", category="electrical", cost=45)
    assert (r["responsibility"], r["confidence"], r["dispute_risk"]) == ("owner", 60, "low")
    assert r["note"] == "Recommend tech verify if batteries were removed or device tampered with"
    assert "shifts" in r["reasoning"]


# --- one test per framework row ---------------------------------------------------------------------------------

ROW_CASES = {
    # owner
    "equipment_age": dict(
        description="Furnace not heating",
        tech_notes="Heat exchanger failed.",
        category="hvac",
        equipment=eq("hvac", 17, 15),
    ),
    "normal_wear": dict(
        description="Faucet dripping",
        tech_notes="Faucet washer worn out after 5 years of use.",
        category="plumbing",
        tenant={"months_in_unit": 60},
    ),
    "building_defect": dict(
        description="Ceiling damage in living room",
        tech_notes="Roof leak causing ceiling damage; flashing repaired.",
        category="structural",
    ),
    "code_compliance": dict(
        description="Smoke detector upgrade required",
        tech_notes="Code now requires interconnected detectors; upgraded.",
        category="electrical",
    ),
    "recently_installed": dict(
        description="New refrigerator not cooling",
        tech_notes="Compressor quit.",
        category="appliance",
        equipment=eq("refrigerator", 0.5, 10, True),
    ),
    "external_cause": dict(
        description="Window broken", tech_notes="Hail storm broke windows across the building.", category="general"
    ),
    # tenant
    "visible_damage": dict(description="Hole punched in wall", tech_notes="Drywall patched and painted."),
    "negligence": dict(
        description="Pipe froze under the sink",
        tech_notes="Tenant left the window open overnight.",
        category="plumbing",
        building=5,
    ),
    "unauthorized_modification": dict(
        description="Light fixture sparking",
        tech_notes="Tenant installed an unapproved fixture; restored the original.",
        category="electrical",
    ),
    "pet_damage": dict(description="Door frame damaged", tech_notes="Dog chewed the door frame."),
    "excessive_wear": dict(
        description="Carpet destroyed",
        tech_notes="Carpet new at move-in, destroyed in 1 year.",
        category="flooring",
        tenant={"months_in_unit": 12},
    ),
}


@pytest.mark.parametrize("row", OWNER_ROWS + TENANT_ROWS)
def test_each_framework_row_decides_its_side(row):
    r = ask(**ROW_CASES[row])
    assert r["responsibility"] == ("owner" if row in OWNER_ROWS else "tenant"), r
    if row in TENANT_ROWS:
        assert (
            r["tenant_charge"]["damage_type"]
            == {
                "visible_damage": "physical_damage",
                "negligence": "negligence",
                "unauthorized_modification": "unauthorized_modification",
                "pet_damage": "pet_damage",
                "excessive_wear": "excessive_wear",
            }[row]
        )
    assert r["confidence"] >= 60 and r["reasoning"] and r["key_factors"]


def test_shared_when_both_sides_carry_weight():
    r = ask(
        "Subfloor rotted",
        "Slow leak at the wax ring; tenant saw water for weeks and did not report it.",
        category="plumbing",
        cost=1000,
    )
    assert r["responsibility"] == "shared"
    pct = r["split"]["tenant_percent"]
    assert r["split"]["owner_percent"] + pct == 100 and 10 <= pct <= 70
    assert r["tenant_charge"]["amount"] == pytest.approx(1000 * pct / 100)


# --- negation and attribution -----------------------------------------------------------------------------------


def test_negated_tampering_is_not_evidence_and_clears_the_note():
    r = ask("Smoke detector not working", "No signs of tampering; batteries were in place.", category="electrical")
    assert r["responsibility"] == "owner" and r["note"] is None and r["confidence"] > 60


def test_tampering_stated_moves_a_safety_device_to_the_tenant():
    r = ask(
        "Smoke detector not working",
        "Tenant removed the batteries and disconnected the detector.",
        category="electrical",
    )
    assert r["responsibility"] == "tenant" and r["tenant_charge"]["damage_type"] == "negligence"


def test_the_neighbours_dog_is_not_the_tenants_pet():
    r = ask("Door frame chewed", "Tenant reports the neighbour's dog got in and chewed the frame.")
    assert r["responsibility"] == "owner"
    assert "Caused by a third party, not the tenant's household" in r["key_factors"]
    assert ask("Door frame chewed", "The tenant's dog chewed the frame.")["responsibility"] == "tenant"


def test_the_previous_tenant_and_the_move_in_record():
    assert ask("Burn mark on carpet", "Left by the previous tenant; noted at move-in.")["responsibility"] == "owner"
    r = ask("Burn mark on carpet", "Not noted at move-in; tenant admitted a candle tipped over.")
    assert r["responsibility"] == "tenant"


def test_no_pets_and_no_misuse_are_negations():
    assert ask("Scratches on door", "Tenant has no pets. No misuse found; hinge worn.")["responsibility"] == "owner"


def test_not_working_is_a_symptom_not_a_negation():
    r = ask("Disposal not working", "Jammed by a spoon; cleared.", category="appliance")
    assert r["responsibility"] == "tenant"


def test_beyond_normal_wear_is_not_normal_wear():
    r = ask(
        "Carpet stained", "Heavily stained, beyond normal wear.", category="flooring", tenant={"months_in_unit": 14}
    )
    assert r["responsibility"] == "tenant" and r["tenant_charge"]["damage_type"] == "excessive_wear"


def test_heavy_wear_after_a_long_tenancy_is_normal():
    r = ask(
        "Carpet worn and matted", "Carpet matted in traffic paths.", category="flooring", tenant={"months_in_unit": 96}
    )
    assert r["responsibility"] == "owner"


# --- charges ----------------------------------------------------------------------------------------------------


def test_a_replaced_item_is_charged_for_the_life_it_had_left():
    # carpet: 10-year life (units.useful_life); 3 years old -> 70% of $2,000
    r = ask("Carpet stained", "Pet urine throughout; carpet is 3 years old, replaced.", category="flooring", cost=2000)
    assert r["responsibility"] == "tenant"
    assert r["tenant_charge"]["amount"] == 1400.0
    assert "prorated: 7 of 10 years" in r["tenant_charge"]["description"]


def test_equipment_age_drives_the_depreciation():
    r = ask(
        "Oven door glass shattered",
        "Tenant slammed the door; replaced the range.",
        category="appliance",
        cost=1500,
        equipment=eq("range", 12, 15),
    )
    assert r["responsibility"] == "tenant" and r["tenant_charge"]["amount"] == 300.0  # 3 of 15 years left


def test_unauthorized_modification_is_charged_in_full():
    r = ask("Walls painted black", "Tenant painted without permission; repainted.", category="painting", cost=800)
    assert r["tenant_charge"]["amount"] == 800.0


def test_no_cause_defaults_to_the_owner_with_a_note():
    r = ask("Heater not working", "", category="hvac")
    assert r["responsibility"] == "owner" and r["confidence"] <= 60 and "No cause is stated" in r["note"]


def test_thin_evidence_means_a_higher_dispute_risk():
    strong = ask(
        "Hole punched in wall",
        "Tenant admitted punching it.",
        photo={"damage_type": "impact", "wear_pattern": "", "condition_notes": ""},
    )
    thin = ask("Blinds bent", "Several slats bent.")
    denied = ask("Hole in the wall", "Tenant denies causing it.")
    assert strong["dispute_risk"] == "low"
    assert thin["dispute_risk"] in ("medium", "high") and denied["dispute_risk"] == "high"


def test_output_always_has_every_field():
    r = ask("Anything", "")
    assert set(r) == {
        "responsibility",
        "confidence",
        "reasoning",
        "key_factors",
        "tenant_charge",
        "split",
        "dispute_risk",
        "note",
    }


# --- the labelled set -------------------------------------------------------------------------------------------


def _case_ctx(c):
    d, n, cat, cost, b, e, ph, m, pdc, sim, _ = c
    return context_from(
        {
            "description": d,
            "tech_notes": n,
            "category": cat,
            "total_cost": cost,
            "building_age_years": b,
            "equipment": None if not e else eq(*e),
            "photo_analysis": None
            if not ph
            else dict(zip(("damage_type", "wear_pattern", "condition_notes"), ph, strict=True)),
            "tenant": {"months_in_unit": m, "previous_damage_charges": pdc, "similar_issues": sim},
        }
    )


def accuracy(cases) -> float:
    return sum(determine(_case_ctx(c))["responsibility"] == c[-1] for c in cases) / len(cases)


def test_the_development_set_is_all_right():
    assert accuracy(DEV) == 1.0


def test_the_held_out_set_clears_the_prp_target():
    assert accuracy(HELDOUT) >= 0.85  # PRP: >85% match with the coordinator's judgment
