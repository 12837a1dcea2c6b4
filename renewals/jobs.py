"""The "Run scan now" job (core.jobs): the nightly renewal scan, started from the renewals dashboard."""

from core.jobs import register_job

SCAN_JOB = "renewals.scan"


@register_job(SCAN_JOB)
def renewal_scan_job(*, job, progress) -> dict:
    from renewals.tasks import nightly_renewal_scan

    progress(5, "Scoring the leases that end in the next 90 days")
    return {"summary": nightly_renewal_scan.run()}
