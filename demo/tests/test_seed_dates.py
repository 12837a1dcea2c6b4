"""The demo portfolio's statistical bounds (demo/tests/margins.py) hold on every date of the year.

The seed generates everything relative to `today` (the ledger's twelve months end with the current one; a
late payment that would land after today is paid on time), so shares drift with the calendar. Each case
regenerates the default portfolio for one date in memory (demo.seed.portfolio_generate into a sink that
keeps running totals, no database) and checks the same bounds test_seed.py asserts on a seeded database.
The dates cover month starts and ends, February (leap year included), and both HVAC seasons.
"""

import datetime
from collections import Counter, defaultdict
from decimal import Decimal

import pytest

from demo.seed import portfolio_generate
from demo.tests import margins as M
from invoices.models import Invoices, Vendor
from predictive_maintenance.models import Equipment
from tenants.models import TenantLease, TenantLedgerEntry
from units.models import UnitsMaintenance

LEASES = 4353
DATES = [
    "2026-01-01",
    "2026-01-31",
    "2026-02-28",
    "2026-03-18",
    "2026-04-30",
    "2026-06-01",
    "2026-07-15",
    "2026-08-31",
    "2026-10-02",
    "2026-11-28",
    "2026-12-31",
    "2028-02-29",
]


class StatsSink:
    """A writer for portfolio_generate that keeps only the totals the margins need."""

    def __init__(self, today: datetime.date):
        self.today = today
        self.occupied: set = set()
        self.charges_due: dict = defaultdict(Decimal)
        self.paid: dict = defaultdict(Decimal)
        self.payments = self.on_time = 0
        self.late_by_tenant: Counter = Counter()
        self.max_days_late = 0
        self.work_orders = self.open_work_orders = self.completed_with_vendor = 0
        self.recent_titles: Counter = Counter()
        self.hvac_by_month: Counter = Counter()
        self.invoices = 0
        self.insurance_soon = 0
        self.equipment = self.warranted = 0

    def extend(self, model, rows) -> None:
        for row in rows:
            self.add(model, row)

    def flush(self) -> None:
        pass

    def add(self, model, r: dict) -> None:
        today = self.today
        if model is TenantLedgerEntry:
            if r["trans_type"] == "Charge":
                if r["due_date"] < today:
                    self.charges_due[r["tenant_id"]] += r["amount"]
                return
            self.paid[r["tenant_id"]] += r["amount"]
            self.payments += 1
            late = (r["trans_date"] - r["due_date"]).days
            if late <= 0:
                self.on_time += 1
            else:
                self.late_by_tenant[r["tenant_id"]] += 1
                self.max_days_late = max(self.max_days_late, late)
        elif model is TenantLease:
            if r["lease_status"] != "vacant":
                self.occupied.add(r["tenant_id"])
        elif model is UnitsMaintenance:
            self.work_orders += 1
            self.open_work_orders += r["status"] in ("open", "assigned", "in_progress")
            self.completed_with_vendor += r["status"] in ("completed", "closed") and r["assigned_vendor_id"] is not None
            if r["requested_date"] >= today - datetime.timedelta(days=365):
                self.recent_titles[(r["unit_id"], r["title"])] += 1
            if r["category"] == "hvac":
                self.hvac_by_month[r["requested_date"].month] += 1
        elif model is Invoices:
            self.invoices += 1
        elif model is Vendor:
            self.insurance_soon += today <= r["insurance_expiry"] <= today + datetime.timedelta(days=30)
        elif model is Equipment:
            self.equipment += 1
            self.warranted += r["warranty_expiration"] >= today


@pytest.mark.slow
@pytest.mark.parametrize("day", DATES)
def test_margins_hold_on(day):
    today = datetime.date.fromisoformat(day)
    s = StatsSink(today)
    portfolio_generate(writer=s, leases=LEASES, today=today)

    overdue = {t for t in s.occupied if s.charges_due[t] - s.paid[t] > 0}
    assert M.OVERDUE_SHARE[0] <= len(overdue) / len(s.occupied) <= M.OVERDUE_SHARE[1]
    assert M.LATE_PAYER_SHARE[0] <= len(s.late_by_tenant) / LEASES <= M.LATE_PAYER_SHARE[1]
    assert sum(n >= 6 for n in s.late_by_tenant.values()) >= M.CHRONIC_MIN * LEASES
    assert s.max_days_late <= M.MAX_DAYS_LATE
    assert s.on_time / s.payments > M.ON_TIME_MIN

    per_unit_year = s.work_orders / LEASES / 2
    assert M.WORK_ORDERS_PER_UNIT_YEAR[0] <= per_unit_year <= M.WORK_ORDERS_PER_UNIT_YEAR[1]
    assert M.OPEN_WORK_ORDER_SHARE[0] <= s.open_work_orders / s.work_orders <= M.OPEN_WORK_ORDER_SHARE[1]
    assert sum(n >= 3 for n in s.recent_titles.values()) >= M.REPEAT_UNITS_MIN * LEASES  # same title 3+ times
    peak = sum(s.hvac_by_month[m] for m in (6, 7, 8, 12, 1, 2))
    shoulder = sum(s.hvac_by_month[m] for m in (3, 4, 5, 9, 10, 11))
    assert peak > M.HVAC_PEAK_OVER_SHOULDER * shoulder
    assert M.INSURANCE_EXPIRING_30_DAYS[0] <= s.insurance_soon <= M.INSURANCE_EXPIRING_30_DAYS[1]
    assert s.invoices / s.completed_with_vendor > M.INVOICED_SHARE_MIN
    assert M.WARRANTED_SHARE[0] < s.warranted / s.equipment < M.WARRANTED_SHARE[1]
