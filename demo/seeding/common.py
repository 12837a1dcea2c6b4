"""Small pure helpers of the demo seed: deterministic randomness and ids, apportioning, dates, money."""

from __future__ import annotations

import calendar
import datetime
import math
import random
import re
import uuid
from decimal import Decimal

_DAY = datetime.timedelta(days=1)
_DAYS = tuple(datetime.timedelta(days=n) for n in range(1200))  # hot paths index instead of constructing


def apportion(total: int, weights) -> list[int]:
    """Splits `total` in proportion to integer `weights` (largest remainder; ties go to the earlier one)."""
    weights = [int(w) for w in weights]
    s = sum(weights)
    if s <= 0:
        raise ValueError("weights must sum to a positive number")
    parts = [divmod(total * w, s) for w in weights]
    out = [q for q, _ in parts]
    short = total - sum(out)
    for i in sorted(range(len(weights)), key=lambda i: (-parts[i][1], i))[:short]:
        out[i] += 1
    return out


def add_months(d: datetime.date, months: int) -> datetime.date:
    y, m = divmod(d.month - 1 + months, 12)
    y += d.year
    m += 1
    return datetime.date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def _money(cents: int) -> Decimal:
    """Integer cents -> Decimal with exactly two places."""
    return Decimal(int(cents)).scaleb(-2)


def _round5(dollars: float) -> int:
    """Dollars rounded to the nearest $5, as cents."""
    return int(round(dollars / 5.0)) * 500


_V4_MASK = ~((0xF << 76) | (0x3 << 62)) & ((1 << 128) - 1)  # version nibble, variant bits
_V4_BITS = (4 << 76) | (0x2 << 62)  # version 4, RFC 4122 variant
_new_object = object.__new__
_set_slot = object.__setattr__
_SAFE_UNKNOWN = uuid.SafeUUID.unknown


class SeedRandom(random.Random):
    """random.Random that also hands out deterministic UUIDs.

    An id is a version-4 UUID whose top bits are the stream number and a running count, the rest
    random bits from the stream: unique and reproducible, and rows arrive in key order, so primary-
    and foreign-key indexes grow at their right edge instead of touching random pages.
    """

    def __init__(self, seed, *, stream: int):
        super().__init__(seed)
        self.stream = stream
        self.issued = 0

    def uuid(self) -> uuid.UUID:
        self.issued += 1
        value = ((self.stream << 124) | (self.issued << 80) | self.getrandbits(80)) & _V4_MASK | _V4_BITS
        # == uuid.UUID(int=value, version=4), minus __init__'s argument parsing (a hot path: 4M ids);
        # UUID is immutable through __setattr__, so it sets its slots the same way.
        u = _new_object(uuid.UUID)
        _set_slot(u, "int", value)
        _set_slot(u, "is_safe", _SAFE_UNKNOWN)
        return u


def _uuid(rng: SeedRandom) -> uuid.UUID:
    return rng.uuid()


def _slug(name: str) -> str:
    return re.sub(r"[^a-z]", "", name.lower())


def _phone(rng: random.Random, area: str) -> str:
    return f"+1{area}55501{rng.randint(0, 99):02d}"  # 555-0100..0199: reserved for fiction


def tenant_phone(g: int) -> str:
    """A distinct fictional number per tenant (the g-th unit of the portfolio): 555-0100..0199 in area codes
    201, 202, ... (100 tenants per area code), so an inbound SMS can be matched to one tenant. Distinct for the
    first 79,900 tenants (area codes 201-999); beyond that (benchmark portfolios) the numbers repeat."""
    return f"+1{201 + (g // 100) % 799}55501{g % 100:02d}"


def _building_label(i: int) -> str:
    label = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        label = chr(65 + r) + label
    return label


def _at(d: datetime.date, hour: int = 10) -> datetime.datetime:
    return datetime.datetime.combine(d, datetime.time(hour), tzinfo=datetime.UTC)


def _poisson(rng: random.Random, lam: float) -> int:
    limit, k, p = math.exp(-lam), 0, 1.0
    while True:
        p *= rng.random()
        if p <= limit:
            return k
        k += 1


def _top_k(rng: random.Random, candidates: list[int], weight_of, k: int) -> set[int]:
    """Weighted sampling without replacement (Efraimidis-Spirakis): exactly k of `candidates`."""
    keyed = [(math.log(1.0 - rng.random()) / weight_of(c), c) for c in candidates]
    keyed.sort(reverse=True)
    return {c for _, c in keyed[:k]}


class _Counters:
    def __init__(self):
        self.work_order = 0
        self.invoice: dict[uuid.UUID, int] = {}
