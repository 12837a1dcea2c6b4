"""Text normalisation for tenant messages (pure): accents off, lower case, tenant spelling ("thru", "fiiire",
"cieling") mapped to the canonical word the rules and the classifier know.

    canonical("theres WATER coming thru my bathroom lite!!") -> "theres water coming through my bathroom light !!"
"""

from __future__ import annotations

import re
import unicodedata

# Words the emergency rules and the maintenance extractor look for. A tenant's token within one edit of one of
# these (tokens of 5+ letters; 2 edits for 8+) becomes that word, after squeezing repeated letters ("fiiire").
VOCAB = (
    "fire flames flame smoke smoking smell smells smelling burning burnt gas leak leaking leaks flood flooding flooded "
    "floods water ceiling light lights fixture pouring gushing burst pipe pipes spraying sparks sparking sparked "
    "outlet outlets electrical breaker carbon monoxide alarm detector broke broken intruder burglar someone heat "
    "heater heating furnace freezing frozen cold conditioning conditioner trapped stuck elevator injured bleeding "
    "unconscious breathing emergency sewage collapsed collapsing electrocuted through coming dripping raining wires "
    "melting melted explosion exploded hissing apartment bathroom kitchen bedroom toilet shower faucet window "
    "plumbing degrees ambulance overflowing overflow burglary robbed stranger somebody everywhere"
).split()

# Explicit misspellings and shorthand (too short or too far for the edit-distance rule).
SPELLINGS = {
    "thru": "through",
    "threw": "through",
    "throu": "through",
    "tru": "through",
    "fier": "fire",
    "fiar": "fire",
    "fyre": "fire",
    "fires": "fire",
    "fiyah": "fire",
    "smok": "smoke",
    "smoak": "smoke",
    "smokey": "smoke",
    "smoky": "smoke",
    "gass": "gas",
    "gaz": "gas",
    "gasoline": "gas",
    "flud": "flood",
    "flod": "flood",
    "fludding": "flooding",
    "floding": "flooding",
    "flodding": "flooding",
    "watr": "water",
    "wter": "water",
    "watter": "water",
    "wtr": "water",
    "agua": "water",
    "lite": "light",
    "lites": "lights",
    "lamp": "light",
    "chandelier": "light",
    "celing": "ceiling",
    "cieling": "ceiling",
    "seiling": "ceiling",
    "cealing": "ceiling",
    "roof": "ceiling",
    "techo": "ceiling",
    "leek": "leak",
    "leeking": "leaking",
    "lekaing": "leaking",
    "leakin": "leaking",
    "leakn": "leaking",
    "spark": "sparks",
    "sparkin": "sparking",
    "sparkn": "sparking",
    "outlit": "outlet",
    "socket": "outlet",
    "sockets": "outlets",
    "plug": "outlet",
    "cmon": "come on",
    "u": "you",
    "ur": "your",
    "pls": "please",
    "plz": "please",
    "rn": "right now",
    "ac": "ac",
    "a/c": "ac",
    "aircon": "ac",
    "hvac": "hvac",
    "co2": "co",
    "monoxide": "monoxide",
    "monoxid": "monoxide",
    "elevater": "elevator",
    "elavator": "elevator",
    "lift": "elevator",
    "bleding": "bleeding",
    "hurt": "hurt",
    "injurd": "injured",
    "burglers": "burglar",
    "burgler": "burglar",
    "robery": "robbery",
    "emergancy": "emergency",
    "emergeny": "emergency",
    "emergncy": "emergency",
    "emergecy": "emergency",
    "emrgency": "emergency",
    "emerg": "emergency",
    "freezin": "freezing",
    "freazing": "freezing",
    "heatr": "heater",
    "bathrm": "bathroom",
    "bathrom": "bathroom",
    "kitchn": "kitchen",
    "bdrm": "bedroom",
    "pipe's": "pipe",
    "fixure": "fixture",
    "fixtures": "fixture",
    "im": "i'm",
    "dont": "don't",
    "doesnt": "doesn't",
    "isnt": "isn't",
    "wont": "won't",
    "cant": "can't",
    "theres": "there's",
    "its": "it's",
    "didnt": "didn't",
    "wasnt": "wasn't",
    "arent": "aren't",
    "rn't": "aren't",
}

# Real words one edit away from a VOCAB word: never "corrected". (A correction also keeps the first letter.)
PROTECTED = set(
    "flooring floors floor fine hire heated hearing sparkling spelling smelly breeding leaking leading lighter "
    "tights nights might fight sight right eight weight height pipes wipes ripe wire tire dire sire hired tired "
    "fired wired shell shelf spell sell water waiter later matter hater eater cater heats meats seats cheater "
    "heather feather leather weather gases cases bases vases bathrooms coming homing combing doming something "
    "someday sometime someplace somewhere outlast alarms detectors smokers smoker burner burners parking parked "
    "parks sparkle sparkles spelled smiling sliding flossing bleaching breathing floating flowing cooling ceilings".split()
)

_TOKEN = re.compile(r"[a-z0-9']+|[!?.,;:\n]")


def strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def squeeze(word: str) -> str:
    """Runs of one letter down to one: 'fiiire' -> 'fire', 'flooood' -> 'flod' (compare squeezed with squeezed)."""
    return re.sub(r"(.)\1+", r"\1", word)


def _distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein (optimal string alignment) distance, stopping once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2, prev = None, list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if prev2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


_SQUEEZED = {}
for _w in VOCAB:
    _SQUEEZED.setdefault(squeeze(_w), _w)
_VOCAB_SET = set(VOCAB)


def canonical_token(token: str) -> str:
    if token in SPELLINGS:
        return SPELLINGS[token]
    if token in _VOCAB_SET or token in PROTECTED or not token.isalpha():
        return token
    s = squeeze(token)
    if s in _SQUEEZED:
        return _SQUEEZED[s]
    if s in SPELLINGS:
        return SPELLINGS[s]
    if len(token) < 5:
        return token
    limit = 2 if len(token) >= 8 else 1
    best, best_d = token, limit + 1
    for word in VOCAB:
        if len(word) < 5 or abs(len(word) - len(token)) > limit or word[0] != token[0]:
            continue
        d = _distance(token, word, limit)
        if d < best_d:
            best, best_d = word, d
    return best


def tokens(text: str) -> list[str]:
    text = strip_accents(text or "").lower().replace("’", "'").replace("a/c", "ac")
    return _TOKEN.findall(text)


def canonical(text: str) -> str:
    """The message as canonical lower-case tokens separated by single spaces (punctuation kept as tokens)."""
    out = []
    for tok in tokens(text):
        out.append(canonical_token(tok))
    return " ".join(out)
