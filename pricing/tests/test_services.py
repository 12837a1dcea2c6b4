"""The engine and applying a recommended rent, on small portfolios (query bounds, idempotency, parity with the
spec's per-unit loop) and on the seeded demo portfolio (every unit priced, totals, second run)."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.exceptions import ApplicationError
from pricing import selectors
from pricing.models import MarketComp, PricingRun, PricingSnapshot
from pricing.services import pricing_engine_run, pricing_history_backfill, pricing_rent_apply
from pricing.tests.factories import small_portfolio
from pricing.tests.spec_reference import reference_market_rents
from units.models import UnitsUnit

TODAY = datetime.date(2026, 7, 15)
pytestmark = pytest.mark.django_db


def _queries(fn, **kw):
    """(result, SELECTs, all statements)."""
    with CaptureQueriesContext(connection) as ctx:
        result = fn(**kw)
    selects = [q for q in ctx.captured_queries if q["sql"].lstrip().upper().startswith("SELECT")]
    return result, len(selects), len(ctx)


def test_engine_prices_every_unit_with_a_fixed_number_of_queries():
    small_portfolio(properties=1, groups=2, per_group=4, today=TODAY)
    run, small, small_all = _queries(pricing_engine_run, as_of=TODAY)
    assert run.units_priced == 10 and PricingSnapshot.objects.count() == 10
    PricingSnapshot.objects.all().delete()
    small_portfolio(properties=4, groups=3, per_group=6, today=TODAY)
    run, large, large_all = _queries(pricing_engine_run, as_of=TODAY)
    assert run.units_priced == 10 + 4 * 3 * 7
    # reads: the same few queries whatever the size (units, lease ends, the day's snapshots, the property check)
    assert large == small <= 4, f"{small} SELECTs for 10 units, {large} for {run.units_priced}"
    # writes: bulk INSERTs (SQLite splits them at its bound-parameter limit; PostgreSQL sends one per chunk)
    assert large_all <= small_all + (10 if connection.vendor == "sqlite" else 0)


def test_engine_matches_the_spec_loop_and_is_idempotent():
    small_portfolio(properties=2, groups=2, per_group=5, today=TODAY)
    UnitsUnit.objects.filter(unit_number__in=list(UnitsUnit.objects.values_list("unit_number", flat=True)[:1])).update(
        square_feet=0
    )
    first = pricing_engine_run(as_of=TODAY)
    ours = dict(PricingSnapshot.objects.values_list("unit_id", "market_rent"))
    theirs = reference_market_rents(TODAY)
    if connection.vendor == "postgresql":
        assert ours == theirs
    else:  # SQLite's AVG of a decimal column comes back rounded to cents: at most a cent apart
        assert all(abs(ours[k] - theirs[k]) <= Decimal("0.01") for k in theirs) and ours.keys() == theirs.keys()
    before = list(PricingSnapshot.objects.order_by("id").values_list("id", "updated_at", "fingerprint"))
    comps_before = set(MarketComp.objects.values_list("id", flat=True))
    second = pricing_engine_run(as_of=TODAY)
    assert first.snapshots_written == 24 and second.snapshots_written == 0
    assert list(PricingSnapshot.objects.order_by("id").values_list("id", "updated_at", "fingerprint")) == before
    assert set(MarketComp.objects.values_list("id", flat=True)) == comps_before
    assert "24 unchanged" in second.summary


def test_a_changed_rent_rewrites_only_that_units_snapshot_and_keeps_what_was_applied():
    small_portfolio(properties=1, groups=1, per_group=5, today=TODAY)
    pricing_engine_run(as_of=TODAY)
    vacant = UnitsUnit.objects.get(status="vacant")
    snap = pricing_rent_apply(unit=vacant, actor="user:lee@example.com")
    occupied = UnitsUnit.objects.filter(status="occupied").order_by("unit_number").first()
    UnitsUnit.objects.filter(pk=occupied.pk).update(current_rent=Decimal("1234.00"))
    run = pricing_engine_run(as_of=TODAY)
    # the changed unit, the comps of the others moved (their average changed) — but never applied_* fields
    assert 1 <= run.snapshots_written <= 6
    snap.refresh_from_db()
    assert snap.applied_by == "user:lee@example.com" and snap.applied_rent is not None


def test_every_snapshot_lists_its_comps_and_explains_itself():
    small_portfolio(properties=1, groups=2, per_group=4, today=TODAY)
    pricing_engine_run(as_of=TODAY)
    for snap in PricingSnapshot.objects.all():
        exp = snap.explanation
        assert exp["summary"] and "adjustments" in exp
        if snap.comp_count >= 3:
            assert exp["method"] == "internal_comps" and exp["summary"].startswith(f"{snap.comp_count} comps averaging")
            assert snap.comps.count() == min(snap.comp_count, 5)
            comp = snap.comps.first()
            assert comp.address and comp.bedrooms and comp.rent and 0.5 <= comp.similarity_score <= 1
            assert snap.confidence_score >= 0.6
        else:
            assert exp["fallback"].startswith("Only ") and snap.confidence_score < 0.5
        assert any(a["kind"] == "seasonal" and "+5% for July" == a["label"] for a in exp["adjustments"])


def test_engine_for_one_property_and_an_unknown_property():
    a, b = small_portfolio(properties=2, groups=1, per_group=4, today=TODAY)
    run = pricing_engine_run(as_of=TODAY, property_id=a.pk)
    assert run.units_priced == 5 and set(PricingSnapshot.objects.values_list("property_id", flat=True)) == {a.pk}
    with pytest.raises(ApplicationError) as exc:
        pricing_engine_run(as_of=TODAY, property_id="00000000-0000-0000-0000-000000000000")
    assert exc.value.status_code == 404


def test_apply_sets_the_asking_rent_once_and_refuses_occupied_units():
    small_portfolio(properties=1, groups=1, per_group=4, today=TODAY)
    vacant = UnitsUnit.objects.get(status="vacant")
    with pytest.raises(ApplicationError, match="not been priced"):
        pricing_rent_apply(unit=vacant, actor="user:a@example.com")
    pricing_engine_run(as_of=TODAY)
    snap = pricing_rent_apply(unit=vacant, actor="user:a@example.com")
    vacant.refresh_from_db()
    assert vacant.market_rent == snap.recommended_rent == snap.applied_rent  # the asking rent the unit pages show
    applied_at = snap.applied_at
    again = pricing_rent_apply(unit=vacant, actor="user:b@example.com")
    assert again.applied_at == applied_at and again.applied_by == "user:a@example.com"
    occupied = UnitsUnit.objects.filter(status="occupied").first()
    with pytest.raises(ApplicationError, match="occupied"):
        pricing_rent_apply(unit=occupied, actor="user:a@example.com")


def test_backfill_writes_one_snapshot_per_unit_per_day_and_reruns_change_nothing():
    small_portfolio(properties=1, groups=1, per_group=4, today=TODAY)
    summary = pricing_history_backfill(days=10, as_of=TODAY)
    assert "50 snapshots written" in summary
    assert PricingSnapshot.objects.count() == 50
    assert set(PricingSnapshot.objects.values_list("snapshot_date", flat=True)) == {
        TODAY - datetime.timedelta(days=k) for k in range(10)
    }
    assert "0 snapshots written" in pricing_history_backfill(days=10, as_of=TODAY)
    # the past days record the comp count without listing comps; the last day lists them
    assert not MarketComp.objects.filter(snapshot__snapshot_date__lt=TODAY).exists()
    assert MarketComp.objects.filter(snapshot__snapshot_date=TODAY).exists()
    unit = UnitsUnit.objects.get(status="vacant")
    history = selectors.unit_pricing_history(unit=unit, today=TODAY)
    assert len(history) == 10 and history[0].days_vacant == 21 and history[-1].days_vacant == 30


# --- the demo portfolio ------------------------------------------------------------------------------------------

seed = pytest.importorskip("demo.seed")


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        from tenants.services import lease_statuses_classify

        seed.seed_portfolio(today=TODAY, with_history=False)
        lease_statuses_classify(today=TODAY)
        first = pricing_engine_run(as_of=TODAY)
        try:
            yield first
        finally:
            PricingRun.objects.all().delete()
            seed.portfolio_delete()


@pytest.mark.slow
def test_demo_one_run_prices_every_unit_and_a_second_changes_nothing(demo):
    units = UnitsUnit.objects.count()
    assert demo.units_priced == units == PricingSnapshot.objects.filter(snapshot_date=TODAY).count() == 4353
    assert demo.accuracy["units"] > 3500 and demo.accuracy["median_abs_pct_error"] < 10
    again = pricing_engine_run(as_of=TODAY)
    assert again.snapshots_written == 0 and again.comps_written == 0


@pytest.mark.slow
def test_demo_revenue_opportunity_equals_the_sum_of_the_snapshots(demo):
    data = selectors.revenue_opportunity()
    occupied = list(PricingSnapshot.objects.filter(snapshot_date=TODAY, is_vacant=False))
    below = [s for s in occupied if s.rent_gap_pct < -1]
    above = [s for s in occupied if s.rent_gap_pct > 1]
    monthly = sum((s.market_rent - s.current_rent for s in below), Decimal("0"))
    assert data["total_units_analyzed"] == len(occupied) == 4074
    assert (data["units_below_market"], data["units_above_market"]) == (len(below), len(above))
    assert data["units_at_market"] == len(occupied) - len(below) - len(above)
    assert data["total_monthly_gap"] == monthly and data["annual_revenue_opportunity"] == monthly * 12
    assert data["avg_gap_pct"] == round(sum(s.rent_gap_pct for s in occupied) / len(occupied), 1)
    assert sum(p["units_below"] for p in data["by_property"]) == len(below)
    assert sum(b["units"] for b in data["gap_distribution"]) == len(occupied)
    assert data["vacant_units"] == 279
