"""The offline message classifier (pure: text in, intent/category/confidence out; no Django, no clock).

A TF-IDF (word 1-2 grams + character 2-5 grams, over textnorm's canonical text) + logistic-regression model is
trained at first use from `data/tenant_messages.tsv` (a few hundred messages written and labelled by hand; the
intent decides the category). Deterministic (fixed solver, no random state involved) and fast (< 1 s). Small
rules confirm the intents an auto-reply may answer ("when is my rent due"): when the rule and the model agree,
the confidence is 1 - (1 - p) * 0.3 (two independent signals), else the model's probability.

Emergencies are not left to this model: `communications.emergency` decides (recall-first); the model's
`report_emergency` can only add an emergency the rules missed, never remove one.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

from communications.textnorm import canonical

DATA = Path(__file__).resolve().parent / "data" / "tenant_messages.tsv"

CATEGORY_OF = {
    "rent_due_date_query": "billing",
    "balance_query": "billing",
    "payment_confirmation": "billing",
    "late_fee_dispute": "billing",
    "payment_plan_request": "billing",
    "payment_method_query": "billing",
    "lease_end_query": "lease",
    "renewal_query": "lease",
    "move_out_notice": "lease",
    "lease_document_request": "lease",
    "pet_or_occupant_request": "lease",
    "report_issue": "maintenance",
    "maintenance_status_query": "maintenance",
    "noise_complaint": "complaint",
    "neighbor_complaint": "complaint",
    "service_complaint": "complaint",
    "legal_threat": "complaint",
    "amenity_query": "general",
    "package_query": "general",
    "parking_query": "general",
    "thanks": "general",
    "office_hours_query": "general",
    "other_question": "general",
    "report_emergency": "emergency",
}
INTENTS = sorted(CATEGORY_OF)

CONFIRMING_RULES = {
    "rent_due_date_query": re.compile(
        r"\b(rent|renta)\b.*\b(due|when|date|how much|amount|vence|cuando|cuanto|day)\b|\b(when|what day|how much|cuando|cuanto)\b.*\b(rent|renta)\b"
    ),
    "balance_query": re.compile(r"\b(balance|owe|owing|behind|past due|caught up|outstanding|debo)\b"),
    "lease_end_query": re.compile(
        r"\blease\b.*\b(end|ends|ending|expire|expires|up|over|finish|left)\b|\bmonth to month\b|\btermina\b.*\bcontrato\b"
    ),
    "maintenance_status_query": re.compile(
        r"\b(update|status|scheduled|coming|open requests?|work order|ticket|any news|still open)\b"
    ),
}


@dataclass(frozen=True)
class IntentResult:
    intent: str
    category: str
    confidence: float
    emergency_probability: float
    ranked: tuple  # ((intent, probability), ...) best first, top 3


def load_examples(path: Path = DATA) -> list[tuple[str, str]]:
    """[(text, intent)] from the labelled file (tab-separated `intent<TAB>text`, `#` comments)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        intent, _, text = line.partition("\t")
        if intent not in CATEGORY_OF:
            raise ValueError(f"Unknown intent {intent!r} in {path.name}")
        rows.append((text.strip(), intent))
    return rows


def train(examples: list[tuple[str, str]]):
    """A fitted pipeline for [(text, intent)]."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion, Pipeline

    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1, token_pattern=r"[a-z0-9']+")),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=1)),
        ]
    )
    model = Pipeline([("features", features), ("clf", LogisticRegression(C=20.0, max_iter=3000))])
    model.fit([canonical(t) for t, _ in examples], [i for _, i in examples])
    return model


@functools.cache
def _model():
    return train(load_examples())


def classify_intent(text: str, *, model=None) -> IntentResult:
    model = model or _model()
    canon = canonical(text)
    probabilities = model.predict_proba([canon])[0]
    classes = list(model.classes_)
    ranked = sorted(zip(classes, probabilities, strict=True), key=lambda pair: (-pair[1], pair[0]))
    intent, p = ranked[0]
    rule = CONFIRMING_RULES.get(intent)
    confidence = 1 - (1 - p) * 0.3 if rule is not None and rule.search(canon) else p
    emergency = dict(ranked).get("report_emergency", 0.0)
    return IntentResult(
        intent=intent,
        category=CATEGORY_OF[intent],
        confidence=round(float(confidence), 4),
        emergency_probability=round(float(emergency), 4),
        ranked=tuple((i, round(float(q), 4)) for i, q in ranked[:3]),
    )


# --- maintenance details --------------------------------------------------------------------------------------

ISSUE_TYPES = [  # (issue type, words) - first match wins; work-order categories in units.WorkOrderCategory
    (
        "pest",
        r"roach|roaches|cockroach|cucaracha|mice|mouse|rat|rats|ants|bed ?bugs?|termites?|bugs|pests?|wasps?|bees|raton|ratones|chinches",
    ),
    (
        "hvac",
        r"heat|heater|heating|furnace|thermostat|ac|air conditioning|air conditioner|hvac|vent|vents|radiator|boiler|cooling|calefaccion|aire",
    ),
    (
        "electrical",
        r"outlet|outlets|breaker|switch|light|lights|fixture|wiring|wires|power|electrical|electric|sparks|sparking|fan|luz|electricidad",
    ),
    (
        "appliance",
        r"dishwasher|fridge|refrigerator|freezer|oven|stove|burner|microwave|washer|washing machine|dryer|disposal|ice maker|range|refrigerador|estufa|lavadora|secadora",
    ),
    (
        "plumbing",
        r"sink|leak|leaking|leaks|toilet|faucet|drain|clog|clogged|pipe|pipes|shower|tub|water heater|hot water|water|sewage|plumbing|drip|dripping|llave|inodoro|fregadero|tuberia",
    ),
    ("locks_security", r"lock|locks|key|keys|deadbolt|door won't lock|fob|cerradura|llave de la puerta"),
    (
        "structural",
        r"ceiling|wall|walls|floor|floors|tile|window|windows|door|doors|roof|crack|cracks|stairs|balcony|mold|mould|carpet|cabinet|blinds|screen|hinge|techo|pared|ventana|puerta",
    ),
]
LOCATIONS = [
    ("kitchen", r"kitchen|cocina|fridge|stove|oven|dishwasher|disposal|microwave"),
    ("bathroom", r"bathroom|bath|toilet|shower|tub|bano|inodoro"),
    ("bedroom", r"bedroom|closet|dormitorio|recamara|cuarto"),
    ("living room", r"living room|livingroom|lounge|family room|sala"),
    ("laundry", r"laundry|washer|dryer|lavadora|secadora"),
    (
        "exterior",
        r"balcony|patio|outside|exterior|yard|parking|garage|roof|hallway|hall|stairs|front door|entrance|lobby|elevator",
    ),
]
HIGH = re.compile(
    r"\b(no hot water|no water|won't stop|wont stop|can't use|cant use|not working at all|completely|leaking onto|flooding|overflow|overflowing|can't flush|no power|stopped working|spoiling|getting warm|mold|bed ?bugs?|clogged)\b"
)
LOW = re.compile(
    r"\b(whenever|no rush|not urgent|when you get a chance|when you can|minor|small|a little|cosmetic|slow drip|loud|wobbles|sticking|torn)\b"
)


def _first(table, canon: str) -> str | None:
    for name, words in table:
        if re.search(rf"\b(?:{words})\b", canon):
            return name
    return None


def maintenance_details(text: str, *, emergency: bool) -> dict:
    """{issue_type, location, severity} for a maintenance (or emergency) message; None where the text is silent."""
    canon = canonical(text)
    issue = _first(ISSUE_TYPES, canon)
    if severity := ("critical" if emergency else None):
        pass
    elif HIGH.search(canon):
        severity = "high"
    elif LOW.search(canon):
        severity = "low"
    else:
        severity = "medium"
    return {"issue_type": issue, "location": _first(LOCATIONS, canon), "severity": severity}


def is_opt_out(text: str) -> str | None:
    """'stop' / 'start' for the carrier keywords (the whole message is the keyword), else None."""
    word = re.sub(r"[^a-z]", "", (text or "").strip().lower())
    if word in {"stop", "stopall", "unsubscribe", "cancel", "end", "quit", "optout", "revoke", "baja"}:
        return "stop"
    if word in {"start", "unstop", "subscribe", "yes", "optin"}:
        return "start"
    return None
