from celery import shared_task


@shared_task(name="core.retry_failed_messages")
def retry_failed_messages(limit: int = 100) -> str:
    """Re-deliver outbox messages whose provider call failed (retryable ones), oldest first."""
    from core.messaging import retry_failed_messages as retry

    return retry(limit=limit)


@shared_task(name="core.run_job", acks_late=False)
def run_job(job_id: str) -> str:
    """Runs one core.jobs Job on a worker (started by job_start when a broker is configured)."""
    from core.jobs import job_run

    job = job_run(job_id)
    return f"Job {job_id}: {job.status if job else 'not found'}."
