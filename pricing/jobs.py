"""The "Run engine" job (core.jobs): the daily pricing engine, started from /pricing (one property or all)."""

from core.jobs import register_job

ENGINE_JOB = "pricing.engine"


@register_job(ENGINE_JOB)
def pricing_engine_job(*, job, progress) -> dict:
    from pricing.services import pricing_engine_run

    run = pricing_engine_run(property_id=job.scope or None, started_by=job.requested_by or "system", progress=progress)
    return {"summary": run.summary, "run_id": str(run.pk)}
