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

# Pinned: the seeded ledger depends on the calendar date; the test must not (demo/tests/margins.py). The
# dunning schedule is date-driven too: on the 20th most overdue tenants are 19 days late
# (step 4 is due; before, every step went out at once) and those owing two months or more are past 30 days.
TODAY = datetime.date(2026, 11, 20)
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
        "tenant_id", "trans_type", "due_date", "trans_date", "id", "amount"
    ):
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


def _no_legal_step() -> bool:
    """No case has reached the legal step: nothing at level 5, nothing escalated, no step-5 record."""
    return not (
        CollectionCase.objects.filter(escalation_level=5).exists()
        or CollectionCase.objects.filter(status="escalated").exists()
        or CollectionAction.objects.filter(step_level=5).exists()
    )


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
    # a tenant owing only late fees the law does not allow (charged in the grace period, over the cap) has no case
    assert set(cases) <= set(by_balances) and len(cases) > 100
    assert len(by_balances) - len(cases) <= 0.05 * len(by_balances)
    for tid, case in cases.items():
        # the case pursues the ledger's overdue balance less the late fees the property's rule does not allow
        assert case.original_amount_due == case.current_balance == by_balances[tid] - case.late_fee_excess
        assert case.due_date == by_hand[tid][1]
        assert case.days_overdue == (TODAY - case.due_date).days and case.escalation_level == 0
        assert case.tone == dunning.select_tone(case.tenant_risk_profile, 0)
    assert len({c.tenant_risk_profile for c in cases.values()}) >= 3  # the seed's late payers show up

    escalation, esc_s, esc_q = _measure(collections_escalate, now=NOW)

    # the first run: each tenant gets at most one message, the step its days overdue call for; no legal step
    steps = CollectionAction.objects.filter(step_level__isnull=False)
    messages = OutboxMessage.objects.filter(feature="collections")
    per_case = Counter(messages.values_list("related_id", flat=True))
    assert per_case and max(per_case.values()) == 1 and len(per_case) == len(cases)
    assert messages.values("dedupe_key").distinct().count() == messages.count()
    levels = Counter(CollectionCase.objects.values_list("escalation_level", flat=True))
    for case in CollectionCase.objects.all():
        assert case.escalation_level == min(dunning.level_due(case.days_overdue), 4)
        assert list(steps.filter(case=case).values_list("step_level", flat=True)) == [case.escalation_level]
    assert not steps.filter(delivery_status__in=["pending", "failed"]).exists()
    assert levels[4] > 100  # most are 19+ days late: before the fix these got all five steps at once
    assert _no_legal_step()

    # an hour later: nothing new is sent, nothing recommended
    before = (
        sorted(CollectionCase.objects.values_list("id", "escalation_level", "status")),
        steps.count(),
        messages.count(),
        PaymentPlan.objects.count(),
    )
    assert collections_scan(today=TODAY).startswith("Opened 0 cases, refreshed 0, closed 0")
    again, again_s, again_q = _measure(collections_escalate, now=NOW + datetime.timedelta(hours=1))
    assert again.startswith("Sent 0 dunning steps") and "legal referral" not in again  # the plan offer is 1 h old
    after = (
        sorted(CollectionCase.objects.values_list("id", "escalation_level", "status")),
        steps.count(),
        messages.count(),
        PaymentPlan.objects.count(),
    )
    assert after == before
    assert _no_legal_step()

    # the next runs (days later): still at most one message per tenant per run, still no legal step; the legal
    # referral is only recommended, for $500+ and 30+ days overdue
    later = NOW + datetime.timedelta(days=12)
    collections_scan(today=TODAY + datetime.timedelta(days=12))
    counts = Counter(messages.values_list("related_id", flat=True))
    collections_escalate(now=later)
    new = Counter(messages.values_list("related_id", flat=True)) - counts
    assert not new or max(new.values()) == 1
    assert _no_legal_step()
    recommended = CollectionCase.objects.filter(legal_referral="recommended")
    assert recommended.exists()
    for case in recommended:
        assert case.current_balance >= Decimal("500.00") and case.days_overdue >= 30 and case.escalation_level == 4
    small = CollectionCase.objects.filter(status="open", current_balance__lt=500)
    assert small.exists() and not small.exclude(legal_referral="").exists()

    with capsys.disabled():
        print(f"\n[{connection.vendor}] demo portfolio: {demo['leases']} leases, {demo['ledger_entries']} ledger rows")
        print(f"  scan: {scan_s:.2f}s, {scan_q} queries -> {scan}")
        print(f"  first escalation: {esc_s:.2f}s, {esc_q} queries -> {escalation}")
        print(f"    legal referrals recommended 12 days later: {recommended.count()} (none sent)")
        print(
            f"    cases by level {dict(sorted(levels.items()))}, actions {steps.count()}, outbox messages "
            f"{messages.count()} ({dict(Counter(messages.values_list('channel', flat=True)))}), plans "
            f"{PaymentPlan.objects.count()}, AI calls {AICallLog.objects.filter(feature='collections').count()}"
        )
        print(f"    risk profiles {dict(Counter(c.tenant_risk_profile for c in cases.values()))}")
        print(f"  second escalation: {again_s:.2f}s, {again_q} queries -> {again}")
