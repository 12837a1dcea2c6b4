"""Benchmark: releasing texts held for quiet hours (`core.release_deferred_messages`).

    .venv/bin/python benchmarks/bench_quiet_hours.py                    # 100,000 scheduled texts, temp SQLite
    .venv/bin/python benchmarks/bench_quiet_hours.py --messages 20000

One scheduled text per lease of a 100,000-lease portfolio is the worst morning (every tenant texted overnight).
The outbox rows are written directly (no portfolio seed: the agent reads only the outbox and the opt-out list).
The set-based agent (one locked SELECT + one UPDATE to claim a batch, one opt-out query, one bulk UPDATE per 500
rows; the outbox backend stores each text) is raced against the per-row reference (each due row claimed, checked
against STOP and saved on its own, as `send_sms` does for one message). Reports seconds and statements per run,
the same outcome, and an idempotent second run (nothing due, one statement).
"""

import argparse
import datetime
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks._util import bench_db, count_queries, timed, write_result  # noqa: E402


def _schedule(n, not_before):
    from core.models import OutboxMessage

    OutboxMessage.objects.all().delete()
    rows = [
        OutboxMessage(
            channel="sms",
            to=f"+1206{i:07d}",
            body=f"Rent reminder {i}",
            status="scheduled",
            not_before=not_before,
            hold_reason="quiet hours, 47 CFR §64.1200(c)(1)",
            dedupe_key=f"bench:{i}",
        )
        for i in range(n)
    ]
    OutboxMessage.objects.bulk_create(rows, batch_size=2000)


def _per_row(now):
    """The reference: one message at a time, the way a loop over send_sms's delivery would do it."""
    from core.messaging.services import _deliver, sms_opted_out
    from core.models import OutboxMessage

    for pk in OutboxMessage.objects.filter(status="scheduled", not_before__lte=now).values_list("id", flat=True):
        if not OutboxMessage.objects.filter(pk=pk, status="scheduled").update(status="queued"):
            continue
        message = OutboxMessage.objects.get(pk=pk)
        if sms_opted_out(message.to):
            message.status = "blocked"
            message.save(update_fields=["status"])
            continue
        _deliver(message)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=100_000)
    parser.add_argument("--limit", type=int, default=1000, help="the agent's batch (its default)")
    args = parser.parse_args()
    with bench_db("unitcycle_bench_quiet_hours") as db:
        from django.conf import settings

        from core.messaging import deferred_messages_release
        from core.models import OutboxMessage

        settings.MESSAGING_SMS_BACKEND = "outbox"
        opens = datetime.datetime(2026, 11, 30, 13, 0, tzinfo=datetime.UTC)

        _schedule(args.messages, opens)
        with timed() as agent_t, count_queries() as agent_q:
            runs = 0
            while not deferred_messages_release(now=opens, limit=args.limit).startswith("No scheduled"):
                runs += 1
        agent_done = OutboxMessage.objects.filter(status="stored").count()
        with count_queries() as again_q:
            again = deferred_messages_release(now=opens, limit=args.limit)

        _schedule(args.messages, opens)
        with timed() as ref_t, count_queries() as ref_q:
            _per_row(opens)
        ref_done = OutboxMessage.objects.filter(status="stored").count()

        result = {
            "messages": args.messages,
            "agent": {"seconds": round(agent_t.seconds, 2), "queries": agent_q.count, "batches": runs},
            "per_row": {"seconds": round(ref_t.seconds, 2), "queries": ref_q.count},
            "speed_up": round(ref_t.seconds / agent_t.seconds, 1) if agent_t.seconds else None,
            "same_outcome": agent_done == ref_done == args.messages,
            "second_run": {"queries": again_q.count, "summary": again},
            "database": db.vendor,
        }
        print(f"{'':<10}{'seconds':>10}{'queries':>10}")
        print(f"{'agent':<10}{agent_t.seconds:>10.2f}{agent_q.count:>10,}  ({runs} batches of {args.limit})")
        print(f"{'per-row':<10}{ref_t.seconds:>10.2f}{ref_q.count:>10,}")
        print(f"same outcome: {result['same_outcome']}; second run: {again_q.count} queries ({again})")
        write_result("quiet_hours", result)
        if not result["same_outcome"]:
            sys.exit("The agent and the per-row reference disagree.")


if __name__ == "__main__":
    main()
