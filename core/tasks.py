from celery import shared_task


@shared_task(name="core.retry_failed_messages")
def retry_failed_messages(limit: int = 100) -> str:
    """Re-deliver outbox messages whose provider call failed (retryable ones), oldest first."""
    from core.messaging import retry_failed_messages as retry

    return retry(limit=limit)
