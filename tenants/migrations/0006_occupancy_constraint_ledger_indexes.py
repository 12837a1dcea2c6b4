"""Model follow-ups from phase 1 (issue 16 §3):

- one lease in occupancy per unit: a partial unique constraint on `unit` for leases whose `lease_status` is
  active, month_to_month or notice. Before adding it, the migration looks for units that already break it and
  stops with their lease numbers (it does not guess which tenant left): mark the older lease vacant, then
  migrate again. The demo seed has one lease per unit, so it never trips;
- the ledger's indexes: a `due_date` index (portfolio-wide "what falls due between these dates" reads); the
  single-column `trans_type` index (three values, each a third of the table) and the `tenant` foreign-key index (the
  prefix of the `(tenant, trans_type, trans_date)` index) are dropped;
- `LeaseStatusLog.created_at` takes a default instead of auto_now_add, so a move recorded after the fact can
  carry the time it happened.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

OCCUPYING = ["active", "month_to_month", "notice"]


def refuse_double_occupancy(apps, schema_editor):
    TenantLease = apps.get_model("tenants", "TenantLease")
    clashes = list(
        TenantLease.objects.filter(lease_status__in=OCCUPYING)
        .values("unit_id")
        .annotate(n=models.Count("id"))
        .filter(n__gt=1)
        .values_list("unit_id", flat=True)[:20]
    )
    if not clashes:
        return
    leases = TenantLease.objects.filter(unit_id__in=clashes, lease_status__in=OCCUPYING).order_by(
        "unit_id", "lease_begin_date"
    )
    listed = "; ".join(f"unit {lease.unit_id}: {lease.lease_number} ({lease.lease_status})" for lease in leases)
    raise RuntimeError(
        f"{len(clashes)}+ units have more than one lease in occupancy (active, month-to-month or notice): "
        f"{listed}. Move the lease that ended to vacant (give notice, then mark it vacant: "
        "/api/v1/tenants/leases/{id}/give-notice/ and /mark-vacant/), then run migrate again."
    )


class Migration(migrations.Migration):
    dependencies = [
        ("properties", "0004_propertyaccess"),
        ("tenants", "0005_search_trigram_indexes"),
        ("units", "0002_work_order_categories"),
    ]

    operations = [
        migrations.AlterField(
            model_name="leasestatuslog",
            name="created_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
        ),
        migrations.AlterField(
            model_name="tenantledgerentry",
            name="tenant",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="ledger_entries",
                to="tenants.tenants",
            ),
        ),
        migrations.AlterField(
            model_name="tenantledgerentry",
            name="trans_type",
            field=models.CharField(
                choices=[("Charge", "Charge"), ("Payment", "Payment"), ("Credit", "Credit")], max_length=10
            ),
        ),
        migrations.AddIndex(
            model_name="tenantledgerentry",
            index=models.Index(fields=["due_date"], name="tenant_ledg_due_dat_7bf718_idx"),
        ),
        migrations.RunPython(refuse_double_occupancy, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="tenantlease",
            constraint=models.UniqueConstraint(
                condition=models.Q(("lease_status__in", ["active", "month_to_month", "notice"])),
                fields=("unit",),
                name="tenant_lease_one_occupying_per_unit",
                violation_error_message=(
                    "This unit already has a lease in occupancy (active, month-to-month or on notice)."
                ),
            ),
        ),
    ]
