"""Message sentiment from a lexicon (pure): -1.0 (very negative) to 1.0 (very positive).

Each word has a weight in [-3, 3] (VADER-style). A negator in the two words before flips and damps it
("not happy" -> -0.74 x happy), an intensifier ("very", "so", "really") multiplies it by 1.3, ALL-CAPS words by
1.2, and each "!" (up to 3) adds 0.1 in the direction of the sum. Legal threats and "third time" phrases carry
their own weight. The sum S is squashed with S / sqrt(S^2 + 15) (VADER's normalisation) and rounded to 3
decimals.
"""

from __future__ import annotations

import math
import re

from communications.textnorm import strip_accents

LEXICON = {
    # positive
    "love": 3.0,
    "loved": 2.8,
    "great": 2.5,
    "awesome": 3.0,
    "amazing": 3.0,
    "excellent": 3.0,
    "perfect": 2.7,
    "thanks": 1.8,
    "thank": 1.8,
    "thankyou": 1.8,
    "appreciate": 2.2,
    "appreciated": 2.2,
    "happy": 2.5,
    "glad": 2.0,
    "nice": 1.8,
    "good": 1.5,
    "wonderful": 2.8,
    "fantastic": 3.0,
    "quick": 1.0,
    "quickly": 1.0,
    "helpful": 2.0,
    "pleased": 2.2,
    "enjoy": 2.0,
    "enjoying": 2.0,
    "best": 2.5,
    "clean": 1.0,
    "friendly": 2.0,
    "gracias": 1.8,
    "excelente": 3.0,
    "feliz": 2.5,
    "bueno": 1.5,
    "ok": 0.3,
    "fine": 0.5,
    "resolved": 1.2,
    "fixed": 1.0,
    "please": 0.2,
    # negative
    "bad": -2.0,
    "terrible": -3.0,
    "horrible": -3.0,
    "awful": -3.0,
    "worst": -3.0,
    "hate": -3.0,
    "angry": -2.8,
    "furious": -3.0,
    "upset": -2.3,
    "frustrated": -2.5,
    "frustrating": -2.5,
    "annoyed": -2.0,
    "annoying": -2.0,
    "disappointed": -2.3,
    "disappointing": -2.3,
    "unacceptable": -3.0,
    "ridiculous": -2.5,
    "rude": -2.5,
    "disgusting": -3.0,
    "gross": -2.0,
    "never": -0.8,
    "nobody": -1.2,
    "ignored": -2.3,
    "ignoring": -2.3,
    "waiting": -0.8,
    "still": -0.8,
    "again": -0.8,
    "broken": -1.5,
    "broke": -1.3,
    "leak": -1.0,
    "leaking": -1.0,
    "loud": -1.5,
    "noise": -1.2,
    "noisy": -1.5,
    "dirty": -2.0,
    "mold": -1.8,
    "roaches": -2.0,
    "mice": -1.8,
    "problem": -1.2,
    "problems": -1.5,
    "issue": -0.8,
    "issues": -1.0,
    "worse": -2.2,
    "lawyer": -2.8,
    "attorney": -2.8,
    "sue": -3.0,
    "court": -2.0,
    "withhold": -2.5,
    "violation": -2.2,
    "scam": -3.0,
    "unsafe": -2.5,
    "dangerous": -2.5,
    "scared": -2.2,
    "afraid": -2.0,
    "worried": -1.8,
    "help": -0.5,
    "emergency": -2.0,
    "fire": -2.5,
    "flood": -2.5,
    "flooding": -2.5,
    "smoke": -2.0,
    "gas": -1.0,
    "can't": -0.8,
    "sick": -2.0,
    "tired": -1.8,
    "fed": -1.0,
    "wrong": -1.8,
    "unfair": -2.5,
    "late": -0.8,
    "fee": -0.5,
    "charged": -0.8,
    "missing": -1.5,
    "stolen": -2.5,
    "harassing": -2.8,
    "freezing": -1.8,
    "malo": -2.0,
    "terrible.": -3.0,
    "ruido": -1.2,
    "molesto": -2.0,
    "abogado": -2.8,
    "nadie": -1.2,
}
PHRASES = [  # (pattern, weight)
    (re.compile(r"\b(third|fourth|fifth|3rd|4th|5th) time\b"), -2.5),
    (re.compile(r"\b(housing authority|code enforcement|small claims|my rights|report you)\b"), -2.5),
    (re.compile(r"\bfed up\b"), -2.5),
    (re.compile(r"\bmoving out\b|\bnot renewing\b|\bwon't be renewing\b"), -1.0),
    (re.compile(r"\bno one\b|\bnever showed\b|\bno response\b"), -1.5),
    (re.compile(r"\bfalling apart\b"), -2.5),
]
NEGATORS = {"not", "no", "never", "isn't", "wasn't", "don't", "doesn't", "didn't", "aren't", "ain't", "nothing"}
INTENSIFIERS = {"very", "so", "really", "extremely", "super", "totally", "absolutely", "incredibly", "muy"}


def score(text: str) -> float:
    raw = text or ""
    words = re.findall(r"[A-Za-z']+", strip_accents(raw))
    total = 0.0
    for i, word in enumerate(words):
        low = word.lower()
        weight = LEXICON.get(low)
        if weight is None:
            continue
        if word.isupper() and len(word) > 1:
            weight *= 1.2
        before = [w.lower() for w in words[max(0, i - 2) : i]]
        if before and before[-1] in INTENSIFIERS:
            weight *= 1.3
        if any(w in NEGATORS or w.endswith("n't") for w in before) and low not in NEGATORS:
            weight *= -0.74
        total += weight
    low_text = strip_accents(raw).lower()
    for pattern, weight in PHRASES:
        if pattern.search(low_text):
            total += weight
    if total:
        total += math.copysign(0.1 * min(raw.count("!"), 3), total)
    return round(total / math.sqrt(total * total + 15), 3)
