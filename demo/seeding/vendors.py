"""Vendors (with insurance and contract dates relative to `today`) and the invoices of their completed jobs."""

from __future__ import annotations

import datetime
import random
import re
import uuid
from dataclasses import dataclass
from decimal import Decimal

from demo import reference as ref
from demo.seeding.common import _DAYS, _at, _Counters, _money, _phone, _slug, _uuid


@dataclass(slots=True)
class VendorRef:
    id: uuid.UUID
    trade: str
    code: str
    rate_cents: int
    weight: float


def _build_vendors(rng: random.Random, today: datetime.date) -> tuple[list[dict], dict[str, list[VendorRef]]]:
    objs, by_trade = [], {}
    n = len(ref.VENDORS)
    # License dates come from their own stream, so adding them left every other seeded value as it was.
    license_rng = random.Random(f"vendor-licenses:{today.isoformat()}")
    license_expiring = license_rng.randrange(n)
    expiring_soon = set(rng.sample(range(n), 3))
    expired = rng.choice([i for i in range(n) if i not in expiring_soon])
    for i, (name, trade, (lo, hi)) in enumerate(ref.VENDORS):
        city = rng.choice(ref.CITIES)
        if i in expiring_soon:
            insurance = today + datetime.timedelta(days=rng.randint(5, 28))
        elif i == expired:
            insurance = today - datetime.timedelta(days=rng.randint(5, 40))
        else:
            insurance = today + datetime.timedelta(days=rng.randint(60, 540))
        rate = rng.randint(lo, hi) * 100
        first, last = rng.choice(ref.FIRST_NAMES), rng.choice(ref.LAST_NAMES)
        vid = _uuid(rng)
        objs.append(
            dict(
                id=vid,
                name=name,
                trade=trade,
                contact_name=f"{first} {last}",
                email=f"{_slug(name)[:40]}@example.com",
                phone=_phone(rng, city[3]),
                address=f"{rng.randint(100, 9899)} {rng.choice(ref.STREETS)}, {city[0]}, {city[1]} {city[2]}",
                license_number=f"{city[1]}-{trade[:3].upper()}-{rng.randint(100000, 999999)}",
                license_expiry=today
                + datetime.timedelta(
                    days=license_rng.randint(8, 25) if i == license_expiring else license_rng.randint(120, 900)
                ),
                insurance_expiry=insurance,
                contract_end_date=today + datetime.timedelta(days=rng.randint(90, 720)),
                hourly_rate=_money(rate),
                is_active=True,
            )
        )
        code = "".join(w[0] for w in re.findall(r"[A-Za-z]+", name))[:4].upper()
        by_trade.setdefault(trade, []).append(VendorRef(vid, trade, code, rate, rng.uniform(0.5, 2.0)))
    return objs, by_trade


def _invoice(
    rng,
    *,
    wo,
    vendor: VendorRef,
    category: str,
    estimate: int,
    tax_rate: Decimal,
    today: datetime.date,
    counters: _Counters,
):
    gl = ref.GL_CODES[category]
    invoice_id = _uuid(rng)
    hours = max(1, round(estimate * rng.uniform(0.35, 0.65) / vendor.rate_cents * 2)) / 2  # half hours
    lines = [
        dict(
            id=_uuid(rng),
            invoice_id=invoice_id,
            description=f"Labor - {wo['title']}",
            quantity=Decimal(f"{hours:.2f}"),
            unit_price=_money(vendor.rate_cents),
            amount=_money(int(hours * vendor.rate_cents)),
            gl_code=gl,
        )
    ]
    parts_total = 0
    if rng.random() < 0.75:
        for name, p_lo, p_hi in rng.sample(ref.PARTS[category], k=rng.randint(1, 2)):
            qty = rng.choice((1, 1, 1, 2, 3))
            price = rng.randint(p_lo * 100, p_hi * 100)
            parts_total += qty * price
            lines.append(
                dict(
                    id=_uuid(rng),
                    invoice_id=invoice_id,
                    description=name,
                    quantity=Decimal(f"{qty}.00"),
                    unit_price=_money(price),
                    amount=_money(qty * price),
                    gl_code=gl,
                )
            )
    if rng.random() < 0.3:
        trip = rng.randint(9, 19) * 500
        lines.append(
            dict(
                id=_uuid(rng),
                invoice_id=invoice_id,
                description="Trip charge",
                quantity=Decimal("1.00"),
                unit_price=_money(trip),
                amount=_money(trip),
                gl_code=gl,
            )
        )
    for position, line in enumerate(lines):
        line["position"] = position
    subtotal = sum(int(line["amount"] * 100) for line in lines)
    tax = int((Decimal(parts_total) * tax_rate).quantize(Decimal("1")))
    invoice_date = min(wo["completed_date"] + _DAYS[rng.randint(0, 10)], today)
    age = (today - invoice_date).days
    # Older bills are paid; the last two weeks' mostly wait for review (one draw either way: the stream is unchanged)
    if age > 90:
        status = rng.choices(("paid", "approved", "received", "rejected"), weights=(985, 3, 2, 10))[0]
    elif age > 45:
        status = rng.choices(("paid", "approved", "received", "rejected"), weights=(90, 5, 3, 2))[0]
    elif age > 14:
        status = rng.choices(("paid", "approved", "received", "rejected"), weights=(45, 35, 18, 2))[0]
    else:
        status = rng.choices(("received", "approved", "paid"), weights=(70, 25, 5))[0]
    n = counters.invoice.get(vendor.id) or rng.randint(1000, 4000)
    counters.invoice[vendor.id] = n + 1
    invoice = dict(
        id=invoice_id,
        invoice_number=f"{vendor.code}-{n:05d}",
        vendor_id=vendor.id,
        property_id=wo["property_id"],
        unit_id=wo["unit_id"],
        work_order_id=wo["id"],
        invoice_date=invoice_date,
        due_date=invoice_date + datetime.timedelta(days=30),
        subtotal=_money(subtotal),
        tax_amount=_money(tax),
        total_amount=_money(subtotal + tax),
        status=status,
        gl_code=gl,
        **_invoice_workflow(invoice_id, status=status, invoice_date=invoice_date, today=today),
    )
    return invoice, lines


DEMO_ACCOUNTANT = "user:accounting@unitcycle.local"  # the demo's accountant login (demo/users.py)
REJECTION_REASONS = (
    "Duplicate of an invoice already paid.",
    "Hours billed exceed what the work order took; asked the vendor for a corrected bill.",
    "Billed to the wrong property.",
    "Work not finished; the vendor returns to complete it before we pay.",
)


def _invoice_workflow(invoice_id: uuid.UUID, *, status: str, invoice_date: datetime.date, today: datetime.date) -> dict:
    """Who approved, paid or rejected the invoice, and when: drawn from the invoice's own id, so the seed's main
    random stream (and every row after this one) stays as it was."""
    r = random.Random(invoice_id.int)

    def at(d: datetime.date, hour: int) -> datetime.datetime:
        return _at(d, hour if d < today else 0)  # never later than the seed's today

    fields: dict = {}
    if status in ("approved", "paid"):
        approved = min(invoice_date + _DAYS[r.randint(1, 6)], today)
        fields.update(approved_at=at(approved, r.randint(14, 22)), approved_by=DEMO_ACCOUNTANT)
        if status == "paid":
            paid = min(approved + _DAYS[r.randint(5, 25)], today)
            reference = f"ACH {r.randint(100000, 999999)}" if r.random() < 0.7 else f"CHK {r.randint(1000, 9999)}"
            fields.update(paid_at=at(paid, 23), paid_by=DEMO_ACCOUNTANT, paid_date=paid, payment_reference=reference)
    elif status == "rejected":
        rejected = min(invoice_date + _DAYS[r.randint(1, 5)], today)
        fields.update(
            rejected_at=at(rejected, r.randint(14, 22)),
            rejected_by=DEMO_ACCOUNTANT,
            rejection_reason=r.choice(REJECTION_REASONS),
        )
    return fields
