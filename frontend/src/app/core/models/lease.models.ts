import { IsoDate, IsoDateTime, Money } from './api.models';

/** The four lifecycle states of a lease (spec 1.1). */
export type LeaseStatus = 'active' | 'month_to_month' | 'notice' | 'vacant';

export const LEASE_STATUSES: readonly LeaseStatus[] = [
  'active',
  'month_to_month',
  'notice',
  'vacant',
];

export const LEASE_STATUS_LABELS: Record<LeaseStatus, string> = {
  active: 'Active',
  month_to_month: 'Month-to-Month',
  notice: 'Notice',
  vacant: 'Vacant',
};

export const LEASE_STATUS_SHORT_LABELS: Record<LeaseStatus, string> = {
  active: 'Active',
  month_to_month: 'MTM',
  notice: 'Notice',
  vacant: 'Vacant',
};

export function isLeaseStatus(value: unknown): value is LeaseStatus {
  return typeof value === 'string' && (LEASE_STATUSES as readonly string[]).includes(value);
}

export interface LifecycleStats {
  total_leases: number;
  active: number;
  month_to_month: number;
  notice: number;
  vacant: number;
  expiring_30_days: number;
  expiring_60_days: number;
  expiring_90_days: number;
}

/** The dates that drive a lease's progress bar; every lease shape in the API carries them. */
export interface LeaseDates {
  lease_status: LeaseStatus;
  lease_begin_date: IsoDate | null;
  lease_end_date: IsoDate | null;
  holdover_start_date: IsoDate | null;
  notice_date: IsoDate | null;
  notice_move_out_date: IsoDate | null;
  actual_move_out_date: IsoDate | null;
}

/** A lease as `/api/v1/tenants/leases/` returns it (LeaseLifecycleSerializer). */
export interface LeaseLifecycle extends LeaseDates {
  id: string;
  lease_number: string;
  tenant: string;
  tenant_name: string;
  unit: string;
  unit_number: string;
  property: string;
  property_name: string;
  monthly_rent_amount: Money;
  security_deposit?: Money | null;
  status: string;
  lease_status_changed_at: IsoDateTime | null;
  lease_status_changed_by: string | null;
  days_until_expiry: number | null;
  days_in_current_status: number | null;
  /** The day the tenancy entered its current state, from the lease's own dates (holdover start, notice date…). */
  state_since?: IsoDate | null;
  /** Days since `state_since`. */
  days_in_state?: number | null;
  holdover_days: number | null;
  days_until_move_out: number | null;
  expiry_flag: 'critical' | 'soon' | null;
  is_long_holdover: boolean;
}

export interface LeaseFilters {
  lease_status?: LeaseStatus | '' | null;
  property?: string | null;
  unit?: string | null;
  tenant?: string | null;
  search?: string | null;
  ordering?: string | null;
  page?: number | null;
  page_size?: number | null;
  lease_end_date__lte?: IsoDate | null;
  lease_end_date__gte?: IsoDate | null;
}

export interface GiveNoticeRequest {
  notice_date: IsoDate;
  notice_move_out_date: IsoDate;
  reason?: string;
}

export interface LeaseStatusLog {
  id: string;
  lease: string;
  previous_status: LeaseStatus | string;
  new_status: LeaseStatus | string;
  reason: string;
  changed_by: string;
  metadata: Record<string, unknown>;
  created_at: IsoDateTime;
}
