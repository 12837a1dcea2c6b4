"""core.jobs: one running job per kind + scope, progress, failures recorded, stale jobs expire."""

import datetime
import threading
import time

import pytest
from django.db import connection
from django.utils import timezone

from core.jobs import job_run, job_start, register_job
from core.models import Job

calls = []
gate = threading.Event()


@register_job("test.ok")
def _ok(*, job, progress):
    progress(50, "Half way")
    calls.append(job.scope)
    return {"summary": f"Scanned {job.scope or 'all'}."}


@register_job("test.fails")
def _fails(*, job, progress):
    raise RuntimeError("no luck")


@register_job("test.slow")
def _slow(*, job, progress):
    gate.wait(30)
    return {"summary": "slow done"}


@pytest.fixture(autouse=True)
def _reset():
    calls.clear()
    gate.clear()
    yield
    gate.set()


@pytest.mark.django_db
class TestInline:
    def test_inline_job_runs_and_records_its_result(self):
        job, created = job_start(kind="test.ok", scope="p1", requested_by="Pat")
        assert created and job.status == "succeeded" and job.progress == 100
        assert job.result == {"summary": "Scanned p1."} and calls == ["p1"]

    def test_failure_is_recorded_not_raised(self):
        job, _ = job_start(kind="test.fails")
        assert job.status == "failed" and "no luck" in job.error

    def test_an_active_job_is_answered_instead_of_a_second(self, settings):
        settings.JOBS_RUN_INLINE = False
        first, created = job_start(kind="test.ok")
        second, again = job_start(kind="test.ok")
        other_scope, _ = job_start(kind="test.ok", scope="p2")
        assert created and not again and second.pk == first.pk and other_scope.pk != first.pk
        assert Job.objects.filter(kind="test.ok", status="queued").count() == 2

    def test_a_stale_running_job_is_failed_and_replaced(self, settings):
        settings.JOBS_RUN_INLINE = False
        old, _ = job_start(kind="test.ok")
        Job.objects.filter(pk=old.pk).update(status="running", updated_at=timezone.now() - datetime.timedelta(hours=2))
        new, created = job_start(kind="test.ok")
        assert created and new.pk != old.pk
        assert Job.objects.get(pk=old.pk).status == "failed"

    def test_job_run_twice_runs_once(self, settings):
        settings.JOBS_RUN_INLINE = False
        job, _ = job_start(kind="test.ok")
        job_run(job.pk)
        job_run(job.pk)
        assert calls == [""]

    def test_unknown_kind_is_a_programming_error(self):
        with pytest.raises(ValueError):
            job_start(kind="nope")


@pytest.mark.django_db
def test_job_api(api_client, anon_client):
    job, _ = job_start(kind="test.ok")
    body = api_client.get(f"/api/v1/jobs/{job.pk}/").json()
    assert body["status"] == "succeeded" and body["done"] and body["result"] == {"summary": "Scanned all."}
    assert api_client.get("/api/v1/jobs/not-a-uuid/").status_code == 404
    assert api_client.get("/api/v1/jobs/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert anon_client.get(f"/api/v1/jobs/{job.pk}/").status_code in (401, 403)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="threads need a real database server")
def test_thread_runner_and_parallel_starts(settings):
    settings.JOBS_RUN_INLINE = False
    barrier, jobs = threading.Barrier(8), []

    def worker():
        try:
            barrier.wait()
            jobs.append(job_start(kind="test.slow")[0].pk)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(8)]
    [t.start() for t in threads]
    [t.join(30) for t in threads]
    assert len(jobs) == 8 and len(set(jobs)) == 1
    gate.set()
    deadline = time.monotonic() + 30
    while Job.objects.get(pk=jobs[0]).status != "succeeded" and time.monotonic() < deadline:
        time.sleep(0.05)
    assert Job.objects.get(pk=jobs[0]).result == {"summary": "slow done"}
