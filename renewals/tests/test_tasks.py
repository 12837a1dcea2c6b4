import datetime
from io import StringIO

import pytest
from celery.schedules import crontab
from django.core.management import call_command
from django.utils import timezone

from config.celery import app
from renewals.models import RenewalRecommendation
from renewals.tasks import nightly_renewal_scan, sync_lease_changes
from renewals.tests.factories import RenewalRecommendationFactory
from tenants.models import TenantLease
from tenants.tests.factories import LeaseFactory

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
EMPTY = "Scanned 0 leases: created 0 recommendations (critical 0, high 0, medium 0, low 0)."


def test_the_nightly_scan_is_scheduled_at_three_utc():
    entry = app.conf.beat_schedule["nightly-renewal-scan"]
    assert entry["task"] == "renewals.nightly_renewal_scan" == nightly_renewal_scan.name
    assert entry["schedule"] == crontab(hour=3, minute=0)
    app.loader.import_default_modules()
    assert {"renewals.nightly_renewal_scan", "renewals.sync_lease_changes"} <= set(app.tasks)


def test_the_task_runs_the_scan_and_twice_changes_nothing(portfolio):
    first = nightly_renewal_scan.delay().get()
    assert first == "Scanned 3 leases: created 3 recommendations (critical 1, high 0, medium 1, low 1)."
    snapshot = sorted(
        RenewalRecommendation.objects.values_list("lease_id", "churn_score", "recommended_rent", "status")
    )
    assert nightly_renewal_scan.delay().get() == EMPTY
    assert (
        sorted(RenewalRecommendation.objects.values_list("lease_id", "churn_score", "recommended_rent", "status"))
        == snapshot
    )


def test_the_task_takes_a_date_for_replays(db):
    lease = LeaseFactory(lease_end_date=TODAY + 150 * DAY)  # a candidate 40 days from now
    assert nightly_renewal_scan.delay(today=(TODAY + 40 * DAY).isoformat()).get().startswith("Scanned 1 leases")
    assert RenewalRecommendation.objects.get().lease_id == lease.pk


def test_run_task_command(portfolio):
    out, err = StringIO(), StringIO()
    call_command("run_task", "renewals.nightly_renewal_scan", '{"chunk_size": 2}', stdout=out, stderr=err)
    assert out.getvalue().startswith("Scanned 3 leases: created 3 recommendations")


def test_sync_task_expires_offers_of_leases_on_notice_and_is_idempotent(db):
    rec = RenewalRecommendationFactory()
    other = RenewalRecommendationFactory()
    TenantLease.objects.filter(pk=rec.lease_id).update(lease_status="notice")
    assert sync_lease_changes.delay(lease_ids=[str(rec.lease_id), str(other.lease_id)]).get() == (
        "Expired 1 recommendations, applied 0 accepted renewals."
    )
    assert sync_lease_changes.delay(lease_ids=[str(rec.lease_id)]).get() == (
        "Expired 0 recommendations, applied 0 accepted renewals."
    )
    assert RenewalRecommendation.objects.get(pk=other.pk).status == "pending"


def test_the_receiver_only_queues_work_for_leases_with_offers(db, monkeypatch, django_assert_num_queries):
    from renewals import receivers, tasks

    queued = []
    monkeypatch.setattr(tasks.sync_lease_changes, "delay", lambda **kw: queued.append(kw))
    plain = LeaseFactory()
    with django_assert_num_queries(1):
        receivers.on_lease_status_changed(
            TenantLease, lease_ids=[plain.pk], previous_status="active", new_status="notice", actor="x", reason=""
        )
    assert queued == []
    rec = RenewalRecommendationFactory(status="accepted")
    receivers.on_lease_status_changed(
        TenantLease, lease_ids=[rec.lease_id], previous_status="active", new_status="notice", actor="x", reason=""
    )
    assert queued == []  # accepted offers only matter when the lease turns month-to-month
    receivers.on_lease_status_changed(
        TenantLease,
        lease_ids=[rec.lease_id],
        previous_status="active",
        new_status="month_to_month",
        actor="x",
        reason="",
    )
    assert queued == [{"lease_ids": [str(rec.lease_id)]}]
