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

import datetime
import hashlib
import time

from django.apps import apps
from django.db import connection, models, transaction
from django.utils import timezone

from demo import reference as ref
from demo.bulk import BulkWriter, bulk_load
from demo.seeding.common import _DAYS, SeedRandom, _Counters, _poisson, _round5
from demo.seeding.ledger import HistoryPlan, _ledger, plan_history
from demo.seeding.maintenance import (
    _TEMPLATES_BY_TITLE,
    BASE_WORK_ORDERS_PER_YEAR,
    _equipment,
    _pick_template,
    _work_order,
    failure_dates,
    failure_template,
)
from demo.seeding.portfolio import LeaseFacts, PropertyPlan, _build_property, plan_portfolio
from demo.seeding.vendors import VendorRef, _build_vendors
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

# The tables the seed writes, parents first.
SEEDED_MODELS = (
    Vendor,
    Properties,
    UnitsUnit,
    Tenants,
    TenantLease,
    TenantLedgerEntry,
    UnitsMaintenance,
    Invoices,
    InvoiceLineItems,
    Equipment,
)


# ---------------------------------------------------------------------------------------------------
# history of one property: ledger, work orders and invoices, equipment


def _history(
    rng,
    *,
    p: PropertyPlan,
    facts: list[LeaseFacts],
    hplan: HistoryPlan,
    today: datetime.date,
    vendors: dict[str, list[VendorRef]],
    counters: _Counters,
    writer: BulkWriter,
) -> None:
    late_fee = rng.choice((5000, 7500, None))  # flat $50 / $75, or 5% of rent
    window_start = today - datetime.timedelta(days=729)
    built = datetime.date(p.year_built, 6, 1)
    for f in facts:
        g = f.global_index
        fee = late_fee or _round5(f.rent / 100 * 0.05)
        writer.extend(TenantLedgerEntry, _ledger(rng, f, hplan.profiles[g], g in hplan.overdue, fee, today))

    def add_wo(f, category, template, req, status=None):
        wo, invoice, lines = _work_order(
            rng,
            f=f,
            category=category,
            template=template,
            req=req,
            today=today,
            vendors=vendors,
            tax_rate=p.tax_rate,
            counters=counters,
            status=status,
        )
        writer.add(UnitsMaintenance, wo)
        if invoice:
            writer.add(Invoices, invoice)
            writer.extend(InvoiceLineItems, lines)

    for f in facts:
        # The unit's equipment first: its age drives the failures below (demo.seeding.maintenance.failure_dates).
        equipment = [
            _equipment(
                rng,
                etype=etype,
                property_id=f.property_id,
                unit_id=f.unit_id,
                name_prefix=f.unit_number,
                built=built,
                today=today,
                building=f.building,
            )
            for etype in ("hvac", "water_heater", "refrigerator")
        ]
        writer.extend(Equipment, equipment)
        n = _poisson(rng, BASE_WORK_ORDERS_PER_YEAR * 2 * rng.lognormvariate(-0.18, 0.6))  # wear and tear
        for req in sorted(today - _DAYS[rng.randint(0, 729)] for _ in range(n)):
            category, template = _pick_template(rng, req)
            add_wo(f, category, template, req)
        for eq in equipment:  # failures of ageing equipment: the hazard grows with the share of life used
            for req in failure_dates(rng, equipment=eq, today=today):
                category, template = failure_template(rng, eq["equipment_type"], req)
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

    buildings = sorted({f.building for f in facts}, key=lambda b: (len(b), b))
    for b in buildings:
        types = ["roof"]
        if p.property_type in ("midrise", "highrise") or p.year_built < 1990:
            types.append("boiler")
        if p.property_type in ("midrise", "highrise"):
            types.append("elevator")
        for etype in types:
            writer.add(
                Equipment,
                _equipment(
                    rng,
                    etype=etype,
                    property_id=facts[0].property_id,
                    unit_id=None,
                    name_prefix=f"Building {b}",
                    built=built,
                    today=today,
                    building=b,
                ),
            )


# ---------------------------------------------------------------------------------------------------
# public API


def portfolio_generate(
    *,
    writer,
    seed: int = DEFAULT_SEED,
    leases: int = DEFAULT_LEASES,
    today: datetime.date,
    with_history: bool = True,
    progress=None,
):
    """Builds every row of the demo portfolio and hands it to `writer` (`add(model, row)`, `extend(model,
    rows)`, `flush()`), property by property, parents first. No database access of its own: seed_portfolio
    passes a demo.bulk.BulkWriter; the tests pass an in-memory sink to check many dates quickly.
    Returns (plan, history plan or None)."""
    if leases < 1:
        raise ValueError("leases must be at least 1")
    rng = SeedRandom(seed, stream=1)
    hist_rng = SeedRandom(f"unitcycle-demo-history:{seed}", stream=2)
    plan = plan_portfolio(rng, leases=leases)
    hplan = plan_history(hist_rng, plan) if with_history else None
    counters = _Counters()
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
            _history(
                hist_rng, p=p, facts=facts, hplan=hplan, today=today, vendors=vendors, counters=counters, writer=writer
            )
        if progress is not None:
            progress(p, len(plan.properties))
    writer.flush()
    return plan, hplan


def seed_portfolio(
    *,
    seed: int = DEFAULT_SEED,
    leases: int = DEFAULT_LEASES,
    today: datetime.date | None = None,
    with_history: bool = True,
    stdout=None,
) -> dict:
    """Seeds the demo portfolio into an empty database; returns summary counts. Deterministic per
    (seed, leases, today). with_history=False skips ledger, work orders, invoices and equipment."""
    if leases < 1:
        raise ValueError("leases must be at least 1")
    today = today or timezone.localdate()
    started = time.perf_counter()
    writer = BulkWriter(batch_size=BATCH_SIZE, mode=INSERT_MODE, order=SEEDED_MODELS)

    def say(p, n: int) -> None:
        if stdout is not None:
            stdout.write(f"  {p.index + 1:>2}/{n} {p.name}: {p.units} units ({time.perf_counter() - started:.1f}s)\n")

    with transaction.atomic(), bulk_load(SEEDED_MODELS, sqlite_cache_kib=SQLITE_BULK_CACHE_KIB):
        plan, hplan = portfolio_generate(
            writer=writer, seed=seed, leases=leases, today=today, with_history=with_history, progress=say
        )

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


UNLINKED_PORTFOLIO_MODELS = ["core.Notification"]


def _domain_models() -> tuple[list[type[models.Model]], list[tuple[type[models.Model], models.Field]]]:
    """The seeded tables plus every table that depends on them (children first), and the nullable
    SET_NULL references from other tables that must be cleared instead."""
    all_models = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and not m._meta.swapped
    ]
    # plus what is about the portfolio without a foreign key to it: the manager's notifications (property_ref)
    domain = set(SEEDED_MODELS) | {apps.get_model(label) for label in UNLINKED_PORTFOLIO_MODELS}
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
        return {
            f.related_model
            for f in m._meta.concrete_fields
            if f.is_relation and f.related_model in domain and f.related_model is not m
        }

    ordered, left = [], set(domain)
    while left:  # delete a table once nothing left still points at it
        ready = sorted(
            (m for m in left if not any(m in parents(o) for o in left if o is not m)), key=lambda m: m._meta.db_table
        )
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
            cursor.execute(
                f"UPDATE {qn(m._meta.db_table)} SET {qn(fld.column)} = NULL WHERE {qn(fld.column)} IS NOT NULL"
            )
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
    fields = (
        "id",
        "lease_number",
        "tenant__email",
        "unit__unit_number",
        "property__name",
        "lease_begin_date",
        "lease_end_date",
        "move_in_date",
        "monthly_rent_amount",
        "security_deposit",
        "status",
        "lease_status",
        "notice_date",
        "notice_move_out_date",
        "actual_move_out_date",
    )
    for row in TenantLease.objects.order_by("lease_number").values_list(*fields).iterator(chunk_size=5000):
        h.update(repr(row).encode())
    totals = TenantLedgerEntry.objects.values_list("trans_type", "charge_code").order_by("trans_type", "charge_code")
    for row in totals.annotate(n=models.Count("id"), s=models.Sum("amount")):
        h.update(repr((row[0], row[1], row[2], str(row[3]))).encode())
    return h.hexdigest()
