"""Benchmark: the nightly renewal scan (feature 1.2) on the demo portfolio.

    .venv/bin/python benchmarks/bench_renewals.py                                  # 4,353 leases, temp SQLite
    .venv/bin/python benchmarks/bench_renewals.py --database-url postgres://postgres@127.0.0.1:5432/postgres
    .venv/bin/python benchmarks/bench_renewals.py --leases 20000 --chunk-size 1000

Seeds a fresh database (demo.seed.seed_portfolio, with a year of history), runs the lifecycle agent
(the expired-active leases become month-to-month, as in production at 02:00), then times
`renewals.services.renewal_scan` (offline letters) and a second run (must create nothing). Reports
wall time, statements (split into the gateway's AICallLog inserts and everything else), the
recommendations created per risk level, and the set-based scoring alone (candidates + churn inputs +
scoring, no letters). Writes JSON to benchmarks/results/.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import count_queries, seeded, timed, write_result  # noqa: E402


class SplitCounter:
    """Counts statements, separating the AI gateway's call-log inserts from the scan's own."""

    def __init__(self):
        self.ai_log = 0
        self.other = 0

    def __call__(self, execute, sql, params, many, context):
        if sql.lstrip().upper().startswith("INSERT") and "core_aicalllog" in sql:
            self.ai_log += 1
        else:
            self.other += 1
        return execute(sql, params, many, context)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leases", type=int, default=4353)
    parser.add_argument("--chunk-size", type=int, default=500)
    parser.add_argument("--database-url", default=None, help="PostgreSQL server to create a scratch database on")
    args = parser.parse_args()

    with seeded(args.leases, with_history=True, name="unitcycle_bench_renewals", database_url=args.database_url) as run:
        from collections import Counter

        from django.db import connection
        from django.utils import timezone

        from renewals.models import RenewalRecommendation
        from renewals.selectors import churn_inputs_for, leases_for_scoring, renewal_candidates
        from renewals.services import batched, renewal_recommendations_build, renewal_scan
        from renewals.services.terms import renewal_rulebook
        from tenants.services import lease_statuses_classify

        today = timezone.localdate()
        classified = lease_statuses_classify(today=today)
        candidates = renewal_candidates(today=today).count()

        # The set-based part alone: candidates, churn inputs, scoring (no letters, nothing written).
        with timed() as t_score, count_queries() as q_score:
            ids = list(renewal_candidates(today=today).values_list("id", flat=True))
            book = renewal_rulebook(today=today)  # the notice law, once per run as the scan does
            scored = 0
            for chunk in batched(ids, args.chunk_size):
                leases = leases_for_scoring(lease_ids=chunk)
                churn_inputs_for(leases=leases, today=today)
                scored += len(renewal_recommendations_build(leases=leases, today=today, book=book))

        split = SplitCounter()
        with timed() as t_scan, connection.execute_wrapper(split):
            summary = renewal_scan(today=today, chunk_size=args.chunk_size)
        created = RenewalRecommendation.objects.count()
        levels = Counter(RenewalRecommendation.objects.values_list("churn_risk_level", flat=True))
        strategies = Counter(RenewalRecommendation.objects.values_list("rent_strategy", flat=True))

        with timed() as t_again, count_queries() as q_again:
            summary_again = renewal_scan(today=today, chunk_size=args.chunk_size)

        result = {
            "leases": args.leases,
            "chunk_size": args.chunk_size,
            "database": run.db.vendor,
            "seed_seconds": run.seconds,
            "lifecycle": classified,
            "candidates": candidates,
            "scoring_only": {"leases": scored, "seconds": round(t_score.seconds, 2), "queries": q_score.count},
            "scan": {
                "summary": summary,
                "seconds": round(t_scan.seconds, 2),
                "cpu_seconds": round(t_scan.cpu_seconds, 2),
                "queries_total": split.ai_log + split.other,
                "queries_ai_call_log": split.ai_log,
                "queries_scan": split.other,
                "recommendations_created": created,
                "by_risk_level": dict(levels),
                "by_strategy": dict(strategies),
                "ms_per_lease": round(t_scan.seconds * 1000 / max(created, 1), 2),
            },
            "second_scan": {"summary": summary_again, "seconds": round(t_again.seconds, 2), "queries": q_again.count},
        }
        path = write_result("renewals", result)

    print(f"database          {result['database']} ({args.leases} leases, seeded in {run.seconds}s)")
    print(f"lifecycle         {classified}")
    print(f"candidates        {candidates}")
    s = result["scoring_only"]
    print(f"scoring only      {s['leases']} leases in {s['seconds']}s, {s['queries']} queries")
    s = result["scan"]
    print(
        f"scan              {s['seconds']}s ({s['ms_per_lease']} ms/lease), {s['queries_total']} queries "
        f"= {s['queries_ai_call_log']} AICallLog inserts + {s['queries_scan']} scan"
    )
    print(f"                  {summary}")
    print(f"                  strategies {s['by_strategy']}")
    s = result["second_scan"]
    print(f"second scan       {s['seconds']}s, {s['queries']} queries: {summary_again}")
    print(f"written           {path}")


if __name__ == "__main__":
    main()
