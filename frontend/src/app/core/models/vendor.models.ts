import { IsoDate, IsoDateTime, Money } from './api.models';

/** Vendors — shapes of `/api/v1/invoices/vendors/` (invoices/serializers.py VendorSerializer). */

/** A vendor's trade: the one list of work-order categories (units.models.WorkOrderCategory). */
export type Trade =
  | 'plumbing'
  | 'electrical'
  | 'hvac'
  | 'appliance'
  | 'structural'
  | 'pest'
  | 'cleaning'
  | 'painting'
  | 'flooring'
  | 'locks_security'
  | 'general'
  | 'turnover';

export const TRADE_LABELS: Record<Trade, string> = {
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
export const TRADES = Object.keys(TRADE_LABELS) as Trade[];

/** A document's state: expiring = lapses within 30 days (spec 5.4 alerts 30 days before). */
export type DocumentState = 'active' | 'expiring' | 'expired' | 'missing';
export const DOCUMENT_STATES: readonly DocumentState[] = [
  'active',
  'expiring',
  'expired',
  'missing',
];

export interface VendorCompliance {
  /** The worst of the two documents. */
  state: DocumentState;
  insurance: DocumentState;
  license: DocumentState;
  insurance_days_left: number | null;
  license_days_left: number | null;
  /** Days to the earlier expiry on file (negative once passed). */
  days_to_expiry: number | null;
}

export interface Vendor {
  id: string;
  name: string;
  trade: Trade;
  trade_label: string;
  contact_name: string;
  email: string;
  phone: string;
  address: string;
  license_number: string;
  license_expiry: IsoDate | null;
  insurance_expiry: IsoDate | null;
  contract_end_date: IsoDate | null;
  hourly_rate: Money | null;
  is_active: boolean;
  compliance: VendorCompliance;
  /** Work orders open, assigned or in progress (the caller's properties). */
  open_work_orders: number;
  completed_work_orders_12mo: number;
  invoiced_12mo: Money;
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
}

/** POST / PATCH body. */
export interface VendorInput {
  name?: string;
  trade?: Trade;
  contact_name?: string;
  email?: string;
  phone?: string;
  address?: string;
  license_number?: string;
  license_expiry?: IsoDate | null;
  insurance_expiry?: IsoDate | null;
  contract_end_date?: IsoDate | null;
  hourly_rate?: Money | null;
  is_active?: boolean;
}

export interface VendorFilters {
  trade?: string | null;
  is_active?: string | null;
  compliance?: string | null;
  search?: string | null;
  ordering?: string | null;
  page?: number;
  page_size?: number;
}

/** A work order as the vendor detail lists it (`/units/work-orders/?assigned_vendor=`). */
export interface VendorWorkOrder {
  id: string;
  work_order_number: string;
  title: string;
  status: string;
  priority: string;
  category: string;
  unit_number?: string;
  property_name?: string;
  requested_date: IsoDate | null;
  completed_date: IsoDate | null;
  actual_cost: Money | null;
}

/** An invoice as the vendor detail lists it (`/invoices/?vendor=`). */
export interface VendorInvoice {
  id: string;
  invoice_number: string;
  invoice_date: IsoDate;
  total_amount: Money;
  status: string;
  property_name?: string | null;
  unit_number?: string | null;
}
