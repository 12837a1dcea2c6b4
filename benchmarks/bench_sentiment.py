"""Benchmark: the daily sentiment agent (feature 5.3) vs the spec's per-row task on identical data.

    .venv/bin/python benchmarks/bench_sentiment.py                 # 100,000 leases, temp SQLite
    .venv/bin/python benchmarks/bench_sentiment.py --leases 20000 --share 0.2

Seeds the portfolio (benchmarks._util.seeded, with_history=False), writes a synthetic message history for a
share of the tenants with a current lease (communications.tests.message_history: 1-5 messages each over 55
days), then runs (a) `reference_daily_sentiment`, the spec's sentence written per row
(communications/tests/spec_reference.py), and (b) `communications.calculate_daily_sentiment`'s service, set-based
and chunked; a second run of (b) shows it is idempotent. Checks both write identical rows. Wall time, queries.
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
    parser.add_argument("--share", type=float, default=0.2, help="share of current tenants with messages")
    args = parser.parse_args()
    with seeded(args.leases, with_history=False, name="unitcycle_bench_sentiment") as run:
        from communications.models import TenantSentimentLog
        from communications.services import daily_sentiment_calculate
        from communications.tests.message_history import history_generate
        from communications.tests.spec_reference import log_snapshot, reference_daily_sentiment

        today = datetime.date.today()
        with timed() as t:
            messages = history_generate(share=args.share, seed=5)
        print(f"Seeded {args.leases:,} leases in {run.seconds}s; {messages:,} messages in {t.seconds:.1f}s")
        with timed() as ref_t, count_queries() as ref_q:
            tenants = reference_daily_sentiment(today=today)
        expected = log_snapshot()
        TenantSentimentLog._base_manager.all().delete()
        with timed() as set_t, count_queries() as set_q:
            summary = daily_sentiment_calculate(today=today)
        first = log_snapshot()
        with timed() as again_t, count_queries() as again_q:
            daily_sentiment_calculate(today=today)
        identical = first == expected and log_snapshot() == expected
        result = {
            "leases": args.leases,
            "messages": messages,
            "tenants_scored": tenants,
            "reference": {"seconds": round(ref_t.seconds, 2), "queries": ref_q.count},
            "set_based": {"seconds": round(set_t.seconds, 2), "queries": set_q.count, "summary": summary},
            "second_run": {"seconds": round(again_t.seconds, 2), "queries": again_q.count},
            "speedup": round(ref_t.seconds / max(set_t.seconds, 1e-9), 1),
            "identical": identical,
            "database": run.db.vendor,
        }
        print(f"{'':<12}{'seconds':>10}{'queries':>10}")
        print(f"{'per-row':<12}{ref_t.seconds:>10.2f}{ref_q.count:>10,}")
        print(f"{'set-based':<12}{set_t.seconds:>10.2f}{set_q.count:>10,}")
        print(f"{'again':<12}{again_t.seconds:>10.2f}{again_q.count:>10,}")
        print(f"{tenants:,} tenants scored; speed-up x{result['speedup']}; identical rows: {identical}")
        write_result("sentiment", result)
        if not identical:
            diff = sorted(set(first) ^ set(expected))[:6]
            for row in diff:
                print(("reference " if row in expected else "set-based ") + repr(row))
            sys.exit("The set-based agent and the per-row reference disagree.")


if __name__ == "__main__":
    main()
