"""Benchmark: the spec's per-row lease classifier vs the set-based agent (feature 1.1).

    .venv/bin/python benchmarks/bench_lifecycle.py                        # 100,000 leases, temp SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/unitcycle .venv/bin/python benchmarks/bench_lifecycle.py
    .venv/bin/python benchmarks/bench_lifecycle.py --leases 20000 --seed-days-ago 30

Seeds a fresh database once (benchmarks._util.seeded -> demo.seed.seed_portfolio(leases=N,
with_history=False)), then runs, each on its own fresh copy of that seeded database, (a)
`reference_classify`, the spec's task copied verbatim, and (b) the set-based agent
`tenants.services.lease_statuses_classify`. Reports wall time and query count of each (and of a second,
idempotent run), the speed-up, and checks both leave identical lease states, unit statuses and log rows.
Prints the table and writes JSON via benchmarks._util.write_result (benchmarks/results/).

--seed-days-ago N seeds the portfolio as of N days ago, i.e. the agent has not run for N days: more
leases have expired and notices have passed their move-out date, so the notice -> vacant path (with its
unit updates) is measured too. On PostgreSQL the scratch databases are `<db-name>` (the seed) and
`<db-name>_run` (the copy each run works on), both dropped afterwards.
"""

import argparse
import shutil
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import count_queries, pg_drop_database, seeded, timed, write_result  # noqa: E402

# --- the spec's per-row task: the same verbatim copy the tests use as their oracle ------------------------


def reference_classify():
    from tenants.tests.spec_reference import reference_classify as spec_loop

    return spec_loop()


def set_based_classify(chunk_size: int, today=None):
    from tenants.services import lease_statuses_classify

    return lease_statuses_classify(chunk_size=chunk_size, today=today)


# --- running each classifier on a fresh copy of the seeded database ----------------------------------------


class FreshCopies:
    """Hands out fresh copies of the seeded database: a file copy (SQLite) or CREATE DATABASE ... TEMPLATE
    (PostgreSQL), and points Django's default connection at it."""

    def __init__(self, db, database_url: str | None):
        from django.db import connection

        self.db, self.database_url = db, database_url
        self.seed_name = connection.settings_dict["NAME"]
        if db.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        connection.close()

    def fresh(self, label: str) -> None:
        from django.db import connection

        connection.close()
        if self.db.vendor == "sqlite":
            target = Path(self.seed_name).with_name(f"{label}.sqlite3")  # same temp dir: removed with it
            shutil.copyfile(self.seed_name, target)
            connection.settings_dict["NAME"] = str(target)
        else:
            from psycopg import sql

            from benchmarks._util import _pg_admin  # the scratch-server connection of the shared helpers

            run_name = f"{self.db.name}_run"
            with _pg_admin(self.database_url) as conn:
                conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(run_name)))
                conn.execute(
                    sql.SQL("CREATE DATABASE {} TEMPLATE {}").format(
                        sql.Identifier(run_name), sql.Identifier(self.db.name)
                    )
                )
            connection.settings_dict["NAME"] = run_name

    def close(self) -> None:
        from django.db import connection

        connection.close()
        if self.db.vendor == "postgresql":
            pg_drop_database(self.database_url, f"{self.db.name}_run")
        connection.settings_dict["NAME"] = self.seed_name


def warm_up() -> None:
    """Pays one-off costs (module imports, first INSERT's lazy imports) outside the timed region, equally for both."""
    from django.db import transaction

    import tenants.services  # noqa: F401
    from tenants.models import LeaseStatusLog, TenantLease

    with transaction.atomic():
        lease = TenantLease.objects.only("id").first()
        if lease is not None:
            LeaseStatusLog.objects.bulk_create([LeaseStatusLog(lease=lease, previous_status="x", new_status="x")])
            LeaseStatusLog.objects.create(lease=lease, previous_status="x", new_status="x")
        transaction.set_rollback(True)


def measure(fn) -> dict:
    with timed() as t, count_queries() as q:
        summary = fn()
    return {"summary": summary, "seconds": round(t.seconds, 3), "queries": q.count, "db_seconds": round(q.seconds, 3)}


def snapshot() -> dict:
    """Everything the two classifiers must agree on (timestamps excluded: they differ by design)."""
    from tenants.models import LeaseStatusLog, TenantLease
    from units.models import UnitsUnit

    leases = sorted(
        TenantLease.objects.values_list(
            "id", "lease_status", "holdover_start_date", "actual_move_out_date", "notice_move_out_date",
            "lease_status_changed_by",
        )
    )  # fmt: skip
    units = sorted(UnitsUnit.objects.values_list("id", "status"))
    logs = Counter(
        LeaseStatusLog.objects.values_list("lease_id", "previous_status", "new_status", "reason", "changed_by")
    )
    statuses = Counter(row[1] for row in leases)
    return {"leases": leases, "units": units, "logs": logs, "statuses": dict(sorted(statuses.items()))}


# --- main -----------------------------------------------------------------------------------------------


def main(argv=None) -> dict:
    import datetime

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--seed-days-ago", type=int, default=0, help="Seed as of N days ago (agent N days behind).")
    parser.add_argument("--chunk-size", type=int, default=2000)
    parser.add_argument("--db-name", default="unitcycle_bench_lifecycle", help="scratch PostgreSQL database name")
    parser.add_argument("--database-url", default=None, help="default: $DATABASE_URL (SQLite temp file if unset)")
    args = parser.parse_args(argv)

    seed_today = datetime.datetime.now(datetime.UTC).date() - datetime.timedelta(days=args.seed_days_ago)
    with seeded(
        args.leases,
        seed=args.seed,
        with_history=False,
        today=seed_today,
        name=args.db_name,
        database_url=args.database_url,
    ) as run:
        import os

        print(f"Seeded {args.leases:,} leases on {run.db.vendor} in {run.seconds}s (as of {seed_today}).", flush=True)
        copies = FreshCopies(run.db, args.database_url or os.environ.get("DATABASE_URL"))
        runs, states = {}, {}
        # The verbatim reference reads the clock itself; the agent gets the date the reference started on,
        # so a run that crosses midnight UTC still compares like with like.
        day = {}

        def reference():
            from django.utils import timezone

            day.setdefault("today", timezone.now().date())  # the first run's date
            return reference_classify()

        try:
            for name, fn in (
                ("reference_per_row", reference),
                ("set_based", lambda: set_based_classify(args.chunk_size, today=day["today"])),
            ):
                copies.fresh(name)
                warm_up()
                runs[name] = measure(fn)
                states[name] = snapshot()
                runs[name]["second_run"] = second = measure(fn)
                print(
                    f"  {name:<18} {runs[name]['seconds']:>9.3f}s {runs[name]['queries']:>9,} queries  "
                    f"{runs[name]['summary']}  (second run: {second['summary']} {second['seconds']:.3f}s, "
                    f"{second['queries']} queries)",
                    flush=True,
                )
        finally:
            copies.close()
        identical = {k: states["reference_per_row"][k] == states["set_based"][k] for k in ("leases", "units", "logs")}
        ref, new = runs["reference_per_row"], runs["set_based"]
        result = {
            "leases": args.leases,
            "seed": args.seed,
            "seed_days_ago": args.seed_days_ago,
            "classified_as_of": day["today"].isoformat(),
            "chunk_size": args.chunk_size,
            "seed_seconds": run.seconds,
            "statuses_after": states["set_based"]["statuses"],
            "reference_per_row": ref,
            "set_based": new,
            "speedup": round(ref["seconds"] / new["seconds"], 1) if new["seconds"] else None,
            "query_ratio": round(ref["queries"] / new["queries"], 1) if new["queries"] else None,
            "identical": identical,
        }
        name = "lifecycle" if not args.seed_days_ago else f"lifecycle-{args.seed_days_ago}-days-behind"
        path = write_result(name, result)
    print(
        f"Speed-up {result['speedup']}x, {result['query_ratio']}x fewer queries; identical lease states: "
        f"{identical['leases']}, unit statuses: {identical['units']}, logs: {identical['logs']}"
    )
    print(f"Wrote {path}")
    if not all(identical.values()):
        raise SystemExit("The set-based agent and the reference disagree.")
    return result


if __name__ == "__main__":
    main()
