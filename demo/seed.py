"""The demo portfolio: the specification's starting point (feature 1.1) plus a year of history.

    seed_portfolio()  ->  23 properties, 4,353 units, exactly one lease per unit:
        2,841 current   lease_status='active', lease_end_date >= today
                        (142 / 298 / 451 end within 30 / 60 / 90 days)
        1,146 expired   lease_status='active', lease_end_date < today; the nightly lifecycle agent
                        turns them month-to-month (no holdover fields are set here)
           87 notice    notice given >= 30 days before a move-out 1-60 days ahead
          279 vacant    moved out 1-120 days ago; the unit is 'vacant'
    Other lease counts keep these proportions (largest-remainder rounding, so they sum exactly).

History (with_history=True): twelve months of rent charges and payments per lease (late payers, late
fees, ~4% of occupied leases currently overdue), two years of work orders (seasonal HVAC, repeat
issues) with vendor invoices, and equipment per unit and per building.

Determinism: everything comes from two random.Random streams seeded from `seed` — one for the
portfolio (properties, vendors, units, tenants, leases), one for history — so the same
(seed, leases, today) gives the same rows, primary keys included, and with_history=False gives the
very same leases.

Loading: rows are plain dicts written in batches of 2,000 by demo.bulk.BulkWriter (one executemany on
SQLite, COPY on PostgreSQL; bulk_create was 3-5x slower) inside one transaction, under
demo.bulk.bulk_load (plain indexes rebuilt, and on PostgreSQL foreign keys re-validated, once at the
end). 100,000 leases (~4M rows) take a few minutes; see benchmarks/bench_seed.py.

The seed writes several apps' tables directly (no per-row services): it is a bulk loader for a
fresh database, not a workflow, so no audit rows or side effects are wanted.
"""
from __future__ import annotations

import calendar
import datetime
import functools
import hashlib
import math
import random
import re
import time
import uuid
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from django.apps import apps
from django.db import connection, models, transaction
from django.utils import timezone

from demo import reference as ref
from demo.bulk import BulkWriter, bulk_load
from invoices.models import InvoiceLineItems, Invoices, Vendor
from predictive_maintenance.models import Equipment
from properties.models import Properties
from tenants.models import TenantLease, TenantLedgerEntry, Tenants
from units.models import UnitsMaintenance, UnitsUnit

DEFAULT_SEED = 42
DEFAULT_LEASES = 4353
BATCH_SIZE = 2000
# 'fast': demo.bulk's executemany path; 'orm': Model.objects.bulk_create (same rows, ~5x slower).
INSERT_MODE = "fast"
SQLITE_BULK_CACHE_KIB = 512 * 1024

# The spec's portfolio (1.1): counts for 4,353 leases, scaled for other sizes.
LEASE_SPLIT = (("current", 2841), ("expired", 1146), ("notice", 87), ("vacant", 279))
# Of the current leases, how many end within 0-30, 31-60, 61-90 days and later (cumulative 142/298/451).
EXPIRING_SPLIT = (142, 298 - 142, 451 - 298, 2841 - 451)
EXPIRING_WINDOWS = (30, 60, 90)

OVERDUE_SHARE = 0.04  # of occupied (non-vacant) leases
LATE_FEE_GRACE_DAYS = 5
SEED_ACTOR = "system:seed"

# The tables the seed writes, parents first.
SEEDED_MODELS = (
    Vendor, Properties, UnitsUnit, Tenants, TenantLease, TenantLedgerEntry,
    UnitsMaintenance, Invoices, InvoiceLineItems, Equipment,
)

_DAY = datetime.timedelta(days=1)
_DAYS = tuple(datetime.timedelta(days=n) for n in range(1200))  # hot paths index instead of constructing


# ---------------------------------------------------------------------------------------------------
# small pure helpers


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


# ---------------------------------------------------------------------------------------------------
# plan: which unit gets which lease state (pure, no ORM)


@dataclass(slots=True)
class PropertyPlan:
    index: int
    name: str
    property_type: str
    units: int
    first_unit: int  # global index of its first unit
    city: str
    state: str
    zip_code: str
    area_code: str
    rent_1br: int
    tax_rate: Decimal
    year_built: int
    mtm_weight: float
    vacancy_weight: float
    notice_weight: float


@dataclass(slots=True)
class PortfolioPlan:
    properties: list[PropertyPlan]
    states: list[str]  # per global unit index: current / expired / notice / vacant
    buckets: list[int]  # current leases: 0 (<=30 days), 1 (<=60), 2 (<=90), 3 (later); -1 otherwise
    counts: dict[str, int]
    expiring: dict[int, int]


def plan_portfolio(rng: random.Random, *, leases: int) -> PortfolioPlan:
    counts = dict(zip([k for k, _ in LEASE_SPLIT], apportion(leases, [w for _, w in LEASE_SPLIT]), strict=True))
    sizes = apportion(leases, [w for _, _, w in ref.PROPERTIES])
    cities = rng.sample(ref.CITIES, len(ref.PROPERTIES))
    props, owner, first = [], [], 0
    for i, ((name, ptype, _), size, city) in enumerate(zip(ref.PROPERTIES, sizes, cities, strict=True)):
        props.append(PropertyPlan(
            index=i, name=name, property_type=ptype, units=size, first_unit=first,
            city=city[0], state=city[1], zip_code=city[2], area_code=city[3], rent_1br=city[4],
            tax_rate=Decimal(city[5]), year_built=rng.randint(1965, 2022),
            mtm_weight=rng.lognormvariate(0, 0.9), vacancy_weight=rng.lognormvariate(0, 0.5),
            notice_weight=rng.lognormvariate(0, 0.5),
        ))
        owner.extend([i] * size)
        first += size

    states = ["current"] * leases
    remaining = list(range(leases))
    for state, attr in (("expired", "mtm_weight"), ("vacant", "vacancy_weight"), ("notice", "notice_weight")):
        chosen = _top_k(rng, remaining, lambda u, a=attr: getattr(props[owner[u]], a), counts[state])
        for u in chosen:
            states[u] = state
        remaining = [u for u in remaining if u not in chosen]

    current = [u for u in range(leases) if states[u] == "current"]
    rng.shuffle(current)
    buckets = [-1] * leases
    pos = 0
    for b, n in enumerate(apportion(len(current), EXPIRING_SPLIT)):
        for u in current[pos:pos + n]:
            buckets[u] = b
        pos += n
    per_bucket = Counter(buckets)
    expiring = {w: sum(per_bucket[b] for b in range(i + 1)) for i, w in enumerate(EXPIRING_WINDOWS)}
    return PortfolioPlan(properties=props, states=states, buckets=buckets, counts=counts, expiring=expiring)


# ---------------------------------------------------------------------------------------------------
# portfolio: vendors, properties, units, tenants, leases


@dataclass(slots=True)
class VendorRef:
    id: uuid.UUID
    trade: str
    code: str
    rate_cents: int
    weight: float


def _build_vendors(rng: random.Random, today: datetime.date) -> tuple[list[dict], dict[str, list[VendorRef]]]:
    objs, by_trade = [], {}
    n = len(ref.VENDORS)
    expiring_soon = set(rng.sample(range(n), 3))
    expired = rng.choice([i for i in range(n) if i not in expiring_soon])
    for i, (name, trade, (lo, hi)) in enumerate(ref.VENDORS):
        city = rng.choice(ref.CITIES)
        if i in expiring_soon:
            insurance = today + datetime.timedelta(days=rng.randint(5, 28))
        elif i == expired:
            insurance = today - datetime.timedelta(days=rng.randint(5, 40))
        else:
            insurance = today + datetime.timedelta(days=rng.randint(60, 540))
        rate = rng.randint(lo, hi) * 100
        first, last = rng.choice(ref.FIRST_NAMES), rng.choice(ref.LAST_NAMES)
        vid = _uuid(rng)
        objs.append(dict(
            id=vid, name=name, trade=trade, contact_name=f"{first} {last}",
            email=f"{_slug(name)[:40]}@example.com", phone=_phone(rng, city[3]),
            address=f"{rng.randint(100, 9899)} {rng.choice(ref.STREETS)}, {city[0]}, {city[1]} {city[2]}",
            license_number=f"{city[1]}-{trade[:3].upper()}-{rng.randint(100000, 999999)}",
            insurance_expiry=insurance, contract_end_date=today + datetime.timedelta(days=rng.randint(90, 720)),
            hourly_rate=_money(rate), is_active=True,
        ))
        code = "".join(w[0] for w in re.findall(r"[A-Za-z]+", name))[:4].upper()
        by_trade.setdefault(trade, []).append(VendorRef(vid, trade, code, rate, rng.uniform(0.5, 2.0)))
    return objs, by_trade


FLOORS = {"garden": (2, 3), "townhome": (2, 2), "midrise": (4, 6), "highrise": (10, 18)}
PER_FLOOR = {"garden": (4, 8), "townhome": (4, 6), "midrise": (8, 14), "highrise": (6, 10)}
BEDROOM_WEIGHTS = {"garden": (8, 40, 40, 12), "midrise": (15, 45, 32, 8), "highrise": (20, 45, 28, 7),
                   "townhome": (0, 10, 50, 40)}
SQFT = {0: (420, 560), 1: (620, 820), 2: (880, 1180), 3: (1150, 1500)}
BEDROOM_FACTOR = {0: 0.82, 1: 1.0, 2: 1.32, 3: 1.62}
TYPE_PREMIUM = {"garden": 1.0, "midrise": 1.06, "highrise": 1.14, "townhome": 1.1}
TERMS = (12, 6, 18, 24)
TERM_WEIGHTS = (78, 4, 10, 8)


def _layout(rng: random.Random, ptype: str, n: int) -> tuple[int, list[tuple[str, int, str]]]:
    """(building count, [(building, floor, unit_number)]) — e.g. ('A', 1, 'A-102')."""
    floors = rng.randint(*FLOORS[ptype])
    per_floor = rng.randint(*PER_FLOOR[ptype])
    buildings = max(1, math.ceil(n / (floors * per_floor)))
    if buildings > 26:  # very large portfolios: wider floors rather than hundreds of buildings
        per_floor = min(99, math.ceil(n / (floors * 26)))
        buildings = max(1, math.ceil(n / (floors * per_floor)))
    out = []
    for b in range(buildings):
        label = _building_label(b)
        nb = n // buildings + (1 if b < n % buildings else 0)
        for f in range(1, floors + 1):
            nf = nb // floors + (1 if f - 1 < nb % floors else 0)
            out.extend((label, f, f"{label}-{f}{k:02d}") for k in range(1, nf + 1))
    return (buildings if n else 0), out


def _rent_gap(rng: random.Random) -> float:
    r = rng.random()
    if r < 0.05:
        return rng.uniform(0.18, 0.24)  # a few far below market
    if r < 0.17:
        return -rng.uniform(0.0, 0.05)  # at or above market
    if r < 0.25:
        return rng.uniform(0.0, 0.03)
    return rng.uniform(0.03, 0.12)  # most: 3-12% below


@dataclass(slots=True)
class LeaseFacts:
    """What the history generator needs about one lease (kept per property, then dropped)."""

    lease_id: uuid.UUID
    tenant_id: uuid.UUID
    unit_id: uuid.UUID
    property_id: uuid.UUID
    unit_number: str
    building: str
    tenant_name: str
    state: str
    rent: int  # cents
    prior_rent: int | None
    begin: datetime.date
    move_in: datetime.date
    move_out: datetime.date | None
    global_index: int


def _lease_dates(rng: random.Random, state: str, bucket: int, today: datetime.date) -> dict:
    """lease_begin/lease_end and the lifecycle dates for one lease in `state`."""
    out = {"notice_date": None, "notice_move_out_date": None, "actual_move_out_date": None}
    if state == "current":
        lo, hi = ((0, 30), (31, 60), (61, 90), (91, 425))[bucket]
        end = today + datetime.timedelta(days=rng.randint(lo, hi))
    elif state == "expired":
        days = rng.randint(1, 180) if rng.random() < 0.6 else rng.randint(181, 540)
        end = today - datetime.timedelta(days=days)
    elif state == "notice":
        ahead = rng.randint(1, 60)
        move_out = today + datetime.timedelta(days=ahead)
        period = max(30, ahead + 1) + rng.randint(0, 20)  # >= 30 days, and given before today
        out["notice_move_out_date"] = move_out
        out["notice_date"] = move_out - datetime.timedelta(days=period)
        end = today - datetime.timedelta(days=rng.randint(1, 270))  # they were holding over
    else:  # vacant
        move_out = today - datetime.timedelta(days=rng.randint(1, 120))
        out["actual_move_out_date"] = move_out
        out["notice_move_out_date"] = move_out
        out["notice_date"] = move_out - datetime.timedelta(days=rng.randint(30, 60))
        end = min(move_out + datetime.timedelta(days=rng.randint(-20, 5)), today - _DAY)
    # Term: begin = end + 1 day - term; a current lease must have begun already.
    feasible = [(t, w) for t, w in zip(TERMS, TERM_WEIGHTS, strict=True)
                if state != "current" or add_months(end + _DAY, -t) <= today]
    term = rng.choices([t for t, _ in feasible], weights=[w for _, w in feasible])[0]
    out["lease_begin_date"] = add_months(end + _DAY, -term)
    out["lease_end_date"] = end
    return out


def _build_property(rng: random.Random, p: PropertyPlan, plan: PortfolioPlan, today: datetime.date):
    """Properties row plus its units, tenants and leases; returns them with the LeaseFacts."""
    street_no = rng.randint(100, 9899)
    manager_first, manager_last = rng.choice(ref.FIRST_NAMES), rng.choice(ref.LAST_NAMES)
    buildings, layout = _layout(rng, p.property_type, p.units)
    prop_id = _uuid(rng)
    words = re.findall(r"[A-Za-z]+", p.name.replace("The ", ""))
    prop = dict(
        id=prop_id, name=p.name, code=f"{''.join(w[0] for w in words)[:3].upper()}{p.index + 1:02d}",
        property_type=p.property_type,
        address=f"{street_no} {rng.choice(ref.STREETS)}", city=p.city, state=p.state, zip_code=p.zip_code,
        jurisdiction_state=p.state, jurisdiction_city=p.city, year_built=p.year_built,
        total_units=p.units, building_count=buildings,
        manager_name=f"{manager_first} {manager_last}",
        manager_email=f"{_slug(manager_first)}.{_slug(manager_last)}.pm{p.index + 1}@example.com",
        phone=_phone(rng, p.area_code),
    )
    built = datetime.date(p.year_built, 6, 1)
    age_factor = 0.9 + 0.15 * (p.year_built - 1965) / 57
    units, tenants, leases, facts = [], [], [], []
    for k, (building, floor, unit_number) in enumerate(layout):
        g = p.first_unit + k
        state = plan.states[g]
        bedrooms = rng.choices((0, 1, 2, 3), weights=BEDROOM_WEIGHTS[p.property_type])[0]
        if bedrooms <= 1:
            baths = Decimal("1.0")
        elif bedrooms == 2:
            baths = Decimal("1.0") if rng.random() < 0.35 else Decimal("2.0")
        else:
            baths = Decimal("2.0") if rng.random() < 0.6 else Decimal("2.5")
        lo, hi = SQFT[bedrooms]
        sqft = rng.randint(lo, hi)
        floor_premium = 1 + (0.004 * (floor - 1) if p.property_type == "highrise" else 0)
        market = _round5(p.rent_1br * BEDROOM_FACTOR[bedrooms] * TYPE_PREMIUM[p.property_type] * age_factor
                         * (sqft / ((lo + hi) / 2)) ** 0.35 * floor_premium)
        gap = _rent_gap(rng) + (0.02 if state == "expired" else 0.0)  # holdovers drift further below
        rent = _round5(market / 100 * (1 - gap))
        unit_id, tenant_id, lease_id = _uuid(rng), _uuid(rng), _uuid(rng)
        amenities = rng.sample(ref.AMENITIES[p.property_type], k=rng.randint(1, 4))
        baths_label = f"{baths:g}" if baths % 1 else f"{int(baths)}"
        units.append(dict(
            id=unit_id, property_id=prop_id, unit_number=unit_number, building=building, floor=floor,
            unit_type="Studio" if bedrooms == 0 else f"{bedrooms}BR/{baths_label}BA",
            bedrooms=bedrooms, bathrooms=baths, square_feet=sqft, market_rent=_money(market),
            current_rent=_money(rent),  # vacant units keep the last lease's rent
            status="vacant" if state == "vacant" else "occupied",
            amenities=amenities,
        ))
        first, last = rng.choice(ref.FIRST_NAMES), rng.choice(ref.LAST_NAMES)
        ec_first = rng.choice(ref.FIRST_NAMES)
        tenants.append(dict(
            id=tenant_id, first_name=first, last_name=last,
            email=f"{_slug(first)}.{_slug(last)}.{g + 1}@example.com", phone=_phone(rng, p.area_code),
            preferred_contact=rng.choices(("email", "sms", "phone"), weights=(55, 35, 10))[0],
            emergency_contact_name=f"{ec_first} {last if rng.random() < 0.6 else rng.choice(ref.LAST_NAMES)}",
            emergency_contact_phone=_phone(rng, p.area_code),
        ))
        dates = _lease_dates(rng, state, plan.buckets[g], today)
        begin = dates["lease_begin_date"]
        move_in, prior_rent = begin, None
        if rng.random() < 0.45:  # a renewal: moved in one or more terms earlier, at a lower rent
            earlier = add_months(begin, -12 * rng.randint(1, 4))
            if earlier >= built:
                move_in = earlier
                prior_rent = _round5(rent / 100 / (1 + rng.uniform(0.02, 0.06)))
        deposit_kind = rng.random()
        if deposit_kind < 0.7:
            deposit = rent
        elif deposit_kind < 0.9:
            deposit = 50000
        else:
            deposit = _round5(rent / 100 * 1.5)
        lease_status = {"current": "active", "expired": "active", "notice": "notice", "vacant": "vacant"}[state]
        changed_at = None
        if state == "notice":
            changed_at = _at(dates["notice_date"])
        elif state == "vacant":
            changed_at = _at(dates["actual_move_out_date"], 17)
        leases.append(dict(
            id=lease_id, lease_number=f"L-{begin.year}-{g + 1:06d}", tenant_id=tenant_id, unit_id=unit_id,
            property_id=prop_id, move_in_date=move_in, monthly_rent_amount=_money(rent),
            security_deposit=_money(deposit),
            status="terminated" if state == "vacant" else "active",
            lease_status=lease_status, lease_status_changed_at=changed_at,
            lease_status_changed_by=SEED_ACTOR if changed_at else "system",
            **dates,
        ))
        facts.append(LeaseFacts(
            lease_id=lease_id, tenant_id=tenant_id, unit_id=unit_id, property_id=prop_id,
            unit_number=unit_number, building=building, tenant_name=f"{first} {last}", state=state,
            rent=rent, prior_rent=prior_rent, begin=begin, move_in=move_in,
            move_out=dates["actual_move_out_date"], global_index=g,
        ))
    return prop, units, tenants, leases, facts


# ---------------------------------------------------------------------------------------------------
# history: ledger


PROFILES = ("good", "standard", "repeat", "chronic")  # collections 1.3: 0-1 / 2 / 3-5 / 6+ late in 12 months
PROFILE_WEIGHTS = (82, 8, 6, 4)
PROFILE_OVERDUE_WEIGHT = {"good": 0.3, "standard": 2.0, "repeat": 3.0, "chronic": 6.0}
PAYMENT_METHODS = (("ACH", "ACH"), ("Card", "CRD"), ("Check", "CHK"), ("Money order", "MO"))


@dataclass(slots=True)
class HistoryPlan:
    profiles: list[str]
    overdue: set[int]


def plan_history(rng: random.Random, plan: PortfolioPlan) -> HistoryPlan:
    profiles = rng.choices(PROFILES, weights=PROFILE_WEIGHTS, k=len(plan.states))
    occupied = [g for g, s in enumerate(plan.states) if s != "vacant"]
    n = int(len(occupied) * OVERDUE_SHARE + 0.5)
    overdue = _top_k(rng, occupied, lambda g: PROFILE_OVERDUE_WEIGHT[profiles[g]], n)
    return HistoryPlan(profiles=profiles, overdue=overdue)


def _late_count(rng: random.Random, profile: str) -> int:
    if profile == "good":
        return 1 if rng.random() < 0.06 else 0
    if profile == "standard":
        return 2
    if profile == "repeat":
        return rng.randint(3, 5)
    return rng.randint(6, 10)


LATE_DAYS = {"good": (1, 6), "standard": (1, 10), "repeat": (2, 15), "chronic": (3, 20)}


@functools.lru_cache(maxsize=64)
def _months(last_month: datetime.date) -> tuple[tuple[datetime.date, str, str], ...]:
    """The twelve firsts-of-month ending at `last_month`, with their rent and late-fee descriptions."""
    out = []
    for k in range(-11, 1):
        m = add_months(last_month, k)
        out.append((m, f"Rent - {m:%b %Y}", f"Late fee - {m:%b %Y}"))
    return tuple(out)


def _ledger(rng: SeedRandom, f: LeaseFacts, profile: str, overdue: bool, late_fee: int,
            today: datetime.date) -> list[dict]:
    """Twelve months of rent charges with their payments (up to the move-out for vacant leases).

    Hot path (2M+ rows at 100k leases): Decimal amounts are made once per lease, rows are plain dicts.
    """
    mi = f.move_in
    rent, prior = _money(f.rent), (_money(f.prior_rent) if f.prior_rent else None)
    charges: list[tuple[datetime.date, Decimal, str, str]] = []  # (date, amount, description, fee description)
    for month, desc, fee_desc in _months((f.move_out or today).replace(day=1)):
        amount = prior if (prior is not None and month < f.begin) else rent
        if month >= mi:
            charges.append((month, amount, desc, fee_desc))
        elif (mi.year, mi.month) == (month.year, month.month):  # moved in mid-month: prorated
            days = calendar.monthrange(month.year, month.month)[1]
            cents = int(amount * 100) * (days - mi.day + 1) // days
            charges.append((mi, _money(cents), f"Rent (prorated) - {month:%b %Y}", fee_desc))

    unpaid: set[int] = set()
    if overdue:
        due = [i for i, c in enumerate(charges) if c[0] < today]
        k = rng.choices((1, 2, 3), cum_weights=(65, 90, 100))[0]
        unpaid = set(due[-k:]) | {i for i, c in enumerate(charges) if c[0] >= today}
    paid = [i for i in range(len(charges)) if i not in unpaid]
    late = set(rng.sample(paid, min(_late_count(rng, profile), len(paid))))
    method, prefix = rng.choices(PAYMENT_METHODS, cum_weights=(60, 85, 95, 100))[0]
    pay_desc = f"Payment - {method}"
    late_lo, late_span = LATE_DAYS[profile][0], LATE_DAYS[profile][1] - LATE_DAYS[profile][0] + 1
    fee = _money(late_fee)
    grace = _DAYS[LATE_FEE_GRACE_DAYS]
    tenant_id, lease_id, uuid4 = f.tenant_id, f.lease_id, rng.uuid
    rows: list[dict] = []

    def charge(code, desc, d, due_date, amount) -> uuid.UUID:
        row_id = uuid4()
        rows.append({"id": row_id, "tenant_id": tenant_id, "lease_id": lease_id, "trans_type": "Charge",
                     "charge_code": code, "description": desc, "trans_date": d, "due_date": due_date,
                     "amount": amount})
        return row_id

    def payment(charge_id, due_date, d, amount) -> None:
        rows.append({"id": uuid4(), "tenant_id": tenant_id, "lease_id": lease_id, "trans_type": "Payment",
                     "charge_code": "rent", "description": pay_desc, "trans_date": d, "due_date": due_date,
                     "amount": amount, "applies_to_id": charge_id,
                     "reference": f"{prefix}-{100_000_000 + rng.getrandbits(29)}"})

    charge_ids = []
    for i, (d, amount, desc, fee_desc) in enumerate(charges):
        charge_id = charge("rent", desc, d, d, amount)
        charge_ids.append(charge_id)
        if i in unpaid:
            if today > d + grace and rng.random() < 0.8:
                charge("late_fee", fee_desc, d + grace, d + grace, fee)
            continue
        pay_date, days_late = None, 0
        if i in late:
            days_late = late_lo + int(rng.random() * late_span)
            pay_date = d + _DAYS[days_late]
            if pay_date > today:  # would be in the future: this one was paid on time
                pay_date, days_late = None, 0
        if pay_date is None:
            pay_date = max(d - _DAYS[int(rng.random() * 5)], mi)  # on or up to 4 days before the 1st
        payment(charge_id, d, pay_date, amount)
        if days_late > LATE_FEE_GRACE_DAYS and rng.random() < 0.75:
            fee_id = charge("late_fee", fee_desc, d + grace, d + grace, fee)
            payment(fee_id, d + grace, pay_date, fee)

    if overdue and unpaid and rng.random() < 0.35:  # a partial payment on the oldest unpaid rent
        i = min(unpaid)
        d, amount = charges[i][0], charges[i][1]
        if d < today:
            part = max(100, int(amount * 100 * Decimal(rng.uniform(0.25, 0.75))) // 100 * 100)
            when = d + _DAYS[rng.randint(1, min(20, (today - d).days))]
            payment(charge_ids[i], d, when, _money(part))
    if f.state == "vacant" and rng.random() < 0.1:  # left owing a little after the deposit
        mo = f.move_out
        charge("damage", rng.choice(("Carpet replacement beyond deposit", "Cleaning beyond deposit",
                                     "Damaged blinds and screens")),
               mo, mo + _DAYS[14], _money(rng.randint(17, 90) * 500))
    return rows


# ---------------------------------------------------------------------------------------------------
# history: work orders, invoices, equipment


CATEGORY_WEIGHTS = (("plumbing", 26), ("appliance", 17), ("general", 17), ("electrical", 9), ("pest", 5),
                    ("exterior", 4))
HVAC_PEAK_MONTHS = {6, 7, 8, 12, 1, 2}
_TEMPLATES_BY_TITLE = {}
for _group, _templates in ref.WORK_ORDERS.items():
    for _t in _templates:
        _TEMPLATES_BY_TITLE.setdefault(_t[0], _t)
DURATION_DAYS = {"emergency": (0, 1), "high": (0, 3), "medium": (1, 7), "low": (2, 14)}
PRIORITIES = ("low", "medium", "high", "emergency")


class _Counters:
    def __init__(self):
        self.work_order = 0
        self.invoice: dict[uuid.UUID, int] = {}


def _pick_template(rng: random.Random, req: datetime.date):
    """Category and template for a work order requested on `req`: HVAC peaks in summer and winter."""
    hvac_weight = 30 if req.month in HVAC_PEAK_MONTHS else 10
    cats = ["hvac"] + [c for c, _ in CATEGORY_WEIGHTS]
    category = rng.choices(cats, weights=[hvac_weight] + [w for _, w in CATEGORY_WEIGHTS])[0]
    group = category
    if category == "hvac":
        if req.month in (5, 6, 7, 8, 9):
            group = "hvac_summer" if rng.random() < 0.7 else "hvac"
        elif req.month in (11, 12, 1, 2, 3):
            group = "hvac_winter" if rng.random() < 0.7 else "hvac"
    return category, rng.choice(ref.WORK_ORDERS[group])


def _wo_status(rng: random.Random, age_days: int) -> str:
    if age_days <= 21:
        weights = (40, 30, 30, 0)
    elif age_days <= 60:
        weights = (4, 6, 88, 2)
    else:
        weights = (1.2, 1.3, 95.5, 2)
    return rng.choices(("open", "in_progress", "completed", "cancelled"), weights=weights)[0]


def _work_order(rng, *, f: LeaseFacts, category: str, template, req: datetime.date, today: datetime.date,
                vendors: dict[str, list[VendorRef]], tax_rate: Decimal, counters: _Counters, status=None):
    """One work order; completed vendor jobs usually come with an invoice and its line items."""
    title, description, (cost_lo, cost_hi), prio_weights = template
    priority = rng.choices(PRIORITIES, weights=prio_weights)[0]
    status = status or _wo_status(rng, (today - req).days)
    estimate = rng.randint(cost_lo, cost_hi) * 100
    if priority == "emergency":
        estimate = estimate * 3 // 2
    lo, hi = DURATION_DAYS[priority]
    duration = rng.randint(lo, hi)
    scheduled = completed = None
    if status == "open":
        scheduled = today + _DAYS[rng.randint(1, 7)] if rng.random() < 0.4 else None
    else:
        scheduled = min(req + _DAYS[min(duration, rng.randint(0, 3))], today)
    if status == "completed":
        completed = min(req + _DAYS[duration], today)
    vendor = None
    if (status in ("completed", "in_progress") and rng.random() < 0.85) or (status == "open" and rng.random() < 0.5):
        pool = vendors[category]
        vendor = rng.choices(pool, weights=[v.weight for v in pool])[0]
    if f.move_in <= req <= (f.move_out or today):
        reported_by = f.tenant_name
    else:
        reported_by = "Property staff"
    counters.work_order += 1
    wo = dict(
        id=_uuid(rng), work_order_number=f"WO-{counters.work_order:07d}", unit_id=f.unit_id,
        property_id=f.property_id, title=title, description=description, category=category, priority=priority,
        status=status, requested_date=req, scheduled_date=scheduled, completed_date=completed,
        estimated_cost=_money(estimate), assigned_vendor_id=vendor.id if vendor else None, reported_by=reported_by,
    )
    invoice, lines = None, []
    if status == "completed":
        if vendor and rng.random() < (0.93 if (today - completed).days > 3 else 0.5):
            invoice, lines = _invoice(rng, wo=wo, vendor=vendor, category=category, estimate=estimate,
                                      tax_rate=tax_rate, today=today, counters=counters)
            wo["actual_cost"] = invoice["total_amount"]
        else:
            wo["actual_cost"] = _money(int(estimate * rng.uniform(0.8, 1.25)))
    return wo, invoice, lines


def _invoice(rng, *, wo, vendor: VendorRef, category: str, estimate: int, tax_rate: Decimal,
             today: datetime.date, counters: _Counters):
    gl = ref.GL_CODES[category]
    invoice_id = _uuid(rng)
    hours = max(1, round(estimate * rng.uniform(0.35, 0.65) / vendor.rate_cents * 2)) / 2  # half hours
    lines = [dict(
        id=_uuid(rng), invoice_id=invoice_id, description=f"Labor - {wo['title']}", quantity=Decimal(f"{hours:.2f}"),
        unit_price=_money(vendor.rate_cents), amount=_money(int(hours * vendor.rate_cents)), gl_code=gl,
    )]
    parts_total = 0
    if rng.random() < 0.75:
        for name, p_lo, p_hi in rng.sample(ref.PARTS[category], k=rng.randint(1, 2)):
            qty = rng.choice((1, 1, 1, 2, 3))
            price = rng.randint(p_lo * 100, p_hi * 100)
            parts_total += qty * price
            lines.append(dict(
                id=_uuid(rng), invoice_id=invoice_id, description=name, quantity=Decimal(f"{qty}.00"),
                unit_price=_money(price), amount=_money(qty * price), gl_code=gl,
            ))
    if rng.random() < 0.3:
        trip = rng.randint(9, 19) * 500
        lines.append(dict(
            id=_uuid(rng), invoice_id=invoice_id, description="Trip charge", quantity=Decimal("1.00"),
            unit_price=_money(trip), amount=_money(trip), gl_code=gl,
        ))
    subtotal = sum(int(line["amount"] * 100) for line in lines)
    tax = int((Decimal(parts_total) * tax_rate).quantize(Decimal("1")))
    invoice_date = min(wo["completed_date"] + _DAYS[rng.randint(0, 10)], today)
    age = (today - invoice_date).days
    if age > 45:
        status = rng.choices(("paid", "approved", "pending", "rejected"), weights=(93, 4, 2, 1))[0]
    else:
        status = rng.choices(("pending", "approved", "paid"), weights=(40, 40, 20))[0]
    n = counters.invoice.get(vendor.id) or rng.randint(1000, 4000)
    counters.invoice[vendor.id] = n + 1
    invoice = dict(
        id=invoice_id, invoice_number=f"{vendor.code}-{n:05d}", vendor_id=vendor.id, property_id=wo["property_id"],
        unit_id=wo["unit_id"], work_order_id=wo["id"], invoice_date=invoice_date,
        due_date=invoice_date + datetime.timedelta(days=30), subtotal=_money(subtotal), tax_amount=_money(tax),
        total_amount=_money(subtotal + tax), status=status, gl_code=gl,
    )
    return invoice, lines


EQUIPMENT_LABELS = dict(Equipment.EquipmentType.choices)
_MAKER_CODE = {m: re.sub(r"[^A-Z]", "", m.upper())[:2] for spec in ref.EQUIPMENT.values() for m in spec[1]}


def _equipment(rng, *, etype: str, property_id, unit_id, name_prefix: str, built: datetime.date,
               today: datetime.date) -> dict:
    life, makers, warranty_years, (c_lo, c_hi) = ref.EQUIPMENT[etype]
    max_age = max(31, min((today - built).days, int(life * 1.6 * 365)))
    age_days = 30 + int((max_age - 30) * rng.random() ** 1.3)
    install = today - datetime.timedelta(days=age_days)
    maker = rng.choice(makers)
    provider, years = maker, warranty_years
    if rng.random() < 0.15:
        provider, years = rng.choice(ref.EXTENDED_WARRANTY_PROVIDERS), warranty_years + rng.randint(2, 5)
    ratio = age_days / 365.25 / life
    if ratio < 0.5:
        condition = rng.choices(("good", "fair"), weights=(85, 15))[0]
    elif ratio < 1.0:
        condition = rng.choices(("good", "fair", "poor"), weights=(35, 50, 15))[0]
    else:
        condition = rng.choices(("fair", "poor"), weights=(45, 55))[0]
    service_chance = {"hvac": 0.9, "water_heater": 0.4, "refrigerator": 0.15}.get(etype, 0.8)
    last_service = None
    if rng.random() < service_chance:
        last_service = max(install, today - _DAYS[rng.randint(10, 700)])
    return dict(
        id=_uuid(rng), property_ref_id=property_id, unit_id=unit_id, equipment_type=etype,
        name=f"{name_prefix} {EQUIPMENT_LABELS[etype]}", manufacturer=maker,
        model_number=f"{_MAKER_CODE[maker]}{rng.randint(100, 999)}-{rng.choice('ABCDEFGH')}{rng.randint(10, 99)}",
        serial_number=f"{install.year % 100:02d}{rng.getrandbits(32):08X}", install_date=install,
        age_years=round(age_days / 365.25, 1), expected_lifespan_years=life, warranty_provider=provider,
        warranty_expiration=add_months(install, 12 * years), last_service_date=last_service, condition=condition,
        replacement_cost=_money(rng.randint(c_lo // 10, c_hi // 10) * 1000),
    )


def _history(rng, *, p: PropertyPlan, facts: list[LeaseFacts], hplan: HistoryPlan, today: datetime.date,
             vendors: dict[str, list[VendorRef]], counters: _Counters, writer: BulkWriter) -> None:
    late_fee = rng.choice((5000, 7500, None))  # flat $50 / $75, or 5% of rent
    window_start = today - datetime.timedelta(days=729)
    built = datetime.date(p.year_built, 6, 1)
    for f in facts:
        g = f.global_index
        fee = late_fee or _round5(f.rent / 100 * 0.05)
        writer.extend(TenantLedgerEntry, _ledger(rng, f, hplan.profiles[g], g in hplan.overdue, fee, today))

    def add_wo(f, category, template, req, status=None):
        wo, invoice, lines = _work_order(rng, f=f, category=category, template=template, req=req, today=today,
                                         vendors=vendors, tax_rate=p.tax_rate, counters=counters, status=status)
        writer.add(UnitsMaintenance, wo)
        if invoice:
            writer.add(Invoices, invoice)
            writer.extend(InvoiceLineItems, lines)

    for f in facts:
        n = _poisson(rng, 1.4 * 2 * rng.lognormvariate(-0.18, 0.6))  # ~1.5 per unit per year over 24 months
        for req in sorted(today - _DAYS[rng.randint(0, 729)] for _ in range(n)):
            category, template = _pick_template(rng, req)
            add_wo(f, category, template, req)
        if rng.random() < 0.04:  # the same problem keeps coming back
            category, title = rng.choice(ref.REPEAT_ISSUES)
            for days in sorted(rng.sample(range(0, 360), rng.randint(3, 5)), reverse=True):
                add_wo(f, category, _TEMPLATES_BY_TITLE[title], today - datetime.timedelta(days=days))
        turnover = (ref.TURNOVER_TITLE, ref.TURNOVER_DESCRIPTION, (450, 1800), (10, 60, 30, 0))
        if f.state == "vacant":
            req = min(f.move_out + _DAYS[rng.randint(0, 2)], today)
            age = (today - req).days
            status = "completed" if age > 25 else ("in_progress" if age > 7 else "open")
            add_wo(f, "turnover", turnover, req, status)
        if f.move_in == f.begin and f.move_in - datetime.timedelta(days=25) >= window_start:
            add_wo(f, "turnover", turnover, f.move_in - _DAYS[rng.randint(10, 25)], "completed")
        for etype in ("hvac", "water_heater", "refrigerator"):
            writer.add(Equipment, _equipment(rng, etype=etype, property_id=f.property_id, unit_id=f.unit_id,
                                             name_prefix=f.unit_number, built=built, today=today))

    buildings = sorted({f.building for f in facts}, key=lambda b: (len(b), b))
    for b in buildings:
        types = ["roof"]
        if p.property_type in ("midrise", "highrise") or p.year_built < 1990:
            types.append("boiler")
        if p.property_type in ("midrise", "highrise"):
            types.append("elevator")
        for etype in types:
            writer.add(Equipment, _equipment(rng, etype=etype, property_id=facts[0].property_id, unit_id=None,
                                             name_prefix=f"Building {b}", built=built, today=today))


# ---------------------------------------------------------------------------------------------------
# public API


def seed_portfolio(*, seed: int = DEFAULT_SEED, leases: int = DEFAULT_LEASES, today: datetime.date | None = None,
                   with_history: bool = True, stdout=None) -> dict:
    """Seeds the demo portfolio into an empty database; returns summary counts. Deterministic per
    (seed, leases, today). with_history=False skips ledger, work orders, invoices and equipment."""
    if leases < 1:
        raise ValueError("leases must be at least 1")
    today = today or timezone.localdate()
    started = time.perf_counter()
    rng = SeedRandom(seed, stream=1)
    hist_rng = SeedRandom(f"unitcycle-demo-history:{seed}", stream=2)
    plan = plan_portfolio(rng, leases=leases)
    hplan = plan_history(hist_rng, plan) if with_history else None
    writer = BulkWriter(batch_size=BATCH_SIZE, mode=INSERT_MODE, order=SEEDED_MODELS)
    counters = _Counters()

    def say(msg: str) -> None:
        if stdout is not None:
            stdout.write(msg + "\n")

    with transaction.atomic(), bulk_load(SEEDED_MODELS, sqlite_cache_kib=SQLITE_BULK_CACHE_KIB):
        vendor_rows, vendors = _build_vendors(rng, today)
        writer.extend(Vendor, vendor_rows)
        for p in plan.properties:
            prop, units, tenants, lease_rows, facts = _build_property(rng, p, plan, today)
            writer.add(Properties, prop)
            writer.extend(UnitsUnit, units)
            writer.extend(Tenants, tenants)
            writer.extend(TenantLease, lease_rows)
            writer.flush()
            if with_history and facts:
                _history(hist_rng, p=p, facts=facts, hplan=hplan, today=today, vendors=vendors,
                         counters=counters, writer=writer)
            say(f"  {p.index + 1:>2}/{len(plan.properties)} {p.name}: {p.units} units "
                f"({time.perf_counter() - started:.1f}s)")
        writer.flush()

    rows = {model._meta.db_table: writer.counts[model._meta.db_table] for model in SEEDED_MODELS}
    return {
        "seed": seed,
        "today": today.isoformat(),
        "with_history": with_history,
        "properties": rows["properties"],
        "units": rows["units_unit"],
        "tenants": rows["tenants"],
        "leases": rows["tenant_lease"],
        "lease_split": dict(plan.counts),
        "expiring": {f"{w}_days": n for w, n in plan.expiring.items()},
        "overdue_leases": len(hplan.overdue) if hplan else 0,
        "vendors": rows["vendor"],
        "ledger_entries": rows["tenant_ledger_entry"],
        "work_orders": rows["units_maintenance"],
        "invoices": rows["invoices"],
        "invoice_line_items": rows["invoice_line_items"],
        "equipment": rows["equipment"],
        "rows": rows,
        "total_rows": sum(rows.values()),
        "statements": writer.statements,
        "seconds": round(time.perf_counter() - started, 2),
    }


def portfolio_exists() -> bool:
    return Properties.objects.exists() or TenantLease.objects.exists()


def _domain_models() -> tuple[list[type[models.Model]], list[tuple[type[models.Model], models.Field]]]:
    """The seeded tables plus every table that depends on them (children first), and the nullable
    SET_NULL references from other tables that must be cleared instead."""
    all_models = [m for m in apps.get_models(include_auto_created=True)
                  if m._meta.managed and not m._meta.proxy and not m._meta.swapped]
    domain = set(SEEDED_MODELS)
    nullify: list[tuple[type[models.Model], models.Field]] = []
    changed = True
    while changed:
        changed = False
        nullify = []
        for m in all_models:
            if m in domain:
                continue
            for fld in m._meta.concrete_fields:
                if not fld.is_relation or fld.related_model not in domain:
                    continue
                if fld.null and fld.remote_field.on_delete is models.SET_NULL:
                    nullify.append((m, fld))
                else:
                    domain.add(m)
                    changed = True
                    break
    nullify = [(m, fld) for m, fld in nullify if m not in domain]

    def parents(m):
        return {f.related_model for f in m._meta.concrete_fields
                if f.is_relation and f.related_model in domain and f.related_model is not m}

    ordered, left = [], set(domain)
    while left:  # delete a table once nothing left still points at it
        ready = sorted((m for m in left if not any(m in parents(o) for o in left if o is not m)),
                       key=lambda m: m._meta.db_table)
        if not ready:  # a cycle: constraints are deferred, so any order commits
            ready = sorted(left, key=lambda m: m._meta.db_table)[:1]
        ordered.extend(ready)
        left -= set(ready)
    return ordered, nullify


def portfolio_delete() -> dict[str, int]:
    """Deletes every demo-domain row (seeded tables and the tables that depend on them), set-based:
    one DELETE per table, children first (PostgreSQL: one TRUNCATE of them all, which skips the
    per-row foreign-key trigger events a DELETE would queue until COMMIT). Returns {table: rows}."""
    ordered, nullify = _domain_models()
    qn = connection.ops.quote_name
    deleted = {}
    with transaction.atomic(), connection.cursor() as cursor:
        for m, fld in nullify:
            cursor.execute(f"UPDATE {qn(m._meta.db_table)} SET {qn(fld.column)} = NULL "
                           f"WHERE {qn(fld.column)} IS NOT NULL")
        if connection.vendor == "postgresql" and not nullify:
            # TRUNCATE refuses tables with pending (deferred) trigger events from this transaction: run them now.
            connection.check_constraints()
            for m in ordered:
                cursor.execute(f"SELECT COUNT(*) FROM {qn(m._meta.db_table)}")
                deleted[m._meta.db_table] = cursor.fetchone()[0]
            cursor.execute(f"TRUNCATE {', '.join(qn(m._meta.db_table) for m in ordered)}")
        else:
            for m in ordered:
                cursor.execute(f"DELETE FROM {qn(m._meta.db_table)}")
                deleted[m._meta.db_table] = max(cursor.rowcount, 0)
    return deleted


def portfolio_digest() -> str:
    """sha256 over every lease's identifying fields and the ledger totals: equal digests, equal portfolios."""
    h = hashlib.sha256()
    fields = ("id", "lease_number", "tenant__email", "unit__unit_number", "property__name", "lease_begin_date",
              "lease_end_date", "move_in_date", "monthly_rent_amount", "security_deposit", "status", "lease_status",
              "notice_date", "notice_move_out_date", "actual_move_out_date")
    for row in TenantLease.objects.order_by("lease_number").values_list(*fields).iterator(chunk_size=5000):
        h.update(repr(row).encode())
    totals = TenantLedgerEntry.objects.values_list("trans_type", "charge_code").order_by("trans_type", "charge_code")
    for row in totals.annotate(n=models.Count("id"), s=models.Sum("amount")):
        h.update(repr((row[0], row[1], row[2], str(row[3]))).encode())
    return h.hexdigest()
