"""Market rent from comparable units: the spec's `compute_market_rent` (2.2), for the whole portfolio at once.

Pure: facts in, decisions out (no ORM, no clock; `as_of` is passed in). The arithmetic is the spec's, step by
step and in the same number types, so the set-based engine gives the very rents of the spec's per-unit loop
(benchmarks/bench_pricing.py runs both on identical data):

1. internal comps: units of the same property with the same bedrooms and bathrooms, `occupied`, whose square
   feet lie within `(sq ft or 0) - 100` .. `(sq ft or 9999) + 100`, the unit itself excluded;
2. at least 3 comps: their average current rent (Decimal) times the size factor `sq ft / average sq ft` (a
   float, as the spec writes it; skipped when either is 0); fewer than 3: the unit's recorded market rent,
   else its current rent, else 0 (the fallback, named in the explanation, with low confidence);
3. times the month's seasonal factor (the spec's table);
4. vacant more than 14 days: minus 0.5% per week beyond the 14th day, at most 5%;
5. rounded to cents.

Where the spec uses one query per unit, `CompIndex` sorts each (property, bedrooms, bathrooms) group of
occupied units by size once, with running sums: a unit's comps are one bisect away and their averages two
subtractions, so a portfolio of any size is priced from the one list of units its selector reads.
"""

from __future__ import annotations

import datetime
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

MIN_COMPS = 3
SQFT_WINDOW = 100
# The spec's `(unit.square_feet or 9999) + 100`: a unit of unknown size (0) compares with every size.
UNKNOWN_SQFT_UPPER = 9999
SEASONAL = {
    1: 0.97,
    2: 0.97,
    3: 0.99,
    4: 1.01,
    5: 1.03,
    6: 1.05,
    7: 1.05,
    8: 1.04,
    9: 1.02,
    10: 1.00,
    11: 0.98,
    12: 0.96,
}
VACANCY_GRACE_DAYS = 14
VACANCY_DISCOUNT_PER_WEEK = 0.005
VACANCY_DISCOUNT_MAX = 0.05
# Each snapshot lists its most similar comps (all of them are averaged; `comp_count` says how many).
COMPS_LISTED = 5

METHOD_COMPS = "internal_comps"
METHOD_UNIT_MARKET = "unit_market_rent"
METHOD_UNIT_CURRENT = "unit_current_rent"
METHOD_NONE = "no_data"
FALLBACK_WORDS = {
    METHOD_UNIT_MARKET: "the unit's recorded market rent",
    METHOD_UNIT_CURRENT: "the unit's current rent (no market rent recorded)",
    METHOD_NONE: "nothing (no market or current rent recorded)",
}


@dataclass(frozen=True)
class UnitFacts:
    """What pricing needs to know about one unit (`pricing.selectors.pricing_facts` reads them set-wise)."""

    unit_id: Any
    property_id: Any
    unit_number: str
    address: str  # the property's street address
    bedrooms: int
    bathrooms: Decimal
    square_feet: int
    current_rent: Decimal  # the lease's rent; a vacant unit keeps its last tenant's rent here
    market_rent: Decimal  # the unit's recorded market rent (the fallback; a vacant unit's asking rent)
    occupied: bool  # units.status == 'occupied' (the spec's comp filter)
    vacant_since: datetime.date | None = None  # when the last lease ended (None: occupied, or never leased)

    @property
    def rent_now(self) -> Decimal:
        """What the unit rents for today: the lease's rent when occupied; else its asking rent, which is its market
        rent (else its last rent) — the unit pages' rule (docs/decisions.md, "Rent")."""
        if self.occupied:
            return self.current_rent
        return self.market_rent or self.current_rent


@dataclass(frozen=True)
class Comp:
    unit_id: Any
    address: str
    bedrooms: int
    bathrooms: Decimal
    square_feet: int
    rent: Decimal
    similarity: float


@dataclass
class MarketEstimate:
    market_rent: Decimal
    method: str
    comp_count: int
    comp_avg_rent: Decimal | None
    comp_avg_sqft: float | None
    size_factor: float | None
    base_rent: Decimal  # before season and vacancy
    seasonal_factor: float
    days_vacant: int
    vacancy_discount: float  # 0.0 .. 0.05
    comps: list[Comp] = field(default_factory=list)  # the COMPS_LISTED most similar
    nearby_comps: int = 0  # comps found when fewer than MIN_COMPS (then not used)


def days_vacant(unit: UnitFacts, as_of: datetime.date) -> int:
    """Days since the last lease ended for a unit that is not occupied; 0 when occupied or unknown."""
    if unit.occupied or unit.vacant_since is None:
        return 0
    return max((as_of - unit.vacant_since).days, 0)


def sqft_bounds(square_feet: int) -> tuple[int, int]:
    """The spec's size window, `(sq ft or 0) - 100` .. `(sq ft or 9999) + 100`."""
    return (square_feet or 0) - SQFT_WINDOW, (square_feet or UNKNOWN_SQFT_UPPER) + SQFT_WINDOW


def similarity(unit_sqft: int, comp_sqft: int) -> float:
    """1.0 for the same size, 0.5 at the edge of the ±100 sq ft window (0 below; a unit of unknown size: 0.5)."""
    if not unit_sqft:
        return 0.5
    return round(max(0.0, 1 - abs(unit_sqft - comp_sqft) / (2 * SQFT_WINDOW)), 3)


def seasonal_factor(month: int) -> float:
    return SEASONAL.get(month, 1.0)


def vacancy_discount(days: int) -> float:
    """0.5% per week beyond 14 days vacant, at most 5% (the spec's float arithmetic)."""
    if days > VACANCY_GRACE_DAYS:
        weeks_over = (days - VACANCY_GRACE_DAYS) / 7
        return min(weeks_over * VACANCY_DISCOUNT_PER_WEEK, VACANCY_DISCOUNT_MAX)
    return 0.0


class _Group:
    """The occupied units of one (property, bedrooms, bathrooms), sorted by size, with running sums."""

    def __init__(self, members: list[UnitFacts]):
        members.sort(key=lambda u: (u.square_feet, u.unit_number))
        self.members = members
        self.sqft = [u.square_feet for u in members]
        self.rent_sums = [Decimal(0)]
        self.sqft_sums = [0]
        for u in members:
            self.rent_sums.append(self.rent_sums[-1] + u.current_rent)
            self.sqft_sums.append(self.sqft_sums[-1] + u.square_feet)


class CompIndex:
    """Every unit's internal comps, from one pass over the portfolio's units."""

    def __init__(self, units: Iterable[UnitFacts]):
        groups: dict[tuple, list[UnitFacts]] = defaultdict(list)
        for u in units:
            if u.occupied:
                groups[(u.property_id, u.bedrooms, u.bathrooms)].append(u)
        self.groups = {key: _Group(members) for key, members in groups.items()}

    def window(self, unit: UnitFacts) -> tuple[_Group | None, int, int, bool]:
        """(group, i, j, self_inside): members[i:j] are within the size window; self_inside if the unit is."""
        group = self.groups.get((unit.property_id, unit.bedrooms, unit.bathrooms))
        if group is None:
            return None, 0, 0, False
        lo, hi = sqft_bounds(unit.square_feet)
        i, j = bisect_left(group.sqft, lo), bisect_right(group.sqft, hi)
        inside = unit.occupied and lo <= unit.square_feet <= hi
        return group, i, j, inside

    def nearest(self, unit: UnitFacts, group: _Group, i: int, j: int, limit: int) -> list[Comp]:
        """The `limit` comps closest in size (ties: unit number), the unit itself excluded. Walks outwards from the
        unit's size in both directions, so it reads about `limit` members (plus ties), not the whole window."""
        if limit <= 0 or i >= j:
            return []
        members, size = group.members, unit.square_feet
        pos = bisect_left(group.sqft, size, i, j)
        left, right = pos - 1, pos
        picked: list[UnitFacts] = []
        cutoff = None  # the distance of the `limit`-th pick: keep taking members at that same distance (ties)
        while left >= i or right < j:
            dl = size - members[left].square_feet if left >= i else None
            dr = members[right].square_feet - size if right < j else None
            d = min(x for x in (dl, dr) if x is not None)
            if cutoff is not None and d > cutoff:
                break
            if dl == d:
                m = members[left]
                left -= 1
            else:
                m = members[right]
                right += 1
            if m is unit:  # the index holds the same UnitFacts objects
                continue
            picked.append(m)
            if cutoff is None and len(picked) >= limit:
                cutoff = d
        picked.sort(key=lambda m: (abs(m.square_feet - size), m.unit_number))
        return [
            Comp(
                unit_id=m.unit_id,
                address=f"{m.address}, Unit {m.unit_number}",
                bedrooms=m.bedrooms,
                bathrooms=m.bathrooms,
                square_feet=m.square_feet,
                rent=m.current_rent,
                similarity=similarity(size, m.square_feet),
            )
            for m in picked[:limit]
        ]


def compute_market_rent(
    unit: UnitFacts, *, index: CompIndex, as_of: datetime.date, comps_listed: int = COMPS_LISTED
) -> MarketEstimate:
    """The spec's algorithm for one unit, its comps looked up in `index` (see the module docstring)."""
    group, i, j, inside = index.window(unit)
    count = (j - i) - (1 if inside else 0)
    avg_rent = avg_sqft = size_adj = None
    comps: list[Comp] = []
    if count >= MIN_COMPS:
        rent_sum = group.rent_sums[j] - group.rent_sums[i] - (unit.current_rent if inside else 0)
        sqft_sum = group.sqft_sums[j] - group.sqft_sums[i] - (unit.square_feet if inside else 0)
        avg_rent = rent_sum / count
        avg_sqft = sqft_sum / count
        if avg_sqft and unit.square_feet:
            size_adj = unit.square_feet / avg_sqft
            market_rent = avg_rent * Decimal(str(size_adj))
        else:
            market_rent = avg_rent
        method = METHOD_COMPS
        comps = index.nearest(unit, group, i, j, comps_listed)
    else:
        market_rent = unit.market_rent or unit.current_rent or Decimal("0")
        method = METHOD_UNIT_MARKET if unit.market_rent else METHOD_UNIT_CURRENT if unit.current_rent else METHOD_NONE
    base = market_rent
    seasonal = seasonal_factor(as_of.month)
    market_rent *= Decimal(str(seasonal))
    vacant_days = days_vacant(unit, as_of)
    discount = vacancy_discount(vacant_days)
    if vacant_days > VACANCY_GRACE_DAYS:
        market_rent *= Decimal(str(1 - discount))
    return MarketEstimate(
        market_rent=round(market_rent, 2),
        method=method,
        comp_count=count if method == METHOD_COMPS else 0,
        comp_avg_rent=round(avg_rent, 2) if avg_rent is not None else None,
        comp_avg_sqft=round(avg_sqft, 1) if avg_sqft is not None else None,
        size_factor=size_adj,
        base_rent=round(base, 2),
        seasonal_factor=seasonal,
        days_vacant=vacant_days,
        vacancy_discount=discount,
        comps=comps,
        nearby_comps=max(count, 0) if method != METHOD_COMPS else 0,
    )


def leave_one_out(units: Iterable[UnitFacts], index: CompIndex) -> dict:
    """How well comps predict rent: for each occupied unit with enough comps, its comp-based estimate with the unit
    itself excluded (size-adjusted, before season and vacancy: the actual rents were agreed across the year)
    against its actual current rent. Returns units, coverage, median absolute % error and the share within 5%."""
    errors: list[float] = []
    occupied = 0
    for u in units:
        if not u.occupied or not u.current_rent:
            continue
        occupied += 1
        group, i, j, inside = index.window(u)
        count = (j - i) - (1 if inside else 0)
        if count < MIN_COMPS:
            continue
        avg_rent = (group.rent_sums[j] - group.rent_sums[i] - u.current_rent) / count
        avg_sqft = (group.sqft_sums[j] - group.sqft_sums[i] - u.square_feet) / count
        estimate = avg_rent * Decimal(str(u.square_feet / avg_sqft)) if avg_sqft and u.square_feet else avg_rent
        errors.append(abs(float((estimate - u.current_rent) / u.current_rent)) * 100)
    errors.sort()
    n = len(errors)
    if not n:
        median = None
    elif n % 2:
        median = errors[n // 2]
    else:
        median = (errors[n // 2 - 1] + errors[n // 2]) / 2
    return {
        "units": n,
        "occupied_units": occupied,
        "coverage_pct": round(n / occupied * 100, 1) if occupied else 0.0,
        "median_abs_pct_error": round(median, 2) if median is not None else None,
        "within_5_pct_share": round(sum(e <= 5 for e in errors) / n * 100, 1) if n else None,
    }
