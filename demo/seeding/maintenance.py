"""Two years of work orders (seasonal HVAC, repeat issues; vendor invoices for completed jobs) and the
equipment of every unit and building."""

from __future__ import annotations

import datetime
import random
import re
from decimal import Decimal

from demo import reference as ref
from demo.seeding.common import _DAYS, _at, _Counters, _money, _poisson, _uuid, add_months
from demo.seeding.portfolio import LeaseFacts
from demo.seeding.vendors import VendorRef, _invoice
from predictive_maintenance.models import Equipment
from units.workflow import sla_due_date

CATEGORY_WEIGHTS = (
    ("plumbing", 26),
    ("appliance", 17),
    ("general", 17),
    ("electrical", 9),
    ("pest", 5),
    ("structural", 4),
)
# Make-ready work goes to make-ready crews, painters and cleaners.
VENDOR_TRADES_FOR = {"turnover": ("turnover", "painting", "cleaning")}
HVAC_PEAK_MONTHS = {6, 7, 8, 12, 1, 2}
_TEMPLATES_BY_TITLE = {}
for _group, _templates in ref.WORK_ORDERS.items():
    for _t in _templates:
        _TEMPLATES_BY_TITLE.setdefault(_t[0], _t)
DURATION_DAYS = {"emergency": (0, 1), "high": (0, 3), "medium": (1, 7), "low": (2, 14)}
# Completed work is closed (invoice matched, nothing left) this long after completion; older than CLOSED_AFTER_DAYS
# it is closed in the demo, more recent completed work still waits for it.
CLOSE_LAG_DAYS = 7
CLOSED_AFTER_DAYS = 30
PRIORITIES = ("low", "medium", "high", "emergency")


def _pick_template(rng: random.Random, req: datetime.date):
    """Category and template for a work order requested on `req`: HVAC peaks in summer and winter."""
    hvac_weight = 30 if req.month in HVAC_PEAK_MONTHS else 10
    cats = ["hvac"] + [c for c, _ in CATEGORY_WEIGHTS]
    category = rng.choices(cats, weights=[hvac_weight] + [w for _, w in CATEGORY_WEIGHTS])[0]
    group = category
    if category == "hvac":
        if req.month in (5, 6, 7, 8, 9):
            group = "hvac_summer" if rng.random() < 0.7 else "hvac"
        elif req.month in (11, 12, 1, 2, 3):
            group = "hvac_winter" if rng.random() < 0.7 else "hvac"
    return category, rng.choice(ref.WORK_ORDERS[group])


# The generative model of the work-order history (docs/decisions.md, "2.3 Predictive maintenance"): per unit,
# wear-and-tear requests at BASE_WORK_ORDERS_PER_YEAR (a per-unit lognormal multiplier: some units are just
# harder on things), plus failures of each piece of the unit's equipment at FAILURE_RATE[type] x (share of its
# life used at the request date)^2 a year (an old water heater fails far more often than a new one), HVAC
# failures in its peak months (summer cooling, winter heat), plus the 4% of units whose one problem keeps coming
# back. Over the demo's equipment ages the failures are ~0.4 of the ~1.6 orders per unit-year.
BASE_WORK_ORDERS_PER_YEAR = 0.95
FAILURE_RATE = {"hvac": 0.3, "water_heater": 0.22, "refrigerator": 0.15}
FAILURE_RATIO_CAP = 1.6
HVAC_FAILURE_MONTH_WEIGHT = {6: 1.0, 7: 1.0, 8: 1.0, 12: 0.9, 1: 1.0, 2: 0.8, 5: 0.4, 9: 0.4, 11: 0.4, 3: 0.3}
FAILURE_TITLES = {
    "water_heater": ("plumbing", "Water heater not heating"),
    "refrigerator": ("appliance", "Refrigerator not cooling"),
}


def failure_dates(rng: random.Random, *, equipment: dict, today: datetime.date) -> list[datetime.date]:
    """Request dates of the equipment's failures over the last two years: a Poisson process thinned by the hazard
    (FAILURE_RATE x share of life used at that date, squared) and, for HVAC, by the month."""
    etype = equipment["equipment_type"]
    rate = FAILURE_RATE.get(etype)
    if not rate:
        return []
    life = equipment["expected_lifespan_years"]
    install = equipment["install_date"]
    n = _poisson(rng, rate * FAILURE_RATIO_CAP**2 * 2)
    dates = []
    for _ in range(n):
        req = today - _DAYS[rng.randint(0, 729)]
        ratio = min(max((req - install).days, 0) / 365.25 / life, FAILURE_RATIO_CAP)
        keep = (ratio / FAILURE_RATIO_CAP) ** 2
        if etype == "hvac":
            keep *= HVAC_FAILURE_MONTH_WEIGHT.get(req.month, 0.15)
        if req >= install and rng.random() < keep:
            dates.append(req)
    return sorted(dates)


def failure_template(rng: random.Random, etype: str, req: datetime.date):
    """The work order a failure becomes: HVAC's seasonal templates, a water heater or a refrigerator's own."""
    if etype == "hvac":
        group = "hvac_summer" if req.month in (4, 5, 6, 7, 8, 9, 10) else "hvac_winter"
        return "hvac", rng.choice(ref.WORK_ORDERS[group])
    category, title = FAILURE_TITLES[etype]
    return category, _TEMPLATES_BY_TITLE[title]


def _wo_status(rng: random.Random, age_days: int) -> str:
    if age_days <= 21:
        weights = (40, 30, 30, 0)
    elif age_days <= 60:
        weights = (4, 6, 88, 2)
    else:
        weights = (1.2, 1.3, 95.5, 2)
    return rng.choices(("open", "in_progress", "completed", "cancelled"), weights=weights)[0]


def _work_order(
    rng,
    *,
    f: LeaseFacts,
    category: str,
    template,
    req: datetime.date,
    today: datetime.date,
    vendors: dict[str, list[VendorRef]],
    tax_rate: Decimal,
    counters: _Counters,
    status=None,
):
    """One work order; completed vendor jobs usually come with an invoice and its line items."""
    title, description, (cost_lo, cost_hi), prio_weights = template
    priority = rng.choices(PRIORITIES, weights=prio_weights)[0]
    status = status or _wo_status(rng, (today - req).days)
    estimate = rng.randint(cost_lo, cost_hi) * 100
    if priority == "emergency":
        estimate = estimate * 3 // 2
    lo, hi = DURATION_DAYS[priority]
    duration = rng.randint(lo, hi)
    scheduled = completed = None
    if status == "open":
        scheduled = today + _DAYS[rng.randint(1, 7)] if rng.random() < 0.4 else None
    else:
        scheduled = min(req + _DAYS[min(duration, rng.randint(0, 3))], today)
    if status == "completed":
        completed = min(req + _DAYS[duration], today)
    vendor = None
    if (status in ("completed", "in_progress") and rng.random() < 0.85) or (status == "open" and rng.random() < 0.5):
        pool = [v for trade in VENDOR_TRADES_FOR.get(category, (category,)) for v in vendors.get(trade, ())]
        vendor = rng.choices(pool, weights=[v.weight for v in pool])[0]
    in_occupancy = f.move_in <= req <= (f.move_out or today)  # tenants.selectors.lease_in_occupancy's rule
    reported_by = f.tenant_name if in_occupancy else "Property staff"
    counters.work_order += 1
    wo = dict(
        id=_uuid(rng),
        work_order_number=f"WO-{counters.work_order:07d}",
        unit_id=f.unit_id,
        property_id=f.property_id,
        title=title,
        description=description,
        category=category,
        priority=priority,
        status=status,
        requested_date=req,
        scheduled_date=scheduled,
        completed_date=completed,
        estimated_cost=_money(estimate),
        assigned_vendor_id=vendor.id if vendor else None,
        reported_by=reported_by,
        sla_due_date=sla_due_date(requested=req, priority=priority),
        lease_id=f.lease_id if in_occupancy else None,
        tenant_id=f.tenant_id if in_occupancy else None,
    )
    invoice, lines = None, []
    if status == "completed":
        if vendor and rng.random() < (0.93 if (today - completed).days > 3 else 0.5):
            invoice, lines = _invoice(
                rng,
                wo=wo,
                vendor=vendor,
                category=category,
                estimate=estimate,
                tax_rate=tax_rate,
                today=today,
                counters=counters,
            )
            wo["actual_cost"] = invoice["total_amount"]
        else:
            wo["actual_cost"] = _money(int(estimate * rng.uniform(0.8, 1.25)))
    _into_the_flow(wo, category=category, today=today, counters=counters)
    return wo, invoice, lines


def _into_the_flow(wo: dict, *, category: str, today: datetime.date, counters: _Counters) -> None:
    """The statuses of the work-order flow (units.workflow), drawn from what is already decided (no random draws,
    so every other row stays the same): an open order with a vendor is assigned; completed work gets technician
    notes and is closed a week after completion once it is over a month old; a cancelled order was cancelled two
    days after the request."""
    status = wo["status"]
    if status == "open" and wo["assigned_vendor_id"] is not None:
        wo["status"] = "assigned"
    elif status == "completed":
        notes = ref.TECHNICIAN_NOTES.get(category, ref.TECHNICIAN_NOTES["general"])
        wo["technician_notes"] = notes[counters.work_order % len(notes)]
        completed = wo["completed_date"]
        if (today - completed).days > CLOSED_AFTER_DAYS:
            wo["status"] = "closed"
            wo["closed_at"] = _at(completed + _DAYS[CLOSE_LAG_DAYS], 16)
    elif status == "cancelled":
        wo["closed_at"] = _at(min(wo["requested_date"] + _DAYS[2], today - _DAYS[1]), 11)


# ---------------------------------------------------------------------------------------------------
# equipment


EQUIPMENT_LABELS = dict(Equipment.EquipmentType.choices)
_MAKER_CODE = {m: re.sub(r"[^A-Z]", "", m.upper())[:2] for spec in ref.EQUIPMENT.values() for m in spec[1]}


def _equipment(
    rng,
    *,
    etype: str,
    property_id,
    unit_id,
    name_prefix: str,
    built: datetime.date,
    today: datetime.date,
    building: str = "",
) -> dict:
    life, makers, warranty_years, (c_lo, c_hi) = ref.EQUIPMENT[etype]
    max_age = max(31, min((today - built).days, int(life * 1.6 * 365)))
    age_days = 30 + int((max_age - 30) * rng.random() ** 1.3)
    install = today - datetime.timedelta(days=age_days)
    maker = rng.choice(makers)
    provider, years = maker, warranty_years
    if rng.random() < 0.15:
        provider, years = rng.choice(ref.EXTENDED_WARRANTY_PROVIDERS), warranty_years + rng.randint(2, 5)
    ratio = age_days / 365.25 / life
    if ratio < 0.5:
        condition = rng.choices(("good", "fair"), weights=(85, 15))[0]
    elif ratio < 1.0:
        condition = rng.choices(("good", "fair", "poor"), weights=(35, 50, 15))[0]
    else:
        condition = rng.choices(("fair", "poor"), weights=(45, 55))[0]
    service_chance = {"hvac": 0.9, "water_heater": 0.4, "refrigerator": 0.15}.get(etype, 0.8)
    last_service = None
    if rng.random() < service_chance:
        last_service = max(install, today - _DAYS[rng.randint(10, 700)])
    return dict(
        id=_uuid(rng),
        property_ref_id=property_id,
        unit_id=unit_id,
        building=building,
        equipment_type=etype,
        name=f"{name_prefix} {EQUIPMENT_LABELS[etype]}",
        manufacturer=maker,
        model_number=f"{_MAKER_CODE[maker]}{rng.randint(100, 999)}-{rng.choice('ABCDEFGH')}{rng.randint(10, 99)}",
        serial_number=f"{install.year % 100:02d}{rng.getrandbits(32):08X}",
        install_date=install,
        age_years=round(age_days / 365.25, 2),  # predictive_maintenance.rules.age_years
        expected_lifespan_years=life,
        warranty_provider=provider,
        warranty_expiration=add_months(install, 12 * years),
        last_service_date=last_service,
        condition=condition,
        replacement_cost=_money(rng.randint(c_lo // 10, c_hi // 10) * 1000),
    )
