"""Benchmark: the weekly risk agent (spec 2.3) — does the score mean something, and is it fast?

    .venv/bin/python benchmarks/bench_risk_scores.py                       # 100,000 leases, temp SQLite
    .venv/bin/python benchmarks/bench_risk_scores.py --leases 4353         # the demo portfolio
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/unitcycle .venv/bin/python benchmarks/bench_risk_scores.py

Seeds a portfolio with history (demo.seed: wear and tear, failures of ageing equipment, seasonal HVAC, repeat
issues), then:

1. Backtest. Scores every unit as of 90 days before the seed's today using only earlier data (work orders
   requested by then, equipment installed by then, ages as of then) and measures how well the score ranks the
   units that had a work order (make-ready turnover work excluded: not a failure) in the following 90 days: ROC
   AUC and the precision of the top decile, next to a naive baseline (the unit's work-order count in the previous
   12 months) and the spec's rules.
2. Speed. The agent with the spec's rules (`risk_scores_compute(rules="spec", suggest=False)`) against the spec's
   per-unit function shipped verbatim (predictive_maintenance/tests/spec_reference.py) on every unit: time,
   statements, and identical scores. Then the agent as shipped (UnitCycle rules, suggestions and notifications),
   and again the same day (idempotent: nothing added).

Writes JSON via benchmarks._util.write_result (benchmarks/results/).
"""

import argparse
import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import count_queries, seeded, timed, write_result  # noqa: E402

HORIZON_DAYS = 90


def roc_auc(scores: list[float], labels: list[bool]) -> float | None:
    """Mann-Whitney AUC with ties counted half (average ranks)."""
    pos = sum(labels)
    neg = len(labels) - pos
    if not pos or not neg:
        return None
    order = sorted(range(len(scores)), key=lambda i: scores[i])
    ranks = [0.0] * len(scores)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and scores[order[j + 1]] == scores[order[i]]:
            j += 1
        for k in range(i, j + 1):
            ranks[order[k]] = (i + j) / 2 + 1
        i = j + 1
    rank_sum = sum(r for r, y in zip(ranks, labels, strict=True) if y)
    return round((rank_sum - pos * (pos + 1) / 2) / (pos * neg), 4)


def top_decile_precision(scores: list[float], labels: list[bool], tiebreak: list[float]) -> float:
    """Share of positives among the 10% highest-scored units (ties broken by `tiebreak`, a fixed random order)."""
    n = max(1, len(scores) // 10)
    top = sorted(range(len(scores)), key=lambda i: (-scores[i], tiebreak[i]))[:n]
    return round(sum(labels[i] for i in top) / n, 4)


def backtest(today: datetime.date) -> dict:
    import random

    from predictive_maintenance import risk
    from predictive_maintenance.services.risk_scores import risk_results
    from units.models import UnitsMaintenance

    as_of = today - datetime.timedelta(days=HORIZON_DAYS)
    later = set(
        UnitsMaintenance._base_manager.filter(requested_date__gt=as_of, requested_date__lte=today)
        .exclude(category="turnover")
        .values_list("unit_id", flat=True)
    )
    out = {"as_of": as_of.isoformat(), "horizon_days": HORIZON_DAYS}
    for name, rules in (("unitcycle", risk.UNITCYCLE), ("spec", risk.SPEC)):
        results, _facts, _costs = risk_results(today=as_of, rules=rules)
        results.sort(key=lambda r: str(r.unit_id))
        labels = [r.unit_id in later for r in results]
        rng = random.Random(7)
        tiebreak = [rng.random() for _ in results]
        score = [r.risk_score for r in results]
        out[name] = {
            "auc": roc_auc(score, labels),
            "top_decile_precision": top_decile_precision(score, labels, tiebreak),
        }
        if name == "unitcycle":
            baseline = [float(r.wo_count_12_months) for r in results]
            out["baseline_wo_count_12_months"] = {
                "auc": roc_auc(baseline, labels),
                "top_decile_precision": top_decile_precision(baseline, labels, tiebreak),
            }
            out["units"] = len(results)
            out["base_rate"] = round(sum(labels) / len(labels), 4)
            levels = {}
            for r, y in zip(results, labels, strict=True):
                hit = levels.setdefault(r.risk_level, [0, 0])
                hit[0] += 1
                hit[1] += y
            out["by_level"] = {k: {"units": n, "had_work_order": round(p / n, 4)} for k, (n, p) in levels.items()}
    return out


def reference_scores(today: datetime.date, sample: int | None) -> dict:
    from predictive_maintenance.tests import spec_reference
    from units.models import UnitsUnit

    units = UnitsUnit._base_manager.select_related("property").order_by("id")
    if sample:
        units = units[:sample]
    with spec_reference.pinned(today):
        return {u.pk: spec_reference.compute_unit_risk_score(u) for u in units}


def measure(fn) -> tuple[dict, object]:
    with timed() as t, count_queries() as q:
        value = fn()
    return {"seconds": round(t.seconds, 3), "cpu_seconds": round(t.cpu_seconds, 3), "queries": q.count}, value


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--reference-sample", type=int, default=None, help="run the per-unit function on N units")
    parser.add_argument("--db-name", default="unitcycle_bench_risk_scores", help="scratch PostgreSQL database")
    parser.add_argument("--database-url", default=None, help="default: $DATABASE_URL (SQLite temp file if unset)")
    args = parser.parse_args(argv)

    today = datetime.datetime.now(datetime.UTC).date()
    with seeded(
        args.leases, seed=args.seed, with_history=True, today=today, name=args.db_name, database_url=args.database_url
    ) as run:
        from django.db import connection

        from predictive_maintenance.models import UnitRiskScore
        from predictive_maintenance.services import risk_scores_compute
        from units.models import UnitsUnit

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        units = UnitsUnit._base_manager.count()
        print(f"Seeded {args.leases:,} leases ({units:,} units) on {run.db.vendor} in {run.seconds}s.", flush=True)
        result = {"leases": args.leases, "units": units, "seed_seconds": run.seconds, "today": today.isoformat()}

        stats, bt = measure(lambda: backtest(today))
        result["backtest"] = {**bt, "seconds": stats["seconds"]}
        b = result["backtest"]
        print(
            f"Backtest as of {b['as_of']} ({b['units']:,} units, {b['base_rate']:.1%} had a work order in the next "
            f"{HORIZON_DAYS} days): score AUC {b['unitcycle']['auc']}, top-decile precision "
            f"{b['unitcycle']['top_decile_precision']}; baseline (12-month count) AUC "
            f"{b['baseline_wo_count_12_months']['auc']}, {b['baseline_wo_count_12_months']['top_decile_precision']}; "
            f"spec rules AUC {b['spec']['auc']}, {b['spec']['top_decile_precision']}",
            flush=True,
        )

        agent_spec, summary = measure(lambda: risk_scores_compute(today=today, rules="spec", suggest=False))
        agent_spec["summary"] = summary
        stored = dict(UnitRiskScore._base_manager.filter(score_date=today).values_list("unit_id", "risk_score"))
        print(f"Agent (spec rules): {agent_spec['seconds']}s, {agent_spec['queries']} statements", flush=True)
        reference, expected = measure(lambda: reference_scores(today, args.reference_sample))
        reference["units"] = len(expected)
        mismatches = [u for u, s in expected.items() if stored.get(u) != s]
        per_unit_agent = agent_spec["seconds"] / max(units, 1)
        per_unit_reference = reference["seconds"] / max(len(expected), 1)
        speedup = round(per_unit_reference / per_unit_agent, 1) if per_unit_agent else None
        print(
            f"Reference (spec's per-unit function) on {len(expected):,} units: {reference['seconds']}s, "
            f"{reference['queries']:,} statements; {len(mismatches)} mismatches; speed-up per unit {speedup}x",
            flush=True,
        )
        result["speed"] = {
            "agent_spec_rules": agent_spec,
            "reference": reference,
            "identical": not mismatches,
            "mismatches": len(mismatches),
            "speedup_per_unit": speedup,
        }

        UnitRiskScore._base_manager.all().delete()
        shipped, summary = measure(lambda: risk_scores_compute(today=today))
        shipped["summary"] = summary
        again, summary2 = measure(lambda: risk_scores_compute(today=today))
        again["summary"] = summary2
        result["agent"] = {"first_run": shipped, "same_day_again": again}
        print(f"Agent as shipped: {shipped['seconds']}s, {shipped['queries']} statements: {summary}", flush=True)
        print(f"Again the same day: {again['seconds']}s, {again['queries']} statements: {summary2}", flush=True)
        path = write_result("risk-scores", result)
    print(f"Wrote {path}")
    if mismatches:
        raise SystemExit(f"{len(mismatches)} units scored differently from the spec's per-unit function.")
    return result


if __name__ == "__main__":
    main()
