"""The statistical bounds the demo portfolio keeps on EVERY date of the year (4,353 leases, seed 42).

test_seed.py asserts them on a seeded database (a pinned `today`); test_seed_dates.py regenerates the
rows in memory for a sample of dates across the year and asserts the same bounds. Observed over the year:
on-time share 0.898-0.909 (it dips at month ends, when the month's late payments have all landed),
late payers 0.21-0.23, overdue 0.040.
"""

OVERDUE_SHARE = (0.03, 0.055)  # of occupied leases currently overdue (~4%)
LATE_PAYER_SHARE = (0.12, 0.30)  # tenants with a late payment in the year (~20%)
CHRONIC_MIN = 0.02  # tenants with 6+ late payments
MAX_DAYS_LATE = 20
ON_TIME_MIN = 0.88  # most payments on or before the due date
WORK_ORDERS_PER_UNIT_YEAR = (1.3, 1.8)
OPEN_WORK_ORDER_SHARE = (0.03, 0.08)
REPEAT_UNITS_MIN = 0.02  # (unit, work-order title) pairs seen 3+ times in 12 months, per unit
HVAC_PEAK_OVER_SHOULDER = 1.8
INSURANCE_EXPIRING_30_DAYS = (1, 5)  # vendors
INVOICED_SHARE_MIN = 0.85  # of completed work orders with a vendor
WARRANTED_SHARE = (0.05, 0.9)  # equipment still under warranty
