from celery import shared_task


@shared_task(name="core.retry_failed_messages")
def retry_failed_messages(limit: int = 100) -> str:
    """Re-deliver outbox messages whose provider call failed (retryable ones), oldest first."""
    from core.messaging import retry_failed_messages as retry

    return retry(limit=limit)


@shared_task(name="core.release_deferred_messages")
def release_deferred_messages(limit: int = 1000) -> str:
    """Sends the texts quiet hours held (outbox `scheduled`) whose contact window has opened (set-based)."""
    from core.messaging import deferred_messages_release

    return deferred_messages_release(limit=limit)


@shared_task(name="core.run_job", acks_late=False)
def run_job(job_id: str) -> str:
    """Runs one core.jobs Job on a worker (started by job_start when a broker is configured)."""
    from core.jobs import job_run

    job = job_run(job_id)
    return f"Job {job_id}: {job.status if job else 'not found'}."


@shared_task(name="core.purge_expired_records")
def purge_expired_records() -> str:
    """Housekeeping: expired Idempotency-Key records and old finished background jobs (set-based deletes)."""
    from core.idempotency import idempotency_keys_purge
    from core.jobs import jobs_purge

    keys = idempotency_keys_purge()
    jobs = jobs_purge()
    return f"Purged {keys} expired idempotency keys and {jobs} finished jobs."


@shared_task(name="core.deliver_due_reminders")
def deliver_due_reminders() -> str:
    """Every 5 minutes (config/celery.py): emails the reminders whose time has come, once each."""
    from core.notifications.services import reminders_deliver_due

    return reminders_deliver_due()
