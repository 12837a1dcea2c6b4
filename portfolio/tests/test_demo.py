"""The agent and a bulk renewal send on the seeded demo portfolio (demo.seed.seed_portfolio(with_history=False)
then the lifecycle agent: 4,353 units; 2,841 active, 1,146 month-to-month, 87 notice, 279 vacant).

Run with `-s` to see the agent's time and query count."""

import datetime
import random
import time
from collections import Counter
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone

from core.models import OutboxMessage
from portfolio.models import AIActionQueue, BulkActionBatch
from portfolio.services import ai_action_queue_generate
from renewals.models import RenewalRecommendation
from tenants.models import TenantLease

seed = pytest.importorskip("demo.seed")

TODAY = timezone.localdate()
pytestmark = [pytest.mark.slow, pytest.mark.django_db]


def _measure(fn, **kwargs):
    count = [0]

    def counter(execute, sql, params, many, context):
        count[0] += 1
        return execute(sql, params, many, context)

    started = time.perf_counter()
    with connection.execute_wrapper(counter):
        result = fn(**kwargs)
    return result, time.perf_counter() - started, count[0]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from tenants.services import lease_statuses_classify

        seed.seed_portfolio(today=TODAY, with_history=False)
        lease_statuses_classify(today=TODAY)
        summary, seconds, queries = _measure(ai_action_queue_generate, today=TODAY)
        print(f"\nAI action queue on the demo portfolio: {seconds:.2f}s, {queries} queries. {summary}")
        try:
            yield {"summary": summary, "seconds": seconds, "queries": queries}
        finally:
            BulkActionBatch.objects.all().delete()
            seed.portfolio_delete()


def _leases():
    return {lease.unit_id: lease for lease in TenantLease.objects.select_related("unit")}


def test_counts_and_invariants(demo):
    assert TenantLease.objects.filter(lease_status="month_to_month").count() == 1146
    items = list(AIActionQueue.objects.filter(status="pending"))
    per_unit = Counter(i.unit_id for i in items)
    assert max(per_unit.values()) <= 2
    assert min(i.confidence_score for i in items) >= Decimal("0.60")
    by_type = Counter(i.action_type for i in items)
    assert demo["summary"].startswith("Evaluated 4074 units")  # every occupied unit (4,353 - 279 vacant)
    # MTM, notice and expiring units all get recommendations
    assert by_type["renewal_offer"] > 500 and by_type["rent_increase_notice"] > 300
    window = TenantLease.objects.filter(
        lease_status="active",
        lease_end_date__gte=TODAY + datetime.timedelta(days=60),
        lease_end_date__lte=TODAY + datetime.timedelta(days=90),
    ).count()
    assert 0.9 * window <= by_type["early_renewal_nudge"] <= window and window > 100
    notice = TenantLease.objects.filter(lease_status="notice")
    assert by_type["move_out_inspection"] == notice.count() == 87  # inspection confidence is always >= 0.70
    soon = notice.filter(notice_move_out_date__lte=TODAY + datetime.timedelta(days=14)).count()
    assert by_type["listing_prep"] == soon
    vacant_units = set(TenantLease.objects.filter(lease_status="vacant").values_list("unit_id", flat=True))
    assert not vacant_units & set(per_unit)


def test_a_sample_of_items_matches_the_rules(demo):
    leases = _leases()
    items = list(AIActionQueue.objects.filter(status="pending").select_related("lease"))
    for item in random.Random(7).sample(items, 300):
        lease = leases[item.unit_id]
        assert item.lease_id == lease.pk and item.lifecycle_state == lease.lease_status
        if item.action_type == "early_renewal_nudge":
            assert lease.lease_status == "active" and 60 <= (lease.lease_end_date - TODAY).days <= 90
        elif item.action_type == "rent_increase_notice":
            assert lease.lease_status == "month_to_month"
            assert lease.unit.market_rent - lease.monthly_rent_amount > 50
            assert item.suggested_payload["new_rent"] == str(lease.unit.market_rent)
        elif item.action_type == "renewal_offer":
            assert lease.lease_status == "month_to_month" and (TODAY - lease.lease_end_date).days > 30
        elif item.action_type == "move_out_inspection":
            assert lease.lease_status == "notice"
        elif item.action_type == "listing_prep":
            assert lease.lease_status == "notice" and (lease.notice_move_out_date - TODAY).days <= 14
        assert (item.priority == "urgent") == (item.confidence_score > Decimal("0.85"))


def test_mtm_units_get_both_rules_unless_one_falls_below_the_threshold(demo):
    leases = [lease for lease in _leases().values() if lease.lease_status == "month_to_month"]
    both = [
        lease
        for lease in leases
        if lease.unit.market_rent - lease.monthly_rent_amount > 50 and (TODAY - lease.lease_end_date).days > 30
    ]
    got = Counter()
    types = {}
    for unit_id, action in AIActionQueue.objects.filter(status="pending", lifecycle_state="month_to_month").values_list(
        "unit_id", "action_type"
    ):
        types.setdefault(unit_id, set()).add(action)
    for lease in both:
        got[frozenset(types.get(lease.unit_id, set()))] += 1
    # most below-market long holdovers get both recommendations
    assert got[frozenset({"rent_increase_notice", "renewal_offer"})] > 0.8 * len(both)


def test_running_again_the_same_day_changes_nothing(demo):
    before = AIActionQueue.objects.count()
    summary, seconds, queries = _measure(ai_action_queue_generate, today=TODAY)
    print(f"\nSecond run: {seconds:.2f}s, {queries} queries. {summary}")
    assert "created 0, updated 0, superseded 0" in summary and AIActionQueue.objects.count() == before


def test_sending_renewal_offers_to_selected_mtm_units(demo, api_client, django_capture_on_commit_callbacks):
    picks = list(
        AIActionQueue.objects.filter(status="pending", action_type="renewal_offer")
        .order_by("-confidence_score", "unit_id")
        .values_list("unit_id", "lease_id")[:5]
    )
    unit_ids = [str(u) for u, _ in picks]
    listed = api_client.get(
        "/api/v1/portfolio/command-center/",
        {"lifecycle_state": "month_to_month", "ai_action": "renewal_offer", "page_size": 500},
    )
    assert listed.status_code == 200 and listed.json()["count"] > 500
    preview = api_client.post(
        "/api/v1/portfolio/bulk-actions/preview/", {"action_type": "renewal_offer", "unit_ids": unit_ids}, format="json"
    )
    assert preview.status_code == 200 and preview.json()["eligible_count"] == 5
    with django_capture_on_commit_callbacks(execute=True):
        created = api_client.post(
            "/api/v1/portfolio/bulk-actions/",
            {"action_type": "renewal_offer", "unit_ids": unit_ids, "method": "email"},
            format="json",
        )
    assert created.status_code in (201, 202)
    batch = api_client.get(f"/api/v1/portfolio/bulk-actions/{created.json()['id']}/").json()
    assert batch["status"] == "sent" and batch["succeeded_count"] == 5
    recs = RenewalRecommendation.objects.all()
    assert {r.lease_id for r in recs} == {lease for _, lease in picks}
    assert {r.status for r in recs} == {"sent"}
    assert sorted(OutboxMessage.objects.values_list("related_id", flat=True)) == sorted(str(r.pk) for r in recs)
    assert (
        AIActionQueue.objects.filter(
            unit_id__in=[u for u, _ in picks], action_type="renewal_offer", status="executed"
        ).count()
        == 5
    )


def test_command_center_rent_totals_reconcile_with_the_dashboard_rent_roll(demo):
    """One definition per figure: the command center's occupied rent over every unit is the dashboard's rent
    roll, and its "rent of all shown" is that plus the vacant units' asking (market) rent."""
    from dashboard.selectors import dashboard_stats
    from portfolio.selectors import command_center_summary, command_center_units

    summary = command_center_summary(base=command_center_units(), states=None)
    stats = dashboard_stats(today=TODAY)
    assert summary["occupied_rent"] == stats["monthly_rent_roll"]
    assert summary["total_rent"] == summary["occupied_rent"] + summary["vacant_asking_rent"]
    assert summary["vacant_asking_rent"] > 0 and summary["vacant"] == 279
