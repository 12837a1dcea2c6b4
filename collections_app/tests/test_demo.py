"""The agents on the seeded demo portfolio (demo.seed.seed_portfolio: 4,353 leases, ~4% overdue).

Run with `-s` to see the measurements of the scan and the first escalation run."""
import datetime
import time
from collections import Counter, defaultdict
from decimal import Decimal

import pytest
from django.db import connection

from collections_app import dunning
from collections_app.models import CollectionAction, CollectionCase, PaymentPlan
from collections_app.services import collections_escalate, collections_scan
from core.models import AICallLog, OutboxMessage
from tenants.balances import tenant_balances
from tenants.models import TenantLedgerEntry

seed = pytest.importorskip("demo.seed")

# Pinned: the seeded ledger depends on the calendar date; the test must not (demo/tests/margins.py).
TODAY = datetime.date(2026, 3, 18)
NOW = datetime.datetime.combine(TODAY, datetime.time(12), tzinfo=datetime.UTC)
pytestmark = [pytest.mark.slow, pytest.mark.django_db]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        summary = seed.seed_portfolio(today=TODAY)
        try:
            yield summary
        finally:
            seed.portfolio_delete()


def _measure(fn, **kwargs):
    """(result, seconds, queries) — queries counted by an execute wrapper (no 9,000-query log cap)."""
    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        result = fn(**kwargs)
    return result, time.perf_counter() - started, count[0]


def _ledger_by_hand(today):
    """Overdue balance and oldest unpaid due date per tenant, recomputed in Python from every ledger row
    (charges due before today, minus payments and credits, paid oldest-first)."""
    charges, paid = defaultdict(list), defaultdict(Decimal)
    for tid, kind, due, trans, pk, amount in TenantLedgerEntry.objects.values_list(
            "tenant_id", "trans_type", "due_date", "trans_date", "id", "amount"):
        if kind == "Charge":
            if due is not None:
                charges[tid].append((due, trans, str(pk), amount))
        else:
            paid[tid] += amount
    out = {}
    for tid, rows in charges.items():
        left, oldest, due_total = paid[tid], None, Decimal("0")
        for due, _, _, amount in sorted(rows, key=lambda r: (r[0], r[1], r[2])):
            if due >= today:
                continue
            due_total += amount
            if oldest is None and left < amount:
                oldest = due
            left = max(left - amount, Decimal("0"))
        overdue = due_total - paid[tid]
        if overdue > 0:
            out[tid] = (overdue, oldest)
    return out


def test_agents_on_the_demo_portfolio(demo, settings, capsys):
    settings.MESSAGING_SMS_BACKEND = "outbox"
    settings.MESSAGING_EMAIL_BACKEND = "outbox"
    assert CollectionCase.objects.count() == 0

    scan, scan_s, scan_q = _measure(collections_scan, today=TODAY)

    # exactly the tenants with an overdue balance, by tenants.balances and by hand
    by_balances = {t: b["overdue"] for t, b in tenant_balances(as_of=TODAY).items() if b["overdue"] > 0}
    by_hand = _ledger_by_hand(TODAY)
    assert {t: v[0] for t, v in by_hand.items()} == by_balances
    cases = {c.tenant_id: c for c in CollectionCase.objects.all()}
    assert set(cases) == set(by_balances) and len(cases) > 100
    for tid, case in cases.items():
        assert case.original_amount_due == case.current_balance == by_balances[tid]
        assert case.due_date == by_hand[tid][1]
        assert case.days_overdue == (TODAY - case.due_date).days and case.escalation_level == 0
        assert case.tone == dunning.select_tone(case.tenant_risk_profile, 0)
    assert len({c.tenant_risk_profile for c in cases.values()}) >= 3  # the seed's late payers show up

    escalation, esc_s, esc_q = _measure(collections_escalate, now=NOW)

    steps = CollectionAction.objects.filter(step_level__isnull=False)
    levels = Counter(CollectionCase.objects.values_list("escalation_level", flat=True))
    for case in CollectionCase.objects.all():
        assert case.escalation_level == dunning.level_due(case.days_overdue)
        assert steps.filter(case=case).count() == case.escalation_level
    messages = OutboxMessage.objects.filter(feature="collections")
    assert messages.values("dedupe_key").distinct().count() == messages.count()
    assert not steps.filter(delivery_status__in=["pending", "failed"]).exists()

    before = (sorted(CollectionCase.objects.values_list("id", "escalation_level", "status")), steps.count(),
              messages.count(), PaymentPlan.objects.count())
    assert collections_scan(today=TODAY).startswith("Opened 0 cases, refreshed 0, closed 0")
    again, again_s, again_q = _measure(collections_escalate, now=NOW + datetime.timedelta(hours=4))
    assert again.startswith("Sent 0 dunning steps")
    after = (sorted(CollectionCase.objects.values_list("id", "escalation_level", "status")), steps.count(),
             messages.count(), PaymentPlan.objects.count())
    assert after == before

    with capsys.disabled():
        print(f"\n[{connection.vendor}] demo portfolio: {demo['leases']} leases, {demo['ledger_entries']} ledger rows")
        print(f"  scan: {scan_s:.2f}s, {scan_q} queries -> {scan}")
        print(f"  first escalation: {esc_s:.2f}s, {esc_q} queries -> {escalation}")
        print(f"    cases by level {dict(sorted(levels.items()))}, actions {steps.count()}, outbox messages "
              f"{messages.count()} ({dict(Counter(messages.values_list('channel', flat=True)))}), plans "
              f"{PaymentPlan.objects.count()}, AI calls {AICallLog.objects.filter(feature='collections').count()}")
        print(f"    risk profiles {dict(Counter(c.tenant_risk_profile for c in cases.values()))}")
        print(f"  second escalation: {again_s:.2f}s, {again_q} queries -> {again}")
