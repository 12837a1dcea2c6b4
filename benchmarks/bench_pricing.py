"""Benchmark: the daily pricing engine (issue 18, spec 2.2) — accuracy on the demo, speed at 100,000 leases.

    .venv/bin/python benchmarks/bench_pricing.py                         # both phases, temp SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/unitcycle .venv/bin/python benchmarks/bench_pricing.py
    .venv/bin/python benchmarks/bench_pricing.py --phase speed --leases 20000

Two phases, each in its own process and throwaway database (benchmarks._util.seeded, with_history=False):

- accuracy (the demo portfolio, 4,353 leases): leave-one-out — each occupied unit's market estimate from its
  comps with the unit itself excluded (`pricing.market.leave_one_out`), against its actual rent: median absolute
  % error and the share within 5% (what /pricing shows as "model accuracy").
- speed (100,000 leases): the spec's per-unit `compute_market_rent`, verbatim (pricing/tests/spec_reference.py,
  the same copy the tests use as their oracle), over every unit, against the set-based engine
  (`pricing.services.pricing_engine_run`) on the same data and day: wall time and queries of each, the speed-up,
  a second engine run the same day (idempotent: nothing written), and whether every unit's market rent is
  identical. `--reference-limit N` times the reference on the first N units only (the comparison then covers
  those N) when the full loop is too slow for the machine at hand.

Writes JSON via benchmarks._util.write_result (benchmarks/results/pricing-*.json).
"""

import argparse
import datetime
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import count_queries, seeded, timed, write_result  # noqa: E402


def measure(fn) -> dict:
    with timed() as t, count_queries() as q:
        out = fn()
    return {"out": out, "seconds": round(t.seconds, 3), "cpu_seconds": round(t.cpu_seconds, 3), "queries": q.count}


def phase_accuracy(args, today) -> dict:
    with seeded(args.leases, seed=args.seed, with_history=False, today=today, name=f"{args.db_name}_acc") as run:
        from pricing import selectors
        from pricing.market import CompIndex, leave_one_out

        facts = selectors.pricing_facts()
        m = measure(lambda: leave_one_out(facts, CompIndex(facts)))
        print(f"  accuracy on {args.leases:,} leases ({run.db.vendor}): {m['out']}", flush=True)
        return {"leases": args.leases, "vendor": run.db.vendor, "leave_one_out": m["out"], "seconds": m["seconds"]}


def phase_speed(args, today) -> dict:
    with seeded(args.leases, seed=args.seed, with_history=False, today=today, name=f"{args.db_name}_speed") as run:
        from django.db import connection

        from pricing.models import PricingSnapshot
        from pricing.services import pricing_engine_run
        from pricing.tests import spec_reference
        from units.models import UnitsUnit

        print(f"Seeded {args.leases:,} leases on {run.db.vendor} in {run.seconds}s.", flush=True)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

        engine = measure(lambda: pricing_engine_run(as_of=today))
        again = measure(lambda: pricing_engine_run(as_of=today))
        ours = dict(PricingSnapshot.objects.filter(snapshot_date=today).values_list("unit_id", "market_rent"))
        print(
            f"  engine        {engine['seconds']:>9.3f}s {engine['queries']:>9,} queries  {engine['out'].summary}\n"
            f"  engine again  {again['seconds']:>9.3f}s {again['queries']:>9,} queries  {again['out'].summary}",
            flush=True,
        )

        spec_reference.date._today = today
        units = UnitsUnit.objects.order_by("id")
        if args.reference_limit:
            units = units[: args.reference_limit]

        def reference():
            return {u.id: spec_reference.compute_market_rent(u) for u in units.iterator(chunk_size=2000)}

        ref = measure(reference)
        theirs = ref["out"]
        mismatches = [(str(k), str(v), str(ours.get(k))) for k, v in theirs.items() if ours.get(k) != v]
        n = len(theirs)
        # per-unit cost of each, so a limited reference run still gives a fair ratio
        ref_per_unit = ref["seconds"] / n if n else 0
        engine_per_unit = engine["seconds"] / len(ours) if ours else 0
        speedup = round(ref_per_unit / engine_per_unit, 1) if engine_per_unit else None
        print(
            f"  reference     {ref['seconds']:>9.3f}s {ref['queries']:>9,} queries  ({n:,} units, one at a time)\n"
            f"  speed-up {speedup}x per unit; identical market rents: {not mismatches} ({len(mismatches)} differ)",
            flush=True,
        )
        return {
            "leases": args.leases,
            "vendor": run.db.vendor,
            "seed_seconds": run.seconds,
            "units": len(ours),
            "engine": {k: v for k, v in engine.items() if k != "out"} | {"summary": engine["out"].summary},
            "engine_second_run": {k: v for k, v in again.items() if k != "out"} | {"summary": again["out"].summary},
            "reference_per_unit": {k: v for k, v in ref.items() if k != "out"} | {"units": n},
            "speedup_per_unit": speedup,
            "identical_market_rents": not mismatches,
            "mismatches": mismatches[:20],
            "leave_one_out": engine["out"].accuracy,
        }


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--phase", choices=["both", "accuracy", "speed"], default="both")
    parser.add_argument("--leases", type=int, default=None, help="default: 4,353 (accuracy), 100,000 (speed)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--reference-limit", type=int, default=0, help="time the spec's loop on N units only")
    parser.add_argument("--db-name", default="unitcycle_bench_pricing", help="scratch PostgreSQL database name")
    parser.add_argument("--json-out", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    today = datetime.datetime.now(datetime.UTC).date()

    if args.phase != "both":
        args.leases = args.leases or (4353 if args.phase == "accuracy" else 100_000)
        result = (phase_accuracy if args.phase == "accuracy" else phase_speed)(args, today)
        if args.json_out:
            Path(args.json_out).write_text(json.dumps(result, default=str))
        return result

    import tempfile

    results = {}
    for phase in ("accuracy", "speed"):
        with tempfile.NamedTemporaryFile(suffix=".json") as out:
            cmd = [sys.executable, __file__, "--phase", phase, "--seed", str(args.seed), "--json-out", out.name]
            cmd += ["--db-name", args.db_name, "--reference-limit", str(args.reference_limit)]
            if args.leases and phase == "speed":
                cmd += ["--leases", str(args.leases)]
            print(f"== {phase}", flush=True)
            if subprocess.call(cmd):
                raise SystemExit(f"The {phase} phase failed.")
            results[phase] = json.loads(Path(out.name).read_text())
    speed = results["speed"]
    result = {
        "as_of": today.isoformat(),
        "demo_leave_one_out": results["accuracy"]["leave_one_out"],
        "speed": speed,
        "speedup_per_unit": speed["speedup_per_unit"],
        "identical_market_rents": speed["identical_market_rents"],
    }
    path = write_result("pricing", result)
    acc = result["demo_leave_one_out"]
    print(
        f"Demo leave-one-out: median error {acc['median_abs_pct_error']}%, {acc['within_5_pct_share']}% within 5% "
        f"({acc['units']:,} units). {speed['leases']:,} leases: engine {speed['engine']['seconds']}s / "
        f"{speed['engine']['queries']} queries vs the spec's loop: {speed['speedup_per_unit']}x faster; identical "
        f"market rents: {speed['identical_market_rents']}."
    )
    print(f"Wrote {path}")
    if not speed["identical_market_rents"]:
        raise SystemExit("The engine and the spec's per-unit loop disagree.")
    return result


if __name__ == "__main__":
    main()
