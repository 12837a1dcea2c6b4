import { IsoDate, IsoDateTime, Money } from './api.models';

/**
 * Work orders (`/api/v1/units/work-orders/`, issue 16 "Maintenance base"). One representation for the
 * list and the detail; the detail adds files, events and invoices.
 */

/** The status flow: open → assigned → in_progress → completed → closed, and cancelled (final). */
export const WORK_ORDER_STATUSES = [
  'open',
  'assigned',
  'in_progress',
  'completed',
  'closed',
  'cancelled',
] as const;
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];

export const WORK_ORDER_STATUS_LABELS: Record<WorkOrderStatus, string> = {
  open: 'Open',
  assigned: 'Assigned',
  in_progress: 'In progress',
  completed: 'Completed',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

/** The statuses of work still to do (the API's `open=true`). */
export const OPEN_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = [
  'open',
  'assigned',
  'in_progress',
];

/** No move leaves these. */
export const FINAL_WORK_ORDER_STATUSES: readonly WorkOrderStatus[] = ['closed', 'cancelled'];

/** `units.WorkOrderCategory`: a work order's category and a vendor's trade (one list for both). */
export const WORK_ORDER_CATEGORIES = [
  'plumbing',
  'electrical',
  'hvac',
  'appliance',
  'structural',
  'pest',
  'cleaning',
  'painting',
  'flooring',
  'locks_security',
  'general',
  'turnover',
] as const;
export type WorkOrderCategory = (typeof WORK_ORDER_CATEGORIES)[number];

export const WORK_ORDER_CATEGORY_LABELS: Record<WorkOrderCategory, string> = {
  plumbing: 'Plumbing',
  electrical: 'Electrical',
  hvac: 'HVAC',
  appliance: 'Appliance',
  structural: 'Structural',
  pest: 'Pest control',
  cleaning: 'Cleaning',
  painting: 'Painting',
  flooring: 'Flooring',
  locks_security: 'Locks / security',
  general: 'General',
  turnover: 'Turnover / make-ready',
};

export const WORK_ORDER_PRIORITIES = ['emergency', 'high', 'medium', 'low'] as const;
export type WorkOrderPriority = (typeof WORK_ORDER_PRIORITIES)[number];

export const WORK_ORDER_PRIORITY_LABELS: Record<WorkOrderPriority, string> = {
  emergency: 'Emergency',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** A work order as the list and the detail return it. */
export interface WorkOrderItem {
  id: string;
  work_order_number: string;
  unit: string;
  unit_number: string;
  building: string;
  property: string;
  property_name: string;
  title: string;
  description: string;
  technician_notes: string;
  category: WorkOrderCategory | string;
  priority: WorkOrderPriority | string;
  status: WorkOrderStatus | string;
  requested_date: IsoDate;
  scheduled_date: IsoDate | null;
  completed_date: IsoDate | null;
  closed_at: IsoDateTime | null;
  estimated_cost: Money | null;
  actual_cost: Money | null;
  assigned_vendor: string | null;
  vendor_name: string | null;
  reported_by: string;
  lease: string | null;
  lease_number: string | null;
  tenant: string | null;
  tenant_name: string | null;
  /** Days from the request to completion (or to today while the work is open). */
  age_days: number;
  sla_target_days: number;
  sla_due_date: IsoDate;
  /** Open work past its due date, or completed after it. */
  sla_breached: boolean;
  /** The statuses the work order may move to now. */
  allowed_transitions: (WorkOrderStatus | string)[];
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
}

/** A photo or document attached to a work order (`id` is the link; `file` the stored file). */
export interface WorkOrderFile {
  id: string;
  file: string;
  kind: 'photo' | 'document';
  original_name: string;
  content_type: string;
  size: number;
  width: number | null;
  height: number | null;
  /** Signed, expiring links to the bytes. */
  url: string;
  thumbnail_url: string | null;
  uploaded_by_name: string | null;
  created_at: IsoDateTime;
}

export type WorkOrderEventKind = 'created' | 'updated' | 'status' | 'file' | 'note';

export interface WorkOrderEvent {
  id: string;
  at: IsoDateTime;
  actor_name: string;
  kind: WorkOrderEventKind | string;
  from_status: string | null;
  to_status: string | null;
  message: string;
}

export interface WorkOrderInvoice {
  id: string;
  invoice_number: string;
  vendor_name: string | null;
  invoice_date: IsoDate | null;
  total_amount: Money;
  status: string;
}

export interface WorkOrderDetail extends WorkOrderItem {
  files: WorkOrderFile[];
  /** Newest first. */
  events: WorkOrderEvent[];
  invoices: WorkOrderInvoice[];
}

/** `GET /work-orders/summary/`: counts per status for the same filters (minus status). */
export interface WorkOrderSummary {
  by_status: Partial<Record<WorkOrderStatus | string, number>>;
  sla_breached: number;
  total: number;
}

/** The list's filters; a list of values is sent comma-separated (the API reads `a,b` and `x=a&x=b` alike). */
export interface WorkOrderFilters {
  property?: string | null;
  unit?: string | null;
  status?: readonly string[] | string | null;
  category?: readonly string[] | string | null;
  priority?: readonly string[] | string | null;
  assigned_vendor?: string | null;
  lease?: string | null;
  tenant?: string | null;
  requested_date__gte?: IsoDate | null;
  requested_date__lte?: IsoDate | null;
  /** Status in open/assigned/in_progress. */
  open?: boolean | null;
  sla_breached?: boolean | null;
  search?: string | null;
  ordering?: string | null;
  page?: number | null;
  page_size?: number | null;
}

/** `POST /work-orders/`. `lease`/`tenant` left out: the lease in occupancy on `requested_date` is linked. */
export interface WorkOrderCreate {
  unit: string;
  title: string;
  category?: string;
  priority?: string;
  description?: string;
  technician_notes?: string;
  requested_date?: IsoDate;
  scheduled_date?: IsoDate | null;
  assigned_vendor?: string | null;
  estimated_cost?: Money | null;
  reported_by?: string;
  lease?: string | null;
  tenant?: string | null;
}

/** `PATCH /work-orders/{id}/`: anything of the create body but the unit (the status moves by transition). */
export type WorkOrderPatch = Partial<Omit<WorkOrderCreate, 'unit'>>;

/** `POST /work-orders/{id}/transition/`. */
export interface WorkOrderTransition {
  status: WorkOrderStatus | string;
  note?: string;
  actual_cost?: Money;
  completed_date?: IsoDate;
  technician_notes?: string;
  assigned_vendor?: string;
}

/** A vendor to pick for a work order (`/api/v1/invoices/vendors/?is_active=true`). */
export interface VendorOption {
  id: string;
  name: string;
  trade: string;
  trade_label?: string;
  phone?: string;
  email?: string;
  contact_name?: string;
  hourly_rate?: Money | null;
  insurance_expiry?: IsoDate | null;
  is_active?: boolean;
}
