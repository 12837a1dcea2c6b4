"""The "Scan Now" job (core.jobs): the daily scan, then the escalation engine, with progress for the screen."""

from django.utils import timezone

from core.jobs import register_job

SCAN_JOB = "collections.scan"


@register_job(SCAN_JOB)
def collections_scan_job(*, job, progress) -> dict:
    from collections_app import services

    now = timezone.now()
    progress(10, "Scanning the ledger for overdue balances")
    scan = services.collections_scan(today=timezone.localdate(now))
    progress(60, "Sending the reminders that are due")
    escalation = services.collections_escalate(now=now)
    return {"scan": scan, "escalation": escalation, "summary": f"{scan} {escalation}"}
