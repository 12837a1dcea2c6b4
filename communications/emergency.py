"""Emergency detection, recall-first (pure: text and month in, a verdict out).

The spec's keywords (flood, fire, gas leak, smoke, carbon monoxide, break-in, burst pipe, no heat in winter, no AC
in extreme heat) and the ways tenants actually write them: misspellings and shorthand (textnorm), all caps, no
punctuation, Spanish. A trigger does not count when it is negated just before it ("no smoke", "I don't smell gas")
or when the message says it is over ("false alarm", "the leak is fixed now", "burnt toast") and nothing says it
is still going on ("still", "getting worse", "but now"). Everything else that matches is an emergency: a false
alarm costs a phone call, a missed one costs a building.

    detect("theres water coming thru my bathroom light!!", month=11)
    -> Verdict(is_emergency=True, kinds=["water_electrical"], matched=[...], resolved=False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from communications.textnorm import canonical

COLD_MONTHS = {10, 11, 12, 1, 2, 3, 4}  # the heating season (northern hemisphere)
HOT_MONTHS = {6, 7, 8, 9}

W = r"(?:\S+ ){0,%d}"  # up to N tokens in between


def _p(pattern: str) -> re.Pattern:
    return re.compile(r"(?<![a-z0-9'])" + pattern + r"(?![a-z0-9'])")


FLOW = r"(?:coming|pouring|dripping|leaking|leak|leaks|raining|gushing|running|spraying|flowing|falling|streaming|seeping|through|out of|from|sale|cae|gotea|goteando|entra)"
WATERISH = r"(?:water|leak|leaking|leaks|dripping|drip|pouring|raining|gushing|wet|flood|flooding)"
ELECTRIC_SPOTS = r"(?:light|lights|fixture|outlet|outlets|electrical|panel|breaker|switch|fan|smoke detector|wires|wiring|luz|lampara)"
DEVICES = r"(?:power strip|extension cord|strip|cord|plug|outlet|outlets|wires|wiring|wire|panel|breaker|switch|stove|oven|dryer|microwave|heater|furnace|vent|fixture|light|lights|fan|cord|charger|toaster|appliance|fridge|refrigerator|washer|dishwasher|microondas|estufa|horno)"

# kind -> patterns (over the canonical text). The first group of kinds are always emergencies.
PATTERNS: dict[str, list[re.Pattern]] = {
    "fire": [
        _p(
            r"fire(?! (?:alarm|alarms|drill|extinguisher|extinguishers|escape|exit|exits|door|doors|code|codes|hazard|inspection|inspector|marshal|pit|lane|sale|insurance|safety|sprinkler test)\b)"
        ),
        _p(
            r"(?:flames|flame|blaze|on fire|caught fire|catching fire|in flames|ablaze|incendio|fuego|llamas|se quema|se esta quemando)"
        ),
        _p(
            r"(?:something|it|house|building|apartment|kitchen|unit|stove|oven|wall|walls) (?:is |'s |are )?(?:burning|on fire)"
        ),
        _p(r"(?:smell|smells|smelling|smelled|odor|odour) " + W % 3 + r"(?:burning|burnt|burned|quemado)"),
        _p(r"(?:burning|burnt|burned) (?:smell|odor|odour|plastic|rubber|wires|wire)"),
        _p(r"(?:huele|olor) a quemado"),
        _p(
            r"(?:fire|smoke) (?:alarm|alarms|detector|detectors) "
            + W % 3
            + r"(?:going off|goes off|went off|sounding|blaring|ringing|screaming|won't stop|wont stop|keep going off|keeps going off|is going|are going|sonando|suena)"
        ),
        _p(r"(?:fire department|firefighters|fire truck|bomberos)"),
        _p(r"(?:explosion|exploded|explode|blew up|exploto)"),
    ],
    "smoke": [
        _p(
            r"(?<!cigarette )(?<!cigarettes )(?<!cigar )(?<!weed )(?<!pot )(?<!vape )(?<!hookah )(?<!secondhand )"
            r"(?<!tobacco )smoke(?! (?:detector|detectors|alarm|alarms|free|break|shop)\b)(?!d? (?:a |my |some )?(?:cigarette|cigarettes|weed|pot|joint|cigar|vape|hookah))"
        ),
        _p(r"humo"),
        _p(DEVICES + r" " + W % 4 + r"(?:smoking|smoked|echando humo)"),
        _p(r"(?:smoking|smoked) " + W % 2 + DEVICES),
    ],
    "gas": [
        _p(r"gas (?:leak|leaking|leaks|smell|smells|odor|odour|fumes|escaping)"),
        _p(
            r"(?:smell|smells|smelling|smelled|odor|odour|reeks|stinks|hissing|hiss|leak|leaking|fumes) "
            + W % 4
            + r"gas"
        ),
        _p(r"gas " + W % 3 + r"(?:smell|smells|smelling|hissing|leaking|leak|fumes)"),
        _p(r"(?:rotten eggs?|rotten egg smell|sulfur|sulphur|propane|natural gas)"),
        _p(r"(?:huele|olor|fuga|escape) (?:a |de )?gas"),
    ],
    "carbon_monoxide": [
        _p(r"carbon monoxide|carbon monoxid|carbon dioxide alarm|monoxide|monoxido"),
        _p(r"co (?:alarm|alarms|detector|detectors|monitor|sensor|poisoning|levels?)"),
    ],
    "flood": [
        _p(r"(?:flood|flooding|flooded|floods|flooding)(?! (?:insurance|zone|light|lights|plain)\b)"),
        _p(r"(?:inundado|inundada|inundacion|inundando|se inunda|se esta inundando|se inundo)"),
        _p(
            r"water "
            + W % 3
            + r"(?:everywhere|all over|pouring|gushing|spraying|rising|won't stop|wont stop|can't stop|cant stop|on the floor of|coming in)"
        ),
        _p(r"(?:pouring|gushing|spraying) (?:out )?" + W % 2 + r"water"),
        _p(
            r"(?:overflowing|overflowed|overflow) "
            + W % 5
            + r"(?:won't stop|wont stop|can't stop|cant stop|everywhere|all over|flooding)"
        ),
        _p(
            r"(?:sewage|sewer|raw sewage) "
            + W % 4
            + r"(?:backing up|backed up|coming up|everywhere|overflowing|all over|in my|in the)"
        ),
        _p(r"(?:backing up|backed up|coming up) " + W % 3 + r"(?:sewage|sewer)"),
    ],
    "burst_pipe": [
        _p(r"(?:burst|busted|bursting|broken|broke|exploded|cracked|split) (?:water )?(?:pipe|pipes|main|water line)"),
        _p(
            r"(?:pipe|pipes|water main|water line|tuberia|tubo|tubos) "
            + W % 3
            + r"(?:burst|busted|bursted|broke|broken|exploded|split|blew|reventada|reventado|rota|roto|se rompio|se revento)"
        ),
        _p(r"(?:frozen) (?:pipe|pipes)|(?:pipe|pipes) (?:are |is )?frozen"),
        _p(r"(?:se revento|se rompio) (?:la |el )?(?:tuberia|tubo)"),
    ],
    "water_electrical": [
        # water through a ceiling, a light fixture, an outlet: the spec's "water coming through the ceiling"
        _p(WATERISH + r" " + W % 5 + r"(?:ceiling|" + ELECTRIC_SPOTS + r")"),
        _p(r"(?:ceiling|" + ELECTRIC_SPOTS + r") " + W % 4 + FLOW + r"(?! (?:stain|stains)\b)"),
        _p(
            r"(?:ceiling) "
            + W % 4
            + r"(?:collapsing|collapsed|caving|fell|falling|sagging|bulging|came down|coming down)"
        ),
    ],
    "electrical": [
        _p(r"(?:sparks|sparking|sparked|sparkes|arcing|chispas|chispa|chisporrotea)"),
        _p(
            DEVICES
            + r" "
            + W % 3
            + r"(?:melting|melted|burning|scorched|charred|sizzling|buzzing and hot|too hot to touch)"
        ),
        _p(
            r"(?:electrocuted|electric shock|electrical shock|shocked me|got shocked|got a shock|live wire|live wires|power line down|downed power line|electrical fire)"
        ),
    ],
    "break_in": [
        _p(
            r"(?:break in|break-in|broke in|broken into|breaking in|breakin|broke into|breaking into|burglar|burglars|burglary|intruder|intruders|home invasion|robbed|robbery|burglarized|forced entry|forced open|kicked in|pried open|ladron|ladrones|robo|robaron|entraron)"
        ),
        _p(
            r"(?:someone|somebody|a man|a guy|a stranger|stranger|strangers|people|alguien) "
            + W % 3
            + r"(?:in my apartment|in my unit|in my home|inside my|inside the apartment|trying to get in|trying to break|trying to open my door|broke|breaking|entered|got in|entro|esta adentro|tratando de entrar)"
        ),
        _p(r"(?:door|window|lock) " + W % 2 + r"(?:kicked|smashed|forced|broken into|pried)"),
    ],
    "trapped_or_hurt": [
        _p(r"(?:trapped|atrapado|atrapada|atascado|atascada)"),
        _p(r"(?:stuck|stranded) (?:in|inside) (?:the |an |my )?(?:elevator|lift|bathroom|apartment|room)"),
        _p(r"elevator " + W % 2 + r"(?:stuck|stopped with|with people|trapped)"),
        _p(r"(?:locked (?:inside|in))(?! (?:my |the )?(?:lease|contract|rate))"),
        _p(
            r"(?:someone|somebody|he|she|my (?:son|daughter|kid|child|mom|dad|husband|wife|neighbor|roommate|baby)|a child|a kid|resident|tenant) "
            + W % 3
            + r"(?:hurt|injured|bleeding|unconscious|not breathing|fell|collapsed|passed out|fainted)"
        ),
        _p(
            r"(?:bleeding|unconscious|not breathing|can't breathe|cant breathe|heart attack|seizure|overdose|ambulance|paramedics|call 911|called 911|911|herido|herida|sangrando|inconsciente|no respira|ambulancia)"
        ),
        _p(r"(?:fell|slipped) " + W % 4 + r"(?:hurt|injured|broke|hospital|can't get up|cant get up|bleeding|head)"),
    ],
    "declared": [
        _p(
            r"(?:emergency|emergencia|sos|urgent help|help me please|please help me|ayuda urgente|auxilio)(?! (?:contact|contacts|number|numbers|line|lines|phone|maintenance line|maintenance number|exit|exits|light|lights|info|information)\b)"
        ),
    ],
    # weather-dependent (see `detect`)
    "no_heat": [
        _p(r"(?:no|without|zero|lost|losing) (?:heat|heating|heater|hot air)"),
        _p(
            r"(?:heat|heating|(?<!water )heater|furnace|boiler|radiator|radiators|thermostat) "
            + W % 3
            + r"(?:not working|isn't working|is not working|doesn't work|does not work|stopped working|won't turn on|wont turn on|won't come on|wont come on|broken|broke|out|off|died|dead|is out|went out|quit|not coming on|blowing cold)"
        ),
        _p(
            r"(?:freezing|frozen|so cold|very cold|ice cold|too cold|bitter cold|below zero|cold in here|it's \d\d degrees|\d\d degrees inside)"
        ),
        _p(
            r"(?:no hay|sin|no tenemos|no funciona la) (?:calefaccion|calefactor|calor)|(?:calefaccion|calefactor) no funciona|mucho frio|hace frio|congelando"
        ),
    ],
    "no_cooling": [
        _p(r"(?:no|without|zero|lost) (?:ac|air conditioning|air conditioner|cooling|cold air|air)"),
        _p(
            r"(?:ac|air conditioning|air conditioner|cooling|a c|aircon|hvac) "
            + W % 3
            + r"(?:not working|isn't working|is not working|doesn't work|does not work|stopped working|won't turn on|wont turn on|broken|broke|out|off|died|dead|went out|quit|blowing hot|blowing warm)"
        ),
        _p(r"(?:sin|no hay|no funciona el) (?:aire|aire acondicionado)|(?:aire acondicionado|aire) no funciona"),
    ],
}
WEATHER_KINDS = {"no_heat", "no_cooling"}
EXTREME_COLD = _p(
    r"(?:freezing|frozen|below zero|below freezing|snow|snowing|ice|icy|bitter cold|\b[0-4]\d degrees|baby|infant|newborn|elderly|oxygen|pipes|congelando|mucho frio)"
)
EXTREME_HEAT = _p(
    r"(?:heat stroke|heatstroke|heat wave|heatwave|extreme heat|dangerously hot|unbearable|sweltering|(?:9\d|1[0-2]\d) degrees|(?:9\d|1[0-2]\d) ?f\b|baby|infant|newborn|elderly|medical|dizzy|fainted|passing out|calor extremo|mucho calor)"
)

NEGATORS = {
    "no",
    "not",
    "never",
    "without",
    "nothing",
    "none",
    "don't",
    "doesn't",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "didn't",
    "nor",
    "nunca",
    "ni",
    "cannot",
}
NEGATION_WINDOW = 3
# "no" in these kinds is the trigger itself ("no heat"), not a negation of it
SELF_NEGATING = {"no_heat", "no_cooling"}

RESOLVED = _p(
    r"(?:false alarm|falsa alarma|never ?mind|nvm|disregard|ignore (?:my|the|that) (?:last |previous )?(?:message|text)|"
    r"(?:is|was|got|been|it's|all|now|are|were|has been|have been|all been) (?:now )?(?:fixed|resolved|repaired|taken care of|sorted|sorted out|cleaned up|turned off|shut off|put out|under control)|"
    r"(?:fixed|resolved|handled) (?:it|now|already)|it's (?:fine|ok|okay|good|all good) now|all good now|everything is (?:fine|ok|okay) now|"
    r"(?:working|back on|back) (?:now|again)|no longer|not anymore|went away|stopped now|has stopped|it stopped|"
    r"(?:burnt|burned|burning) (?:the |my |some )?(?:toast|food|popcorn|dinner|bacon|pan)|(?:from|while|was) cooking|"
    r"ya (?:se )?(?:arreglo|resolvio|paso)|ya esta bien|ya no|todo bien ahora)"
)
STILL = _p(
    r"(?:still|keeps|keep|getting worse|worse|spreading|hurry|asap|urgent|urgently|please come|send someone|come now|"
    r"but now|now there's|now it's|now its|right now|again|todavia|sigue|urgente|ayuda|otra vez)"
)
_CLAUSE = re.compile(r"[.!?;\n]+| but | pero ")


@dataclass
class Verdict:
    is_emergency: bool
    kinds: list[str] = field(default_factory=list)
    matched: list[str] = field(default_factory=list)
    resolved: bool = False  # a trigger was there, but negated or over
    weather_dependent: list[str] = field(default_factory=list)  # no heat / no cooling outside their season


def _negated(text: str, start: int, kind: str, matched: str) -> bool:
    if kind in SELF_NEGATING:
        return False
    before = text[:start].split()[-NEGATION_WINDOW:]
    # a clause break resets: "the fire is out. no smoke" -> only tokens after the last punctuation count
    for i in range(len(before) - 1, -1, -1):
        if before[i] in {".", "!", "?", ";", ",", "\n", "but", "and"}:
            before = before[i + 1 :]
            break
    inside = matched.split()[1:-1]  # "ceiling is not leaking": a negator between the two anchors
    return any(t in NEGATORS for t in before) or any(t in NEGATORS for t in inside)


def detect(text: str, *, month: int) -> Verdict:
    """Is `text` an emergency? `month` (1-12, the property's) decides whether no heat / no cooling is one."""
    canon = canonical(text)
    clauses = [c for c in _CLAUSE.split(canon) if c.strip()]
    whole_resolved = bool(RESOLVED.search(canon)) and not STILL.search(canon)
    found, negated_or_over, seasonal = [], False, []
    for kind, patterns in PATTERNS.items():
        for pattern in patterns:
            for m in pattern.finditer(canon):
                if _negated(canon, m.start(), kind, m.group(0)):
                    negated_or_over = True
                    continue
                clause = next((c for c in clauses if m.group(0) in c), m.group(0))
                if kind == "water_electrical" and _STAIN.search(clause) and not _ACTIVE.search(clause):
                    continue  # an old water stain on the ceiling is a repair, not an emergency
                if whole_resolved or (RESOLVED.search(clause) and not STILL.search(clause)):
                    negated_or_over = True
                    continue
                if kind == "carbon_monoxide" and _BATTERY.search(clause) and not _SOUNDING.search(clause):
                    continue  # "the CO detector needs a new battery": a repair
                if kind in WEATHER_KINDS:
                    cold = kind == "no_heat" and (month in COLD_MONTHS or EXTREME_COLD.search(canon))
                    hot = kind == "no_cooling" and (month in HOT_MONTHS or EXTREME_HEAT.search(canon))
                    if not (cold or hot):
                        seasonal.append(kind)
                        continue
                    if (
                        kind == "no_heat"
                        and m.group(0).startswith(
                            (
                                "freezing",
                                "frozen",
                                "so cold",
                                "very",
                                "ice",
                                "too",
                                "bitter",
                                "below",
                                "cold",
                                "it's",
                                "mucho",
                                "hace",
                                "congelando",
                            )
                        )
                        and not _heat_word(canon)
                    ):
                        continue  # "freezing" alone (a cold apartment with no word about the heat) is not a heat outage
                found.append((kind, m.group(0)))
    kinds = sorted({k for k, _ in found}, key=list(PATTERNS).index)
    return Verdict(
        is_emergency=bool(found),
        kinds=kinds,
        matched=[m for _, m in found][:10],
        resolved=negated_or_over and not found,
        weather_dependent=sorted(set(seasonal)) if not found else [],
    )


_BATTERY = _p(r"(?:battery|batteries|bateria|low batt)")
_SOUNDING = _p(
    r"(?:going off|went off|goes off|sounding|alarming|headache|dizzy|nausea|sick|sleepy|won't stop|wont stop)"
)
_STAIN = _p(r"(?:stain|stains|stained|spot|spots|mark|marks|discolored|discoloration|damage from)")
_ACTIVE = _p(
    r"(?:coming|pouring|dripping|leaking|raining|gushing|running|spraying|flowing|streaming|through|collapsing|caving)"
)
_HEAT_WORD = _p(r"(?:heat|heating|heater|furnace|boiler|radiator|radiators|thermostat|calefaccion|calefactor|calor)")


def _heat_word(canon: str) -> bool:
    return bool(_HEAT_WORD.search(canon))
