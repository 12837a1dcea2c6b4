"""Benchmark: the portfolio command center (feature 1.4) on a large portfolio.

    .venv/bin/python benchmarks/bench_command_center.py                               # 100,000 leases, temp SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python benchmarks/bench_command_center.py
    .venv/bin/python benchmarks/bench_command_center.py --leases 4353 --repeat 3

Seeds a fresh database (demo.seed.seed_portfolio(leases=N, with_history=False)), runs the lifecycle agent
(expired active leases -> month-to-month, as at 02:00), runs the AI action queue agent once (and a second,
idempotent time), then requests pages of GET /api/v1/portfolio/command-center/ through Django's test
client (the full request: filters, count, page, summary, top actions, balances, collections risk;
authentication forced, so no token query). Each request runs --repeat times; the median and best wall
time and the statements of one request are reported. The headline is the filtered page the issue asks
for: month-to-month units of one property, sorted by days to event, page_size 100.
On PostgreSQL the tables are ANALYZEd after seeding (autovacuum would do it in production) and
--explain prints the plan of the headline page query.
"""

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import count_queries, seeded, timed, write_result  # noqa: E402


def _request(client, path, params, repeat):
    times, queries, body = [], None, None
    for _ in range(repeat):
        with timed() as t, count_queries() as q:
            response = client.get(path, params)
        assert response.status_code == 200, response.content[:500]
        times.append(t.seconds)
        queries = q.count
        body = response.json()
    return {
        "params": params,
        "median_ms": round(statistics.median(times) * 1000, 1),
        "best_ms": round(min(times) * 1000, 1),
        "queries": queries,
        "count": body.get("count"),
        "rows": len(body.get("results", body.get("unit_ids", []))),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--leases", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database-url", default=None, help="PostgreSQL server to create a scratch database on")
    parser.add_argument("--explain", action="store_true", help="print the PostgreSQL plan of the headline query")
    args = parser.parse_args()

    with seeded(
        args.leases, with_history=False, name="unitcycle_bench_command_center", database_url=args.database_url
    ) as run:
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.db.models import Count
        from django.utils import timezone
        from rest_framework.test import APIClient

        from core.services import user_role_set
        from portfolio.services import ai_action_queue_generate
        from properties.services import user_properties_assign
        from tenants.models import TenantLease
        from tenants.services import lease_statuses_classify

        today = timezone.localdate()
        print(f"seeded {args.leases} leases in {run.seconds}s ({run.db.vendor})")
        with timed() as t:
            classified = lease_statuses_classify(today=today)
        print(f"lifecycle: {classified} ({t.seconds:.1f}s)")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

        with timed() as t, count_queries() as q:
            summary = ai_action_queue_generate(today=today)
        agent = {
            "summary": summary,
            "seconds": round(t.seconds, 2),
            "cpu_seconds": round(t.cpu_seconds, 2),
            "queries": q.count,
        }
        print(f"agent: {t.seconds:.2f}s, {q.count} queries — {summary}")
        with timed() as t, count_queries() as q:
            again = ai_action_queue_generate(today=today)
        agent_again = {"summary": again, "seconds": round(t.seconds, 2), "queries": q.count}
        print(f"agent again: {t.seconds:.2f}s, {q.count} queries — {again}")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE ai_action_queue")

        biggest = (
            TenantLease.objects.filter(lease_status="month_to_month")
            .values("property_id")
            .annotate(n=Count("id"))
            .order_by("-n")
            .first()
        )
        prop = str(biggest["property_id"])
        user = get_user_model().objects.create_user("bench@example.com", "bench@example.com", "x")
        user_role_set(user=user, role="property_manager")
        user_properties_assign(user=user, all_properties=True)
        client = APIClient()
        client.force_authenticate(user)
        cc = "/api/v1/portfolio/command-center/"
        cases = {
            "headline_mtm_one_property_by_days_to_event": (
                cc,
                {"lifecycle_state": "month_to_month", "property": prop, "ordering": "days_to_event", "page_size": 100},
            ),
            "all_units_first_page": (cc, {"page_size": 100}),
            "all_units_middle_page": (cc, {"page_size": 100, "page": max(1, args.leases // 200)}),
            "notice_and_vacant_by_rent_desc": (
                cc,
                {"lifecycle_state": "notice,vacant", "ordering": "-rent", "page_size": 100},
            ),
            "mtm_by_confidence": (
                cc,
                {"lifecycle_state": "month_to_month", "ordering": "-confidence", "page_size": 100},
            ),
            "all_by_risk": (cc, {"ordering": "-risk", "page_size": 100}),
            "rent_range_and_days_window": (
                cc,
                {
                    "min_rent": 1200,
                    "max_rent": 1800,
                    "days_to_event__gte": 0,
                    "days_to_event__lte": 90,
                    "page_size": 100,
                },
            ),
            "search_tenant_name": (cc, {"search": "garcia", "page_size": 100}),
            "headline_page_size_500": (
                cc,
                {"lifecycle_state": "month_to_month", "property": prop, "ordering": "days_to_event", "page_size": 500},
            ),
            "select_all_mtm": (cc + "select-all/", {"lifecycle_state": "month_to_month"}),
        }
        results = {}
        for name, (path, params) in cases.items():
            results[name] = _request(client, path, params, args.repeat)
            r = results[name]
            print(
                f"{name:45s} {r['median_ms']:8.1f} ms median ({r['best_ms']:.1f} best), {r['queries']} queries, "
                f"count {r['count']}, {r['rows']} rows"
            )

        if args.explain and connection.vendor == "postgresql":
            from portfolio import selectors

            qs = selectors.command_center_order(
                selectors.command_center_units().filter(lifecycle_state="month_to_month", property_id=prop),
                key="days_to_event",
                desc=False,
            )[:100]
            print(qs.explain(analyze=True))

        path = write_result(
            f"command-center-{args.leases}",
            {
                "leases": args.leases,
                "database": run.db.vendor,
                "seed_seconds": run.seconds,
                "lifecycle": classified,
                "agent": agent,
                "agent_second_run": agent_again,
                "repeat": args.repeat,
                "requests": results,
            },
        )
        print(f"wrote {path}")


if __name__ == "__main__":
    main()
