"""Spec 1.1: reclassify leases that predate the lifecycle fields (e.g. the 1,146 expired leases still 'active').

Same rules as the nightly agent (tenants.services.lease_statuses_classify), written here against the
historical models so the migration keeps working whatever the app code becomes:
  active, lease_end_date < today                         -> month_to_month, holdover_start_date = end + 1 day
  notice, notice_move_out_date < today, no actual move-out -> vacant, actual_move_out_date = notice move-out,
                                                             unit status 'vacant'
one LeaseStatusLog row per move (changed_by 'system:initial_reclassification'). Set-based, in chunks;
a no-op on an empty database. Not reversed: rolling the schema back does not un-expire leases.
"""
import datetime
import uuid

from django.db import migrations
from django.db.models import F, Q
from django.utils import timezone

ACTOR = "system:initial_reclassification"
CHUNK = 2000


def reclassify(apps, schema_editor):
    TenantLease = apps.get_model("tenants", "TenantLease")
    LeaseStatusLog = apps.get_model("tenants", "LeaseStatusLog")
    UnitsUnit = apps.get_model("units", "UnitsUnit")
    today = timezone.now().date()
    now = timezone.now()
    steps = [
        (
            Q(lease_status="active", lease_end_date__lt=today),
            "active",
            "month_to_month",
            "Lease end date passed without renewal",
            {"holdover_start_date": F("lease_end_date") + datetime.timedelta(days=1)},
            False,
        ),
        (
            Q(lease_status="notice", notice_move_out_date__lt=today, actual_move_out_date__isnull=True),
            "notice",
            "vacant",
            "Move-out date passed",
            {"actual_move_out_date": F("notice_move_out_date")},
            True,
        ),
    ]
    for where, previous, new, reason, updates, vacate_units in steps:
        while True:
            rows = list(TenantLease.objects.filter(where).order_by().values_list("id", "unit_id")[:CHUNK])
            if not rows:
                break
            ids = [r[0] for r in rows]
            TenantLease.objects.filter(where, id__in=ids).update(
                lease_status=new, lease_status_changed_at=now, lease_status_changed_by=ACTOR, **updates
            )
            LeaseStatusLog.objects.bulk_create(
                [
                    LeaseStatusLog(
                        id=uuid.uuid4(),
                        lease_id=lease_id,
                        previous_status=previous,
                        new_status=new,
                        reason=reason,
                        changed_by=ACTOR,
                        metadata={"source": "migration 0003_initial_lease_reclassification"},
                    )
                    for lease_id in ids
                ]
            )
            if vacate_units:
                UnitsUnit.objects.filter(id__in={r[1] for r in rows}).update(status="vacant", updated_at=now)
            if len(rows) < CHUNK:
                break


class Migration(migrations.Migration):
    dependencies = [
        ("tenants", "0002_add_lifecycle_fields"),
        ("units", "0001_initial"),
    ]

    operations = [migrations.RunPython(reclassify, migrations.RunPython.noop)]
