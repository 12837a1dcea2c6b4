import { IsoDate, IsoDateTime, Money } from './api.models';

/** Where an uploaded invoice is in the 3.2 pipeline (the queue's status column). */
export type InvoiceStage =
  'queued' | 'extracting' | 'failed' | 'review' | 'flagged' | 'duplicate' | 'approved' | 'rejected';

export const INVOICE_STAGES: readonly InvoiceStage[] = [
  'queued',
  'extracting',
  'failed',
  'review',
  'flagged',
  'duplicate',
  'approved',
  'rejected',
];

export const INVOICE_STAGE_LABELS: Record<InvoiceStage, string> = {
  queued: 'Queued',
  extracting: 'Reading…',
  failed: 'Failed',
  review: 'Ready for review',
  flagged: 'Flagged',
  duplicate: 'Possible duplicate',
  approved: 'Approved',
  rejected: 'Rejected',
};

export type ExtractionStatus = 'queued' | 'extracting' | 'extracted' | 'failed';

export interface ExtractionLine {
  description: string;
  quantity: string | null;
  unit_price: Money | null;
  total: Money | null;
  confidence?: number | null;
  location?: { page: number; bbox?: number[] } | null;
}

export interface WorkOrderCandidate {
  work_order: string;
  number: string;
  score: number;
  reasons: string[];
  title?: string;
  unit_number?: string;
  property_name?: string;
  status?: string;
  estimated_cost?: Money | null;
}

/** `GET /api/v1/invoices/{id}/extraction/`: what the AI read, with a confidence per field. */
export interface InvoiceExtraction {
  id: string;
  invoice: string;
  invoice_status: string;
  status: ExtractionStatus;
  failure_reason: string;
  review_state: 'pending' | 'flagged' | 'approved' | 'rejected';
  flag_reason: string;
  first_page: number;
  last_page: number | null;
  ocr_used: boolean;
  ocr_available: boolean;
  /** The original: a signed URL that expires (about 10 minutes). */
  document: {
    url: string;
    kind: 'pdf' | 'image';
    content_type: string;
    original_name: string;
    page_count: number | null;
  } | null;
  extracted_vendor_name: string;
  matched_vendor: string | null;
  matched_vendor_name: string | null;
  vendor_match_score: number | null;
  extracted_invoice_number: string;
  extracted_date: IsoDate | null;
  extracted_due_date: IsoDate | null;
  extracted_subtotal: Money | null;
  extracted_tax: Money | null;
  extracted_total: Money | null;
  extracted_line_items: ExtractionLine[];
  extracted_po_number: string;
  extracted_work_order_reference: string;
  extracted_unit: string;
  extracted_property: string;
  extracted_currency: string;
  extracted_payment_terms: string;
  field_confidence: Record<string, number>;
  field_locations: Record<string, { page: number; bbox?: number[] }>;
  low_confidence: string[];
  checks: { check: string; ok: boolean; detail: string }[];
  matched_work_order: string | null;
  matched_work_order_number: string | null;
  wo_match_confidence: number | null;
  wo_match_reasoning: string;
  wo_candidates: WorkOrderCandidate[];
  suggested_gl_code: string;
  gl_account_name: string;
  gl_confidence: number | null;
  price_validated: boolean;
  price_anomaly_detected: boolean;
  price_anomaly_details: string;
  historical_avg_price: Money | null;
  duplicate_of: string | null;
  duplicate_of_number: string | null;
  duplicate_reason: string;
  extraction_confidence: number | null;
  extraction_model: string;
  provider: string;
  processing_time_ms: number | null;
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
  /** The chart of accounts, for the GL code picker. */
  gl_accounts: GlAccount[];
}

export interface ProcessingQueueRow {
  id: string;
  stage: InvoiceStage;
  invoice_status: string;
  extraction_status: ExtractionStatus;
  review_state: string;
  file_name: string;
  first_page: number;
  last_page: number | null;
  vendor_name: string;
  invoice_number: string;
  invoice_date: IsoDate | null;
  total: Money | null;
  confidence: number | null;
  work_order_number: string | null;
  price_anomaly: boolean;
  duplicate: boolean;
  failure_reason: string;
  flag_reason: string;
  uploaded_at: IsoDateTime;
}

export interface GlAccount {
  code: string;
  name: string;
}

export interface ProcessingQueue {
  results: ProcessingQueueRow[];
  counts: Record<InvoiceStage, number>;
  ocr_available: boolean;
  gl_accounts: GlAccount[];
}

export interface InvoiceUploadResult {
  count: number;
  invoices: {
    id: string;
    file_name: string;
    first_page: number;
    last_page: number | null;
    extraction_status: ExtractionStatus;
    duplicate_reason: string;
  }[];
}

/** `POST approve-extraction`: corrections of what was read (anything omitted comes from the extraction). */
export interface ExtractionApproval {
  vendor?: string;
  invoice_number?: string;
  invoice_date?: IsoDate;
  due_date?: IsoDate | null;
  work_order?: string | null;
  tax_amount?: Money;
  gl_code?: string;
  notes?: string;
  line_items?: { description: string; quantity: string; unit_price: Money; gl_code?: string }[];
}
