"""The portfolio the demo starts from (spec 1.1): which unit gets which lease state (a pure plan), then
the rows of each property — the property, its units, tenants and leases — and the facts the history needs."""

from __future__ import annotations

import datetime
import math
import random
import re
import uuid
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal

from demo import reference as ref
from demo.seeding.common import (
    _DAY,
    _at,
    _building_label,
    _money,
    _phone,
    _round5,
    _slug,
    _top_k,
    _uuid,
    add_months,
    apportion,
    tenant_phone,
)

# The spec's portfolio (1.1): counts for 4,353 leases, scaled for other sizes.
LEASE_SPLIT = (("current", 2841), ("expired", 1146), ("notice", 87), ("vacant", 279))
# Of the current leases, how many end within 0-30, 31-60, 61-90 days and later (cumulative 142/298/451).
EXPIRING_SPLIT = (142, 298 - 142, 451 - 298, 2841 - 451)
EXPIRING_WINDOWS = (30, 60, 90)
SEED_ACTOR = "system:seed"


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
        props.append(
            PropertyPlan(
                index=i,
                name=name,
                property_type=ptype,
                units=size,
                first_unit=first,
                city=city[0],
                state=city[1],
                zip_code=city[2],
                area_code=city[3],
                rent_1br=city[4],
                tax_rate=Decimal(city[5]),
                year_built=rng.randint(1965, 2022),
                mtm_weight=rng.lognormvariate(0, 0.9),
                vacancy_weight=rng.lognormvariate(0, 0.5),
                notice_weight=rng.lognormvariate(0, 0.5),
            )
        )
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
        for u in current[pos : pos + n]:
            buckets[u] = b
        pos += n
    per_bucket = Counter(buckets)
    expiring = {w: sum(per_bucket[b] for b in range(i + 1)) for i, w in enumerate(EXPIRING_WINDOWS)}
    return PortfolioPlan(properties=props, states=states, buckets=buckets, counts=counts, expiring=expiring)


# ---------------------------------------------------------------------------------------------------
# properties, units, tenants, leases


FLOORS = {"garden": (2, 3), "townhome": (2, 2), "midrise": (4, 6), "highrise": (10, 18)}
PER_FLOOR = {"garden": (4, 8), "townhome": (4, 6), "midrise": (8, 14), "highrise": (6, 10)}
BEDROOM_WEIGHTS = {
    "garden": (8, 40, 40, 12),
    "midrise": (15, 45, 32, 8),
    "highrise": (20, 45, 28, 7),
    "townhome": (0, 10, 50, 40),
}
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
    feasible = [
        (t, w)
        for t, w in zip(TERMS, TERM_WEIGHTS, strict=True)
        if state != "current" or add_months(end + _DAY, -t) <= today
    ]
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
        id=prop_id,
        name=p.name,
        code=f"{''.join(w[0] for w in words)[:3].upper()}{p.index + 1:02d}",
        property_type=p.property_type,
        address=f"{street_no} {rng.choice(ref.STREETS)}",
        city=p.city,
        state=p.state,
        zip_code=p.zip_code,
        jurisdiction_state=p.state,
        jurisdiction_city=p.city,
        year_built=p.year_built,
        total_units=p.units,
        building_count=buildings,
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
        market = _round5(
            p.rent_1br
            * BEDROOM_FACTOR[bedrooms]
            * TYPE_PREMIUM[p.property_type]
            * age_factor
            * (sqft / ((lo + hi) / 2)) ** 0.35
            * floor_premium
        )
        gap = _rent_gap(rng) + (0.02 if state == "expired" else 0.0)  # holdovers drift further below
        rent = _round5(market / 100 * (1 - gap))
        unit_id, tenant_id, lease_id = _uuid(rng), _uuid(rng), _uuid(rng)
        amenities = rng.sample(ref.AMENITIES[p.property_type], k=rng.randint(1, 4))
        baths_label = f"{baths:g}" if baths % 1 else f"{int(baths)}"
        units.append(
            dict(
                id=unit_id,
                property_id=prop_id,
                unit_number=unit_number,
                building=building,
                floor=floor,
                unit_type="Studio" if bedrooms == 0 else f"{bedrooms}BR/{baths_label}BA",
                bedrooms=bedrooms,
                bathrooms=baths,
                square_feet=sqft,
                market_rent=_money(market),
                current_rent=_money(rent),  # vacant units keep the last lease's rent
                status="vacant" if state == "vacant" else "occupied",
                amenities=amenities,
            )
        )
        first, last = rng.choice(ref.FIRST_NAMES), rng.choice(ref.LAST_NAMES)
        ec_first = rng.choice(ref.FIRST_NAMES)
        tenants.append(
            dict(
                id=tenant_id,
                first_name=first,
                last_name=last,
                email=f"{_slug(first)}.{_slug(last)}.{g + 1}@example.com",
                phone=tenant_phone(g) if _phone(rng, p.area_code) else "",  # the draw keeps the random stream
                preferred_contact=rng.choices(("email", "sms", "phone"), weights=(55, 35, 10))[0],
                emergency_contact_name=f"{ec_first} {last if rng.random() < 0.6 else rng.choice(ref.LAST_NAMES)}",
                emergency_contact_phone=_phone(rng, p.area_code),
            )
        )
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
        leases.append(
            dict(
                id=lease_id,
                lease_number=f"L-{begin.year}-{g + 1:06d}",
                tenant_id=tenant_id,
                unit_id=unit_id,
                property_id=prop_id,
                move_in_date=move_in,
                monthly_rent_amount=_money(rent),
                security_deposit=_money(deposit),
                status="terminated" if state == "vacant" else "active",
                lease_status=lease_status,
                lease_status_changed_at=changed_at,
                lease_status_changed_by=SEED_ACTOR if changed_at else "system",
                **dates,
            )
        )
        facts.append(
            LeaseFacts(
                lease_id=lease_id,
                tenant_id=tenant_id,
                unit_id=unit_id,
                property_id=prop_id,
                unit_number=unit_number,
                building=building,
                tenant_name=f"{first} {last}",
                state=state,
                rent=rent,
                prior_rent=prior_rent,
                begin=begin,
                move_in=move_in,
                move_out=dates["actual_move_out_date"],
                global_index=g,
            )
        )
    return prop, units, tenants, leases, facts
