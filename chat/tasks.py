import datetime

from celery import shared_task

from chat.services import daily_digest_generate


@shared_task(name="chat.generate_daily_digest")
def generate_daily_digest(today: str | None = None) -> str:
    """06:00 UTC daily (config/celery.py): the digest of `today` (default: today), once per date; emailed to the
    managers who see the whole portfolio."""
    digest = daily_digest_generate(today=datetime.date.fromisoformat(today) if today else None)
    return f"digest {digest.digest_date.isoformat()} ({len(digest.highlights)} highlights)"
