"""Benchmark: the daily turnover agent (`turnover.update_vacancy_days`, issue 17) set-based vs per-row.

    .venv/bin/python benchmarks/bench_turnover.py                         # 100,000 leases, temp SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/unitcycle .venv/bin/python benchmarks/bench_turnover.py
    .venv/bin/python benchmarks/bench_turnover.py --leases 20000

Seeds `--leases` leases (demo.seed.seed_portfolio, no history), then gives every lease on notice and every vacant
lease a turnover case (bulk INSERT, stages spread over the pipeline, move-outs from 90 days ago to 60 days ahead:
about 8,400 cases at 100,000 leases). Then, from the same starting state each time (days 0, nothing flagged, no
notifications), runs (a) the per-row reference (turnover/tests/reference.py: one save and one notification call
per case, the law looked up per case) and (b) the set-based agent; then the agent again (idempotent: nothing
written). Reports seconds and statements of each and checks both leave identical days, flags, log rows and
notifications. Writes JSON via benchmarks._util.write_result.
"""

import argparse
import datetime
import random
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import count_queries, seeded, timed, write_result  # noqa: E402

STAGES = ["notice", "inspect", "make_ready", "listed"]


def make_cases(today: datetime.date, seed: int) -> int:
    from demo.bulk import BulkWriter
    from tenants.models import TenantLease
    from turnover.models import TurnoverCase

    rng = random.Random(seed)
    writer = BulkWriter(batch_size=5000)
    leases = TenantLease.objects.filter(lease_status__in=("notice", "vacant")).values_list(
        "id", "unit_id", "property_id", "lease_status", "security_deposit"
    )
    n = 0
    for lease_id, unit_id, property_id, status, deposit in leases.iterator(chunk_size=5000):
        move_out = today + datetime.timedelta(days=rng.randint(-90, 60) if status == "notice" else rng.randint(-90, -1))
        moved = move_out <= today and rng.random() < 0.8
        now = datetime.datetime.now(datetime.UTC)
        writer.add(
            TurnoverCase,
            dict(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                created_at=now,
                updated_at=now,
                lease_id=lease_id,
                unit_id=unit_id,
                property_id=property_id,
                stage=rng.choice(STAGES[1:] if moved else STAGES[:2]),
                notice_date=move_out - datetime.timedelta(days=rng.randint(30, 60)),
                expected_move_out=move_out,
                actual_move_out=move_out if moved else None,
                security_deposit=deposit,
                refund_amount=deposit,
                total_deductions=0,
                balance_owed=0,
                make_ready_estimated_cost=1500,
                make_ready_actual_cost=0,
                days_vacant=0,
                target_days_to_lease=21,
                deduction_letter_generated=False,
                letter_subject="",
                letter_text="",
                letter_provider="",
                letter_citation="",
            ),
        )
        n += 1
    writer.flush()
    return n


def reset() -> None:
    from core.models import Notification
    from turnover.models import TurnoverCase, TurnoverEvent

    Notification._base_manager.filter(kind__startswith="turnover_").delete()
    TurnoverEvent._base_manager.all().delete()
    TurnoverCase._base_manager.update(days_vacant=0, delayed_at=None)


def measure(fn) -> dict:
    with timed() as t, count_queries() as q:
        summary = fn()
    return {"summary": summary, "seconds": round(t.seconds, 3), "queries": q.count}


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leases", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--db-name", default="unitcycle_bench_turnover", help="scratch PostgreSQL database")
    parser.add_argument("--database-url", default=None, help="default: $DATABASE_URL (SQLite temp file if unset)")
    args = parser.parse_args(argv)

    today = datetime.datetime.now(datetime.UTC).date()
    with seeded(
        args.leases, seed=args.seed, with_history=False, today=today, name=args.db_name, database_url=args.database_url
    ) as run:
        from turnover.services import turnover_vacancy_days_update
        from turnover.tests.reference import agent_state, reference_update_vacancy_days

        with timed() as t:
            cases = make_cases(today, args.seed)
        print(
            f"Seeded {args.leases:,} leases on {run.db.vendor} in {run.seconds}s; {cases:,} cases in {t.seconds:.1f}s."
        )
        reset()
        reference = measure(lambda: reference_update_vacancy_days(today))
        expected = agent_state()
        reset()
        agent = measure(lambda: turnover_vacancy_days_update(today=today))
        got = agent_state()
        again = measure(lambda: turnover_vacancy_days_update(today=today))
        identical = got == expected
        result = {
            "leases": args.leases,
            "cases": cases,
            "database": run.db.vendor,
            "reference_per_row": reference,
            "set_based": agent,
            "set_based_again_same_day": again,
            "speedup": round(reference["seconds"] / agent["seconds"], 1) if agent["seconds"] else None,
            "identical": identical,
            "notifications": len(got["notifications"]),
            "delayed_events": got["events"],
        }
        for name in ("reference_per_row", "set_based", "set_based_again_same_day"):
            r = result[name]
            print(f"  {name:<26} {r['seconds']:>9.3f}s {r['queries']:>7} statements  {r['summary']}")
        print(f"  speed-up x{result['speedup']}; identical results: {identical}")
        path = write_result("turnover", result)
    print(f"Wrote {path}")
    if not identical:
        raise SystemExit("The set-based agent and the per-row reference disagree.")
    return result


if __name__ == "__main__":
    main()
