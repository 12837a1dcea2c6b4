"""The spec's per-unit `compute_market_rent` (2.2, "C Celery Tasks"), copied verbatim.

The tests use it as the oracle the set-based engine must match; benchmarks/bench_pricing.py times it against the
engine on 100,000 leases. Around the verbatim body: `date` is pinned to the day being priced (the spec calls
`date.today()`), and `compute_days_vacant` — which the spec calls but does not define — is ours: one query per
unit for when its last lease ended (`pricing.market.days_vacant` is the same rule).
"""

import datetime
from decimal import Decimal

from django.db.models import Avg, Max
from django.db.models.functions import Coalesce

from units.models import UnitsUnit


class date:  # noqa: N801 - stands in for `datetime.date` so the verbatim `date.today()` is the priced day
    _today = datetime.date.today()

    @classmethod
    def today(cls) -> datetime.date:
        return cls._today


def compute_days_vacant(unit) -> int:
    if unit.status == "occupied":
        return 0
    ended = unit.leases.aggregate(
        ended=Max(Coalesce("actual_move_out_date", "notice_move_out_date", "lease_end_date"))
    )["ended"]
    return max((date.today() - ended).days, 0) if ended else 0


# fmt: off
def compute_market_rent(unit):
    """
    Algorithm:
    1. Find comparable units (same property, same bed/bath, +/- 100 sqft)
    2. Find internal comps from occupied units with recent lease dates
    3. Calculate weighted average rent from comps
    4. Apply seasonal adjustment factor
    5. Apply vacancy duration discount
    """
    # Internal comps: same property, same bed/bath, occupied
    internal = UnitsUnit.objects.filter(
        property=unit.property,
        bedrooms=unit.bedrooms,
        bathrooms=unit.bathrooms,
        status='occupied',
        square_feet__gte=(unit.square_feet or 0) - 100,
        square_feet__lte=(unit.square_feet or 9999) + 100,
    ).exclude(id=unit.id)

    if internal.count() >= 3:
        avg_rent = internal.aggregate(avg=Avg('current_rent'))['avg']
        avg_sqft = internal.aggregate(avg=Avg('square_feet'))['avg']
        # Adjust for size difference
        if avg_sqft and unit.square_feet:
            size_adj = (unit.square_feet / avg_sqft)
            market_rent = avg_rent * Decimal(str(size_adj))
        else:
            market_rent = avg_rent
    else:
        market_rent = unit.market_rent or unit.current_rent or Decimal('0')

    # Seasonal adjustment (summer premium, winter discount)
    month = date.today().month
    seasonal = {1:0.97, 2:0.97, 3:0.99, 4:1.01, 5:1.03, 6:1.05,
                7:1.05, 8:1.04, 9:1.02, 10:1.00, 11:0.98, 12:0.96}
    market_rent *= Decimal(str(seasonal.get(month, 1.0)))

    # Vacancy duration discount
    # If vacant > 14 days, reduce by 0.5% per week (max 5%)
    days_vacant = compute_days_vacant(unit)
    if days_vacant > 14:
        weeks_over = (days_vacant - 14) / 7
        discount = min(weeks_over * 0.005, 0.05)
        market_rent *= Decimal(str(1 - discount))

    return round(market_rent, 2)
# fmt: on


def reference_market_rents(as_of: datetime.date) -> dict:
    """{unit_id: market rent} for every unit, one unit at a time (the spec's loop)."""
    date._today = as_of
    return {unit.id: compute_market_rent(unit) for unit in UnitsUnit.objects.select_related(None).iterator()}
