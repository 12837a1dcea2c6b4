"""The invoice AI queue for the demo (feature 3.2): a morning's vendor bills, uploaded as PDFs and read by the real
extraction pipeline (`invoice_upload` -> `invoice_extract`, the offline extractor), then reviewed the way a
manager would: two approved, one flagged, one rejected, the rest waiting for review (one of them a re-sent bill the
duplicate check catches, one without a work order reference, one whose prices are far above the vendor's usual).

The PDFs come from the benchmark's invoice generator (benchmarks/invoice_corpus.py: the same layouts the
extractor's accuracy is measured on), filled with the demo's own facts: the vendor assigned to a recent work order,
its unit, its property, work of its trade at about its estimated cost. Its own random stream (seed + 3203);
nothing else of the portfolio moves except what review does (the approved bills' work orders get their actual cost).
"""

from __future__ import annotations

import datetime
import random
from decimal import ROUND_HALF_UP, Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from benchmarks import invoice_corpus as corpus
from invoices.models import InvoiceAIExtraction, Invoices
from invoices.services.extraction import (
    invoice_extraction_approve,
    invoice_extraction_flag,
    invoice_extraction_reject,
    invoice_upload,
)
from units.models import UnitsMaintenance

ACTOR = "demo:invoices"
CENT = Decimal("0.01")
# the corpus's trades by the work order's category
TRADE = {"plumbing": "plumbing", "hvac": "hvac", "electrical": "electrical", "appliance": "appliance",
         "pest": "pest", "structural": "structural", "turnover": "cleaning", "general": "general"}  # fmt: skip
# (what happens in review, the corpus layout): layouts that print the unit, the work order's other clue, but one
PLAN = (
    ("approve", "modern"),
    ("approve", "amount_only"),
    ("review", "modern"),
    ("review", "title_number"),
    ("no_reference", "classic"),
    ("overpriced", "amount_only"),
    ("reject", "modern"),
)
TAX = {"CA": "0.0825", "TX": "0.0825", "FL": "0.07", "NY": "0.08"}


def _typical(wo: UnitsMaintenance) -> Decimal:
    """What the vendor usually bills for this kind of job: the median of its approved or paid bills (one query)."""
    totals = sorted(
        Invoices._base_manager.filter(
            vendor_id=wo.assigned_vendor_id, status__in=(Invoices.Status.APPROVED, Invoices.Status.PAID)
        ).values_list("total_amount", flat=True)[:400]
    )
    return totals[len(totals) // 2] if totals else Decimal(wo.estimated_cost or 250)


def _lines(rng: random.Random, wo: UnitsMaintenance, *, target: Decimal) -> list[tuple[str, Decimal, Decimal]]:
    """A trip charge and one to three jobs of the work order's trade adding up to about `target` before tax."""
    work = corpus.WORK[TRADE.get(wo.category, "general")]
    trip = Decimal(rng.choice((65, 75, 89, 95)))
    rest = max(target - trip, Decimal(40))
    n = rng.randint(1, 3)
    weights = [Decimal(str(rng.uniform(0.7, 1.3))) for _ in range(n)]
    lines = [("Service call / trip charge", Decimal(1), trip)]
    for i, desc in enumerate(rng.sample(work, k=n)):
        qty = Decimal(rng.choice((1, 1, 2))) if i else Decimal(1)
        share = rest * weights[i] / sum(weights)
        lines.append((desc, qty, (share / qty).quantize(CENT, rounding=ROUND_HALF_UP)))
    return lines


def _doc(rng: random.Random, wo: UnitsMaintenance, *, today: datetime.date, factor: float = 1.0) -> corpus.Doc:
    vendor = wo.assigned_vendor
    date = min(today, (wo.completed_date or today) + datetime.timedelta(days=rng.randint(0, 3)))
    target = _typical(wo) * Decimal(str(rng.uniform(0.85, 1.05) * factor))
    return corpus.Doc.of(
        vendor=vendor.name,
        number=f"{''.join(w[0] for w in vendor.name.split()[:2]).upper()}-{rng.randint(10000, 99999)}",
        date=date,
        due=date + datetime.timedelta(days=30),
        wo=wo.work_order_number,
        unit=wo.unit.unit_number,
        customer=wo.property.name,
        address=f"{rng.randint(100, 9999)} {rng.choice(corpus.STREETS)}",
        lines=_lines(rng, wo, target=target),
        tax_rate=TAX.get(wo.property.state, "0"),
    )


def _upload(pdf: bytes, name: str, *, user, today: datetime.date) -> Invoices:
    upload = SimpleUploadedFile(name, pdf, content_type="application/pdf")
    return invoice_upload(files=[upload], user=user, actor=ACTOR, today=today)[0]


def invoice_queue_seed(*, seed: int = 42, today: datetime.date | None = None, user=None) -> str:
    """Uploads and reviews the demo's vendor bills (see the module docstring); returns a one-line summary. Runs with
    the extraction inline (JOBS_RUN_INLINE) and the offline AI: the caller sets both."""
    today = today or timezone.localdate()
    rng = random.Random(seed + 3203)
    recent = (
        UnitsMaintenance._base_manager.filter(
            assigned_vendor__isnull=False,
            status__in=("completed", "in_progress"),
            requested_date__gte=today - datetime.timedelta(days=45),
            invoices__isnull=True,
        )
        .select_related("assigned_vendor", "unit", "property")
        .order_by("-requested_date", "work_order_number")
    )
    pool = list(recent[:200])
    if len(pool) < len(PLAN):
        return "skipped (too few recent work orders with a vendor)"
    picked, used_vendors = [], set()
    for wo in rng.sample(pool, k=len(pool)):  # one bill per vendor: the duplicate check stays about the re-send
        if wo.assigned_vendor_id not in used_vendors:
            picked.append(wo)
            used_vendors.add(wo.assigned_vendor_id)
        if len(picked) == len(PLAN):
            break
    states = []
    for (what, layout), wo in zip(PLAN, picked, strict=False):
        d = _doc(rng, wo, today=today, factor=2.6 if what == "overpriced" else 1.0)
        if what == "no_reference":
            d.wo, d.unit = "", ""
        invoice = _upload(
            corpus.render(layout, d), f"{d.vendor.split()[0].lower()}-{d.number}.pdf", user=user, today=today
        )
        invoice.refresh_from_db()
        if what == "approve":
            invoice_extraction_approve(invoice=invoice, actor=ACTOR, overrides={}, today=today)
        elif what == "overpriced":
            invoice_extraction_flag(
                invoice=invoice,
                actor=ACTOR,
                reason="Well above what this vendor usually bills for the job: asked for the timesheet and parts receipts.",
            )
        elif what == "reject":
            invoice_extraction_reject(
                invoice=invoice, actor=ACTOR, reason="Billed twice on the same ticket; the vendor will send one bill."
            )
        states.append(what)

    # a bill the vendor sent again: one of the portfolio's paid invoices, re-sent as a PDF
    paid = (
        Invoices._base_manager.filter(status=Invoices.Status.PAID, vendor__isnull=False, work_order__isnull=False)
        .select_related("vendor", "work_order__unit", "property")
        .order_by("-invoice_date", "invoice_number")
        .first()
    )
    if paid is not None:
        lines = [(li.description, li.quantity, li.unit_price) for li in paid.line_items.order_by("position")]
        rate = (paid.tax_amount / paid.subtotal).quantize(Decimal("0.0001")) if paid.subtotal else Decimal(0)
        d = corpus.Doc.of(
            vendor=paid.vendor.name,
            number=paid.invoice_number,
            date=paid.invoice_date,
            due=paid.due_date or paid.invoice_date + datetime.timedelta(days=30),
            wo=paid.work_order.work_order_number,
            unit=paid.work_order.unit.unit_number,
            customer=paid.property.name if paid.property_id else "",
            address=f"{rng.randint(100, 9999)} {rng.choice(corpus.STREETS)}",
            lines=lines,
            tax_rate=rate,
        )
        _upload(corpus.render("grid", d), f"resent-{d.number}.pdf", user=user, today=today)
        states.append("resent")
    queue = InvoiceAIExtraction._base_manager.select_related("invoice")
    waiting = queue.filter(invoice__status=Invoices.Status.PROCESSING).count()
    return f"{len(states)} vendor bills uploaded and read ({waiting} in the review queue)."
