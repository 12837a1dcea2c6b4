"""The background commit of a large import (core.jobs): the job's scope is the ImportRun id."""

from core.jobs import register_job

IMPORT_JOB = "imports.commit"


@register_job(IMPORT_JOB)
def import_commit_job(*, job, progress) -> dict:
    from django.utils import timezone

    from imports.models import ImportRun
    from imports.services import import_run_execute

    try:
        run = import_run_execute(run_id=job.scope, progress=progress)
    except Exception:  # the job records the error; the run must not stay "running" for the screen
        ImportRun.objects.filter(pk=job.scope).update(
            status=ImportRun.Status.FAILED,
            message="The import stopped with an error; nothing was written.",
            finished_at=timezone.now(),
        )
        raise
    return {"import_run": str(run.pk), "status": run.status, "message": run.message}
