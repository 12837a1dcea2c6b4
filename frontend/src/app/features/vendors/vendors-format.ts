import { DocumentState, TRADES, Trade, VendorCompliance, VendorInput } from '../../core/models';
import { normaliseAmount } from '../../core/utils/amount';
import { parseIsoDate } from '../../core/utils/dates';
import { BadgeTone } from '../../shared/components/status-badge.component';

/** One compliance pill: what it says and its colour. */
export interface ComplianceBadge {
  /** Which document ('all' for the one "Compliant" pill). */
  doc: 'insurance' | 'license' | 'all';
  state: DocumentState;
  text: string;
  tone: BadgeTone;
}

const DOC_LABEL = { insurance: 'Insurance', license: 'License' } as const;

/** "in 12 days", "tomorrow", "today". */
export function inDays(days: number): string {
  if (days <= 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `in ${days} days`;
}

/** One document's pill: "Insurance expires in 12 days", "License expired", "No insurance on file"; null
 * while it is active (nothing to say). */
export function documentBadge(
  doc: 'insurance' | 'license',
  state: DocumentState,
  daysLeft: number | null,
): ComplianceBadge | null {
  const label = DOC_LABEL[doc];
  switch (state) {
    case 'expiring':
      return { doc, state, text: `${label} expires ${inDays(daysLeft ?? 0)}`, tone: 'amber' };
    case 'expired':
      return { doc, state, text: `${label} expired`, tone: 'red' };
    case 'missing':
      return { doc, state, text: `No ${label.toLowerCase()} on file`, tone: 'grey' };
    default:
      return null;
  }
}

/** The pills of a vendor: one per document that needs attention (expired first), or "Compliant". */
export function complianceBadges(c: VendorCompliance): ComplianceBadge[] {
  const order: Record<DocumentState, number> = { expired: 0, expiring: 1, missing: 2, active: 3 };
  const badges = [
    documentBadge('insurance', c.insurance, c.insurance_days_left),
    documentBadge('license', c.license, c.license_days_left),
  ].filter((b): b is ComplianceBadge => b !== null);
  if (!badges.length) return [{ doc: 'all', state: 'active', text: 'Compliant', tone: 'green' }];
  return badges.sort((a, b) => order[a.state] - order[b.state]);
}

/** The form's values, as typed. */
export interface VendorForm {
  name: string;
  trade: Trade | '';
  contact_name: string;
  email: string;
  phone: string;
  address: string;
  license_number: string;
  license_expiry: string;
  insurance_expiry: string;
  contract_end_date: string;
  hourly_rate: string;
}

export type VendorFormErrors = Partial<Record<keyof VendorForm, string>>;

export const EMPTY_VENDOR_FORM: VendorForm = {
  name: '',
  trade: 'general',
  contact_name: '',
  email: '',
  phone: '',
  address: '',
  license_number: '',
  license_expiry: '',
  insurance_expiry: '',
  contract_end_date: '',
  hourly_rate: '',
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_CHARS = /^\+?[0-9 ().-]+$/;
export const HOURLY_RATE_MAX = 1000;

/** What the API would refuse, said before sending (the API checks again: a duplicate name is its call). */
export function validateVendor(f: VendorForm): VendorFormErrors {
  const e: VendorFormErrors = {};
  const name = f.name.trim();
  if (name.length < 2) e.name = 'Enter the vendor name (at least 2 characters).';
  else if (name.length > 200) e.name = 'At most 200 characters.';
  if (!f.trade || !TRADES.includes(f.trade)) e.trade = 'Choose a trade.';
  if (f.email.trim() && !EMAIL.test(f.email.trim()))
    e.email = 'Enter an email like ops@vendor.com.';
  const phone = f.phone.trim();
  if (phone) {
    const digits = phone.replace(/\D/g, '').length;
    if (!PHONE_CHARS.test(phone) || digits < 7 || digits > 15 || phone.length > 20)
      e.phone = 'Enter a phone number with 7 to 15 digits, e.g. (206) 555-0100.';
  }
  if (f.hourly_rate.trim()) {
    const rate = normaliseAmount(f.hourly_rate);
    if (rate === null) e.hourly_rate = 'Enter a rate like 95.00 (at most two decimals).';
    else if (Number(rate) > HOURLY_RATE_MAX) e.hourly_rate = 'At most $1,000.00 an hour.';
  }
  for (const key of ['license_expiry', 'insurance_expiry', 'contract_end_date'] as const) {
    if (f[key] && !parseIsoDate(f[key])) e[key] = 'Enter a date.';
  }
  if (f.contact_name.length > 120) e.contact_name = 'At most 120 characters.';
  if (f.address.length > 255) e.address = 'At most 255 characters.';
  if (f.license_number.length > 60) e.license_number = 'At most 60 characters.';
  return e;
}

/** The body the API takes: blanks become null dates / no rate. */
export function vendorBody(f: VendorForm): VendorInput {
  return {
    name: f.name.trim(),
    trade: (f.trade || 'general') as Trade,
    contact_name: f.contact_name.trim(),
    email: f.email.trim(),
    phone: f.phone.trim(),
    address: f.address.trim(),
    license_number: f.license_number.trim(),
    license_expiry: f.license_expiry || null,
    insurance_expiry: f.insurance_expiry || null,
    contract_end_date: f.contract_end_date || null,
    hourly_rate: f.hourly_rate.trim() ? normaliseAmount(f.hourly_rate) : null,
  };
}

/** A vendor's values in the form (edit). */
export function vendorForm(v: {
  [K in keyof VendorForm]?: string | null;
}): VendorForm {
  const out = { ...EMPTY_VENDOR_FORM };
  for (const key of Object.keys(EMPTY_VENDOR_FORM) as (keyof VendorForm)[]) {
    const value = v[key];
    if (value !== null && value !== undefined) (out as Record<string, string>)[key] = String(value);
  }
  return out;
}

/** Work-order statuses as the vendor detail shows them (the work-order screens own the full badge). */
export const WORK_ORDER_STATUS_LABELS: Record<string, string> = {
  open: 'Open',
  assigned: 'Assigned',
  in_progress: 'In progress',
  completed: 'Completed',
  closed: 'Closed',
  cancelled: 'Cancelled',
};
export const INVOICE_STATUS_LABELS: Record<string, string> = {
  received: 'Received',
  pending: 'Received',
  approved: 'Approved',
  paid: 'Paid',
  rejected: 'Rejected',
};

/** A status word for a chip: "In progress", or the raw status if unknown. */
export function statusWord(labels: Record<string, string>, status: string): string {
  return labels[status] ?? status.replace(/_/g, ' ');
}
