import { ExtractionApproval, InvoiceExtraction } from '../../core/models';

/** Under this confidence a field is highlighted for the reviewer (the API's LOW_CONFIDENCE). */
export const LOW_CONFIDENCE = 0.7;

export interface LineDraftAi {
  description: string;
  quantity: string;
  unit_price: string;
}

/** What the reviewer edits: the extraction's values, as text for the inputs. */
export interface ReviewDraft {
  vendor: string;
  invoice_number: string;
  invoice_date: string;
  due_date: string;
  tax_amount: string;
  gl_code: string;
  work_order: string;
  notes: string;
  lines: LineDraftAi[];
}

export function draftFrom(x: InvoiceExtraction): ReviewDraft {
  return {
    vendor: x.matched_vendor ?? '',
    invoice_number: x.extracted_invoice_number ?? '',
    invoice_date: x.extracted_date ?? '',
    due_date: x.extracted_due_date ?? '',
    tax_amount: x.extracted_tax ?? '0.00',
    gl_code: x.suggested_gl_code ?? '',
    work_order: x.matched_work_order ?? '',
    notes: '',
    lines: (x.extracted_line_items ?? []).map((l) => ({
      description: l.description ?? '',
      quantity: l.quantity ?? '1',
      unit_price: l.unit_price ?? l.total ?? '0.00',
    })),
  };
}

/** The approval body: every field as the reviewer left it (the server validates and computes amounts). */
export function approvalBody(d: ReviewDraft): ExtractionApproval {
  const body: ExtractionApproval = {
    invoice_number: d.invoice_number.trim(),
    due_date: d.due_date || null,
    work_order: d.work_order || null,
    tax_amount: d.tax_amount.trim() || '0.00',
    gl_code: d.gl_code,
    notes: d.notes,
    line_items: d.lines
      .filter((l) => l.description.trim() || l.unit_price.trim())
      .map((l) => ({
        description: l.description.trim(),
        quantity: l.quantity.trim() || '1',
        unit_price: l.unit_price.trim() || '0.00',
        gl_code: d.gl_code,
      })),
  };
  if (d.vendor) body.vendor = d.vendor;
  if (d.invoice_date) body.invoice_date = d.invoice_date;
  return body;
}

/** The confidence of a field (0..1), or null when the AI gave none. */
export function confidenceOf(
  x: InvoiceExtraction | null | undefined,
  field: string,
): number | null {
  const c = x?.field_confidence?.[field];
  return typeof c === 'number' ? c : null;
}

/** Low: read with little confidence, or not read at all while the extraction succeeded. */
export function isLow(x: InvoiceExtraction | null | undefined, field: string): boolean {
  if (!x || x.status !== 'extracted') return false;
  const c = confidenceOf(x, field);
  return c === null || c < LOW_CONFIDENCE;
}

export function pct(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${Math.round(value * 100)}%`;
}

/** Sum of the draft's lines (quantity × unit price), in dollars, for the live total. */
export function draftTotal(d: ReviewDraft): number {
  const lines = d.lines.reduce((sum, l) => {
    const q = Number(l.quantity || '1');
    const p = Number(l.unit_price || '0');
    return Number.isFinite(q) && Number.isFinite(p) ? sum + Math.round(q * p * 100) : sum;
  }, 0);
  const tax = Math.round(Number(d.tax_amount || '0') * 100);
  return (lines + (Number.isFinite(tax) ? tax : 0)) / 100;
}

/** Polling: keep asking while the file is queued or being read. */
export function stillReading(x: InvoiceExtraction | null | undefined): boolean {
  return !!x && (x.status === 'queued' || x.status === 'extracting');
}
