"""The spec's per-row classify task (1.1, "C Celery Tasks"), copied verbatim minus the decorator.

Used by the tests as the oracle the set-based agent must match; benchmarks/bench_lifecycle.py holds the
same copy for the timing comparison.
"""

from datetime import timedelta

from django.utils import timezone


def reference_classify():
    from tenants.models import LeaseStatusLog, TenantLease
    from units.models import UnitsUnit

    today = timezone.now().date()
    mtm_count = 0
    vacant_count = 0

    # Active -> Month-to-Month
    expired_active = TenantLease.objects.filter(lease_status="active", lease_end_date__lt=today)
    for lease in expired_active.iterator(chunk_size=500):
        lease.lease_status = "month_to_month"
        lease.holdover_start_date = lease.lease_end_date + timedelta(days=1)
        lease.lease_status_changed_at = timezone.now()
        lease.lease_status_changed_by = "system:daily_classify"
        lease.save(
            update_fields=["lease_status", "holdover_start_date", "lease_status_changed_at", "lease_status_changed_by"]
        )
        LeaseStatusLog.objects.create(
            lease=lease,
            previous_status="active",
            new_status="month_to_month",
            reason="Lease end date passed without renewal",
            changed_by="system:daily_classify",
        )
        mtm_count += 1

    # Notice -> Vacant
    expired_notice = TenantLease.objects.filter(
        lease_status="notice", notice_move_out_date__lt=today, actual_move_out_date__isnull=True
    )
    for lease in expired_notice.iterator(chunk_size=500):
        lease.lease_status = "vacant"
        lease.actual_move_out_date = lease.notice_move_out_date
        lease.lease_status_changed_at = timezone.now()
        lease.lease_status_changed_by = "system:daily_classify"
        lease.save(
            update_fields=["lease_status", "actual_move_out_date", "lease_status_changed_at", "lease_status_changed_by"]
        )
        UnitsUnit.objects.filter(id=lease.unit_id).update(status="vacant")
        LeaseStatusLog.objects.create(
            lease=lease,
            previous_status="notice",
            new_status="vacant",
            reason="Move-out date passed",
            changed_by="system:daily_classify",
        )
        vacant_count += 1

    return f"Transitioned {mtm_count} to MTM, {vacant_count} to vacant."
