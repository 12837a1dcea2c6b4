"""The offline classifier: the spec's emergency keywords and many phrasings are emergencies; negation and
resolution are not; the held-out accuracy of the intent model."""

import pytest

from communications import emergency, intents
from communications.prompts import classify_offline_text

SPEC_KEYWORDS = ["flood", "fire", "gas leak", "smoke", "carbon monoxide", "break-in", "burst pipe"]

EMERGENCIES = [
    "theres water coming thru my bathroom light!!",
    "FIRE IN THE KITCHEN",
    "my apartment is on fire",
    "i smell gas",
    "Smells like gas in the hallway near 3B",
    "strong gas odor by the stove",
    "rotten egg smell in my unit",
    "carbon monoxide detector is going off",
    "CO alarm beeping and I have a headache",
    "the smoke alarm is going off and there's smoke",
    "smoke coming out of the vent",
    "the outlet in the bedroom is sparking",
    "burning smell coming from the outlet",
    "my dryer is smoking",
    "the power strip melted",
    "water pouring from the ceiling",
    "ceiling is leaking onto my bed",
    "water dripping out of the light fixture",
    "the pipe burst under the kitchen sink",
    "pipes burst, water everywhere",
    "basement is flooded",
    "Apt flooding!!! help",
    "toilet overflowing and it won't stop, water everywhere",
    "sewage backing up into the tub",
    "someone broke into my apartment",
    "there's someone trying to break in my door",
    "I think there's an intruder in the building",
    "my door was kicked in",
    "I'm trapped in the elevator",
    "elevator stuck between floors with people inside",
    "my son fell down the stairs and is bleeding",
    "a resident collapsed in the lobby, not breathing",
    "no heat and it's freezing, I have a newborn",
    "the ceiling collapsed in the bathroom",
    "fiire in unit 4",
    "flooodinggg",
    "SMOKE EVERYWHERE",
    "theres a fier",
    "watter comin thru the celing",
    "GAS LEAK",
    "huele a gas en la cocina",
    "hay un incendio en el edificio",
    "se esta inundando mi apartamento",
    "sale agua del techo",
    "se revento la tuberia",
    "hay chispas en el enchufe",
    "alguien entro a mi casa",
    "estoy atrapado en el elevador",
    "no hay calefaccion y hace mucho frio",
    "this is an emergency please call me",
]
NOT_EMERGENCIES = [
    "when is my rent due",
    "my kitchen sink is leaking under the cabinet",
    "the leak is fixed now, thanks",
    "false alarm, the smoke detector went off because I burnt toast",
    "I don't smell gas anymore, it was the stove pilot. all good now",
    "there's no smoke, the alarm was just a drill",
    "can I update my emergency contact?",
    "the smoke detector is chirping, needs a new battery",
    "my neighbor smokes cigarettes on the balcony",
    "the flooring in the hall is peeling",
    "my gas bill seems high",
    "water stain on the bathroom ceiling from last year",
    "the water heater is not working, no hot water",
    "I'm fine, thanks for checking in",
    "the fire extinguisher in the hall is expired",
]


@pytest.mark.parametrize("keyword", SPEC_KEYWORDS)
def test_every_spec_keyword_is_an_emergency(keyword):
    assert classify_offline_text(f"{keyword} in my unit", month=7)["is_emergency"]


@pytest.mark.parametrize("text", EMERGENCIES)
def test_phrasings_misspellings_caps_and_spanish_are_emergencies(text):
    result = classify_offline_text(text, month=1)
    assert result["is_emergency"], text
    assert result["category"] == "emergency" and result["urgency"] == "critical"


@pytest.mark.parametrize("text", NOT_EMERGENCIES)
def test_negated_resolved_and_ordinary_messages_are_not(text):
    assert not classify_offline_text(text, month=1)["is_emergency"], text


def test_no_heat_is_an_emergency_in_winter_and_a_repair_in_summer():
    assert emergency.detect("the heat is not working", month=1).is_emergency
    summer = classify_offline_text("the heat is not working", month=7)
    assert not summer["is_emergency"] and summer["category"] == "maintenance" and summer["urgency"] == "high"
    assert emergency.detect("AC broke and it's 104 degrees, my grandpa is dizzy", month=3).is_emergency
    assert emergency.detect("no AC", month=8).is_emergency
    assert not emergency.detect("no AC", month=12).is_emergency


def test_still_going_beats_a_resolution_word():
    assert emergency.detect("they fixed the sink but now water is coming through the ceiling", month=5).is_emergency
    assert emergency.detect(
        "I turned off the valve but the water is still pouring from the ceiling", month=5
    ).is_emergency


def test_held_out_accuracy_and_emergency_recall():
    from sklearn.model_selection import train_test_split

    rows = intents.load_examples()
    texts, labels = [t for t, _ in rows], [i for _, i in rows]
    train_x, test_x, train_y, test_y = train_test_split(texts, labels, test_size=0.25, random_state=7, stratify=labels)
    model = intents.train(list(zip(train_x, train_y, strict=True)))
    predicted = [intents.classify_intent(t, model=model) for t in test_x]
    category_accuracy = sum(p.category == intents.CATEGORY_OF[y] for p, y in zip(predicted, test_y, strict=True)) / len(
        test_y
    )
    assert category_accuracy >= 0.55  # measured 0.62-0.65 over three splits (benchmarks/bench_classifier.py)
    emergencies = [t for t, y in zip(test_x, test_y, strict=True) if y == "report_emergency"]
    assert all(classify_offline_text(t, month=1)["is_emergency"] for t in emergencies)


def test_training_is_deterministic():
    rows = intents.load_examples()
    a, b = intents.train(rows), intents.train(rows)
    texts = ["when is my rent due", "loud music upstairs", "can i get a cat"]
    assert (a.predict_proba(texts) == b.predict_proba(texts)).all()


def test_maintenance_details():
    d = intents.maintenance_details("my kitchen sink is leaking under the cabinet", emergency=False)
    assert d == {"issue_type": "plumbing", "location": "kitchen", "severity": "medium"}
    assert intents.maintenance_details("roaches in the bathroom", emergency=False)["issue_type"] == "pest"


def test_the_rules_agree_with_every_label_of_the_labelled_set():
    wrong = [
        (intent, text)
        for text, intent in intents.load_examples()
        if emergency.detect(text, month=1).is_emergency != (intent == "report_emergency")
    ]
    assert not wrong


@pytest.mark.parametrize("text", ["can I get a second parking permit?", "the sliding door sticks", "flowers died"])
def test_spelling_correction_keeps_ordinary_words(text):
    assert not emergency.detect(text, month=1).is_emergency
