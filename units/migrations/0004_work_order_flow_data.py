"""Existing work orders join the new flow (issue 16):

- open orders that already have a vendor are `assigned` (the flow's meaning of "a vendor has it");
- `sla_due_date` = requested_date + the priority's target days (units.workflow.SLA_TARGET_DAYS, copied here so
  this migration keeps doing what it did when the targets change later), one UPDATE per priority;
- cancelled orders get `closed_at` = their last change (the best we know of when they were cancelled);
- `lease` / `tenant`: the lease in occupancy of the unit on the requested date, in one UPDATE with a correlated
  subquery each (set-based; the rule is tenants.selectors.lease_occupying_q's, frozen here).
"""

from django.db import migrations
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

SLA_TARGET_DAYS = {"emergency": 1, "high": 3, "medium": 7, "low": 14}
ENDED_CONTRACTS = ("expired", "terminated")


def _occupying(on):
    """Leases not ended before `on` (tenants.selectors.lease_occupying_q as of this migration)."""
    open_end = lambda field: Q(**{f"{field}__gte": on}) | Q(**{f"{field}__isnull": True})  # noqa: E731
    continuing = Q(lease_status__in=("month_to_month", "notice")) | (
        Q(lease_status="active") & ~Q(status__in=ENDED_CONTRACTS)
    )
    by_end_date = Q(lease_status="active", status__in=ENDED_CONTRACTS) & open_end("lease_end_date")
    vacant = Q(lease_status="vacant") & (
        Q(notice_move_out_date__gte=on) | (Q(notice_move_out_date__isnull=True) & open_end("lease_end_date"))
    )
    return Q(actual_move_out_date__gte=on) | (
        Q(actual_move_out_date__isnull=True) & (continuing | by_end_date | vacant)
    )


def forwards(apps, schema_editor):
    WorkOrder = apps.get_model("units", "UnitsMaintenance")
    TenantLease = apps.get_model("tenants", "TenantLease")
    WorkOrder.objects.filter(status="open", assigned_vendor__isnull=False).update(status="assigned")

    table = WorkOrder._meta.db_table
    vendor = schema_editor.connection.vendor
    with schema_editor.connection.cursor() as cursor:
        for priority, days in SLA_TARGET_DAYS.items():
            if vendor == "postgresql":
                expr = "requested_date + %s"  # date + integer is a date
            else:  # SQLite (the only other backend the project runs on)
                expr = "date(requested_date, '+' || %s || ' days')"
            cursor.execute(f"UPDATE {table} SET sla_due_date = {expr} WHERE priority = %s", [days, priority])

    WorkOrder.objects.filter(status="cancelled", closed_at__isnull=True).update(closed_at=F("updated_at"))

    occupying = (
        TenantLease.objects.annotate(occupancy_start=Coalesce("move_in_date", "lease_begin_date"))
        .filter(_occupying(OuterRef("requested_date")), unit_id=OuterRef("unit_id"))
        .filter(occupancy_start__lte=OuterRef("requested_date"))
        .order_by("-occupancy_start", "-created_at")
    )
    WorkOrder.objects.filter(lease__isnull=True).update(lease=Subquery(occupying.values("id")[:1]))
    WorkOrder.objects.filter(lease__isnull=False, tenant__isnull=True).update(
        tenant=Subquery(TenantLease.objects.filter(pk=OuterRef("lease_id")).values("tenant_id")[:1])
    )


def backwards(apps, schema_editor):
    WorkOrder = apps.get_model("units", "UnitsMaintenance")
    WorkOrder.objects.filter(status="assigned").update(status="open")
    WorkOrder.objects.filter(status="closed").update(status="completed")


class Migration(migrations.Migration):
    dependencies = [
        ("units", "0003_work_order_flow"),
        ("tenants", "0005_search_trigram_indexes"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
