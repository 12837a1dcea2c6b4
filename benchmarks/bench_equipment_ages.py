"""Benchmark: the set-based equipment age recompute (issue 16 §2; 2.3's weekly risk agent calls it first).

    .venv/bin/python benchmarks/bench_equipment_ages.py                   # the demo (4,353 leases) + 100,000 rows
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/unitcycle .venv/bin/python benchmarks/bench_equipment_ages.py
    .venv/bin/python benchmarks/bench_equipment_ages.py --synthetic 20000 --chunk-size 5000

Seeds the demo portfolio with history (its ~13,000 equipment records), then runs
`predictive_maintenance.services.equipment_ages_recompute` three ways on it: every age stale (all rows
written), the same day again (idempotent: nothing written) and a year later (every age moves). Then it adds
synthetic records until the register holds `--synthetic` rows (default 100,000; install dates spread over 40
years, over the demo's properties and units) and measures the same three runs. Reports seconds, rows/s,
statements (one SELECT of ids + one UPDATE per chunk) and checks the stored ages against the Python rule
(`predictive_maintenance.rules.age_years`) on a sample. Writes JSON via benchmarks._util.write_result.
"""

import argparse
import datetime
import random
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import count_queries, seeded, timed, write_result  # noqa: E402


def recompute(today, chunk_size):
    from predictive_maintenance.services import equipment_ages_recompute

    return equipment_ages_recompute(today=today, chunk_size=chunk_size)


def measure(rows: int, fn) -> dict:
    with timed() as t, count_queries() as q:
        summary = fn()
    return {
        "summary": summary,
        "seconds": round(t.seconds, 3),
        "cpu_seconds": round(t.cpu_seconds, 3),
        "rows_per_second": round(rows / t.seconds) if t.seconds else None,
        "queries": q.count,
    }


def stale_all() -> None:
    from predictive_maintenance.models import Equipment

    Equipment.objects.update(age_years=-1)


def grow_to(target: int, today: datetime.date, seed: int) -> int:
    """Adds synthetic equipment records (bulk INSERTs) until the register holds `target` rows."""
    from demo.bulk import BulkWriter
    from predictive_maintenance.models import Equipment
    from units.models import UnitsUnit

    have = Equipment.objects.count()
    if have >= target:
        return 0
    rng = random.Random(seed)
    units = list(UnitsUnit.objects.values_list("id", "property_id", "building"))
    types = [c for c, _ in Equipment.EquipmentType.choices]
    writer = BulkWriter(batch_size=5000)
    for i in range(target - have):
        unit_id, property_id, building = units[i % len(units)]
        install = today - datetime.timedelta(days=rng.randint(30, 40 * 365))
        writer.add(
            Equipment,
            dict(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                property_ref_id=property_id,
                unit_id=unit_id,
                building=building,
                equipment_type=rng.choice(types),
                name=f"Synthetic {i}",
                install_date=install,
                age_years=0,
                expected_lifespan_years=rng.randint(8, 30),
            ),
        )
    writer.flush()
    return target - have


def check_sample(today: datetime.date) -> bool:
    from predictive_maintenance.models import Equipment
    from predictive_maintenance.rules import age_years

    sample = Equipment.objects.order_by("?").values_list("install_date", "age_years")[:2000]
    return all(stored == age_years(install, today) for install, stored in sample)


def three_runs(label: str, rows: int, today: datetime.date, chunk_size: int) -> dict:
    stale_all()
    runs = {
        "all_stale": measure(rows, lambda: recompute(today, chunk_size)),
        "again_same_day": measure(rows, lambda: recompute(today, chunk_size)),
        "a_year_later": measure(rows, lambda: recompute(today + datetime.timedelta(days=365), chunk_size)),
    }
    runs["ages_match_the_rule"] = check_sample(today + datetime.timedelta(days=365))
    for name in ("all_stale", "again_same_day", "a_year_later"):
        r = runs[name]
        print(
            f"  {label:<10} {name:<15} {r['seconds']:>8.3f}s {r['rows_per_second'] or 0:>10,} rows/s "
            f"{r['queries']:>5} statements  {r['summary']}",
            flush=True,
        )
    return {"rows": rows, **runs}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leases", type=int, default=4353, help="demo portfolio size (default: the demo's)")
    parser.add_argument("--synthetic", type=int, default=100_000, help="then grow the register to this many rows")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--chunk-size", type=int, default=2000)
    parser.add_argument("--db-name", default="unitcycle_bench_equipment_ages", help="scratch PostgreSQL database")
    parser.add_argument("--database-url", default=None, help="default: $DATABASE_URL (SQLite temp file if unset)")
    args = parser.parse_args(argv)

    today = datetime.datetime.now(datetime.UTC).date()
    with seeded(
        args.leases, seed=args.seed, with_history=True, today=today, name=args.db_name, database_url=args.database_url
    ) as run:
        from django.db import connection

        from predictive_maintenance.models import Equipment

        demo_rows = Equipment.objects.count()
        print(f"Seeded {args.leases:,} leases on {run.db.vendor} in {run.seconds}s: {demo_rows:,} equipment.")
        result = {
            "leases": args.leases,
            "chunk_size": args.chunk_size,
            "seed_seconds": run.seconds,
            "demo": three_runs("demo", demo_rows, today, args.chunk_size),
        }
        with timed() as t:
            added = grow_to(args.synthetic, today, args.seed)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE equipment")
        rows = Equipment.objects.count()
        print(f"Added {added:,} synthetic records in {t.seconds:.1f}s: {rows:,} rows.")
        result["synthetic"] = three_runs("synthetic", rows, today, args.chunk_size)
        path = write_result("equipment-ages", result)
    print(f"Wrote {path}")
    if not (result["demo"]["ages_match_the_rule"] and result["synthetic"]["ages_match_the_rule"]):
        raise SystemExit("Stored ages differ from predictive_maintenance.rules.age_years.")
    return result


if __name__ == "__main__":
    main()
