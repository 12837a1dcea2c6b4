"""Benchmark: seeding the demo portfolio (demo.seed.seed_portfolio) into a fresh database.

    .venv/bin/python benchmarks/bench_seed.py                      # 100,000 leases, temp SQLite file
    .venv/bin/python benchmarks/bench_seed.py --leases 4353 --no-history
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/unitcycle .venv/bin/python benchmarks/bench_seed.py
        # PostgreSQL: creates `unitcycle_bench` on that server (--db-name to change), drops it after

Prints the seeding time, rows inserted per table, rows/second and statements sent, and writes JSON to
benchmarks/results/ (gitignored).
"""

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import seeded, table_counts, write_result  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--no-history", action="store_true", help="portfolio only (no ledger, work orders...)")
    parser.add_argument("--db-name", default="unitcycle_bench", help="scratch PostgreSQL database name")
    parser.add_argument("--database-url", default=None, help="default: $DATABASE_URL (SQLite temp file if unset)")
    parser.add_argument("--keep", action="store_true", help="keep the scratch database afterwards")
    parser.add_argument("--progress", action="store_true", help="print per-property progress")
    args = parser.parse_args(argv)

    with seeded(
        args.leases,
        seed=args.seed,
        with_history=not args.no_history,
        name=args.db_name,
        database_url=args.database_url,
        keep=args.keep,
        stdout=sys.stdout if args.progress else None,
    ) as run:
        from demo.seed import SEEDED_MODELS

        counted = table_counts(SEEDED_MODELS)
        mismatched = {t: (n, counted.get(t)) for t, n in run.rows.items() if counted.get(t) != n}
        total = sum(run.rows.values())
        rate = total / run.seconds if run.seconds else 0.0
        print(
            f"Seeded {args.leases:,} leases (seed {args.seed}, history {'off' if args.no_history else 'on'}) "
            f"on {run.db.vendor} in {run.seconds:.1f}s  (CPU {run.cpu_seconds:.1f}s in this process; "
            f"migrate {run.db.migrate_seconds:.1f}s)"
        )
        print(f"  {'table':<22}{'rows':>12}")
        for table, n in sorted(run.rows.items(), key=lambda kv: -kv[1]):
            print(f"  {table:<22}{n:>12,}")
        print(
            f"  {'total':<22}{total:>12,}   {rate:,.0f} rows/s, "
            f"{run.summary['statements']:,} bulk statements, {run.queries:,} queries"
        )
        print(f"  lease split {run.summary['lease_split']}, expiring {run.summary['expiring']}")
        if mismatched:
            print(f"  ROW COUNT MISMATCH (reported, counted): {mismatched}")
        path = write_result(
            "seed",
            {
                "leases": args.leases,
                "seed": args.seed,
                "with_history": not args.no_history,
                "database": run.db.vendor,
                "seconds": run.seconds,
                "cpu_seconds": run.cpu_seconds,
                "migrate_seconds": run.db.migrate_seconds,
                "load_average": list(os.getloadavg()),
                "rows": run.rows,
                "total_rows": total,
                "rows_per_second": round(rate),
                "statements": run.summary["statements"],
                "queries": run.queries,
                "summary": run.summary,
            },
        )
        print(f"  result: {path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}")
    return 1 if mismatched else 0


if __name__ == "__main__":
    sys.exit(main())
