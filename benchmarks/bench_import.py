"""Benchmark: the portfolio import (imports/) of a 10,000-lease portfolio, file by file.

    .venv/bin/python benchmarks/bench_import.py                 # 10,000 leases, temp SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/unitcycle .venv/bin/python benchmarks/bench_import.py
    .venv/bin/python benchmarks/bench_import.py --leases 2000

Seeds the demo portfolio (no history), runs the lifecycle classification, exports it in the import format
(`imports.export.portfolio_export`), deletes it (`demo.seed.portfolio_delete`) and imports the four files
through `imports.services.import_run_execute` (what the API and `import_portfolio` run): for each file the dry
run (validation only) and the commit (validation + writes + for leases the unit statuses and the lifecycle
classification), then the re-import of the same files (every row an update). Reports seconds, queries and
rows/s per file, and checks the imported portfolio has the seeded counts and lifecycle states.
"""

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import count_queries, seeded, timed, write_result  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--leases", type=int, default=10_000)
    args = parser.parse_args()

    with seeded(args.leases, with_history=False, name="unitcycle_bench_import") as run:
        import datetime

        from django.conf import settings

        from demo.seed import portfolio_delete
        from imports.columns import ORDER
        from imports.export import portfolio_export
        from imports.models import ImportRun
        from imports.services import import_run_execute
        from tenants.models import TenantLease
        from tenants.services import lease_statuses_classify

        settings.IMPORT_MAX_ROWS = max(settings.IMPORT_MAX_ROWS, args.leases * 3)
        today = datetime.date.today()
        lease_statuses_classify(today=today)
        states_before = Counter(TenantLease.objects.values_list("lease_status", flat=True))
        results = {"leases": args.leases, "seed_seconds": run.seconds, "files": {}}
        with tempfile.TemporaryDirectory() as tmp:
            with timed() as t:
                counts = portfolio_export(directory=tmp)
            results["export_seconds"] = round(t.seconds, 2)
            results["rows"] = counts
            portfolio_delete()
            for phase in ("dry_run", "commit", "reimport"):
                total_rows, total_seconds = 0, 0.0
                for kind in ORDER:
                    content = (Path(tmp) / f"{kind}.csv").read_text()
                    r = ImportRun.objects.create(kind=kind, dry_run=phase == "dry_run", content=content)
                    with timed() as t, count_queries() as q:
                        r = import_run_execute(run_id=r.pk, today=today)
                    expected = "validated" if phase == "dry_run" else "committed"
                    if phase == "dry_run" and kind != "properties":
                        expected = r.status  # later files reference rows a dry run did not write
                    assert r.status == expected, (kind, r.status, r.errors[:3], r.message)
                    n = counts[kind]
                    results["files"][f"{phase}:{kind}"] = {
                        "rows": n,
                        "seconds": round(t.seconds, 3),
                        "queries": q.count,
                        "rows_per_second": round(n / t.seconds) if t.seconds else None,
                        "created": r.created_count,
                        "updated": r.updated_count,
                    }
                    total_rows += n
                    total_seconds += t.seconds
                    print(
                        f"{phase:>9} {kind:<11} {n:>7} rows {t.seconds:7.2f}s {q.count:>5} queries "
                        f"{n / t.seconds if t.seconds else 0:>9,.0f} rows/s  {r.message}"
                    )
                results[f"{phase}_total"] = {
                    "rows": total_rows,
                    "seconds": round(total_seconds, 2),
                    "rows_per_second": round(total_rows / total_seconds) if total_seconds else None,
                }
                print(f"{phase:>9} total       {total_rows:>7} rows {total_seconds:7.2f}s")
        states_after = Counter(TenantLease.objects.values_list("lease_status", flat=True))
        assert states_after == states_before, (states_before, states_after)
        results["lease_states"] = dict(states_after)
        path = write_result("import", results)
        print(f"same lifecycle states as seeded: {dict(states_after)}\nwritten: {path}")


if __name__ == "__main__":
    main()
