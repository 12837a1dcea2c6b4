import { IsoDate, IsoDateTime, Money } from './api.models';
import { LeaseStatus } from './lease.models';

/** Renewal intelligence (spec 1.2) — shapes of `/api/v1/renewals/` (renewals/serializers.py). */

export type ChurnRiskLevel = 'low' | 'medium' | 'high' | 'critical';
export type RenewalStatus = 'pending' | 'approved' | 'sent' | 'accepted' | 'declined' | 'expired';
export type RentStrategy = 'hold' | 'below_market_retain' | 'market_rate' | 'above_market_premium';
export type RenewalAction = 'approve' | 'send' | 'generate_letter' | 'edit_letter' | 'respond';
export type ChurnFactorKey =
  'late_payments' | 'maintenance_requests' | 'rent_gap' | 'tenure_short' | 'market_trend';

/** Highest risk first: the order of the dashboard's cards. */
export const CHURN_RISK_LEVELS: readonly ChurnRiskLevel[] = ['critical', 'high', 'medium', 'low'];
export const RENEWAL_STATUSES: readonly RenewalStatus[] = [
  'pending',
  'approved',
  'sent',
  'accepted',
  'declined',
  'expired',
];

export const CHURN_RISK_LABELS: Record<ChurnRiskLevel, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};
export const RENEWAL_STATUS_LABELS: Record<RenewalStatus, string> = {
  pending: 'Pending',
  approved: 'Approved',
  sent: 'Sent',
  accepted: 'Accepted',
  declined: 'Declined',
  expired: 'Expired',
};

/** The spec's five factor weights (the API sends them too, as `weights`). */
export const CHURN_FACTOR_WEIGHTS: Record<ChurnFactorKey, number> = {
  late_payments: 0.3,
  maintenance_requests: 0.15,
  rent_gap: 0.25,
  tenure_short: 0.15,
  market_trend: 0.15,
};
export const CHURN_FACTOR_LABELS: Record<ChurnFactorKey, string> = {
  late_payments: 'Late payments',
  maintenance_requests: 'Maintenance requests',
  rent_gap: 'Rent vs. market',
  tenure_short: 'Short tenure',
  market_trend: 'Market options (low vacancy)',
};

/** A row of `GET /renewals/`. */
export interface RenewalRecommendation {
  id: string;
  lease: string;
  tenant: string;
  unit: string;
  property: string;
  tenant_name: string;
  tenant_email: string;
  tenant_phone: string;
  unit_number: string;
  property_name: string;
  lease_number: string;
  lease_begin_date: IsoDate | null;
  lease_end_date: IsoDate | null;
  /** Month-to-month since (the day after the lease ended): the same date the unit and lifecycle screens show. */
  holdover_start_date?: IsoDate | null;
  lease_status: LeaseStatus;
  /** 0.0 – 1.0; higher = more likely to leave. */
  churn_score: number;
  churn_risk_level: ChurnRiskLevel;
  current_rent: Money;
  market_rent: Money;
  /** Current rent − market rent (negative: below market). Null without a market rent. */
  market_gap?: Money | null;
  /** The gap as a percentage of the market rent (−8.5 = 8.5 % below market). */
  market_gap_pct?: number | null;
  recommended_rent: Money;
  /** The manager's modified rent, when approved with one. */
  approved_rent: Money | null;
  /** approved_rent ?? recommended_rent. */
  offered_rent: Money;
  /** 3.5 = 3.5 %. */
  rent_increase_pct: number;
  offered_increase_pct: number;
  rent_strategy: RentStrategy;
  rent_strategy_label: string;
  rent_reasoning: string;
  recommended_term_months: number;
  recommended_lease_start: IsoDate;
  recommended_lease_end: IsoDate;
  /** The letter's date: the effective and reply-by dates are counted from it (null on letters written before
   * the notice rules). */
  notice_date: IsoDate | null;
  /** The date the tenant is asked to answer by. */
  response_deadline: IsoDate | null;
  /** Days of notice the property's rent-increase rule requires for this offer; null = none (no increase). */
  notice_days: number | null;
  /** The statute behind notice_days ('' when no rule is on file for the place). */
  notice_citation: string;
  status: RenewalStatus;
  status_label: string;
  reviewed_by: string;
  reviewed_at: IsoDateTime | null;
  sent_at: IsoDateTime | null;
  responded_at: IsoDateTime | null;
  /** After acceptance: 'applied' once the lease was renewed, 'scheduled' while it waits for its end date. */
  lease_renewal: 'applied' | 'scheduled' | null;
  lease_renewed_at: IsoDateTime | null;
  allowed_actions: RenewalAction[];
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
}

export interface ChurnFactor {
  key: ChurnFactorKey | string;
  label: string;
  /** Normalised 0.0 – 1.0. */
  value: number;
  weight: number;
  /** value × weight; the contributions sum to the churn score. */
  contribution: number;
}

export interface RenewalSentVia {
  channel: 'email' | 'sms' | string;
  to: string;
  outbox_message_id: string | null;
  /** queued, stored, sent, delivered, failed, or invalid (recipient rejected). */
  status: string;
  error: string;
}

/** `GET /renewals/{id}/` — and the answer of every action. */
export interface RenewalDetail extends RenewalRecommendation {
  churn_factors: Record<string, number>;
  weights: Record<string, number>;
  churn_factor_breakdown: ChurnFactor[];
  renewal_letter_subject: string;
  renewal_letter_text: string;
  renewal_sms_text: string;
  renewal_letter_generated_at: IsoDateTime | null;
  letter_provider: string;
  letter_model: string;
  letter_edited_at: IsoDateTime | null;
  letter_edited_by: string;
  sent_by: string;
  sent_via: RenewalSentVia[];
  response_recorded_by: string;
  tenant_response_note: string;
}

export interface RenewalDashboardStats {
  total_pending: number;
  total_approved: number;
  total_sent: number;
  total_accepted: number;
  total_declined: number;
  /** 0.0 – 1.0 */
  acceptance_rate: number;
  avg_churn_score: number;
  projected_annual_revenue_increase: number;
  avg_rent_increase_pct: number;
  by_risk_level: Partial<Record<ChurnRiskLevel, number>>;
}

export interface RenewalRunScanResult {
  status: 'completed' | 'queued';
  summary: string | null;
  task_id: string | null;
}

export interface RenewalFilters {
  status?: string | null;
  churn_risk_level?: string | null;
  rent_strategy?: string | null;
  lease_status?: string | null;
  property?: string | null;
  lease?: string | null;
  tenant?: string | null;
  unit?: string | null;
  search?: string | null;
  /** Market gap % bounds (inclusive); negative = below market. */
  gap_pct_min?: number | null;
  gap_pct_max?: number | null;
  ordering?: string | null;
  page?: number | null;
  page_size?: number | null;
}

/** `POST /renewals/bulk-approve/`: how many were approved, and why the others were not. */
export interface RenewalBulkApproveResult {
  approved: number;
  skipped: { id: string; reason: string }[];
}

export interface RenewalLetterUpdate {
  letter_text?: string;
  subject?: string;
  sms_text?: string;
}

export function isChurnRiskLevel(v: unknown): v is ChurnRiskLevel {
  return typeof v === 'string' && (CHURN_RISK_LEVELS as readonly string[]).includes(v);
}
export function isRenewalStatus(v: unknown): v is RenewalStatus {
  return typeof v === 'string' && (RENEWAL_STATUSES as readonly string[]).includes(v);
}

/** The spec's bands: low < 0.3 ≤ medium < 0.5 ≤ high ≤ 0.7 < critical. */
export function churnRiskLevel(score: number): ChurnRiskLevel {
  if (score > 0.7) return 'critical';
  if (score >= 0.5) return 'high';
  if (score >= 0.3) return 'medium';
  return 'low';
}
