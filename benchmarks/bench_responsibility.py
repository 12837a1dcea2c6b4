"""Benchmark: the nightly responsibility agent (`responsibility.determine_pending`, issue 21) at 100,000 leases, and
the rules engine's accuracy on the labelled sets.

    .venv/bin/python benchmarks/bench_responsibility.py                    # 100,000 leases, temp SQLite
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/unitcycle .venv/bin/python benchmarks/bench_responsibility.py
    .venv/bin/python benchmarks/bench_responsibility.py --leases 20000 --orders-per-lease 0.05

Seeds `--leases` leases (no history), then gives one lease in ten a completed work order in occupancy (bulk INSERT;
titles and technician notes drawn from responsibility/tests/cases.py; equipment on a third of the units). Then
(a) the per-row reference: the context of each order gathered on its own (the selector called with one order at a
time, as a per-row loop would), and (b) the agent: contexts set-wise per 500-order chunk, one gateway call per
order, bulk writes; then the agent again (idempotent: nothing pending). Reports seconds and statements, checks the
per-row and set-wise contexts are identical, and the engine's accuracy on the development and held-out sets.
"""

import argparse
import datetime
import random
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import count_queries, seeded, timed, write_result  # noqa: E402


def accuracy() -> dict:
    from responsibility.rules import determine
    from responsibility.tests.cases import DEV, HELDOUT
    from responsibility.tests.test_rules import _case_ctx

    out = {}
    for name, cases in (("dev", DEV), ("heldout", HELDOUT)):
        right = sum(determine(_case_ctx(c))["responsibility"] == c[-1] for c in cases)
        out[name] = {"cases": len(cases), "right": right, "accuracy": round(right / len(cases), 3)}
    return out


def make_orders(today: datetime.date, seed: int, share: float) -> int:
    from demo.bulk import BulkWriter
    from predictive_maintenance.models import Equipment
    from responsibility.tests.cases import DEV, HELDOUT
    from tenants.models import TenantLease
    from units.models import UnitsMaintenance

    rng = random.Random(seed)
    cases = DEV + HELDOUT
    writer = BulkWriter(batch_size=5000)
    now = datetime.datetime.now(datetime.UTC)
    n = 0
    leases = TenantLease.objects.filter(lease_status__in=("active", "month_to_month", "notice")).values_list(
        "id", "unit_id", "property_id", "tenant_id", "lease_begin_date"
    )
    for lease_id, unit_id, property_id, tenant_id, _begin in leases.iterator(chunk_size=5000):
        if rng.random() >= share:
            continue
        c = rng.choice(cases)
        done = today - datetime.timedelta(days=rng.randint(1, 30))
        n += 1
        writer.add(
            UnitsMaintenance,
            dict(
                id=uuid.UUID(int=rng.getrandbits(128), version=4),
                created_at=now,
                updated_at=now,
                work_order_number=f"WO-B{n:07d}",
                unit_id=unit_id,
                property_id=property_id,
                title=c[0][:200],
                description="",
                technician_notes=c[1],
                category=c[2],
                priority="medium",
                status="completed",
                requested_date=done - datetime.timedelta(days=3),
                completed_date=done,
                actual_cost=c[3],
                lease_id=lease_id,
                tenant_id=tenant_id,
                reported_by="",
                responsibility="",
                responsibility_reasoning="",
                responsibility_evidence={},
                responsibility_disputed=False,
            ),
        )
        if c[5] and rng.random() < 0.34:
            writer.add(
                Equipment,
                dict(
                    id=uuid.UUID(int=rng.getrandbits(128), version=4),
                    created_at=now,
                    updated_at=now,
                    property_ref_id=property_id,
                    unit_id=unit_id,
                    building="",
                    equipment_type=c[5][0] if c[5][0] in Equipment.EquipmentType.values else "hvac",
                    name="Bench item",
                    install_date=today - datetime.timedelta(days=int(float(c[5][1]) * 365)),
                    age_years=float(c[5][1]),
                    expected_lifespan_years=int(c[5][2]),
                    condition="good",
                ),
            )
    writer.flush()
    return n


def measure(fn) -> dict:
    with timed() as t, count_queries() as q:
        summary = fn()
    return {"seconds": round(t.seconds, 3), "queries": q.count, "summary": summary if isinstance(summary, str) else ""}


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--leases", type=int, default=100_000)
    parser.add_argument("--orders-per-lease", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--db-name", default="unitcycle_bench_responsibility", help="scratch PostgreSQL database")
    parser.add_argument("--database-url", default=None, help="default: $DATABASE_URL (SQLite temp file if unset)")
    args = parser.parse_args(argv)

    today = datetime.datetime.now(datetime.UTC).date()
    with seeded(
        args.leases, seed=args.seed, with_history=False, today=today, name=args.db_name, database_url=args.database_url
    ) as run:
        from responsibility import selectors
        from responsibility.services import responsibility_determine_pending
        from units.models import UnitsMaintenance

        with timed() as t:
            orders = make_orders(today, args.seed, args.orders_per_lease)
        print(
            f"Seeded {args.leases:,} leases on {run.db.vendor} in {run.seconds}s; {orders:,} orders in {t.seconds:.1f}s."
        )
        sample = list(UnitsMaintenance.objects.select_related("unit", "property", "lease").order_by("pk")[:500])

        def per_row():
            return {wo.pk: selectors.determination_contexts(work_orders=[wo], today=today)[wo.pk] for wo in sample}

        reference = measure(per_row)
        with count_queries() as q:
            expected = per_row()
        set_wise = selectors.determination_contexts(work_orders=sample, today=today)
        identical = set_wise == expected
        reference["queries_per_order"] = round(q.count / len(sample), 2)
        agent = measure(lambda: responsibility_determine_pending(today=today))
        again = measure(lambda: responsibility_determine_pending(today=today))
        result = {
            "leases": args.leases,
            "orders": orders,
            "database": run.db.vendor,
            "context_per_row_500_orders": reference,
            "agent": agent,
            "agent_per_order_ms": round(1000 * agent["seconds"] / max(orders, 1), 2),
            "agent_statements_per_order": round(agent["queries"] / max(orders, 1), 2),
            "agent_again": again,
            "identical_contexts": identical,
            "accuracy": accuracy(),
        }
        print(f"  per-row context (500 orders) {reference['seconds']:.3f}s {reference['queries']} statements")
        print(
            f"  agent                        {agent['seconds']:.3f}s {agent['queries']} statements  {agent['summary']}"
        )
        print(
            f"  agent again                  {again['seconds']:.3f}s {again['queries']} statements  {again['summary']}"
        )
        print(f"  identical contexts: {identical}; accuracy {result['accuracy']}")
        path = write_result("responsibility", result)
    print(f"Wrote {path}")
    if not identical:
        raise SystemExit("The set-wise and per-row contexts disagree.")
    return result


if __name__ == "__main__":
    main()
