"""The Celery app and the beat schedule (spec section 9.9). Each feature adds its agent here."""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

# Every task is an AgentTask: the scheduled agents below run under a cross-worker Redis lock (core/agent_lock.py).
app = Celery("unitcycle", task_cls="core.agent_lock:AgentTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

app.conf.beat_schedule = {
    # Platform
    "retry-failed-messages": {
        "task": "core.retry_failed_messages",
        "schedule": crontab(minute="*/15"),  # every 15 minutes
    },
    "release-deferred-messages": {
        "task": "core.release_deferred_messages",
        "schedule": crontab(minute="*/5"),  # texts held for quiet hours go out within 5 minutes of 8:00
    },
    "purge-expired-records": {
        "task": "core.purge_expired_records",
        "schedule": crontab(hour=4, minute=45),  # 04:45 UTC daily: idempotency keys past their TTL, old jobs
    },
    "deliver-due-reminders": {
        "task": "core.deliver_due_reminders",
        "schedule": crontab(minute="*/5"),  # every 5 minutes: reminders whose time has come are emailed, once
    },
    # Phase 1
    "classify-lease-statuses": {
        "task": "tenants.classify_lease_statuses",
        "schedule": crontab(hour=2, minute=0),  # 02:00 UTC daily
    },
    "generate-ai-action-queue": {
        "task": "portfolio.generate_ai_action_queue",
        "schedule": crontab(hour=2, minute=15),  # 02:15 UTC daily, after the 02:00 lifecycle classification
    },
    "run-due-bulk-actions": {
        "task": "portfolio.run_due_bulk_actions",
        "schedule": crontab(minute="*/5"),  # every 5 minutes: scheduled bulk actions whose time has come
    },
    "nightly-renewal-scan": {
        "task": "renewals.nightly_renewal_scan",
        "schedule": crontab(hour=3, minute=0),  # 03:00 UTC daily
    },
    "daily-pricing-engine": {
        "task": "pricing.daily_pricing_engine",
        "schedule": crontab(hour=4, minute=0),  # 04:00 UTC daily (spec 2.2)
    },
    "daily-collections-scan": {
        "task": "collections.daily_collections_scan",
        "schedule": crontab(hour=8, minute=0),  # 08:00 UTC daily
    },
    "responsibility-determine-pending": {
        "task": "responsibility.determine_pending",
        "schedule": crontab(hour=2, minute=30),  # 02:30 UTC daily (PRP tenant vs owner responsibility)
    },
    "turnover-update-vacancy-days": {
        "task": "turnover.update_vacancy_days",
        "schedule": crontab(hour=1, minute=0),  # 01:00 UTC daily
    },
    "collections-escalation": {
        "task": "collections.escalation_engine",
        "schedule": crontab(hour="*/4", minute=30),  # every 4 hours
    },
    # Phase 2
    "weekly-risk-scoring": {
        "task": "predictive_maintenance.compute_all_risk_scores",
        "schedule": crontab(hour=5, minute=0, day_of_week=1),  # 05:00 UTC Mondays (recomputes equipment ages first)
    },
    # Phase 5
    "calculate-daily-sentiment": {
        "task": "communications.calculate_daily_sentiment",
        "schedule": crontab(hour=3, minute=0),  # 03:00 UTC daily (spec 5.3)
    },
    "release-held-messages": {
        "task": "communications.release_held_messages",
        "schedule": crontab(minute="*/15"),  # every 15 minutes: quiet-hours holds whose 8:00 has come
    },
    # 3.3 portfolio chat
    "generate-daily-digest": {
        "task": "chat.generate_daily_digest",
        "schedule": crontab(hour=6, minute=0),  # 06:00 UTC daily (spec 3.3), once per date
    },
}
