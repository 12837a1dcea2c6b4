"""Who pays for a repair: the decision framework of the PRP "Tenant vs Owner Responsibility" as rules. Pure: facts
in, a determination out; no Django, no clock.

The evidence is read from the work order's description, the technician's notes and the photo analysis, clause by
clause, with negation ("no signs of tampering", "tenant has no pets") and attribution ("the neighbour's dog",
"the previous tenant", "the hail storm") handled: a tenant-fault phrase that is negated, or whose clause names
someone else as the cause, does not count against the tenant (a third party's or a pre-existing cause counts for
the owner instead). Each phrase belongs to one row of the framework and carries a weight (how strongly it points
one way); the facts (equipment age against its lifespan and warranty, the building's age, the tenancy length,
the unit's history) add rows of their own.

    owner rows:  equipment_age, normal_wear, building_defect, code_compliance, recently_installed, external_cause
    tenant rows: visible_damage, negligence, unauthorized_modification, pet_damage, excessive_wear

Decision (O, T = the owner's and the tenant's summed weights; a row counts once, at its strongest phrase, plus a
little for each further source that agrees):

- T below 2.5 (nothing more than a weak hint of tenant fault): owner — the landlord's duty to repair is the default.
- the owner's weight below 2: tenant.
- both carry weight: the tenant's share T / (O + T); at most 25% -> owner, at least 75% -> tenant, in between ->
  shared, the percentages rounded half-up to the nearest 10.

Confidence: one side alone, 55 + 8 per unit of weight (at most 95), less 12 per unit the other side carries, less
15 when a safety device failed and nobody said whether it was tampered with; shared, 55 + 2 per unit of the two
sides together (at most 70). Dispute risk: an owner decision is low; a tenant charge is low with strong evidence
from two sources (or the tenant's admission) and nothing against it, high with thin or contested evidence, else
medium; a split is medium (high when the tenant contests).

Charges: the cost (the tenant's percentage of it when shared); when an item with a useful life (units.useful_life)
is replaced for damage, pet damage or excessive wear, only the life it had left (its age from the equipment, the
notes, or at least the tenancy). Restoring an unauthorized modification or repairing negligence is charged in full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from units.useful_life import LIFE_TABLE, cents, depreciated_amount

OWNER, TENANT, SHARED = "owner", "tenant", "shared"
OWNER_ROWS = (
    "equipment_age",
    "normal_wear",
    "building_defect",
    "code_compliance",
    "recently_installed",
    "external_cause",
)
TENANT_ROWS = ("visible_damage", "negligence", "unauthorized_modification", "pet_damage", "excessive_wear")
DAMAGE_TYPES = {
    "visible_damage": "physical_damage",
    "negligence": "negligence",
    "unauthorized_modification": "unauthorized_modification",
    "pet_damage": "pet_damage",
    "excessive_wear": "excessive_wear",
}
DAMAGE_LABELS = {
    "physical_damage": "impact damage",
    "negligence": "negligence",
    "unauthorized_modification": "unauthorized modification",
    "pet_damage": "pet damage",
    "excessive_wear": "excessive wear",
}
TENANT_MIN = 2.5  # below this, tenant evidence is a hint, not a reason to charge
OWNER_MIN = 2.0
SHARE_OWNER_MAX = 0.25  # a tenant share at most this -> owner
SHARE_TENANT_MIN = 0.75  # at least this -> tenant
ZERO = Decimal("0.00")


# --- facts in -----------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class EquipmentFacts:
    item: str = ""
    age_years: Decimal | None = None
    expected_lifespan_years: Decimal | None = None
    warranty_active: bool | None = None


@dataclass(frozen=True, slots=True)
class PhotoFacts:
    damage_type: str = ""
    wear_pattern: str = ""
    condition_notes: str = ""


@dataclass(frozen=True, slots=True)
class TenantFacts:
    months_in_unit: int | None = None
    previous_damage_charges: int = 0
    similar_issues: int = 0


@dataclass(frozen=True, slots=True)
class Context:
    description: str = ""
    tech_notes: str = ""
    category: str = "general"
    total_cost: Decimal = ZERO
    building_age_years: int | None = None
    equipment: EquipmentFacts | None = None
    photo: PhotoFacts | None = None
    tenant: TenantFacts = field(default_factory=TenantFacts)


@dataclass(slots=True)
class Factor:
    side: str
    row: str
    weight: float
    text: str
    source: str
    agent: bool = False  # the clause names the tenant's household as the one who did it


# --- reading the text ---------------------------------------------------------------------------------------------

_WS = re.compile(r"\s+")
_CLAUSE_SPLIT = re.compile(r"[.!?;\n]+|\s+(?:but|however|although|though|whereas|yet)\s+|,\s*(?:but|however)\s+")
_NEG_CUE = re.compile(
    r"\b(?:no|not|never|without|none|nothing|neither|nor|free of|ruled out|rather than|instead of|unrelated to|"
    r"beyond|isn't|wasn't|weren't|doesn't|didn't|don't|hasn't|haven't|cannot|can't|denies|denied)\b"
)
# "not working", "not cooling": a symptom, not a negation of what follows it
_SYMPTOM = re.compile(
    r"\s*(?:\w+ing|work|cool|heat|drain|start|light|close|latch|lock|open|flush|spin|turn on|respond|reset)\b"
)
_SCOPE_BREAK = re.compile(
    r",(?!\s*(?:or|nor|and no)\b)|\b(?:because|since|so|after|which|caused|due|when|then|from the|as the)\b|"
    r"\b(?:and|or)\s+(?:the|tenant|resident|a|an|he|she|they|we|it|tech|i|his|her|their)\b"
)
_POST_NEG = re.compile(
    r"^[^,]{0,30}?\b(?:(?:was|were|is|are|has been|have been)\s+)?(?:ruled out|not (?:found|observed|present|seen|"
    r"evident|visible|the cause|involved|related|a factor)|unlikely|excluded|absent)\b"
)
_THIRD_PARTY = re.compile(
    r"\b(?:neighbou?r(?:'s|s)?|stray|wild animal|raccoons?|squirrels?|birds?|upstairs|unit above|adjacent unit|"
    r"next door|storm|hail|lightning|windstorm|high winds?|tornado|hurricane|earthquake|heavy rain|"
    r"break-?in|burglar\w*|intruders?|vandal\w*|police report|contractor'?s?|landscap\w*|our vendor|"
    r"(?:the )?vendor's|installer|delivery (?:driver|crew)|movers? hired by the owner|city crew|utility|"
    r"power surge)\b"
)
_PRE_EXISTING = re.compile(
    r"\b(?:pre-?existing|(?:previous|prior|former|last) (?:tenants?|residents?|occupants?)|before (?:the )?"
    r"(?:tenant|resident|they) moved in|before move-?in|(?:noted|documented|recorded|listed|existed|present|"
    r"photographed|shown|on file)\b[^.;]{0,30}\bmove-?in)"
)
_TENANT_AGENT = re.compile(
    r"\b(?:tenant|tenants|resident|occupant|their|his|her|tenant's|resident's)\b|\b(?:my|our) (?:son|daughter|"
    r"kids?|child|guest|dog|cat)\b"
)
_ADMITS = re.compile(r"\b(?:admit(?:s|ted)?|confirm(?:s|ed)? (?:that )?(?:he|she|they) |acknowledg\w+)\b")
_DENIES = re.compile(r"\b(?:tenant|resident) (?:denies|denied|disputes|disputed|says it was not|claims it was not)\b")
_HEARSAY = re.compile(r"\b(?:tenant|resident) (?:says|said|claims|claimed|states|stated|reports|reported)\b")


def _norm(text: str) -> str:
    text = (text or "").replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    return _WS.sub(" ", text.lower()).strip()


def clauses(text: str) -> list[str]:
    return [c.strip(" ,") for c in _CLAUSE_SPLIT.split(_norm(text)) if c and c.strip(" ,")]


def negated(clause: str, start: int, end: int) -> bool:
    """Whether the phrase at clause[start:end] is negated: a cue shortly before it with no break between (a cue
    naming a symptom, "not working", negates only that), or a denial right after it ("... was ruled out")."""
    before = clause[:start]
    for cue in _NEG_CUE.finditer(before):
        between = before[cue.end() :]
        if len(between.split()) > 6 or _SCOPE_BREAK.search(between):
            continue
        if cue.group(0) in ("not", "isn't", "wasn't", "doesn't", "didn't") and _SYMPTOM.match(between):
            continue
        if cue.group(0) in ("denies", "denied"):  # the tenant's word against the finding: not a negation
            continue
        return True
    return bool(_POST_NEG.match(clause[end:]))


@dataclass(frozen=True, slots=True)
class Rule:
    side: str
    row: str
    weight: float
    pattern: re.Pattern
    text: str
    # True: a third party named in the clause takes the blame away from the tenant (the tenant rows)
    attributable: bool = True


def _r(side, row, weight, pattern, text, attributable=True) -> Rule:
    return Rule(side, row, weight, re.compile(pattern), text, attributable)


RULES: tuple[Rule, ...] = (
    # ---- tenant: visible (impact) damage
    _r(
        TENANT,
        "visible_damage",
        4.0,
        r"\b(?:punch\w*|kick\w*|smash\w*|shatter\w*|thr[eo]w\w*|slamm\w*)\b",
        "Impact damage (struck, kicked or thrown object)",
    ),
    _r(
        TENANT,
        "visible_damage",
        3.5,
        r"\b(?:fist[- ]sized|impact (?:damage|mark|crack|hole)s?)\b",
        "Impact damage pattern",
    ),
    _r(
        TENANT,
        "visible_damage",
        3.5,
        r"\bdropp(?:ed|ing)\b|\bknocked (?:off|over|down)\b|\bhit (?:with|by)\b",
        "Damage from a dropped or knocked object",
    ),
    _r(
        TENANT,
        "visible_damage",
        3.5,
        r"\b(?<!nail )(?<!small )(?<!pin )(?<!screw )holes? (?:punched |kicked )?(?:in|through) (?:the )?"
        r"(?:\w+ )?(?:wall|drywall|door|panel|ceiling)",
        "Hole in the wall or door (not wear-related)",
    ),
    _r(
        TENANT,
        "visible_damage",
        3.0,
        r"\b(?:large|big|several|multiple) (?:\w+ )?holes\b|\banchor holes\b|"
        r"\btv mount\b",
        "Large holes from mounting",
    ),
    _r(
        TENANT,
        "visible_damage",
        3.5,
        r"\b(?:cigarette burns?|burn marks?|scorch\w*|burnt|burned(?! out))\b",
        "Burn damage",
    ),
    _r(
        TENANT,
        "visible_damage",
        3.0,
        r"\b(?:dent(?:ed|s)?|gouge[sd]?|gouging|ripped|torn (?:off|out)|"
        r"pulled (?:off|out)|broken off|snapped|bent)\b",
        "Physical damage (dents, gouges, parts torn off)",
    ),
    _r(
        TENANT,
        "visible_damage",
        2.5,
        r"\bbroken (?:glass|window|mirror|shelf|slats?|blinds?|screen|tiles?|"
        r"handle|towel bar|toilet seat|door|frame)\b|\b(?:glass|mirror|window|shelf) (?:was |is )?broken\b",
        "Broken fixture or glass",
    ),
    _r(
        TENANT,
        "visible_damage",
        3.5,
        r"\b(?:caused|damaged|broken|done|made|cut) by (?:the )?(?:tenant|resident|"
        r"occupant|tenant's \w+)\b|\baccidental(?:ly)? by (?:the )?(?:tenant|resident)\b|\blooks cut\b",
        "Damage caused by the tenant's household",
    ),
    _r(
        TENANT,
        "visible_damage",
        3.0,
        r"\b(?:misuse|abuse|mistreat\w*|vandalism by (?:the )?tenant)\b",
        "Misuse or abuse",
    ),
    # ---- tenant: negligence
    _r(
        TENANT,
        "negligence",
        4.0,
        r"\bleft (?:the |a )?(?:\w+ )?(?:windows?|doors?) open\b|\bwindows? left open\b",
        "Window or door left open",
    ),
    _r(
        TENANT,
        "negligence",
        3.5,
        r"\bheat (?:turned |was |switched )?off\b|\bturned (?:the |off )?heat off\b|"
        r"\bturned off the heat\b",
        "Heat turned off",
    ),
    _r(
        TENANT,
        "negligence",
        3.0,
        r"\bheat (?:set |turned |kept )?(?:too )?low\b|\bthermostat (?:set |turned )?"
        r"(?:to |at )?(?:4\d|5[0-5]|low)\b|\bset the thermostat (?:to|at) (?:4\d|5[0-5])\b",
        "Heat set low",
    ),
    _r(
        TENANT,
        "negligence",
        4.0,
        r"\bleft (?:the )?(?:bath|tub|water|faucet|sink|tap|shower)\b[^.;]{0,20}"
        r"\b(?:running|on)\b|\b(?:bath|tub|sink) (?:was )?left running\b",
        "Water left running (overflow)",
    ),
    _r(
        TENANT,
        "negligence",
        3.5,
        r"\b(?:baby )?wipes\b|\bdiapers?\b|\bfeminine products?\b|\btampons?\b|"
        r"\bpaper towels?\b|\btoys?\b|\bcooking (?:grease|oil)\b|\bgrease (?:poured|down|blockage)\b|"
        r"\bpoured grease\b|\bsolid grease\b|\bchicken bones?\b|\bbones\b|\bspoons?\b|\bforks?\b|\butensils?\b|"
        r"\bbottle caps?\b|\bforeign objects?\b|\bflushed (?:down|in|into)\b|\b(?:were|was|got) flushed\b",
        "Foreign objects put down the drain",
    ),
    _r(
        TENANT,
        "negligence",
        3.5,
        r"\blost (?:the |his |her |their )?keys?\b|\blocked (?:\w+ )?out\b|"
        r"\blockout\b",
        "Lockout or lost keys",
    ),
    _r(
        TENANT,
        "negligence",
        4.0,
        r"\bunattended (?:cooking|candle|stove)\b|\bgrease fire\b|\bcandles?\b|"
        r"\biron left on\b|\bspace heater (?:too close|against)\b",
        "Fire from unattended cooking or a candle",
    ),
    _r(
        TENANT,
        "negligence",
        3.0,
        r"\bfood left out\b|\bunsanitary\b|\bhoard\w*\b|\bgarbage (?:piled|left)\b|"
        r"\bpoor housekeeping\b",
        "Unsanitary conditions",
    ),
    _r(
        TENANT,
        "negligence",
        4.0,
        r"\bbatter(?:y|ies) (?:was |were )?removed\b|\bremoved (?:the )?batter(?:y|ies)\b|"
        r"\bdisconnected\b|\btamper(?:ed|ing)\b|\bcovered (?:the )?(?:smoke )?detector\b",
        "Safety device tampered with",
    ),
    _r(
        TENANT,
        "negligence",
        2.5,
        r"\b(?:not|never|didn't|did not|failed to|waited \w+ \w+ to) report\w*\b|"
        r"\bwithout reporting\b|\bunreported\b",
        "Problem not reported in time",
    ),
    _r(
        TENANT,
        "negligence",
        2.5,
        r"\bnever (?:runs|ran|uses|used|turns on) the (?:exhaust |bath |bathroom )?fan\b|"
        r"\bdries (?:the )?laundry\b|\bdrying laundry\b|\bstoring wet\b",
        "Poor ventilation habits",
    ),
    _r(
        TENANT,
        "negligence",
        2.0,
        r"\bfilter (?:never|not|wasn't) changed\b|\bfilter (?:completely )?(?:clogged|"
        r"dirty)\b|\bdirty filter\b|\bchange it monthly\b",
        "Air filter not changed",
    ),
    _r(TENANT, "negligence", 3.0, r"\b(?:negligen\w*|neglect\w*|careless\w*)\b", "Negligence"),
    _r(TENANT, "negligence", 1.5, r"\bhair\b|\bblockage from use\b|\bfrom use\b", "Blockage from everyday use"),
    _r(TENANT, "negligence", 1.0, r"\boverload\w*\b|\bspace heaters?\b", "Circuit overloaded"),
    # ---- tenant: unauthorized modification
    _r(
        TENANT,
        "unauthorized_modification",
        4.0,
        r"\bwithout (?:prior |written )?(?:approval|permission|"
        r"authori[sz]ation|consent)\b|\bunapproved\b|\bunauthori[sz]ed\b|\bnot approved\b|\bnon-?smoking\b",
        "Unauthorized modification (no approval)",
        attributable=False,
    ),
    _r(
        TENANT,
        "unauthorized_modification",
        2.5,
        r"\b(?:tenant|resident) (?:had |has )?(?:installed|replaced|"
        r"removed|changed|rewired|painted|added|mounted|drilled|modified|hired)\b",
        "Tenant altered the unit",
        attributable=False,
    ),
    _r(
        TENANT,
        "unauthorized_modification",
        3.0,
        r"\bdiy\b|\bdo-it-yourself\b|\btenant's own (?:fixture|repair|"
        r"wiring|install\w*)\b",
        "Tenant's own (DIY) work",
    ),
    # ---- tenant: pets
    _r(
        TENANT,
        "pet_damage",
        4.0,
        r"\b(?:dogs?|cats?|pets?|puppy|kitten)\b[^.;]{0,40}\b(?:chew\w*|scratch\w*|"
        r"claw\w*|urin\w*|fec\w*|bit|bite\w*|dug|ate)\b|\bchew(?:ed|ing)? (?:marks?|through|up)\b|\bchewed\b|"
        r"\bclaw(?:ed|ing|s| marks)\b|\bpet (?:urine|stains?|odou?r|hair|damage)\b|\burine\b",
        "Pet damage (chewing, scratching or urine)",
    ),
    _r(TENANT, "pet_damage", 2.0, r"\b(?:tenant's|their|his|her) (?:dog|cat|pet)s?\b", "Tenant's pet involved"),
    # ---- tenant: excessive wear (judged with the tenancy length in _excessive_wear)
    _r(
        TENANT,
        "excessive_wear",
        0.0,
        r"\b(?:destroyed|ruined|worn through|heavily (?:stained|soiled|worn|"
        r"damaged)|matted|threadbare|beyond normal(?: wear)?|excessive\w*|far beyond|extensive (?:stains|damage))\b",
        "Wear beyond the normal for the tenancy length",
    ),
    # ---- owner: equipment age and normal wear
    _r(
        OWNER,
        "equipment_age",
        3.5,
        r"\b(?:from age|age-related|old age|end of (?:its )?life|past (?:its |their )?"
        r"(?:useful |expected )?life(?:span)?|original to the building|reached (?:the )?end|plan a replacement)\b",
        "Failure from age (end of life)",
    ),
    _r(
        OWNER,
        "normal_wear",
        3.5,
        r"\bnormal wear(?: and tear)?\b|\bwear and tear\b|\bconsistent with age\b|"
        r"\bafter years of use\b|\bnormal (?:use|end-of-life)\b",
        "Normal wear and tear",
    ),
    _r(
        OWNER,
        "normal_wear",
        3.0,
        r"\bworn\b|\bwore out\b|\bdeteriorat\w*|\bfrayed\b|\bfaded\b|\bcorrod\w*|"
        r"\bcorrosion\b|\brust\w*|\bsediment\b|\bmineral\b|\bcalcif\w*|\bpitted\b|\bfatigue\b|\bover time\b|"
        r"\bslow leak\b|\bleak\w* (?:at|from) (?:the )?(?:wax ring|seal|gasket|fitting|connection|valve)\b|"
        r"\b(?:seal|gasket|flapper|cartridge|washer|igniter|capacitor|contactor|element|thermostat|switch|"
        r"hinge spring|rollers?|pump|motor|compressor) (?:has |had )?(?:failed|worn|deteriorated|open|cracked|"
        r"burned out|burnt out)\b",
        "Worn part (normal wear)",
    ),
    _r(
        OWNER,
        "normal_wear",
        2.5,
        r"\b(?:nail|pin|screw|small) holes?\b|\bhanging pictures\b",
        "Small nail holes (normal wear)",
    ),
    _r(
        OWNER,
        "normal_wear",
        1.5,
        r"\b(?:failed|burn(?:ed|t) out|stopped working|defrost heater open|seized|"
        r"gave out|no fault found)\b",
        "Component failure in normal use",
    ),
    # ---- owner: building defects
    _r(
        OWNER,
        "building_defect",
        3.5,
        r"\broof\b|\bflashing\b|\bfoundation\b|\bsettling\b|\bslab\b|"
        r"\bmain (?:line|drain|sewer|stack)\b|\bsewer\b|\btree roots\b|\bwater main\b|\bgutters?\b|\bgrading\b|"
        r"\bgroundwater\b|\bstructural\b|\bwindow seal\b|\bcommon area\b|\bbuilding's\b|\bupstairs unit\b|"
        r"\bunit above\b|\bfrom above\b|\bpoor insulation\b|\buninsulated\b|\bundersized\b|\bfaulty wiring\b|"
        r"\bwiring fault\b|\belectrical fault\b|\bloose (?:wire|neutral)\b|\barcing\b|\bshort circuit\b|"
        r"\bwall pipe\b|\bpipe in (?:the |an )?(?:exterior )?wall\b|\bexterior wall\b|\bdesign\b",
        "Building defect (structure, envelope or building systems)",
    ),
    _r(
        OWNER,
        "building_defect",
        2.5,
        r"\bmold\b|\bmildew\b|\bcondensation\b|\bleak(?:ing|ed|s)?\b",
        "Moisture or leak in the building",
    ),
    # ---- owner: code compliance and safety devices
    _r(
        OWNER,
        "code_compliance",
        2.5,
        r"\bsmoke (?:detector|alarm)s?\b|\bco detectors?\b|\bcarbon monoxide\b|"
        r"\bgfci\b|\bafci\b|\bfire extinguishers?\b|\bhandrails?\b|\brailing\b|\bguard ?rails?\b|\begress\b|"
        r"\bcode\b|\bsafety device\b|\blead paint\b|\bradon\b",
        "Safety device or code requirement: owner must maintain",
    ),
    # ---- owner: recently installed
    _r(
        OWNER,
        "recently_installed",
        4.0,
        r"\bnew(?:ly)? installed\b|\brecently installed\b|\binstalled (?:\w+ )?"
        r"(?:\d+|a few|one|two|three|four|five|six|seven|eight|nine|ten|eleven) (?:weeks?|months?) ago\b|"
        r"\bbrand[- ]new\b|\bfactory\b|\bmanufacturer(?:'s)?\b|\bunder (?:the )?(?:manufacturer(?:'s)? )?warranty\b|"
        r"\bwarranty claim\b|\bdefective\b",
        "Recently installed by the owner: a new item failing is a defect",
    ),
    # ---- owner: weather and other outside causes
    _r(
        OWNER,
        "external_cause",
        4.0,
        r"\b(?:storm|hail|lightning|windstorm|high winds?|tornado|hurricane|"
        r"earthquake|heavy rain|power surge)\b",
        "Weather or outside event",
    ),
    _r(
        OWNER,
        "external_cause",
        4.0,
        r"\b(?:break-?in|burglar\w*|intruders?|vandal\w*|police report)\b",
        "Break-in or vandalism by a third party",
    ),
)

_ELECTRICAL_FAULT = re.compile(
    r"\b(?:electrical fault|faulty wiring|wiring fault|loose (?:wire|neutral)|arcing|short "
    r"circuit)\b"
)
_FREEZE = re.compile(r"\b(?:froze|frozen|freez\w*)\b")
_COLD_SNAP = re.compile(r"\b(?:cold snap|extreme cold|record (?:cold|low)|polar vortex|below zero|sub-?zero)\b")
_THIRD_PET = re.compile(
    r"\b(?:neighbou?r(?:'s|s)?|stray|wild|raccoons?|squirrels?)\b[^.;]{0,20}\b(?:dogs?|cats?|"
    r"pets?|animals?)\b|\bstray\b|\braccoons?\b|\bsquirrels?\b"
)
_OWN_PET = re.compile(r"\b(?:tenant's|resident's|their|his|her|my|our) (?:dogs?|cats?|pets?|puppy|kitten)\b")
_TAMPER_CLEAR = re.compile(r"\bbatter(?:y|ies) (?:were |was )?(?:in place|present|installed|fine)\b")
_GOOD_AT_MOVE_IN = re.compile(
    r"\b(?:new|good condition|good shape|undamaged|intact)\b[^.;]{0,30}\b(?:at|before) (?:the )?move-?in\b|"
    r"\bnew before move-?in\b|\bwas new\b|\binstalled new before\b"
)
_REPLACE = re.compile(r"\breplac\w*\b|\bnew (?:carpet|door|blinds|screen|fixture|countertop)\b")
_AGE_IN_TEXT = re.compile(r"\b(\d{1,2}(?:\.\d)?)[- ]years?[- ]old\b")
_MONTHS_IN_TEXT = re.compile(
    r"\bafter (\d{1,2}|one|two|three|six|eight|nine|ten|eleven|twelve) months\b|"
    r"\bafter (1|one|a) year\b"
)
_WORDS = {
    "one": 1,
    "a": 1,
    "two": 2,
    "three": 3,
    "six": 6,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}

# Things in a unit with a useful life (units.useful_life), as the text names them.
LIFE_ITEMS: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(p), key)
    for p, key in (
        (r"\bcarpet\w*\b", "carpet"),
        (r"\b(?:vinyl|lvp|laminate floor\w*)\b", "vinyl_flooring"),
        (r"\bhardwood\b", "hardwood_floor_finish"),
        (r"\bblinds?\b", "blinds"),
        (r"\b(?:drapes|curtains)\b", "drapes"),
        (r"\b(?:refrigerator|fridge)\b", "refrigerator"),
        (r"\b(?:range|oven|stove)\b", "range"),
        (r"\bdishwasher\b", "dishwasher"),
        (r"\bmicrowave\b", "microwave"),
        (r"\bwasher\b(?! and)", "washer"),
        (r"\bdryer\b", "dryer"),
        (r"\b(?:garbage )?disposal\b", "garbage_disposal"),
        (r"\bwater heater\b", "water_heater"),
        (r"\blight fixture\b", "light_fixture"),
        (r"\bfaucet\b", "faucet"),
        (r"\binterior door\b|\b(?:bedroom|bathroom|closet|hallway) door\b", "interior_door"),
        (r"\b(?:window )?screen\b", "window_screen"),
        (r"\bcountertop\b", "countertop_laminate"),
    )
)

# What the repair was on, for the charge's description.
SUBJECTS: tuple[tuple[re.Pattern, str], ...] = tuple(
    (re.compile(p), label)
    for p, label in (
        (
            r"\b(?:froze|frozen|freez\w*)\b[^.;]{0,30}\bpipes?\b|\bpipes?\b[^.;]{0,20}\b(?:froze|frozen|burst)\b",
            "frozen pipe",
        ),
        (r"\b(?:drywall|wall)\b", "drywall"),
        (r"\bdoor frame\b|\bframe\b", "door frame"),
        (r"\bdoor\b", "door"),
        (r"\bwindow\b", "window"),
        (r"\bmirror\b", "mirror"),
        (r"\bcarpet\b", "carpet"),
        (r"\b(?:floor|flooring|subfloor|vinyl)\b", "flooring"),
        (r"\bblinds?\b", "blinds"),
        (r"\bscreen\b", "screen"),
        (r"\btoilet\b", "toilet"),
        (r"\b(?:drain|sink|clog\w*)\b", "drain"),
        (r"\b(?:lock|keys?|rekey\w*)\b", "lock"),
        (r"\b(?:smoke detector|detector)\b", "smoke detector"),
        (r"\b(?:disposal)\b", "garbage disposal"),
        (r"\b(?:cabinet|countertop|counter)\b", "cabinet / countertop"),
        (r"\b(?:paint|painted|walls)\b", "paint"),
        (r"\b(?:oven|range|stove)\b", "oven"),
        (r"\b(?:refrigerator|fridge)\b", "refrigerator"),
        (r"\bfan\b", "fixture"),
        (r"\bpipe\b", "pipe"),
    )
)


# --- evidence -----------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class Evidence:
    factors: list[Factor] = field(default_factory=list)
    tamper_cleared: bool = False
    third_party: bool = False
    pre_existing: bool = False
    admitted: bool = False
    denied: bool = False
    good_at_move_in: bool = False
    negated_tenant: list[str] = field(default_factory=list)

    attributed: set[str] = field(default_factory=set)

    def add(self, side, row, weight, text, source, agent=False) -> None:
        self.factors.append(Factor(side, row, float(weight), text, source, agent))


def _scan(ctx: Context) -> tuple[Evidence, str]:
    ev = Evidence()
    photo = ctx.photo
    sources = [("description", ctx.description), ("notes", ctx.tech_notes)]
    if photo is not None and photo.condition_notes:
        sources.append(("photo", photo.condition_notes))
    whole = " . ".join(_norm(t) for _, t in sources if t)
    third_pet = bool(_THIRD_PET.search(whole)) and not _OWN_PET.search(whole)
    ev.tamper_cleared = bool(_TAMPER_CLEAR.search(whole))
    ev.good_at_move_in = bool(_GOOD_AT_MOVE_IN.search(whole))
    ev.denied = bool(_DENIES.search(whole))
    for source, text in sources:
        for clause in clauses(text):
            third = _THIRD_PARTY.search(clause)
            pre = _PRE_EXISTING.search(clause)
            pre_active = (
                bool(pre) and not negated(clause, pre.start(), pre.end()) and not _GOOD_AT_MOVE_IN.search(clause)
            )
            if pre and not pre_active:
                ev.good_at_move_in = True  # "not noted at move-in": the damage is new
            third_active = bool(third) and not negated(clause, third.start(), third.end())
            if _ADMITS.search(clause) and _TENANT_AGENT.search(clause):
                ev.admitted = True
            for rule in RULES:
                for m in rule.pattern.finditer(clause):
                    if negated(clause, m.start(), m.end()):
                        if rule.side == TENANT:
                            ev.negated_tenant.append(rule.row)
                        break
                    if rule.side == TENANT and rule.attributable:
                        if rule.row == "pet_damage" and third_pet:
                            ev.third_party = True
                            ev.attributed.add(rule.text)
                            break
                        if pre_active:
                            ev.pre_existing = True
                            ev.attributed.add(rule.text)
                            break
                        if third_active and not _TENANT_AGENT.search(clause[: m.start()][-25:]):
                            ev.third_party = True
                            ev.attributed.add(rule.text)
                            break
                    if rule.side == TENANT and rule.row == "unauthorized_modification" and pre_active:
                        ev.pre_existing = True
                        break
                    ev.add(rule.side, rule.row, rule.weight, rule.text, source, bool(_TENANT_AGENT.search(clause)))
                    break
            if pre_active:
                ev.pre_existing = True
    # the same damage told elsewhere without a culprit ("Window broken") is the one attributed ("... in the hail
    # storm"): it does not count against the tenant either
    ev.factors = [f for f in ev.factors if not (f.side == TENANT and f.text in ev.attributed and not f.agent)]
    # a condition that pre-dates the tenancy explains the damage the request describes (unless a clause names the
    # tenant's household); an outside event (storm, break-in) explains the ambiguous damage (broken, bent, dented)
    outside = any(f.row == "external_cause" for f in ev.factors) or ev.third_party
    ev.factors = [
        f
        for f in ev.factors
        if not (
            f.side == TENANT
            and not f.agent
            and f.row in ("visible_damage", "pet_damage", "excessive_wear")
            and (ev.pre_existing or (outside and f.weight <= 3.0))
        )
    ]
    if _ELECTRICAL_FAULT.search(whole):  # scorching at an electrical fault is the wiring's, not a burn by the tenant
        ev.factors = [f for f in ev.factors if f.text != "Burn damage"]
    if ev.pre_existing:
        ev.add(
            OWNER, "external_cause", 4.0, "Condition pre-dates this tenancy (previous tenant / move-in record)", "notes"
        )
    if ev.third_party:
        ev.add(OWNER, "external_cause", 4.0, "Caused by a third party, not the tenant's household", "notes")
    return ev, whole


def _equipment_factors(ctx: Context, ev: Evidence, whole: str) -> None:
    eq = ctx.equipment
    if eq is None or eq.age_years is None:
        return
    age, life = Decimal(eq.age_years), eq.expected_lifespan_years
    label = (eq.item or "equipment").replace("_", " ").capitalize()
    if age < 1:
        months = int((age * 12).to_integral_value(rounding=ROUND_HALF_UP))
        ev.add(
            OWNER,
            "recently_installed",
            4.0,
            f"{label} installed {months} months ago: a new item failing is a defect, not wear",
            "equipment",
        )
    elif life and age >= life:
        ev.add(
            OWNER,
            "equipment_age",
            4.0,
            f"Equipment age ({_num(age)} years) exceeds expected lifespan ({_num(life)} years)",
            "equipment",
        )
    elif life and age >= Decimal("0.8") * life:
        ev.add(
            OWNER,
            "equipment_age",
            3.0,
            f"Equipment near the end of its life ({_num(age)} of {_num(life)} years)",
            "equipment",
        )
    elif eq.warranty_active is False:
        ev.add(
            OWNER, "equipment_age", 2.0, f"Out of warranty ({_num(age)} years old), failing in normal use", "equipment"
        )
    if eq.warranty_active is False and life and age >= life:
        ev.add(OWNER, "equipment_age", 1.0, "Warranty long expired", "equipment")
    elif eq.warranty_active and age >= 1:
        ev.add(OWNER, "recently_installed", 2.0, "Under warranty: a warranty claim, not a tenant charge", "equipment")


def _photo_factors(ctx: Context, ev: Evidence, whole: str) -> None:
    p = ctx.photo
    if p is None:
        return
    dt, wear = _norm(p.damage_type).replace(" ", "_"), _norm(p.wear_pattern)
    electrical = bool(_ELECTRICAL_FAULT.search(whole))
    if dt in ("impact", "hole", "holes", "physical_damage", "broken_glass", "crack_impact", "dent"):
        ev.add(TENANT, "visible_damage", 3.0, "Impact damage visible in photos", "photo")
    elif dt in ("pet", "pet_damage", "chew", "scratches", "urine"):
        ev.add(TENANT, "pet_damage", 3.0, "Pet damage visible in photos", "photo")
    elif dt in ("burn", "burns", "scorching", "burn_marks") and not electrical:
        ev.add(TENANT, "visible_damage", 3.0, "Burn marks visible in photos", "photo")
    elif dt in ("burn", "burns", "scorching", "burn_marks"):
        ev.add(OWNER, "building_defect", 2.5, "Scorching at an electrical fault (photos)", "photo")
    elif dt in ("water_stain", "water_stains", "water_damage") and "old" in wear:
        ev.add(OWNER, "building_defect", 2.5, "Old water stains: a maintenance failure (photos)", "photo")
    elif dt in ("mold", "mildew"):
        w = 2.5 if "recent" in wear else 1.5
        ev.add(OWNER, "building_defect", w, "Mold: a building moisture issue (photos)", "photo")
    elif dt in ("rust", "corrosion"):
        ev.add(OWNER, "normal_wear", 2.5, "Rust or corrosion: age and maintenance (photos)", "photo")
    elif dt in ("wall_damage", "floor_damage", "fixture_damage", "appliance_damage"):
        # 3.1's categories: a damage item recorded on the move-out inspection's photos (reviewed or proposed)
        ev.add(TENANT, "visible_damage", 2.5, "Damage recorded at the move-out inspection (photos)", "photo")
    elif dt == "cleaning_needed":
        ev.add(TENANT, "excessive_wear", 2.0, "Cleaning beyond normal at the move-out inspection (photos)", "photo")
    if re.search(r"\b(?:excessive|abnormal|heavy|severe|beyond)\b", wear):
        ev.add(TENANT, "excessive_wear", 3.0, "Wear pattern beyond normal (photos)", "photo")
    elif re.search(r"\b(?:normal|even|consistent with age|age|typical)\b", wear) and dt in ("", "none", "wear"):
        ev.add(OWNER, "normal_wear", 2.5, "Normal wear pattern (photos)", "photo")


def _tenancy_years(ctx: Context, whole: str) -> Decimal | None:
    m = _MONTHS_IN_TEXT.search(whole)
    if m:
        n = m.group(1) or m.group(2)
        months = int(n) if n.isdigit() else _WORDS.get(n, 12)
        return Decimal(12 if m.group(2) else months) / 12
    if ctx.tenant.months_in_unit is not None:
        return Decimal(ctx.tenant.months_in_unit) / 12
    return None


def _life_item(ctx: Context, whole: str) -> str | None:
    if ctx.equipment is not None and ctx.equipment.item in LIFE_TABLE:
        return ctx.equipment.item
    for pattern, key in LIFE_ITEMS:
        if pattern.search(whole):
            return key
    return None


def _replaced_item(ctx: Context, whole: str) -> str | None:
    """The item with a useful life that the work replaced ("replaced the carpet", "new blinds", "carpet ...
    replaced"), or None when only a part of it was."""
    for pattern, key in LIFE_ITEMS:
        words = pattern.pattern
        if (
            re.search(rf"\breplac\w*(?: (?:the|a|an|both|all|entire|whole))?(?: \w+)?\s*{words}", whole)
            or re.search(rf"{words}[^.]{{0,30}}\breplaced\b", whole)
            or re.search(rf"\bnew {words}", whole)
        ):
            return key
    eq = ctx.equipment
    if eq is not None and eq.item in LIFE_TABLE and re.search(r"\breplaced (?:the )?(?:unit|appliance)\b", whole):
        return eq.item
    return None


def _excessive_wear(ctx: Context, ev: Evidence, whole: str) -> None:
    """A severe-wear phrase is the tenant's (excessive wear) when the tenancy is short for the item's life, or the
    notes say "beyond normal"; after a long tenancy it is the owner's (normal wear for that length)."""
    severe = [f for f in ev.factors if f.row == "excessive_wear" and f.weight == 0.0]
    ev.factors = [f for f in ev.factors if not (f.row == "excessive_wear" and f.weight == 0.0)]
    if not severe:
        return
    years = _tenancy_years(ctx, whole)
    item = _life_item(ctx, whole)
    life = LIFE_TABLE[item].years if item else Decimal(10)
    explicit = bool(re.search(r"\bbeyond normal\b|\bfar beyond\b|\bexcessive\b", whole))
    short = years is not None and years < life / 2
    if short or explicit:
        span = f" in {_num(years * 12)} months" if years is not None and years < 2 else ""
        ev.add(
            TENANT,
            "excessive_wear",
            4.0 if (short and explicit) or ev.good_at_move_in else 3.5,
            f"Wear beyond normal{span} (item life {_num(life)} years)",
            severe[0].source,
        )
        # the same wear, judged excessive: the "worn" phrases are not normal wear here
        ev.factors = [f for f in ev.factors if f.row != "normal_wear" or f.source == "photo"]
    else:
        ev.add(
            OWNER,
            "normal_wear",
            2.0,
            f"Heavy wear after {_num(years or 0)} years: normal for the tenancy",
            severe[0].source,
        )


def _context_factors(ctx: Context, ev: Evidence, whole: str) -> None:
    has = {f.row for f in ev.factors}
    tenant_rows = {f.row for f in ev.factors if f.side == TENANT and f.weight >= TENANT_MIN}
    freeze = bool(_FREEZE.search(whole))
    if freeze:
        if _COLD_SNAP.search(whole):
            ev.add(OWNER, "external_cause", 2.0, "Extreme cold snap (weather factor)", "notes")
        else:
            ev.add(OWNER, "external_cause", 1.0, "Freezing weather (weather factor)", "notes")
    age = ctx.building_age_years
    # the building's age matters where the envelope or the structure is in question, not for a fixture's leak
    moisture = freeze or bool(
        re.search(
            r"\b(?:mold|mildew|crack\w* (?:in the )?(?:wall|foundation|ceiling)|settl\w*|insulation|roof|"
            r"foundation|(?:pipe|leak|leaking|water) (?:in|inside|behind) the wall|exterior wall|wall pipe|structural)\b",
            whole,
        )
    )
    if (
        age is not None
        and age >= 15
        and moisture
        and ctx.category in ("plumbing", "structural", "hvac", "general", "electrical")
    ):
        weight = min(5.0, age / 8)
        ev.add(OWNER, "building_defect", weight, f"Building is {age} years old (owner factor)", "building")
    # a safety device the tenant tampered with: the owner's duty was met
    if "code_compliance" in has and "negligence" in tenant_rows and re.search(r"\btamper|batter|disconnect", whole):
        for f in ev.factors:
            if f.row == "code_compliance":
                f.weight = 1.0
    # a failure the tenant's act explains is not a "normal" failure of the equipment
    if any(f.side == TENANT and f.weight >= 3 for f in ev.factors):
        for f in ev.factors:
            if f.source == "equipment" and f.weight <= 2.0:
                f.weight = 0.5
    # a damaged item: its age does not excuse the damage
    if any(r in tenant_rows for r in ("visible_damage", "pet_damage")):
        for f in ev.factors:
            if f.row in ("equipment_age", "recently_installed") and f.source == "equipment":
                f.weight = min(f.weight, 1.0)
            if f.row == "normal_wear" and f.weight < 2.5:
                f.weight = 0.5
    t = ctx.tenant
    if t.similar_issues >= 2:
        ev.add(
            OWNER,
            "building_defect",
            1.5 if t.similar_issues < 4 else 2.5,
            f"Recurring issue in the unit ({t.similar_issues} similar reports): points to a building or "
            f"equipment cause",
            "history",
        )
    if tenant_rows and t.previous_damage_charges >= 2:
        ev.add(
            TENANT,
            sorted(tenant_rows)[0],
            0.5,
            f"{t.previous_damage_charges} previous damage charges on record",
            "history",
        )
    if ev.good_at_move_in and tenant_rows:
        ev.add(TENANT, sorted(tenant_rows)[0], 0.5, "Item was in good condition at move-in", "notes")
    months = t.months_in_unit
    if "normal_wear" in has and months is not None and months >= 24 and not tenant_rows:
        ev.add(OWNER, "normal_wear", 0.5, f"{months} months in the unit: wear expected", "history")


def _row_weights(factors: list[Factor], side: str) -> dict[str, float]:
    """Per row: its strongest factor, plus up to 1 for each further, different factor (at most 2 more)."""
    rows: dict[str, list[Factor]] = {}
    for f in factors:
        if f.side == side and f.weight > 0:
            rows.setdefault(f.row, []).append(f)
    out = {}
    for row, fs in rows.items():
        fs.sort(key=lambda f: -f.weight)
        seen, extra = {fs[0].text}, 0.0
        for f in fs[1:]:
            if f.text not in seen:
                seen.add(f.text)
                extra += min(f.weight, 1.0)
        out[row] = fs[0].weight + min(extra, 2.0)
    return out


# --- the determination ----------------------------------------------------------------------------------------------


def _num(value) -> str:
    d = Decimal(value)
    return str(d.quantize(Decimal(1))) if d == d.to_integral_value() else str(d.quantize(Decimal("0.1")))


def _dollars(value: Decimal) -> str:
    v = cents(Decimal(value))
    return f"${v:,.0f}" if v == v.to_integral_value() else f"${v:,.2f}"


def _subject(ctx: Context, whole: str) -> str:
    """What the repair was on: named in the request first (the notes may mention other things), then the notes."""
    for text in (_norm(ctx.description), whole):
        for pattern, label in SUBJECTS:
            if pattern.search(text):
                return label
    return ctx.category.replace("_", " ") if ctx.category else "repair"


def _round10(share: float) -> int:
    return int(Decimal(str(share * 10)).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * 10


def _charge_base(ctx: Context, whole: str, row: str) -> tuple[Decimal, str, str | None]:
    """(the chargeable base, a depreciation note for the description, a review note) for the tenant's row."""
    cost = cents(Decimal(ctx.total_cost or 0))
    if row not in ("visible_damage", "pet_damage", "excessive_wear") or not _REPLACE.search(whole):
        return cost, "", None
    item = _replaced_item(ctx, whole)
    if item is None:  # a part replaced (a gasket, a pane), not the item with a useful life: charged in full
        return cost, "", None
    eq = ctx.equipment
    life = LIFE_TABLE[item].years
    age: Decimal | None = None
    how = ""
    if eq is not None and eq.item == item and eq.age_years is not None:
        age, how = Decimal(eq.age_years), "equipment register"
        if eq.expected_lifespan_years:
            life = Decimal(eq.expected_lifespan_years)
    elif m := _AGE_IN_TEXT.search(whole):
        age, how = Decimal(m.group(1)), "technician notes"
    review = None
    if age is None:
        years = _tenancy_years(ctx, whole)
        if years is None:
            return (
                cost,
                "",
                f"Item age unknown: {LIFE_TABLE[item].label.lower()} charged without depreciation; "
                f"check its install date.",
            )
        age, how = years, "at least the tenancy"
        if not ev_new(whole):
            review = f"{LIFE_TABLE[item].label} age taken as the tenancy ({_num(years)} years); check its install date."
    base = depreciated_amount(cost, age_years=age, life_years=life)
    note = f" (prorated: {_num(max(Decimal(0), life - age))} of {_num(life)} years of life left, age from {how})"
    return base, note, review


def ev_new(whole: str) -> bool:
    return bool(_GOOD_AT_MOVE_IN.search(whole))


def determine(ctx: Context) -> dict:
    """The determination, in the prompt's output shape: responsibility, confidence, reasoning, key_factors,
    tenant_charge, split, dispute_risk, note."""
    ev, whole = _scan(ctx)
    _equipment_factors(ctx, ev, whole)
    _photo_factors(ctx, ev, whole)
    _excessive_wear(ctx, ev, whole)
    _context_factors(ctx, ev, whole)
    owner_rows, tenant_rows = _row_weights(ev.factors, OWNER), _row_weights(ev.factors, TENANT)
    o, t = sum(owner_rows.values()), sum(tenant_rows.values())
    safety_unverified = (
        "code_compliance" in owner_rows
        and re.search(r"\bsmoke|\bcarbon monoxide|\bco detector", whole)
        and "negligence" not in tenant_rows
        and "negligence" not in ev.negated_tenant
        and not ev.tamper_cleared
    )

    if t < TENANT_MIN:
        decision = OWNER
    elif o < OWNER_MIN:
        decision = TENANT
    else:
        share = t / (o + t)
        decision = OWNER if share <= SHARE_OWNER_MAX else TENANT if share >= SHARE_TENANT_MIN else SHARED

    notes: list[str] = []
    if decision == SHARED:
        tenant_pct = max(10, min(90, _round10(t / (o + t))))
        confidence = int(min(70, 55 + 2 * (o + t)))
    else:
        mine, theirs = (o, t) if decision == OWNER else (t, o)
        confidence = int(round(55 + 8 * min(mine, 5) - 12 * theirs))
        tenant_pct = 100 if decision == TENANT else 0
    if safety_unverified:
        confidence -= 15
        notes.append("Recommend tech verify if batteries were removed or device tampered with")
    if ev.denied:
        confidence -= 5
    if o == 0 and t == 0:
        notes.append("No cause is stated: ask the technician what caused it before closing (owner by default).")
    confidence = max(30, min(95, confidence))

    # the factors, strongest first, as the panel's evidence list
    side_of = {OWNER: owner_rows, TENANT: tenant_rows}
    chosen = [f for f in sorted(ev.factors, key=lambda f: -f.weight) if f.weight > 0]
    key_factors: list[str] = []
    for f in chosen:
        if f.text not in key_factors:
            key_factors.append(
                f.text if not (decision == SHARED and f.row == "negligence") else f"{f.text} (negligence factor)"
            )
    if decision == OWNER and t == 0:
        key_factors.append(
            "No evidence of tenant misuse" if "negligence" not in ev.negated_tenant else "No signs of tampering"
        )
    if decision == TENANT and not any(r in owner_rows for r in ("normal_wear", "equipment_age")):
        key_factors.append("Not wear-related")
    key_factors = key_factors[:6]

    tenant_charge = None
    split = None
    row = max(tenant_rows, key=lambda r: tenant_rows[r]) if tenant_rows else None
    if decision in (TENANT, SHARED) and row is not None:
        damage_type = DAMAGE_TYPES[row]
        base, dep_note, review = _charge_base(ctx, whole, row)
        if review:
            notes.append(review)
        subject = _subject(ctx, whole)
        if decision == SHARED:
            amount = cents(base * tenant_pct / 100)
            description = f"Partial responsibility - {subject} ({tenant_pct}% of {_dollars(base)}){dep_note}"
            split = {"owner_percent": 100 - tenant_pct, "tenant_percent": tenant_pct}
        else:
            amount = base
            kind = "replacement" if _REPLACE.search(whole) and dep_note else "repair"
            description = f"{subject.capitalize()} {kind} - {DAMAGE_LABELS[damage_type]}{dep_note}"
        if amount <= 0 and ctx.total_cost:
            notes.append("Nothing left to charge after depreciation: the item was past its useful life.")
        tenant_charge = {"amount": float(amount), "description": description[:200], "damage_type": damage_type}

    # dispute risk: how well the tenant side is evidenced
    if decision == OWNER:
        risk = "low"
    else:
        sources = {f.source for f in ev.factors if f.side == TENANT and f.weight >= 2}
        strong = t >= 5 and (len(sources) >= 2 or ev.admitted) and o < 1
        if ev.denied or t < 3.5 or o >= 3 and decision == TENANT:
            risk = "high" if decision == TENANT or ev.denied else "medium"
        elif decision == SHARED:
            risk = "medium"
        else:
            risk = "low" if strong or (ev.admitted and o < 1) else "medium"

    reasoning = _reasoning(decision, ctx, ev, owner_rows, tenant_rows, tenant_pct, side_of)
    return {
        "responsibility": decision,
        "confidence": confidence,
        "reasoning": reasoning,
        "key_factors": key_factors or ["No specific evidence either way"],
        "tenant_charge": tenant_charge,
        "split": split,
        "dispute_risk": risk,
        "note": " ".join(notes) if notes else None,
    }


def _top(factors: list[Factor], side: str) -> Factor | None:
    fs = [f for f in factors if f.side == side and f.weight > 0]
    return max(fs, key=lambda f: f.weight) if fs else None


def _reasoning(decision, ctx, ev, owner_rows, tenant_rows, tenant_pct, side_of) -> str:
    top_o, top_t = _top(ev.factors, OWNER), _top(ev.factors, TENANT)
    eq = ctx.equipment
    if decision == OWNER:
        if top_o is None:
            return (
                "No cause pointing to the tenant is recorded, so the repair falls under the owner's duty to "
                "maintain the unit. Confirm the cause with the technician if in doubt."
            )
        if (
            top_o.row == "equipment_age"
            and eq is not None
            and eq.age_years is not None
            and eq.expected_lifespan_years
            and Decimal(eq.age_years) >= Decimal(eq.expected_lifespan_years)
        ):
            first = (
                f"{(eq.item or 'The equipment').replace('_', ' ').capitalize()} is {_num(eq.age_years)} years "
                f"old, past its expected {_num(eq.expected_lifespan_years)}-year lifespan."
            )
            second = "Failure is normal end-of-life, not tenant-caused damage."
        elif top_o.row == "code_compliance":
            first = (
                "Safety devices and code requirements are the owner's to maintain, so this defaults to owner "
                "responsibility."
            )
            second = (
                "However, if the tenant removed batteries or tampered with the device, responsibility shifts."
                if "negligence" not in ev.negated_tenant and not ev.tamper_cleared
                else "There are no signs of tampering."
            )
        else:
            first = f"{top_o.text}: an owner responsibility under the decision framework."
            second = (
                "No evidence of tenant misuse."
                if not tenant_rows
                else f"The tenant factor ({top_t.text.lower()}) is minor by comparison."
            )
        return f"{first} {second}"
    if decision == TENANT:
        first = f"{top_t.text}: tenant-caused ({DAMAGE_LABELS[DAMAGE_TYPES[top_t.row]]})."
        second = (
            "The tenant admitted it."
            if ev.admitted
            else "It is not wear-related."
            if not owner_rows
            else f"Owner factors ({top_o.text.lower()}) carry little weight against it."
        )
        return f"{first} {second}"
    return (
        f"Both sides contributed: {top_t.text.lower()} (tenant) and {top_o.text.lower()} (owner). "
        f"Split {100 - tenant_pct}% owner / {tenant_pct}% tenant by the weight of the evidence on each side."
    )


# --- building a Context from plain values (the assess API, the selectors) -------------------------------------------


def context_from(data: dict) -> Context:
    eq = data.get("equipment")
    ph = data.get("photo_analysis")
    tn = data.get("tenant") or {}
    return Context(
        description=data.get("description") or "",
        tech_notes=data.get("tech_notes") or "",
        category=data.get("category") or "general",
        total_cost=Decimal(str(data.get("total_cost") or 0)),
        building_age_years=data.get("building_age_years"),
        equipment=None
        if not eq
        else EquipmentFacts(
            item=eq.get("item") or "",
            age_years=None if eq.get("age_years") is None else Decimal(str(eq["age_years"])),
            expected_lifespan_years=None
            if eq.get("expected_lifespan_years") is None
            else Decimal(str(eq["expected_lifespan_years"])),
            warranty_active=eq.get("warranty_active"),
        ),
        photo=None
        if not ph
        else PhotoFacts(
            damage_type=ph.get("damage_type") or "",
            wear_pattern=ph.get("wear_pattern") or "",
            condition_notes=ph.get("condition_notes") or "",
        ),
        tenant=TenantFacts(
            months_in_unit=tn.get("months_in_unit"),
            previous_damage_charges=int(tn.get("previous_damage_charges") or 0),
            similar_issues=int(tn.get("similar_issues") or 0),
        ),
    )
