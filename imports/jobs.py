"""The background commit of a large import (core.jobs): the job's scope is the ImportRun id."""

from core.jobs import register_job

IMPORT_JOB = "imports.commit"


@register_job(IMPORT_JOB)
def import_commit_job(*, job, progress) -> dict:
    from imports.services import import_run_execute

    run = import_run_execute(run_id=job.scope, progress=progress)
    return {"import_run": str(run.pk), "status": run.status, "message": run.message}
