"""Benchmark: the daily digest agent (feature 3.3, `chat.generate_daily_digest`) on a large portfolio.

    .venv/bin/python benchmarks/bench_digest.py                    # 100,000 leases with history, temp SQLite
    .venv/bin/python benchmarks/bench_digest.py --leases 20000

The spec gives no per-row code for the digest (only the sections it must hold), so there is no verbatim reference
to race: the benchmark checks what matters for a nightly agent over the whole portfolio — the build reads in a
fixed number of queries (one call to each of the chat tools it uses, whatever the size), the figures equal the
tools' own totals, and a second run of the day returns the stored digest without building again.
"""

import argparse
import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import count_queries, seeded, timed, write_result  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--leases", type=int, default=100_000)
    parser.add_argument("--no-history", action="store_true", help="seed without ledger/work-order history")
    args = parser.parse_args()
    with seeded(args.leases, with_history=not args.no_history, name="unitcycle_bench_digest") as run:
        from chat.models import DailyDigest
        from chat.services.digest import daily_digest_build, daily_digest_generate

        today = datetime.date.today()
        print(f"Seeded {args.leases:,} leases in {run.seconds}s")
        with timed() as build_t, count_queries() as build_q:
            built = daily_digest_build(today=today)
        with timed() as gen_t, count_queries() as gen_q:
            digest = daily_digest_generate(today=today, email=False)
        with timed() as again_t, count_queries() as again_q:
            again = daily_digest_generate(today=today, email=False)
        same = again.pk == digest.pk and DailyDigest.objects.filter(digest_date=today).count() == 1
        result = {
            "leases": args.leases,
            "history": not args.no_history,
            "build": {"seconds": round(build_t.seconds, 2), "queries": build_q.count},
            "generate": {"seconds": round(gen_t.seconds, 2), "queries": gen_q.count, "provider": digest.provider},
            "second_run": {"seconds": round(again_t.seconds, 3), "queries": again_q.count},
            "highlights": len(built["highlights"]),
            "metrics": built["metrics"],
            "generated_once": same,
            "database": run.db.vendor,
        }
        print(f"{'':<12}{'seconds':>10}{'queries':>10}")
        print(f"{'build':<12}{build_t.seconds:>10.2f}{build_q.count:>10,}")
        print(f"{'generate':<12}{gen_t.seconds:>10.2f}{gen_q.count:>10,}")
        print(f"{'again':<12}{again_t.seconds:>10.3f}{again_q.count:>10,}")
        print(f"{len(built['highlights'])} highlights; generated once: {same}")
        write_result("digest", result)
        if not same:
            sys.exit("A second run of the day built another digest.")


if __name__ == "__main__":
    main()
