"""Reads for pricing: the engine's facts (set-wise, a fixed number of queries for any portfolio) and the screens'
lists, scoped by the caller (`ScopedManager`: outside their properties nothing is found)."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import Avg, Count, DecimalField, ExpressionWrapper, F, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from core.utils import parse_uuid
from pricing.market import UnitFacts
from pricing.models import MarketComp, PricingRun, PricingSnapshot
from pricing.strategy import AT_MARKET_BAND_PCT
from properties.models import Properties
from tenants.models import TenantLease
from units.models import UnitsUnit

HISTORY_DAYS = 90


def pricing_facts(*, property_id=None) -> list[UnitFacts]:
    """Every unit (of one property, or all) as `UnitFacts`: one query for the units, one for when the last lease of
    each unit that is not occupied ended."""
    units = UnitsUnit.objects.all()
    leases = TenantLease.objects.exclude(unit__status=UnitsUnit.Status.OCCUPIED)
    if property_id is not None:
        units = units.filter(property_id=property_id)
        leases = leases.filter(property_id=property_id)
    ended = dict(
        leases.values("unit_id")
        .annotate(ended=Max(Coalesce("actual_move_out_date", "notice_move_out_date", "lease_end_date")))
        .values_list("unit_id", "ended")
    )
    rows = units.order_by().values_list(
        "id", "property_id", "unit_number", "property__address", "bedrooms", "bathrooms", "square_feet",
        "current_rent", "market_rent", "status",
    )  # fmt: skip
    return [
        UnitFacts(
            unit_id=uid,
            property_id=pid,
            unit_number=number,
            address=address,
            bedrooms=beds,
            bathrooms=baths,
            square_feet=sqft or 0,
            current_rent=current or Decimal("0"),
            market_rent=market or Decimal("0"),
            occupied=status == UnitsUnit.Status.OCCUPIED,
            vacant_since=None if status == UnitsUnit.Status.OCCUPIED else ended.get(uid),
        )
        for uid, pid, number, address, beds, baths, sqft, current, market, status in rows.iterator(chunk_size=5000)
    ]


def latest_dates_by_property(*, property_id=None) -> dict:
    """{property_id: the date of its latest snapshot}, one query (an index lookup per property)."""
    latest = PricingSnapshot.objects.filter(property_id=OuterRef("pk")).order_by("-snapshot_date")
    props = Properties.objects.all()
    if property_id is not None:
        props = props.filter(pk=property_id)
    rows = props.annotate(latest=Subquery(latest.values("snapshot_date")[:1])).values_list("pk", "latest")
    return {pk: d for pk, d in rows if d is not None}


def _latest_q(dates: dict) -> Q:
    q = Q(pk__in=[])
    for pid, d in dates.items():
        q |= Q(property_id=pid, snapshot_date=d)
    return q


def snapshot_latest_list() -> QuerySet[PricingSnapshot]:
    """The latest snapshot of every unit the caller sees (each property's latest engine day), unit joined."""
    return (
        PricingSnapshot.objects.filter(_latest_q(latest_dates_by_property()))
        .select_related("unit", "property")
        .annotate(
            unit_number=F("unit__unit_number"),
            bedrooms=F("unit__bedrooms"),
            bathrooms=F("unit__bathrooms"),
            square_feet=F("unit__square_feet"),
            property_name=F("property__name"),
        )
    )


def unit_pricing_get(*, unit_id) -> UnitsUnit | None:
    pk = parse_uuid(unit_id)
    if pk is None:
        return None
    return UnitsUnit.objects.select_related("property").filter(pk=pk).first()


def unit_pricing_history(*, unit: UnitsUnit, today: datetime.date, days: int = HISTORY_DAYS) -> list[PricingSnapshot]:
    """The unit's snapshots of the last `days` days (oldest first)."""
    since = today - datetime.timedelta(days=days - 1)
    return list(
        PricingSnapshot.objects.filter(unit=unit, snapshot_date__gte=since, snapshot_date__lte=today).order_by(
            "snapshot_date"
        )
    )


def snapshot_latest_for_unit(*, unit: UnitsUnit) -> PricingSnapshot | None:
    return (
        PricingSnapshot.objects.filter(unit=unit)
        .select_related("unit", "property")
        .prefetch_related("comps")
        .order_by("-snapshot_date")
        .first()
    )


def snapshot_comps(*, snapshot: PricingSnapshot) -> list[MarketComp]:
    return list(snapshot.comps.order_by("-similarity_score", "address"))


_BELOW = Q(rent_gap_pct__lt=-AT_MARKET_BAND_PCT)
_ABOVE = Q(rent_gap_pct__gt=AT_MARKET_BAND_PCT)
_MONEY = DecimalField(max_digits=14, decimal_places=2)


def revenue_opportunity(*, property_id=None) -> dict:
    """The spec's gap analysis over the occupied units' latest snapshots (vacant units have no rent to raise; their
    asking rent is the engine's vacant-unit recommendation). Two queries: the latest dates, one aggregate per
    property; the portfolio totals are the sums of the per-property figures."""
    dates = latest_dates_by_property(property_id=property_id)
    below_gap = ExpressionWrapper(F("market_rent") - F("current_rent"), output_field=_MONEY)
    latest = PricingSnapshot.objects.filter(_latest_q(dates))
    rows = (
        latest.filter(is_vacant=False)
        .values("property_id", "property__name")
        .annotate(
            n=Count("id"),
            below=Count("id", filter=_BELOW),
            above=Count("id", filter=_ABOVE),
            gap=Sum(below_gap, filter=_BELOW),
            pct=Avg("rent_gap_pct"),
        )
        .order_by("property__name")
    )
    by_property, total, below, above, gap_sum, pct_sum = [], 0, 0, 0, Decimal("0"), 0.0
    for r in rows:
        monthly = (r["gap"] or Decimal("0")).quantize(Decimal("0.01"))
        avg = r["pct"] or 0.0
        by_property.append(
            {
                "property_id": str(r["property_id"]),
                "property_name": r["property__name"],
                "units_analyzed": r["n"],
                "units_below": r["below"],
                "units_at": r["n"] - r["below"] - r["above"],
                "units_above": r["above"],
                "monthly_gap": monthly,
                "annual_opportunity": monthly * 12,
                "avg_gap_pct": round(avg, 1),
            }
        )
        total += r["n"]
        below += r["below"]
        above += r["above"]
        gap_sum += monthly
        pct_sum += avg * r["n"]
    return {
        "snapshot_date": max(dates.values()).isoformat() if dates else None,
        "total_units_analyzed": total,
        "units_below_market": below,
        "units_at_market": total - below - above,
        "units_above_market": above,
        "total_monthly_gap": gap_sum,
        "annual_revenue_opportunity": gap_sum * 12,
        "avg_gap_pct": round(pct_sum / total, 1) if total else 0.0,
        "at_market_band_pct": AT_MARKET_BAND_PCT,
        "by_property": by_property,
        "gap_distribution": gap_distribution(qs=latest.filter(is_vacant=False)),
        "vacant_units": latest.filter(is_vacant=True).count(),
    }


def pricing_run_latest() -> PricingRun | None:
    """The latest portfolio-wide run (its model accuracy is what /pricing shows)."""
    return PricingRun.objects.filter(property__isnull=True).order_by("-created_at").first()


def gap_distribution(*, qs: QuerySet[PricingSnapshot], edges=(-10, -5, -1, 1, 5, 10)) -> list[dict]:
    """How many latest snapshots fall in each gap-% bucket (for the chart): one aggregate query."""
    bounds = [None, *edges, None]
    buckets = []
    aggregates = {}
    for k in range(len(bounds) - 1):
        lo, hi = bounds[k], bounds[k + 1]
        cond = Q()
        # the at-market band [-1%, +1%] is closed at both ends, like `strategy.position`
        if lo is not None:
            cond &= Q(rent_gap_pct__gt=lo) if lo == AT_MARKET_BAND_PCT else Q(rent_gap_pct__gte=lo)
        if hi is not None:
            cond &= Q(rent_gap_pct__lte=hi) if hi == AT_MARKET_BAND_PCT else Q(rent_gap_pct__lt=hi)
        aggregates[f"b{k}"] = Count("id", filter=cond)
        buckets.append({"from_pct": lo, "to_pct": hi})
    counts = qs.order_by().aggregate(**aggregates)
    for k, b in enumerate(buckets):
        b["units"] = counts[f"b{k}"]
    return buckets
