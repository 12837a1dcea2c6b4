"""Background jobs for work a manager starts from a screen ("Run scan now"): a `Job` row with status and
progress that the screen polls (`GET /api/v1/jobs/{id}/`), never a request that waits on the work.

- A feature registers a kind once: `register_job("renewals.scan", fn)`; `fn(job=..., progress=...)` does the
  work (calling the feature's service) and returns a JSON-able summary. `progress(pct, message)` updates the row.
- `job_start(kind=..., scope=...)` answers the queued/running job of that kind + scope if there is one (one at a
  time: a unique partial index backs it), else creates one and, after commit, runs it: on a Celery worker when a
  broker is configured (`CELERY_TASK_ALWAYS_EAGER` off, i.e. REDIS_URL set), else on a daemon thread in this
  process. `JOBS_RUN_INLINE = True` (test settings) runs it in the request instead, deterministically.
- A job that stopped reporting for `JOB_STALE_SECONDS` (its process died) is marked failed when the next one
  of its kind is requested, so a crash never blocks the button forever.
"""

from __future__ import annotations

import datetime
import logging
import threading
import traceback
import uuid
from collections.abc import Callable

from django.conf import settings
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.utils import timezone

from core.models import Job
from core.scoping import unscoped

logger = logging.getLogger(__name__)

Status = Job.Status
_registry: dict[str, Callable] = {}


def register_job(kind: str, fn: Callable | None = None):
    """Registers `fn(*, job, progress) -> summary` for `kind` (usable as a decorator)."""

    def add(f):
        _registry[kind] = f
        return f

    return add(fn) if fn is not None else add


def job_kinds() -> list[str]:
    return sorted(_registry)


def _expire_stale(*, kind: str, scope: str) -> None:
    cutoff = timezone.now() - datetime.timedelta(seconds=getattr(settings, "JOB_STALE_SECONDS", 1800))
    Job.objects.filter(kind=kind, scope=scope, status__in=Job.ACTIVE, updated_at__lt=cutoff).update(
        status=Status.FAILED,
        error="Stopped reporting progress (the worker was restarted?).",
        finished_at=timezone.now(),
        updated_at=timezone.now(),
    )


def _use_celery() -> bool:
    return not getattr(settings, "CELERY_TASK_ALWAYS_EAGER", True)


def job_start(*, kind: str, scope: str = "", requested_by: str = "") -> tuple[Job, bool]:
    """(job, created): the running job of this kind + scope, or a new one that starts after commit."""
    if kind not in _registry:
        raise ValueError(f"Unknown job kind {kind!r}; registered: {', '.join(job_kinds())}")
    _expire_stale(kind=kind, scope=scope)
    active = Job.objects.filter(kind=kind, scope=scope, status__in=Job.ACTIVE).first()
    if active is not None:
        return active, False
    try:
        with transaction.atomic():
            job = Job.objects.create(
                kind=kind,
                scope=scope,
                requested_by=requested_by[:150],
                runner="celery" if _use_celery() else "thread",
                message="Waiting to start",
            )
    except IntegrityError:  # another request created it between our read and insert
        active = Job.objects.filter(kind=kind, scope=scope, status__in=Job.ACTIVE).first()
        if active is None:  # it already finished: start a fresh one
            return job_start(kind=kind, scope=scope, requested_by=requested_by)
        return active, False
    if getattr(settings, "JOBS_RUN_INLINE", False):
        job_run(job.pk)
        job.refresh_from_db()
    else:
        transaction.on_commit(lambda: _dispatch(job.pk))
    return job, True


def _dispatch(job_id) -> None:
    if _use_celery():
        from core.tasks import run_job

        run_job.delay(str(job_id))
        return
    threading.Thread(target=_run_in_thread, args=(job_id,), name=f"job-{job_id}", daemon=True).start()


def _run_in_thread(job_id) -> None:
    close_old_connections()
    try:
        job_run(job_id)
    finally:
        connection.close()


def _progress_updater(job_id):
    def progress(pct: int, message: str = "") -> None:
        Job.objects.filter(pk=job_id).update(
            progress=max(0, min(100, int(pct))), message=message[:255], updated_at=timezone.now()
        )

    return progress


def job_run(job_id) -> Job | None:
    """Runs a queued job (on whichever worker picked it up). A job already taken by another worker is left."""
    now = timezone.now()
    taken = Job.objects.filter(pk=job_id, status=Status.QUEUED).update(
        status=Status.RUNNING, started_at=now, progress=1, message="Running", updated_at=now
    )
    job = Job.objects.filter(pk=job_id).first()
    if not taken or job is None:
        return job
    try:
        with unscoped():  # agents run portfolio-wide, whoever started them (core.scoping)
            summary = _registry[job.kind](job=job, progress=_progress_updater(job.pk))
    except Exception as exc:  # noqa: BLE001 - recorded on the job for the screen; logged with its trace
        logger.exception("Job %s (%s) failed", job.pk, job.kind)
        Job.objects.filter(pk=job.pk).update(
            status=Status.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:2000] or traceback.format_exc()[-2000:],
            message="Failed",
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
    else:
        Job.objects.filter(pk=job.pk).update(
            status=Status.SUCCEEDED,
            progress=100,
            result=summary,
            message="Done",
            finished_at=timezone.now(),
            updated_at=timezone.now(),
        )
    job.refresh_from_db()
    return job


def job_get(*, job_id) -> Job | None:
    try:
        return Job.objects.filter(pk=uuid.UUID(str(job_id))).first()
    except ValueError:  # a malformed id is simply not found
        return None


def jobs_purge(*, now: datetime.datetime | None = None) -> int:
    """Deletes finished jobs (succeeded, failed) older than `JOB_RETENTION_DAYS` (30 by default): a job row is
    only the progress bar of one click, and the work it did is recorded by the feature itself."""
    now = now or timezone.now()
    days = getattr(settings, "JOB_RETENTION_DAYS", 30)
    deleted, _ = (
        Job.objects.filter(finished_at__lt=now - datetime.timedelta(days=days))
        .exclude(status__in=[Job.Status.QUEUED, Job.Status.RUNNING])
        .delete()
    )
    return deleted
