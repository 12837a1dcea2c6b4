"""3.2 Invoice AI: upload → extraction (Claude with a key, the offline extractor without) → checks (work-order
match, price, duplicates, GL code) → review (approve with corrections, flag, reject).

- `invoice_upload` stores each file through core/files, cuts a PDF that holds several invoices into their page
  ranges, creates one invoice per range in `processing` with its `InvoiceAIExtraction` (queued) and queues the
  extraction (Celery after commit; inline under `JOBS_RUN_INLINE`, the tests').
- `invoice_extract` reads the file through the gateway (outside any transaction: the model call is slow and its
  log row must survive), then writes the fields and the checks in one transaction. A file that can't be read
  fails the extraction with the reason; the invoice stays in processing, reviewable by hand.
- `invoice_extraction_approve` writes the invoice (fields from the extraction, overridden by the reviewer), its
  lines, the work-order link and the work order's actual cost (through units.services), and approves it: one
  transaction.
"""

from __future__ import annotations

import datetime
import logging
import time
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from core.ai import AIError, Document, Image, complete_json
from core.exceptions import ApplicationError
from core.files.models import StoredFile
from core.files.selectors import file_open
from core.files.services import file_store
from core.formatting import money
from invoices import matching, reading, workflow
from invoices.chart_of_accounts import ACCOUNT_NAMES
from invoices.extractor import match_vendor
from invoices.models import InvoiceAIExtraction, InvoiceAttachments, InvoiceEvents, Invoices, Vendor
from invoices.prompts import INVOICE_EXTRACTION
from invoices.services.invoices import (
    LineInput,
    _clean_text,
    _dates,
    _duplicate_check,
    _event,
    _lines,
    _placement,
    _saved,
    _vendor,
    _write_lines,
)
from units.models import UnitsMaintenance
from units.services import work_order_actual_cost_record

logger = logging.getLogger(__name__)

Status = Invoices.Status
Kind = InvoiceEvents.Kind
XStatus = InvoiceAIExtraction.Status
Review = InvoiceAIExtraction.Review
UPLOAD_MAX_FILES = 10
REASON_MAX = 2000


# --- upload --------------------------------------------------------------------------------------------------------


def _page_ranges(stored: StoredFile, data: bytes) -> list[tuple[int, int]]:
    if stored.kind != StoredFile.Kind.PDF:
        return [(1, 1)]
    try:
        from invoices.extractor import split_invoices

        return split_invoices(reading.pdf_page_texts(data))
    except reading.ReadError:
        return [(1, stored.page_count or 1)]
    except Exception:  # noqa: BLE001 - a file pdfplumber chokes on is read (and fails) in the extraction
        logger.warning("could not split %s into invoices", stored.pk, exc_info=True)
        return [(1, stored.page_count or 1)]


def _read_bytes(stored: StoredFile) -> bytes:
    handle, _ = file_open(stored=stored)
    with handle:
        return handle.read()


def invoice_upload(*, files, user, actor: str, property=None, today: datetime.date | None = None) -> list[Invoices]:
    """Stores the uploaded invoices (PDFs or photos) and queues their extraction; answers the invoices created
    (several per file when a PDF holds several invoices). Every file is checked first: one refused file refuses
    the upload, naming it."""
    today = today or timezone.localdate()
    files = list(files or [])
    if not files:
        raise ApplicationError("Choose at least one invoice file (PDF or photo).", extra={"field": "files"})
    if len(files) > UPLOAD_MAX_FILES:
        raise ApplicationError(f"At most {UPLOAD_MAX_FILES} files at once.", extra={"field": "files"})
    prop, _unit, _wo = _placement(property_id=property, unit_id=None, work_order_id=None)
    stored_files = []
    for upload in files:
        name = getattr(upload, "name", "") or "file"
        try:
            stored_files.append(file_store(upload=upload, purpose=StoredFile.Purpose.INVOICE, user=user))
        except ApplicationError as exc:
            raise ApplicationError(f"{name}: {exc.message}", extra={"field": "files", "file": name}) from exc
    plans = []
    for stored in stored_files:
        data = _read_bytes(stored)
        plans.append((stored, _page_ranges(stored, data)))
    created = []
    now = timezone.now()
    with transaction.atomic():
        for stored, ranges in plans:
            for first, last in ranges:
                invoice = Invoices.objects.create(
                    invoice_number="",
                    invoice_date=today,
                    property=prop,
                    status=Status.PROCESSING,
                    notes="",
                )
                InvoiceAttachments.objects.create(invoice=invoice, stored_file=stored, added_by=actor[:100])
                InvoiceAIExtraction.objects.create(
                    invoice=invoice,
                    source_file=stored,
                    first_page=first,
                    last_page=last if stored.kind == StoredFile.Kind.PDF else None,
                    status=XStatus.QUEUED,
                )
                pages = ""
                if stored.kind == StoredFile.Kind.PDF:
                    pages = f" (page {first})" if first == last else f" (pages {first}–{last})"
                if len(ranges) > 1:
                    pages += f", invoice {ranges.index((first, last)) + 1} of {len(ranges)} in the file"
                _event(invoice, kind=Kind.CREATED, actor=actor, now=now, to_status=Status.PROCESSING,
                       message=f"Uploaded {stored.original_name}{pages} for AI extraction.")  # fmt: skip
                created.append(invoice)
    for invoice in created:
        extraction_queue(invoice_id=invoice.pk)
    return created


def extraction_queue(*, invoice_id) -> None:
    """Runs the extraction after commit on a worker (inline under JOBS_RUN_INLINE: tests, deterministic)."""
    from invoices.tasks import extract_invoice

    if getattr(settings, "JOBS_RUN_INLINE", False):
        invoice_extract(invoice_id=invoice_id)
        return
    transaction.on_commit(lambda: extract_invoice.delay(str(invoice_id)))


def extraction_retry(*, invoice: Invoices, actor: str) -> InvoiceAIExtraction:
    """Reads the file again (after a failure, or once OCR is installed)."""
    extraction = InvoiceAIExtraction.objects.filter(invoice=invoice).first()
    if extraction is None or extraction.source_file_id is None:
        raise ApplicationError("This invoice has no uploaded file to read.")
    if invoice.status != Status.PROCESSING:
        raise ApplicationError(f"The invoice is {invoice.status}; only invoices in processing are read again.")
    if extraction.status in (XStatus.QUEUED, XStatus.EXTRACTING):
        return extraction
    InvoiceAIExtraction.objects.filter(pk=extraction.pk).update(status=XStatus.QUEUED, failure_reason="")
    _event(invoice, kind=Kind.NOTE, actor=actor, now=timezone.now(), message="Extraction requested again.")
    extraction_queue(invoice_id=invoice.pk)
    extraction.refresh_from_db()
    return extraction


# --- extraction ----------------------------------------------------------------------------------------------------


def _dec(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        number = Decimal(str(value).replace(",", "").replace("$", "").strip())
    except (InvalidOperation, ValueError):
        return None
    if not number.is_finite() or abs(number) > Decimal("99999999.99"):
        return None
    return number.quantize(Decimal("0.01"))


def _date(value) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _text(value, limit: int) -> str:
    return "" if value in (None, "") else str(value).strip()[:limit]


def _fail(extraction: InvoiceAIExtraction, reason: str, *, started: float) -> None:
    InvoiceAIExtraction.objects.filter(pk=extraction.pk).update(
        status=XStatus.FAILED,
        failure_reason=reason[:REASON_MAX],
        processing_time_ms=int((time.perf_counter() - started) * 1000),
        updated_at=timezone.now(),
    )
    _event(extraction.invoice, kind=Kind.NOTE, actor="system", now=timezone.now(),
           message=f"AI extraction failed: {reason} The invoice can be entered by hand.")  # fmt: skip


def invoice_extract(*, invoice_id) -> InvoiceAIExtraction | None:
    """Reads one uploaded invoice and stores what was found with the checks. Safe to run twice (a finished
    extraction is not read again)."""
    extraction = (
        InvoiceAIExtraction._base_manager.select_related("invoice", "source_file").filter(invoice_id=invoice_id).first()
    )
    if extraction is None or extraction.status in (XStatus.EXTRACTED, XStatus.FAILED):
        return extraction
    started = time.perf_counter()
    InvoiceAIExtraction._base_manager.filter(pk=extraction.pk).update(status=XStatus.EXTRACTING)
    stored = extraction.source_file
    if stored is None:
        _fail(extraction, "The invoice has no file to read.", started=started)
        return extraction
    try:
        data = _read_bytes(stored)
    except OSError:
        _fail(extraction, "The uploaded file is missing from storage.", started=started)
        return extraction
    known = list(Vendor.objects.filter(is_active=True).order_by("name").values_list("name", flat=True)[:500])
    inputs = {"file_title": stored.original_name, "known_vendors": known}
    try:
        if stored.kind == StoredFile.Kind.PDF:
            last = extraction.last_page or stored.page_count or 1
            if extraction.first_page != 1 or last != (stored.page_count or last):
                data = reading.pdf_pages_cut(data, extraction.first_page, last)
            result = complete_json(
                INVOICE_EXTRACTION, inputs, documents=[Document.from_bytes(data, title=stored.original_name)],
                offline_fallback=True,
            )  # fmt: skip
        else:
            result = complete_json(INVOICE_EXTRACTION, inputs, images=[Image.from_bytes(data)], offline_fallback=True)
    except reading.ReadError as exc:
        _fail(extraction, str(exc), started=started)
        return extraction
    except AIError as exc:
        _fail(extraction, f"The AI could not read the invoice ({exc.message}).", started=started)
        return extraction
    except Exception as exc:  # noqa: BLE001 - a hostile file must fail the extraction, not the worker
        logger.exception("invoice extraction crashed for %s", invoice_id)
        _fail(extraction, f"The file could not be read ({type(exc).__name__}).", started=started)
        return extraction
    _store_result(extraction, result.data, provider=result.provider, model=result.model, known=known, started=started)
    return InvoiceAIExtraction._base_manager.get(pk=extraction.pk)


def _store_result(extraction, data: dict, *, provider: str, model: str, known: list[str], started: float) -> None:
    invoice = extraction.invoice
    lines = []
    for raw in data.get("line_items") or []:
        if not isinstance(raw, dict):
            continue
        amount = _dec(raw.get("total"))
        description = _text(raw.get("description"), 255)
        if amount is None and not description:
            continue
        lines.append(
            {
                "description": description,
                "quantity": str(_dec(raw.get("quantity")) if _dec(raw.get("quantity")) is not None else ""),
                "unit_price": str(_dec(raw.get("unit_price"))) if _dec(raw.get("unit_price")) is not None else None,
                "total": str(amount) if amount is not None else None,
                "confidence": float(
                    raw.get("confidence") or (data.get("field_confidence") or {}).get("line_items") or 0.8
                ),
                "location": raw.get("location"),
            }
        )
    for line in lines:
        line["quantity"] = line["quantity"] or None
    subtotal, tax, total = _dec(data.get("subtotal")), _dec(data.get("tax")), _dec(data.get("total"))
    vendor_name = _text(data.get("vendor_name"), 200)
    confidence = {k: float(v) for k, v in (data.get("field_confidence") or {}).items() if isinstance(v, (int, float))}
    if provider != "offline":  # Claude's own confidence, tempered by the arithmetic below
        for name in ("vendor_name", "invoice_number", "invoice_date", "due_date", "subtotal", "tax", "total"):
            confidence.setdefault(name, 0.9 if data.get(name) not in (None, "") else 0.0)
        confidence.setdefault("line_items", 0.9 if lines else 0.0)
    checks = data.get("checks") or matching.cross_checks(lines=lines, subtotal=subtotal, tax=tax, total=total)
    if provider != "offline":
        for check in checks:
            fields = {"lines_sum_to_subtotal": ("line_items", "subtotal"),
                      "subtotal_plus_tax_is_total": ("subtotal", "tax", "total")}.get(check["check"], ())  # fmt: skip
            for name in fields:
                confidence[name] = round(min(0.99, confidence.get(name, 0.8) + 0.05) if check["ok"]
                                         else max(0.2, confidence.get(name, 0.8) - 0.3), 2)  # fmt: skip
    # vendor: the one the extractor matched, else a fuzzy match of the printed name
    matched_name = data.get("matched_vendor_name")
    score = data.get("vendor_match_score")
    if not matched_name and vendor_name:
        matched_name, score = match_vendor(vendor_name, known)
    vendor = Vendor.objects.filter(name=matched_name).first() if matched_name else None
    number = _text(data.get("invoice_number"), 100)
    invoice_date = _date(data.get("invoice_date"))
    due_date = _date(data.get("due_date"))
    facts_text = " ".join(str(line["description"]) for line in lines)
    # work-order candidates
    wo_ref = _text(data.get("work_order_reference"), 100)
    unit_text = _text(data.get("unit"), 100)
    property_text = _text(data.get("property"), 200)
    candidates = _work_order_candidates(invoice=invoice, vendor=vendor, invoice_date=invoice_date, reference=wo_ref)
    ranked = matching.rank_work_orders(
        candidates,
        matching.InvoiceFacts(
            vendor_id=str(vendor.pk) if vendor else None,
            invoice_date=invoice_date,
            total=total,
            work_order_reference=wo_ref,
            unit=unit_text,
            property_text=property_text,
            text=facts_text,
        ),
    )
    wo_id, wo_conf, wo_reason = matching.auto_link(ranked)
    wo = next((c for c in candidates if c.id == wo_id), None)
    category = wo.category if wo else (vendor.trade if vendor else "")
    gl_code, gl_conf = matching.gl_code_for(category=category, text=facts_text)
    category_label = dict(UnitsMaintenance.Category.choices).get(category, "")
    vendor_hist, portfolio_hist = _price_history(vendor=vendor, category=category, exclude=invoice.pk)
    price = matching.price_check(
        total=total,
        category_label=category_label,
        vendor_history=vendor_hist,
        portfolio_history=portfolio_hist,
        labour_rate=matching.labour_rate(lines),
        vendor_hourly_rate=vendor.hourly_rate if vendor else None,
    )
    dup_id, dup_reason = matching.duplicate_reason(
        vendor_id=str(vendor.pk) if vendor else None,
        number=number,
        total=total,
        invoice_date=invoice_date,
        priors=_priors(invoice=invoice, vendor=vendor, number=number, sha256=extraction.source_file.sha256),
    )
    key = ("vendor_name", "invoice_number", "invoice_date", "total", "line_items")
    overall = data.get("confidence")
    if not isinstance(overall, (int, float)):
        overall = sum(confidence.get(k, 0.0) for k in key) / len(key)
    with transaction.atomic():
        row = InvoiceAIExtraction._base_manager.select_for_update().get(pk=extraction.pk)
        row.status = XStatus.EXTRACTED
        row.failure_reason = ""
        row.provider = provider
        row.extraction_model = (model or "")[:50]
        row.ocr_used = bool(data.get("ocr_used"))
        row.extracted_vendor_name = vendor_name
        row.matched_vendor = vendor
        row.vendor_match_score = float(score) if (vendor and score is not None) else None
        row.extracted_invoice_number = number
        row.extracted_date = invoice_date
        row.extracted_due_date = due_date
        row.extracted_subtotal, row.extracted_tax, row.extracted_total = subtotal, tax, total
        row.extracted_line_items = lines
        row.extracted_po_number = _text(data.get("po_number"), 100)
        row.extracted_work_order_reference = wo_ref
        row.extracted_unit = unit_text
        row.extracted_property = property_text
        row.extracted_currency = _text(data.get("currency"), 3).upper()
        row.extracted_payment_terms = _text(data.get("payment_terms"), 100)
        row.field_confidence = {k: round(v, 2) for k, v in confidence.items()}
        row.field_locations = data.get("field_locations") if isinstance(data.get("field_locations"), dict) else {}
        row.checks = checks
        row.wo_candidates = ranked
        row.matched_work_order_id = wo_id
        row.wo_match_confidence = wo_conf
        row.wo_match_reasoning = wo_reason
        row.suggested_gl_code = gl_code
        row.gl_confidence = gl_conf
        row.price_validated = price.validated
        row.price_anomaly_detected = price.anomaly
        row.price_anomaly_details = price.details
        row.historical_avg_price = price.typical
        row.duplicate_of_id = dup_id
        row.duplicate_reason = dup_reason
        row.extraction_confidence = round(float(overall), 2)
        row.processing_time_ms = int((time.perf_counter() - started) * 1000)
        row.raw_response = {k: v for k, v in data.items() if k != "text_excerpt"}
        row.text_excerpt = str(data.get("text_excerpt") or "")[:6000]
        row.save()
        found = f"{vendor_name or 'unknown vendor'}, {number or 'no number'}, total {money(total) if total else '?'}"
        notes = [f"AI extraction ({provider}): {found}; confidence {row.extraction_confidence:.0%}."]
        if dup_reason:
            notes.append(f"Possible duplicate: {dup_reason}")
        if price.anomaly:
            notes.append(f"Price check: {price.details}")
        _event(invoice, kind=Kind.NOTE, actor="system", now=timezone.now(), message=" ".join(notes))


def _work_order_candidates(*, invoice, vendor, invoice_date, reference) -> list[matching.WorkOrderFacts]:
    """Open or recently completed work orders (one query): the invoice's property when it has one; the vendor's
    and any named by the reference."""
    since = (invoice_date or timezone.localdate()) - datetime.timedelta(days=matching.MATCH_WINDOW_DAYS)
    recent = Q(status__in=("open", "assigned", "in_progress")) | Q(
        status__in=("completed", "closed"), completed_date__gte=since
    )
    qs = UnitsMaintenance._base_manager.select_related("unit", "property").filter(recent, requested_date__gte=since - datetime.timedelta(days=180))  # fmt: skip
    digits = "".join(ch for ch in reference if ch.isdigit()).lstrip("0")
    scope = Q()
    if invoice.property_id:
        scope = Q(property_id=invoice.property_id)
    elif vendor is not None:
        scope = Q(assigned_vendor=vendor)
    if digits:
        scope |= Q(work_order_number__endswith=digits)
        qs = (
            UnitsMaintenance._base_manager.select_related("unit", "property")
            .filter(scope)
            .filter(Q(work_order_number__endswith=digits) | recent)
        )
    else:
        qs = qs.filter(scope) if scope else qs
    rows = qs.exclude(status="cancelled").order_by("-requested_date")[:300]
    return [
        matching.WorkOrderFacts(
            id=str(wo.pk),
            number=wo.work_order_number,
            vendor_id=str(wo.assigned_vendor_id) if wo.assigned_vendor_id else None,
            property_id=str(wo.property_id),
            property_name=wo.property.name,
            unit_number=wo.unit.unit_number,
            title=wo.title,
            description=wo.description,
            category=wo.category,
            status=wo.status,
            requested_date=wo.requested_date,
            scheduled_date=wo.scheduled_date,
            completed_date=wo.completed_date,
            estimated_cost=wo.estimated_cost,
        )
        for wo in rows
    ]


PRICE_HISTORY_ROWS = 200


def _price_history(*, vendor, category: str, exclude) -> tuple[list[Decimal], list[Decimal]]:
    """Totals of approved or paid invoices for the same category (the work order's, else the vendor's trade):
    the vendor's and the portfolio's (two queries)."""
    if not category:
        return [], []
    done = Invoices._base_manager.filter(status__in=(Status.APPROVED, Status.PAID), total_amount__gt=0).exclude(
        pk=exclude
    )
    same = done.filter(Q(work_order__category=category) | Q(work_order__isnull=True, vendor__trade=category))
    portfolio = list(same.order_by("-invoice_date").values_list("total_amount", flat=True)[:PRICE_HISTORY_ROWS])
    mine = (
        list(
            same.filter(vendor=vendor)
            .order_by("-invoice_date")
            .values_list("total_amount", flat=True)[:PRICE_HISTORY_ROWS]
        )
        if vendor
        else []
    )
    return mine, portfolio


def _priors(*, invoice, vendor, number, sha256) -> list[matching.Prior]:
    """Other invoices this one may duplicate: the vendor's with the same number or within the amount/date rule,
    other uploads' extractions, and uploads of the very same file (three queries)."""
    priors: list[matching.Prior] = []
    if vendor is not None:
        for other in (
            Invoices._base_manager.filter(vendor=vendor)
            .exclude(pk=invoice.pk)
            .exclude(status=Status.REJECTED)
            .order_by("-invoice_date")[:500]
        ):
            priors.append(matching.Prior(id=str(other.pk), label=f"invoice {other.invoice_number} ({other.status})",
                                         vendor_id=str(vendor.pk), number=other.invoice_number,
                                         total=other.total_amount, invoice_date=other.invoice_date))  # fmt: skip
        for other in (
            InvoiceAIExtraction._base_manager.select_related("invoice")
            .filter(matched_vendor=vendor, invoice__status=Status.PROCESSING)
            .exclude(invoice_id=invoice.pk)[:200]
        ):
            label = f"the upload {other.extracted_invoice_number or 'without a number'} (in processing)"
            priors.append(matching.Prior(id=str(other.invoice_id), label=label, vendor_id=str(vendor.pk),
                                         number=other.extracted_invoice_number, total=other.extracted_total,
                                         invoice_date=other.extracted_date))  # fmt: skip
    same_file = (
        InvoiceAIExtraction._base_manager.select_related("invoice")
        .filter(source_file__sha256=sha256)
        .exclude(invoice_id=invoice.pk)
        .exclude(invoice__status=Status.REJECTED)
        .exclude(source_file_id=InvoiceAIExtraction._base_manager.filter(invoice_id=invoice.pk).values("source_file_id")[:1])
        .order_by("created_at")
        .first()
    )  # fmt: skip
    if same_file is not None:
        other = same_file.invoice
        label = f"invoice {other.invoice_number or same_file.extracted_invoice_number or '(in processing)'}"
        priors.insert(0, matching.Prior(id=str(other.pk), label=f"{label} ({other.status})", vendor_id=None,
                                        number="", total=None, invoice_date=None, same_file=True))  # fmt: skip
    return priors


# --- review --------------------------------------------------------------------------------------------------------


def _extraction_for(invoice: Invoices) -> InvoiceAIExtraction:
    extraction = InvoiceAIExtraction.objects.filter(invoice=invoice).first()
    if extraction is None:
        raise ApplicationError("This invoice was not uploaded for AI extraction.", status_code=404)
    return extraction


def _line_inputs(lines: list[dict]) -> list[LineInput]:
    out = []
    for i, line in enumerate(lines, start=1):
        description = str(line.get("description") or "").strip() or f"Line {i}"
        quantity = _dec(line.get("quantity"))
        price = _dec(line.get("unit_price"))
        amount = _dec(line.get("total"))
        if quantity is None or quantity <= 0:
            quantity = Decimal("1")
        if price is None:
            price = (amount / quantity).quantize(Decimal("0.01")) if amount is not None else Decimal("0")
        out.append(LineInput(description=description[:255], quantity=quantity, unit_price=price,
                             gl_code=str(line.get("gl_code") or "")))  # fmt: skip
    return out


def invoice_extraction_approve(
    *, invoice: Invoices, actor: str, overrides: dict, today: datetime.date | None = None
) -> Invoices:
    """Approves an uploaded invoice: the extraction's fields, each replaced by the reviewer's override when given
    (`vendor`, `invoice_number`, `invoice_date`, `due_date`, `tax_amount`, `line_items`, `work_order`, `property`,
    `unit`, `gl_code`, `notes`; already validated as types by the API), written to the invoice with its lines; the
    work order linked and its actual cost set to what its approved invoices total. One transaction."""
    today = today or timezone.localdate()
    extraction = _extraction_for(invoice)
    if extraction.status in (XStatus.QUEUED, XStatus.EXTRACTING) and not overrides.get("line_items"):
        raise ApplicationError("The invoice is still being read; wait for the extraction or enter the lines.")
    o = overrides
    vendor_id = o.get("vendor") or extraction.matched_vendor_id
    if not vendor_id:
        raise ApplicationError(
            f"Choose the vendor: “{extraction.extracted_vendor_name or 'no name found'}” matches no known vendor.",
            extra={"field": "vendor"},
        )
    vendor = _vendor(vendor_id)
    number = _clean_text(o.get("invoice_number", extraction.extracted_invoice_number), label="The invoice number",
                         field="invoice_number", limit=60, required=True)  # fmt: skip
    invoice_date = o.get("invoice_date") or extraction.extracted_date
    if invoice_date is None:
        raise ApplicationError("Give the invoice date.", extra={"field": "invoice_date"})
    due_date = o["due_date"] if "due_date" in o else extraction.extracted_due_date
    if due_date is not None and due_date < invoice_date:
        if "due_date" in o:
            _dates(invoice_date, due_date, today=today)
        due_date = None
    _dates(invoice_date, due_date, today=today)
    wo_id = o["work_order"] if "work_order" in o else extraction.matched_work_order_id
    prop, unit, wo = _placement(
        property_id=o.get("property", invoice.property_id if not wo_id else None),
        unit_id=o.get("unit"),
        work_order_id=wo_id,
    )
    if "line_items" in o:
        line_inputs = [
            LineInput(
                description=li["description"],
                quantity=li.get("quantity", Decimal("1")),
                unit_price=li.get("unit_price", Decimal("0")),
                gl_code=li.get("gl_code", ""),
            )  # fmt: skip
            for li in o["line_items"]
        ]
    else:
        line_inputs = _line_inputs(extraction.extracted_line_items or [])
    tax = o["tax_amount"] if "tax_amount" in o else (extraction.extracted_tax or Decimal("0"))
    gl_code = _clean_text(
        o.get("gl_code", extraction.suggested_gl_code), label="The GL code", field="gl_code", limit=20
    )
    if not line_inputs:
        raise ApplicationError(
            "Add at least one line item before approving the invoice.", extra={"field": "line_items"}
        )
    lines, totals = _lines(line_inputs, tax)
    notes = _clean_text(o.get("notes", invoice.notes), label="The notes", field="notes", limit=5000)
    _duplicate_check(vendor=vendor, invoice_number=number, exclude_id=invoice.pk)
    now = timezone.now()
    with transaction.atomic():
        locked = Invoices.objects.select_for_update().get(pk=invoice.pk)
        if locked.status != Status.PROCESSING:
            raise ApplicationError(
                f"The invoice is already {locked.status}; only invoices in processing are approved from the extraction.",
                extra={"allowed": workflow.allowed_transitions(locked.status)},
            )
        refusal = workflow.transition_refusal(
            workflow.InvoiceFacts(
                status=locked.status,
                has_vendor=True,
                line_count=len(lines),
                total=totals.total,
                invoice_date=invoice_date,
            ),  # fmt: skip
            workflow.Move(to=Status.APPROVED),
            today=today,
        )
        if refusal is not None:
            raise ApplicationError(refusal.message, extra={"field": refusal.field} if refusal.field else None)
        corrected = _corrections(extraction, vendor=vendor, number=number, invoice_date=invoice_date,
                                 total=totals.total, wo=wo)  # fmt: skip
        locked.vendor, locked.invoice_number = vendor, number
        locked.invoice_date, locked.due_date = invoice_date, due_date
        locked.property, locked.unit, locked.work_order = prop, unit, wo
        locked.subtotal, locked.tax_amount, locked.total_amount = totals.subtotal, totals.tax, totals.total
        locked.gl_code = gl_code
        locked.notes = notes
        locked.confidence_score = extraction.extraction_confidence
        locked.status = Status.APPROVED
        locked.approved_at, locked.approved_by = now, actor[:100]
        _saved(locked)
        locked.line_items.all().delete()
        _write_lines(locked, lines, totals)
        InvoiceAIExtraction.objects.filter(pk=extraction.pk).update(
            review_state=Review.APPROVED, matched_work_order=wo, updated_at=now
        )
        message = f"Approved from the AI extraction: {len(lines)} line{'s' if len(lines) != 1 else ''}, total {money(totals.total)}."
        if corrected:
            message += " Corrected: " + ", ".join(corrected) + "."
        _event(locked, kind=Kind.STATUS, actor=actor, now=now, from_status=Status.PROCESSING,
               to_status=Status.APPROVED, message=message)  # fmt: skip
        if wo is not None:
            billed = sum(
                Invoices._base_manager.filter(work_order=wo, status__in=(Status.APPROVED, Status.PAID)).values_list(
                    "total_amount", flat=True
                ),
                Decimal("0"),
            )
            work_order_actual_cost_record(work_order=wo, actual_cost=billed, source=f"invoice {number}", actor=actor)
    return locked


def _corrections(extraction, *, vendor, number, invoice_date, total, wo) -> list[str]:
    out = []
    if extraction.matched_vendor_id != vendor.pk:
        out.append("vendor")
    if extraction.extracted_invoice_number != number:
        out.append("invoice number")
    if extraction.extracted_date != invoice_date:
        out.append("invoice date")
    if extraction.extracted_total is not None and extraction.extracted_total != total:
        out.append(f"total ({money(extraction.extracted_total)} read)")
    if (extraction.matched_work_order_id or None) != (wo.pk if wo else None):
        out.append("work order")
    return out


def invoice_extraction_match_work_order(*, invoice: Invoices, actor: str, work_order) -> InvoiceAIExtraction:
    """Links the uploaded invoice to a work order by hand (or unlinks it: None) before approval."""
    extraction = _extraction_for(invoice)
    if invoice.status != Status.PROCESSING:
        raise ApplicationError(f"The invoice is {invoice.status}; edit it instead (work order field).")
    wo = None
    if work_order:
        _prop, _unit, wo = _placement(property_id=None, unit_id=None, work_order_id=work_order)
        if wo.status == UnitsMaintenance.Status.CANCELLED:
            raise ApplicationError(f"Work order {wo.work_order_number} is cancelled.", extra={"field": "work_order"})
    with transaction.atomic():
        InvoiceAIExtraction.objects.filter(pk=extraction.pk).update(
            matched_work_order=wo,
            wo_match_confidence=1.0 if wo else None,
            wo_match_reasoning=f"Linked by hand to {wo.work_order_number}." if wo else "Unlinked by hand.",
            updated_at=timezone.now(),
        )
        if wo is not None and invoice.property_id != wo.property_id:
            Invoices.objects.filter(pk=invoice.pk).update(property=wo.property_id, unit=wo.unit_id)
        _event(invoice, kind=Kind.UPDATED, actor=actor, now=timezone.now(),
               message=f"Work order {wo.work_order_number} linked by hand." if wo else "Work order unlinked.")  # fmt: skip
    extraction.refresh_from_db()
    return extraction


def invoice_extraction_flag(*, invoice: Invoices, actor: str, reason: str) -> InvoiceAIExtraction:
    """Marks the uploaded invoice for a second look (stays in processing; can still be approved or rejected)."""
    extraction = _extraction_for(invoice)
    reason = (reason or "").strip()
    if not reason:
        raise ApplicationError("Say why the invoice is flagged (reason).", extra={"field": "reason"})
    if len(reason) > REASON_MAX:
        raise ApplicationError(
            f"The reason is too long (at most {REASON_MAX:,} characters).", extra={"field": "reason"}
        )
    if invoice.status != Status.PROCESSING:
        raise ApplicationError(f"The invoice is {invoice.status}; only invoices in processing can be flagged.")
    with transaction.atomic():
        InvoiceAIExtraction.objects.filter(pk=extraction.pk).update(
            review_state=Review.FLAGGED, flag_reason=reason, updated_at=timezone.now()
        )
        _event(invoice, kind=Kind.NOTE, actor=actor, now=timezone.now(), message=f"Flagged for review: {reason}")
    extraction.refresh_from_db()
    return extraction


def invoice_extraction_reject(*, invoice: Invoices, actor: str, reason: str) -> Invoices:
    """Rejects an uploaded invoice with the reason (the vendor will ask)."""
    from invoices.services.invoices import invoice_transition

    extraction = _extraction_for(invoice)
    with transaction.atomic():
        rejected = invoice_transition(invoice=invoice, actor=actor, to=Status.REJECTED, note=reason)
        InvoiceAIExtraction.objects.filter(pk=extraction.pk).update(
            review_state=Review.REJECTED, updated_at=timezone.now()
        )
    return rejected


ACCOUNT_CHOICES = [{"code": code, "name": name} for code, name in ACCOUNT_NAMES.items()]
