"""The nightly agent on a factory portfolio: rules per unit, idempotence, superseding, exclusions, queries."""

import datetime
from decimal import Decimal

import pytest

from portfolio.models import AIActionQueue
from portfolio.rules import whole_money
from portfolio.services import ai_action_queue_generate
from portfolio.tasks import generate_ai_action_queue
from portfolio.tests.conftest import DAY, TODAY
from renewals.tests.factories import RenewalRecommendationFactory
from units.tests.factories import WorkOrderFactory

pytestmark = pytest.mark.django_db

EXPECTED = {
    "nudge": {"early_renewal_nudge"},
    "far": set(),
    "soon": set(),
    "holdover": {"rent_increase_notice", "renewal_offer"},
    "fresh_mtm": set(),
    "at_market": {"renewal_offer"},
    "notice_near": {"move_out_inspection", "listing_prep"},
    "notice_far": {"move_out_inspection"},
    "vacant": set(),
    "debtor": {"eviction_prep"},
    "oak_mtm": {"rent_increase_notice", "renewal_offer"},
}


def queue(**filters):
    return AIActionQueue.objects.filter(**filters)


def by_unit(units, status="pending"):
    out = {}
    for key in EXPECTED:
        out[key] = set(queue(unit=units[key].unit, status=status).values_list("action_type", flat=True))
    return out


def snapshot():
    return sorted(
        queue().values_list(
            "unit_id",
            "action_type",
            "status",
            "confidence_score",
            "priority",
            "description",
            "generation_reason",
            "suggested_payload",
            "generated_on",
            "updated_at",
        )
    )


def test_rules_on_the_factory_portfolio(units):
    summary = ai_action_queue_generate(today=TODAY)
    assert by_unit(units) == EXPECTED
    assert summary.startswith("Evaluated 10 units: 10 recommendations")  # 10 occupied units, 1 vacant
    assert "created 10, updated 0, superseded 0" in summary
    # every stored item carries the facts it came from
    item = queue(unit=units["holdover"].unit, action_type="rent_increase_notice").get()
    assert (item.lease_id, item.property_id, item.lifecycle_state) == (
        units["holdover"].pk,
        units["holdover"].property_id,
        "month_to_month",
    )
    assert item.description == "Rent increase notice (+$300)" and item.generated_on == TODAY
    assert item.suggested_payload["new_rent"] == "1800.00" and item.generated_content is None
    assert "Month-to-month at $1,500.00, $300.00 (16.7%) below the market rent of $1,800.00" in item.generation_reason
    assert all(Decimal("0.60") <= c <= Decimal("0.99") for c in queue().values_list("confidence_score", flat=True))
    for item in queue():
        assert item.priority == "urgent" if item.confidence_score > Decimal("0.85") else item.priority != "urgent"


def test_renewal_offer_description_uses_the_renewal_scoring(units):
    ai_action_queue_generate(today=TODAY)
    item = queue(unit=units["holdover"].unit, action_type="renewal_offer").get()
    payload = item.suggested_payload
    assert payload["holdover_days"] == 100 and payload["current_rent"] == "1500.00"
    assert payload["rent_strategy"] in ("below_market_retain", "market_rate", "above_market_premium", "hold")
    assert item.description == f"Offer renewal @ {whole_money(payload['offer_rent'])}"
    assert item.priority in ("high", "urgent")  # holdover > 90 days


def test_running_twice_the_same_day_changes_nothing(units, django_assert_max_num_queries):
    ai_action_queue_generate(today=TODAY)
    before = snapshot()
    with django_assert_max_num_queries(20):
        summary = ai_action_queue_generate(today=TODAY)
    assert snapshot() == before
    assert "created 0, updated 0, superseded 0" in summary


def test_next_day_supersedes_yesterdays_pending_items(units):
    ai_action_queue_generate(today=TODAY - DAY)
    yesterday = set(queue().values_list("id", flat=True))
    summary = ai_action_queue_generate(today=TODAY)
    assert set(queue(id__in=yesterday).values_list("status", flat=True)) == {"superseded"}
    assert f"superseded {len(yesterday)}" in summary
    assert by_unit(units) == EXPECTED  # today's items, one per unit and action type
    assert queue().count() == 2 * len(yesterday)


def test_a_pending_item_that_no_longer_applies_is_superseded_the_same_day(units):
    ai_action_queue_generate(today=TODAY)
    from tenants.services import lease_give_notice

    lease_give_notice(lease=units["nudge"], actor="user:pat@example.com", notice_move_out_date=TODAY + 45 * DAY)
    summary = ai_action_queue_generate(today=TODAY)
    nudge = queue(unit=units["nudge"].unit, action_type="early_renewal_nudge").get()
    assert nudge.status == "superseded"
    assert set(queue(unit=units["nudge"].unit, status="pending").values_list("action_type", flat=True)) == {
        "move_out_inspection"
    }
    assert "created 1, updated 0, superseded 1" in summary


def test_dismissed_and_executed_items_keep_their_status_and_are_not_recommended_again(units):
    ai_action_queue_generate(today=TODAY)
    from portfolio.services import ai_action_dismiss

    dismissed = queue(unit=units["at_market"].unit, action_type="renewal_offer").get()
    ai_action_dismiss(item=dismissed, actor="user:pat@example.com")
    queue(unit=units["notice_far"].unit).update(status="executed", executed_at=datetime.datetime.now(datetime.UTC))
    ai_action_queue_generate(today=TODAY)
    ai_action_queue_generate(today=TODAY + DAY)
    dismissed.refresh_from_db()
    assert dismissed.status == "dismissed"
    assert not queue(unit=units["at_market"].unit, status="pending").exists()
    assert not queue(unit=units["notice_far"].unit, status="pending").exists()
    # 31 days after the dismissal it comes back (the inspection stays excluded: executed < 90 days ago)
    ai_action_queue_generate(today=TODAY + 31 * DAY)
    assert queue(unit=units["at_market"].unit, status="pending").exists()


def test_an_offer_already_out_or_an_open_inspection_suppresses_the_action(units):
    RenewalRecommendationFactory(lease=units["at_market"], status="sent")
    WorkOrderFactory(unit=units["notice_far"].unit, title="Move-out inspection", category="turnover")
    ai_action_queue_generate(today=TODAY)
    assert not queue(unit=units["at_market"].unit).exists()
    assert not queue(unit=units["notice_far"].unit).exists()
    # a pending (not yet sent) renewal recommendation does not suppress: the command center sends it
    RenewalRecommendationFactory(lease=units["holdover"], status="pending")
    ai_action_queue_generate(today=TODAY)
    assert queue(unit=units["holdover"].unit, action_type="renewal_offer").exists()


def test_query_count_does_not_grow_with_the_portfolio(units, django_assert_max_num_queries):
    from portfolio.tests.conftest import make_lease

    for i in range(15):
        make_lease(
            units["holdover"].property,
            f"Extra{i}",
            "Tenant",
            unit_number=f"X-{i}",
            market="1800",
            rent="1500",
            month_to_month=True,
            lease_end_date=TODAY - 100 * DAY,
            holdover_start_date=TODAY - 99 * DAY,
        )
    with django_assert_max_num_queries(22):  # +2 once per run: the properties' notice rules (the law)
        ai_action_queue_generate(today=TODAY)
    assert queue(action_type="rent_increase_notice").count() == 17


def test_chunks_give_the_same_result(units):
    ai_action_queue_generate(today=TODAY, chunk_size=3)
    assert by_unit(units) == EXPECTED


def test_the_celery_task_runs_the_agent(units):
    assert generate_ai_action_queue.delay(today=TODAY.isoformat()).get().startswith("Evaluated 10 units")
