"""Housekeeping task core.purge_expired_records: expired idempotency keys and old finished jobs go, the rest stays."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from core.models import IdempotencyKey, Job
from core.tasks import purge_expired_records

pytestmark = pytest.mark.django_db


def test_purges_expired_keys_and_old_finished_jobs_only(settings):
    settings.IDEMPOTENCY_KEY_TTL_HOURS = 24
    settings.JOB_RETENTION_DAYS = 30
    now = timezone.now()
    user = get_user_model().objects.create_user("purge@example.com", password="x")
    old_key = IdempotencyKey.objects.create(user=user, key="old", method="POST", path="/p/", body_hash="0" * 64)
    IdempotencyKey.objects.filter(pk=old_key.pk).update(created_at=now - datetime.timedelta(hours=25))
    fresh_key = IdempotencyKey.objects.create(user=user, key="new", method="POST", path="/p/", body_hash="0" * 64)
    old = now - datetime.timedelta(days=31)
    old_done = Job.objects.create(kind="k", scope="a", status=Job.Status.SUCCEEDED, finished_at=old)
    old_failed = Job.objects.create(kind="k", scope="b", status=Job.Status.FAILED, finished_at=old)
    recent = Job.objects.create(kind="k", scope="c", status=Job.Status.SUCCEEDED, finished_at=now)
    running = Job.objects.create(kind="k", scope="d", status=Job.Status.RUNNING)

    summary = purge_expired_records()

    assert summary == "Purged 1 expired idempotency keys and 2 finished jobs."
    assert list(IdempotencyKey.objects.values_list("pk", flat=True)) == [fresh_key.pk]
    assert set(Job.objects.values_list("pk", flat=True)) == {recent.pk, running.pk}
    assert not Job.objects.filter(pk__in=[old_done.pk, old_failed.pk]).exists()
    assert purge_expired_records() == "Purged 0 expired idempotency keys and 0 finished jobs."
