import datetime
from decimal import Decimal

from tenants.tests.factories import LeaseFactory
from units.models import UnitsMaintenance
from units.tests.factories import WorkOrderFactory


def completed_work_order(
    *,
    title="Hole in bedroom wall",
    description="About 6 inches across.",
    notes="",
    category="general",
    cost="150.00",
    lease=None,
    **extra,
) -> UnitsMaintenance:
    """A completed work order on a leased unit, with its tenant in occupancy."""
    lease = lease or LeaseFactory(move_in_date=datetime.date.today() - datetime.timedelta(days=400))
    return WorkOrderFactory(
        unit=lease.unit,
        property=lease.property,
        lease=lease,
        tenant=lease.tenant,
        title=title,
        description=description,
        technician_notes=notes,
        category=category,
        status=extra.pop("status", UnitsMaintenance.Status.COMPLETED),
        completed_date=extra.pop("completed_date", datetime.date.today() - datetime.timedelta(days=2)),
        actual_cost=Decimal(cost),
        **extra,
    )
