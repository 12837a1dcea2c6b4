import { IsoDate, IsoDateTime, Money } from './api.models';

/** Vendor invoices (issue 16) — shapes of `/api/v1/invoices/` (invoices/serializers.py). */

export type InvoiceStatus = 'processing' | 'received' | 'approved' | 'paid' | 'rejected';

export const INVOICE_STATUSES: readonly InvoiceStatus[] = [
  'processing',
  'received',
  'approved',
  'paid',
  'rejected',
];

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  processing: 'Processing',
  received: 'Received',
  approved: 'Approved',
  paid: 'Paid',
  rejected: 'Rejected',
};

/** A row of the list. */
export interface Invoice {
  id: string;
  invoice_number: string;
  vendor: string | null;
  vendor_name: string | null;
  property: string | null;
  property_name: string | null;
  unit: string | null;
  unit_number: string | null;
  work_order: string | null;
  work_order_number: string | null;
  invoice_date: IsoDate;
  due_date: IsoDate | null;
  subtotal: Money;
  tax_amount: Money;
  total_amount: Money;
  status: InvoiceStatus;
  /** Received or approved and past its due date. */
  is_overdue: boolean;
  /** The statuses it can move to now (the API's transition table). */
  allowed_transitions: InvoiceStatus[];
  /** Allowed but worth a second look, e.g. the work order is assigned to another vendor. */
  warnings: string[];
  gl_code: string;
  confidence_score: number | null;
  notes: string;
  approved_at: IsoDateTime | null;
  approved_by: string;
  paid_date: IsoDate | null;
  payment_reference: string;
  rejected_at: IsoDateTime | null;
  rejection_reason: string;
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
}

export interface InvoiceLineItem {
  id: string;
  description: string;
  quantity: string;
  unit_price: Money;
  amount: Money;
  gl_code: string;
}

/** An attached file; `url` / `thumbnail_url` are signed and expire (about 10 minutes). */
export interface InvoiceAttachment {
  id: string;
  /** The StoredFile id. */
  file: string;
  kind: 'image' | 'pdf';
  original_name: string;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  page_count: number | null;
  url: string;
  thumbnail_url: string | null;
  added_by_name: string;
  created_at: IsoDateTime;
}

export type InvoiceEventKind = 'created' | 'updated' | 'status' | 'file' | 'note';

export interface InvoiceEvent {
  id: string;
  at: IsoDateTime;
  actor_name: string;
  kind: InvoiceEventKind;
  from_status: string;
  to_status: string;
  message: string;
}

export interface InvoiceDetail extends Invoice {
  approved_by_name: string;
  paid_at: IsoDateTime | null;
  paid_by: string;
  paid_by_name: string;
  rejected_by: string;
  rejected_by_name: string;
  work_order_detail: {
    id: string;
    work_order_number: string;
    title: string;
    status: string;
    assigned_vendor: string | null;
  } | null;
  line_items: InvoiceLineItem[];
  attachments: InvoiceAttachment[];
  /** Newest first. */
  events: InvoiceEvent[];
}

export interface InvoiceSummaryBucket {
  count: number;
  total: Money;
}

/** The status chips: counts and totals per status over the current filters (status aside). */
export interface InvoiceSummary {
  by_status: Record<InvoiceStatus, InvoiceSummaryBucket>;
  overdue: InvoiceSummaryBucket;
  count: number;
  total: Money;
}

export interface InvoiceFilters {
  status?: string | null;
  vendor?: string | null;
  property?: string | null;
  unit?: string | null;
  work_order?: string | null;
  invoice_date__gte?: IsoDate | null;
  invoice_date__lte?: IsoDate | null;
  total_amount__gte?: string | null;
  total_amount__lte?: string | null;
  overdue?: boolean | null;
  search?: string | null;
  ordering?: string | null;
  page?: number;
  page_size?: number;
}

export interface InvoiceLineInput {
  description: string;
  quantity: string;
  unit_price: string;
  gl_code?: string;
}

/** `POST /invoices/` (amounts are computed by the server from quantities and unit prices). */
export interface InvoiceCreateRequest {
  vendor: string;
  invoice_number: string;
  invoice_date: IsoDate;
  due_date?: IsoDate | null;
  property?: string | null;
  unit?: string | null;
  work_order?: string | null;
  tax_amount?: string;
  gl_code?: string;
  notes?: string;
  line_items: InvoiceLineInput[];
}

export interface InvoiceTransitionRequest {
  status: InvoiceStatus;
  note?: string;
  paid_date?: IsoDate | null;
  payment_reference?: string;
}

/** A vendor as the invoice form's picker needs it (`/api/v1/invoices/vendors/`). */
export interface InvoiceVendorOption {
  id: string;
  name: string;
  trade: string;
  is_active: boolean;
}

/** A work order the invoice form may link (`/api/v1/invoices/work-orders/`, readable with view_invoices). */
export interface InvoiceWorkOrderOption {
  id: string;
  work_order_number: string;
  title: string;
  status: string;
  category: string;
  unit: string;
  unit_number: string;
  property: string;
  requested_date: IsoDate;
  completed_date: IsoDate | null;
  actual_cost: Money | null;
  assigned_vendor: string | null;
  vendor_name: string | null;
}
