import { InvoiceStatus } from '../../core/models';

/**
 * Invoice arithmetic on screen, in integer cents (never floats): the same rules as the server
 * (invoices/amounts.py) — a line's amount is quantity x unit price rounded half-up to the cent, the subtotal
 * the sum of the lines, the total subtotal + tax — so the live totals of the form are the ones the server saves.
 */

const DECIMAL = /^(\d+)(?:\.(\d*))?$|^\.(\d+)$/;

/** Bounds the API checks (invoices/amounts.py), shown before sending. */
export const QUANTITY_MAX_HUNDREDTHS = 10_000 * 100;
export const UNIT_PRICE_MAX_CENTS = 1_000_000 * 100;
export const TAX_MAX_CENTS = 1_000_000 * 100;
export const TOTAL_MAX_CENTS = 10_000_000 * 100;
export const LINES_MAX = 200;

/**
 * A non-negative decimal with at most 2 places as an integer count of hundredths ("12.5" → 1250,
 * "$1,234.56" → 123456, "" → null). Refuses signs, exponents, a third decimal, anything else (null).
 */
export function parseHundredths(text: string | number | null | undefined): number | null {
  if (text === null || text === undefined) return null;
  const cleaned = String(text).trim().replace(/^\$/, '').replace(/,/g, '');
  if (!cleaned) return null;
  const m = DECIMAL.exec(cleaned);
  if (!m) return null;
  const whole = m[1] ?? '0';
  const frac = m[2] ?? m[3] ?? '';
  if (frac.length > 2) return null;
  if (whole.length > 12) return null; // far beyond every bound: stay exact
  return Number(whole) * 100 + Number(frac.padEnd(2, '0'));
}

/** Quantity (hundredths) x unit price (cents) in cents, rounded half-up — exact in integers. */
export function lineAmountCents(quantityHundredths: number, unitPriceCents: number): number {
  const product = quantityHundredths * unitPriceCents + 50; // < 2^53 within the API's bounds
  return (product - (product % 100)) / 100;
}

export interface LineDraft {
  description: string;
  quantity: string;
  unit_price: string;
}

export interface LineCheck {
  quantity: number | null;
  unitPrice: number | null;
  /** Cents, or null while a number is missing or invalid. */
  amount: number | null;
  error: string | null;
}

export function checkLine(line: LineDraft): LineCheck {
  const quantity = parseHundredths(line.quantity === '' ? '1' : line.quantity);
  const unitPrice = parseHundredths(line.unit_price === '' ? '0' : line.unit_price);
  let error: string | null = null;
  if (quantity === null) error = 'Quantity: a number with at most 2 decimals.';
  else if (quantity <= 0 || quantity > QUANTITY_MAX_HUNDREDTHS)
    error = 'Quantity: more than 0 and at most 10,000.';
  else if (unitPrice === null) error = 'Unit price: an amount like 85.00.';
  else if (unitPrice > UNIT_PRICE_MAX_CENTS) error = 'Unit price: at most $1,000,000.00.';
  else if (!line.description.trim()) error = 'Describe the line.';
  const amount =
    quantity !== null && unitPrice !== null && quantity > 0
      ? lineAmountCents(quantity, unitPrice)
      : null;
  return { quantity, unitPrice, amount, error };
}

export interface DraftTotals {
  lines: LineCheck[];
  subtotal: number;
  tax: number | null;
  total: number;
  /** The first problem with the lines, the tax or the total; null when the invoice can be sent. */
  error: string | null;
}

export function draftTotals(lines: readonly LineDraft[], taxText: string): DraftTotals {
  const checked = lines.map(checkLine);
  const subtotal = checked.reduce((sum, l) => sum + (l.amount ?? 0), 0);
  const tax = parseHundredths(taxText === '' ? '0' : taxText);
  const total = subtotal + (tax ?? 0);
  let error: string | null = null;
  const bad = checked.findIndex((l) => l.error);
  if (lines.length === 0) error = 'Add at least one line item.';
  else if (lines.length > LINES_MAX) error = `At most ${LINES_MAX} line items.`;
  else if (bad >= 0) error = `Line ${bad + 1}: ${checked[bad].error}`;
  else if (tax === null) error = 'Tax: an amount like 12.50.';
  else if (tax > TAX_MAX_CENTS) error = 'Tax: at most $1,000,000.00.';
  else if (total > TOTAL_MAX_CENTS) error = 'The total is above the $10,000,000.00 limit.';
  return { lines: checked, subtotal, tax, total, error };
}

/** Cents as the API's decimal string: 12345 → "123.45". */
export function centsToDecimal(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** Hundredths as a short decimal: 150 → "1.5", 200 → "2", 125 → "1.25". */
export function hundredthsToText(n: number): string {
  return centsToDecimal(n).replace(/\.?0+$/, '');
}

/** An action button on the detail screen: the move, its label, and whether it asks for a note. */
export interface InvoiceAction {
  to: InvoiceStatus;
  label: string;
  /** What the confirm step says. */
  confirm: string;
  tone: 'primary' | 'danger' | 'plain';
  /** The note's label; required when `noteRequired`. */
  note: string | null;
  noteRequired: boolean;
  testId: string;
}

/** The moves the invoice offers now (the API's `allowed_transitions`), worded for its buttons. */
export function invoiceActions(
  status: InvoiceStatus,
  allowed: readonly InvoiceStatus[],
): InvoiceAction[] {
  // An upload in processing is approved, flagged or rejected on its review screen (3.2), not here.
  if (status === 'processing') return [];
  const all: Record<Exclude<InvoiceStatus, 'processing'>, InvoiceAction> = {
    approved: {
      to: 'approved',
      label: 'Approve',
      confirm: 'Approve this invoice for payment? Its amounts can no longer be edited.',
      tone: 'primary',
      note: 'Note',
      noteRequired: false,
      testId: 'action-approve',
    },
    paid: {
      to: 'paid',
      label: 'Mark paid',
      confirm: 'Record the payment of this invoice. A paid invoice is final.',
      tone: 'primary',
      note: null,
      noteRequired: false,
      testId: 'action-pay',
    },
    rejected: {
      to: 'rejected',
      label: 'Reject',
      confirm: 'Reject this invoice? Say why: the vendor will ask.',
      tone: 'danger',
      note: 'Reason',
      noteRequired: true,
      testId: 'action-reject',
    },
    received: {
      to: 'received',
      label: status === 'rejected' ? 'Re-open' : 'Send back for correction',
      confirm:
        status === 'rejected'
          ? 'Re-open this invoice (e.g. the vendor sent a corrected bill)? It goes back to received.'
          : 'Send this approved invoice back to received so it can be corrected?',
      tone: 'plain',
      note: 'Why',
      noteRequired: true,
      testId: status === 'rejected' ? 'action-reopen' : 'action-send-back',
    },
  };
  const order = ['approved', 'paid', 'received', 'rejected'] as const;
  return order.filter((s) => allowed.includes(s)).map((s) => all[s]);
}

/** "Received → Approved" style words for a history entry. */
export function eventTitle(e: { kind: string; from_status: string; to_status: string }): string {
  switch (e.kind) {
    case 'created':
      return 'Entered';
    case 'updated':
      return 'Edited';
    case 'file':
      return 'Attachment';
    case 'note':
      return 'Note';
    case 'status': {
      const words: Record<string, string> = {
        approved: 'Approved',
        paid: 'Paid',
        rejected: 'Rejected',
        received: e.from_status === 'rejected' ? 'Re-opened' : 'Sent back to received',
      };
      return words[e.to_status] ?? e.to_status;
    }
    default:
      return e.kind;
  }
}
