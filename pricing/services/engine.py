"""The daily pricing engine (spec 2.2, `pricing.daily_pricing_engine`, 04:00 UTC): every unit, set-based.

Reads: `pricing.selectors.pricing_facts` (two queries for the whole portfolio) and one query of the day's existing
snapshots. Decides: `pricing.market` (the spec's market rent, comps from an in-memory index) and
`pricing.strategy` (gap, demand, confidence, strategy, recommended rent, price drop, explanation). Writes: per
chunk of `chunk_size` units, one bulk INSERT of new snapshots, one bulk UPDATE of changed ones, one DELETE and
one bulk INSERT of their listed comps. A snapshot whose decision did not change (same fingerprint) is not
touched, so a second run the same day writes nothing; `applied_*` are never overwritten.
Recommendations are never applied here.
"""

from __future__ import annotations

import datetime
import hashlib
import logging
import time
import uuid
from collections.abc import Callable
from decimal import Decimal

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils import timezone

from core.exceptions import ApplicationError
from core.utils import batched
from pricing import selectors
from pricing.market import COMPS_LISTED, CompIndex, MarketEstimate, UnitFacts, compute_market_rent, leave_one_out
from pricing.models import MarketComp, PricingRun, PricingSnapshot
from pricing.strategy import PriceDecision, decide, demand_scores

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")
SOURCE_INTERNAL = "internal"
# The fields a rerun may rewrite (never the applied_* columns a manager's action set).
UPDATE_FIELDS = [
    "property", "current_rent", "market_rent", "recommended_rent", "rent_per_sqft", "market_rent_per_sqft",
    "rent_gap_amount", "rent_gap_pct", "days_vacant", "seasonal_factor", "demand_score", "comp_count",
    "confidence_score", "pricing_strategy", "is_vacant", "explanation", "fingerprint", "updated_at",
]  # fmt: skip


def _per_sqft(amount: Decimal, sqft: int) -> Decimal | None:
    if not sqft:
        return None
    value = (Decimal(amount) / sqft).quantize(CENT)
    return value if value < Decimal("10000") else None


def _drop_json(decision: PriceDecision) -> dict | None:
    d = decision.price_drop
    if d is None:
        return None
    return {
        "drop": str(d.drop),
        "new_rent": str(d.new_rent),
        "days_saved": d.days_saved,
        "vacancy_recovered": str(d.vacancy_recovered),
        "cost": str(d.cost),
        "net_gain": str(d.net_gain),
        "worth_it": d.worth_it,
        "text": d.text,
    }


def snapshot_values(unit: UnitFacts, est: MarketEstimate, dec: PriceDecision) -> dict:
    """The stored fields of one unit's snapshot (and `comps`, the listed comps as dicts)."""
    explanation = {
        "method": est.method,
        "summary": dec.summary,
        "adjustments": dec.adjustments,
        "fallback": dec.fallback,
        "comp_avg_rent": str(est.comp_avg_rent) if est.comp_avg_rent is not None else None,
        "comp_avg_sqft": est.comp_avg_sqft,
        "base_rent": str(est.base_rent),
        "vacancy_discount_pct": round(est.vacancy_discount * 100, 2),
        "position": dec.position,
        "strategy_reason": dec.strategy_reason,
        "price_drop": _drop_json(dec),
    }
    comps = [
        {
            "source": SOURCE_INTERNAL,
            "address": c.address[:300],
            "bedrooms": c.bedrooms,
            "bathrooms": c.bathrooms,
            "square_feet": c.square_feet,
            "rent": c.rent,
            "distance_miles": 0.0,
            "similarity_score": c.similarity,
        }
        for c in est.comps
    ]
    values = {
        "unit_id": unit.unit_id,
        "property_id": unit.property_id,
        "current_rent": dec.current_rent,
        "market_rent": dec.market_rent,
        "recommended_rent": dec.recommended_rent,
        "rent_per_sqft": _per_sqft(dec.current_rent, unit.square_feet),
        "market_rent_per_sqft": _per_sqft(dec.market_rent, unit.square_feet),
        "rent_gap_amount": dec.rent_gap_amount,
        "rent_gap_pct": dec.rent_gap_pct,
        "days_vacant": est.days_vacant,
        "seasonal_factor": est.seasonal_factor,
        "demand_score": dec.demand_score,
        "comp_count": est.comp_count,
        "confidence_score": dec.confidence_score,
        "pricing_strategy": dec.strategy,
        "is_vacant": not unit.occupied,
        "explanation": explanation,
    }
    # Everything stored is decided by these figures and sentences (the explanation is built from them).
    drop = dec.price_drop
    key = "|".join(
        str(v)
        for v in (
            dec.current_rent, dec.market_rent, dec.recommended_rent, dec.rent_gap_amount, dec.rent_gap_pct,
            est.days_vacant, est.seasonal_factor, dec.demand_score, est.comp_count, dec.confidence_score,
            dec.strategy, not unit.occupied, unit.square_feet, est.method, dec.summary, dec.fallback,
            dec.strategy_reason, est.comp_avg_rent, est.comp_avg_sqft, est.base_rent, drop.text if drop else "",
        )
    )  # fmt: skip
    key += "|" + ";".join(f"{c.unit_id}:{c.address}:{c.rent}:{c.square_feet}:{c.bathrooms}" for c in est.comps)
    values["fingerprint"] = hashlib.sha1(key.encode()).hexdigest()
    return {**values, "comps": comps}


def _price_day(
    facts: list[UnitFacts],
    index: CompIndex,
    demand: dict,
    day: datetime.date,
    comps_listed: int,
    month_cache: dict | None = None,
) -> list[dict]:
    """Every unit's snapshot values for `day`. With `month_cache` (the backfill), an occupied unit is priced once
    per month: with the same facts only the month's season can move its price (vacant units move daily)."""
    rows = []
    for u in facts:
        key = (u.unit_id, day.year, day.month)
        if month_cache is not None and u.occupied and key in month_cache:
            rows.append(month_cache[key])
            continue
        est = compute_market_rent(u, index=index, as_of=day, comps_listed=comps_listed)
        dec = decide(u, est, demand=demand.get((u.property_id, u.bedrooms), 0.5), as_of=day)
        row = snapshot_values(u, est, dec)
        if month_cache is not None and u.occupied:
            month_cache[key] = row
        rows.append(row)
    return rows


def _preparer(field, conn):
    """How one column's values reach the driver, as the ORM would send them, without the ORM's per-value cost
    where it is a no-op: money (already 2-place Decimals), numbers, text and booleans go as they are (both drivers
    adapt them); UUIDs as hex on a backend without a native uuid; dates and times through the field (memoised:
    a run writes one day and one timestamp); JSON through the field."""
    internal = field.target_field.get_internal_type() if field.is_relation else field.get_internal_type()
    if internal == "UUIDField":
        if conn.features.has_native_uuid_field:
            return None
        return lambda v: v.hex if v is not None else None
    if internal in ("DateField", "DateTimeField"):
        memo: dict = {}

        def prep(v):
            if v not in memo:
                memo[v] = field.get_db_prep_save(v, conn)
            return memo[v]

        return prep
    if internal == "JSONField":
        return lambda v: field.get_db_prep_save(v, conn)
    return None


def _insert(model, rows: list[dict], now) -> None:
    """The rows in one statement per chunk: `COPY ... FROM STDIN` on PostgreSQL (psycopg 3), one prepared INSERT run
    with executemany elsewhere, as demo.bulk does (`bulk_create` splits a batch at SQLite's bound-parameter limit
    and builds a model instance per row). `rows` are {attname: value}; missing fields take their defaults; values
    are prepared as the ORM would store them (`_preparer`)."""
    if not rows:
        return
    conn = connections[DEFAULT_DB_ALIAS]
    fields = model._meta.concrete_fields
    stamps = {"created_at": now, "updated_at": now}
    defaults = {f.attname: f.get_default() for f in fields if f.attname not in ("id", "created_at", "updated_at")}
    qn = conn.ops.quote_name
    sql = (
        f"INSERT INTO {qn(model._meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    preps = [(f.attname, _preparer(f, conn)) for f in fields]
    params = []
    for row in rows:
        full = {**defaults, **stamps, **row}
        params.append([full[name] if prep is None else prep(full[name]) for name, prep in preps])
    with conn.cursor() as cursor:
        raw = cursor.cursor
        if conn.vendor == "postgresql" and hasattr(raw, "copy"):
            columns = ", ".join(qn(f.column) for f in fields)
            with raw.copy(f"COPY {qn(model._meta.db_table)} ({columns}) FROM STDIN") as copy:
                for values in params:
                    copy.write_row(values)
        else:
            cursor.executemany(sql, params)


def _write_day(*, rows: list[dict], day: datetime.date, property_id, chunk_size: int) -> tuple[int, int]:
    """Upserts the day's snapshots (only new or changed ones) and their comps. Returns (snapshots, comps) written."""
    existing_qs = PricingSnapshot.objects.filter(snapshot_date=day)
    if property_id is not None:
        existing_qs = existing_qs.filter(property_id=property_id)
    existing = {
        unit_id: (pk, fp)
        for unit_id, pk, fp in existing_qs.values_list("unit_id", "id", "fingerprint").iterator(chunk_size=5000)
    }
    now = timezone.now()
    written = comps_written = 0
    for chunk in batched(rows, chunk_size):
        create, update, comps = [], [], []
        for row in chunk:
            found = existing.get(row["unit_id"])
            if found is not None and found[1] == row["fingerprint"]:
                continue
            fields = {k: v for k, v in row.items() if k != "comps"}
            if found is None:
                pk = uuid.uuid4()
                create.append({"id": pk, "snapshot_date": day, **fields})
            else:
                pk = found[0]
                update.append(PricingSnapshot(pk=pk, snapshot_date=day, updated_at=now, **fields))
            comps.extend({"id": uuid.uuid4(), "snapshot_id": pk, **c} for c in row["comps"])
        if not (create or update):
            continue
        with transaction.atomic():
            if update:
                MarketComp.objects.filter(snapshot_id__in=[s.pk for s in update]).delete()
                PricingSnapshot.objects.bulk_update(update, UPDATE_FIELDS, batch_size=chunk_size)
            _insert(PricingSnapshot, create, now)
            _insert(MarketComp, comps, now)
        written += len(create) + len(update)
        comps_written += len(comps)
    return written, comps_written


def _property_or_404(property_id):
    if property_id is None:
        return None
    from properties.models import Properties

    if not Properties.objects.filter(pk=property_id).exists():
        raise ApplicationError("Property not found.", status_code=404)
    return property_id


def pricing_engine_run(
    *,
    as_of: datetime.date | None = None,
    property_id=None,
    started_by: str = "system",
    chunk_size: int = 2000,
    comps_listed: int = COMPS_LISTED,
    progress: Callable[[int, str], None] | None = None,
    facts: list[UnitFacts] | None = None,
) -> PricingRun:
    """Prices every unit (of one property, or all) for `as_of` (default today) and records the run."""
    if chunk_size < 1:
        raise ApplicationError("chunk_size must be at least 1.")
    as_of = as_of or timezone.localdate()
    property_id = _property_or_404(property_id)
    started = time.perf_counter()
    say = progress or (lambda pct, msg: None)
    say(5, "Reading units")
    facts = facts if facts is not None else selectors.pricing_facts(property_id=property_id)
    index = CompIndex(facts)
    demand = demand_scores(facts)
    say(30, f"Pricing {len(facts):,} units")
    rows = _price_day(facts, index, demand, as_of, comps_listed)
    say(60, "Saving snapshots")
    written, comps_written = _write_day(rows=rows, day=as_of, property_id=property_id, chunk_size=chunk_size)
    accuracy = leave_one_out(facts, index)
    summary = (
        f"Priced {len(rows):,} units for {as_of:%Y-%m-%d}: {written:,} snapshots written, "
        f"{len(rows) - written:,} unchanged."
    )
    run = PricingRun.objects.create(
        as_of=as_of,
        property_id=property_id,
        units_priced=len(rows),
        snapshots_written=written,
        comps_written=comps_written,
        accuracy=accuracy,
        seconds=round(time.perf_counter() - started, 3),
        summary=summary,
        started_by=started_by[:100],
    )
    logger.info("pricing engine: %s", summary)
    return run


def pricing_history_backfill(
    *,
    days: int = 90,
    as_of: datetime.date | None = None,
    history_comps: int = 0,
    progress: Callable[[int, str], None] | None = None,
) -> str:
    """Prices the last `days` days (ending `as_of`) from today's units, so a unit's chart has a history on the
    first run: each day gets its own season and vacancy age. Idempotent (each day is the engine's upsert).

    The past days list `history_comps` comps each (default none: 90 days x 5 comps x every unit would be millions
    of rows; their explanation still says how many comps at what average); the last day is the engine's own run
    and lists its comps."""
    if not 1 <= days <= 366:
        raise ApplicationError("days must be between 1 and 366.")
    as_of = as_of or timezone.localdate()
    facts = selectors.pricing_facts()
    index = CompIndex(facts)
    demand = demand_scores(facts)
    written = 0
    month_cache: dict = {}
    with transaction.atomic():  # one commit for the history (SQLite: one journal sync instead of one per chunk)
        for k in range(days - 1, 0, -1):
            day = as_of - datetime.timedelta(days=k)
            rows = _price_day(facts, index, demand, day, history_comps, month_cache)
            written += _write_day(rows=rows, day=day, property_id=None, chunk_size=2000)[0]
            if progress:
                progress(int((days - k) / days * 100), f"Priced {day:%Y-%m-%d}")
    run = pricing_engine_run(as_of=as_of, facts=facts)
    written += run.snapshots_written
    return f"Backfilled {days} days ending {as_of:%Y-%m-%d} for {len(facts):,} units: {written:,} snapshots written."
