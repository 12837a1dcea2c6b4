import { IsoDate, IsoDateTime, Money } from './api.models';

/** Smart collections (spec 1.3) — shapes of `/api/v1/collections/` (collections_app/serializers.py). */

export type CollectionStatus = 'open' | 'payment_plan' | 'paid' | 'escalated' | 'written_off';
export type CollectionTone = 'friendly' | 'firm' | 'formal' | 'legal';
export type CollectionRiskProfile = 'good_history' | 'standard' | 'repeat_offender' | 'chronic';
/** An action's delivery: '' for internal actions (payments, notes). */
export type CollectionDeliveryStatus = 'pending' | 'outbox' | 'sent' | 'delivered' | 'failed' | '';
export type PaymentPlanStatus = 'proposed' | 'accepted' | 'active' | 'completed' | 'defaulted';
export type LegalReferralState = '' | 'recommended' | 'approved' | 'dismissed';
export type InstallmentStatus = 'pending' | 'paid' | 'overdue' | 'partial';

export const COLLECTION_STATUSES: readonly CollectionStatus[] = [
  'open',
  'payment_plan',
  'escalated',
  'paid',
  'written_off',
];
/** A case the agent or the manager still works on (the API's "unresolved"). */
export const UNRESOLVED_STATUSES: readonly CollectionStatus[] = [
  'open',
  'payment_plan',
  'escalated',
];
export const COLLECTION_TONES: readonly CollectionTone[] = ['friendly', 'firm', 'formal', 'legal'];
export const RISK_PROFILES: readonly CollectionRiskProfile[] = [
  'good_history',
  'standard',
  'repeat_offender',
  'chronic',
];
/** Escalation levels 0 (new) to 5 (escalated). */
export const MAX_ESCALATION_LEVEL = 5;

export const COLLECTION_STATUS_LABELS: Record<CollectionStatus, string> = {
  open: 'Open',
  payment_plan: 'Payment plan',
  paid: 'Paid',
  escalated: 'Escalated',
  written_off: 'Written off',
};
export const TONE_LABELS: Record<CollectionTone, string> = {
  friendly: 'Friendly',
  firm: 'Firm',
  formal: 'Formal',
  legal: 'Legal',
};
export const RISK_PROFILE_LABELS: Record<CollectionRiskProfile, string> = {
  good_history: 'Good history',
  standard: 'Standard',
  repeat_offender: 'Repeat offender',
  chronic: 'Chronic',
};
export const PLAN_STATUS_LABELS: Record<PaymentPlanStatus, string> = {
  proposed: 'Proposed',
  accepted: 'Accepted',
  active: 'Active',
  completed: 'Completed',
  defaulted: 'Defaulted',
};
export const ACTION_TYPE_LABELS: Partial<Record<string, string>> = {
  sms: 'SMS reminder',
  email: 'Email notice',
  formal_letter: 'Formal notice',
  payment_plan: 'Payment plan offer',
  escalation: 'Legal escalation',
  call: 'Phone call',
  payment_received: 'Payment received',
  note: 'Note',
  legal_review: 'Legal referral review',
};
export const DELIVERY_STATUS_LABELS: Partial<Record<string, string>> = {
  pending: 'Pending',
  outbox: 'In outbox',
  sent: 'Sent',
  delivered: 'Delivered',
  failed: 'Failed',
};

export interface CollectionNextAction {
  level: number;
  label: string;
  /** Days overdue at which the step is due. */
  day: number;
  channels: string[];
  /** Days until the step is due; 0 or less means due now. */
  due_in_days: number;
}

/** One of the five dunning steps as the list's timeline strip shows it. */
export interface CollectionTimelineStep {
  level: number;
  label: string;
  day: number;
  channels: string[];
  done: boolean;
  /** Never sent: the case opened, or the agent caught up, past it (only the step the days call for is sent). */
  skipped: boolean;
  sent_at: IsoDateTime | null;
  delivery_status: CollectionDeliveryStatus | null;
}

/** A row of `GET /collections/`. */
export interface CollectionCase {
  id: string;
  tenant_id: string;
  tenant_name: string;
  lease_id: string;
  unit_id: string;
  unit_number: string;
  property_id: string;
  property_name: string;
  original_amount_due: Money;
  current_balance: Money;
  /** Unpaid late fees the property's late-fee rule allows (what the case asks for). */
  late_fee_total: Money;
  /** Ledger late fees above that (charged in the grace period or over the cap): never requested. */
  late_fee_excess: Money;
  /** The late-fee rule's statute ('' when no rule is on file for the place). */
  late_fee_citation: string;
  days_overdue: number;
  due_date: IsoDate;
  escalation_level: number;
  tenant_risk_profile: CollectionRiskProfile;
  tone: CollectionTone;
  status: CollectionStatus;
  assigned_to: string;
  resolved_at: IsoDateTime | null;
  payment_plan_status: PaymentPlanStatus | null;
  /** The legal step is never automatic: '' (none), recommended by the agent, approved or dismissed by a manager. */
  legal_referral: LegalReferralState;
  next_action: CollectionNextAction | null;
  timeline: CollectionTimelineStep[];
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
}

/** How one channel of an action went (letters are printed and mailed: status "outbox"). */
export interface CollectionDelivery {
  channel: string;
  recipient: 'tenant' | 'manager';
  to: string;
  status: CollectionDeliveryStatus;
  outbox_message_id: string | null;
  error: string;
  retryable: boolean;
  attempts: number;
  sent_at: IsoDateTime | null;
  delivered_at: IsoDateTime | null;
  opened_at: IsoDateTime | null;
  /** Held for the tenant's contact hours (quiet hours): goes out at this time. */
  scheduled_for: IsoDateTime | null;
  /** "quiet hours, 47 CFR §64.1200(c)(1)"; "" when not held. */
  hold_reason: string;
}

export interface CollectionAction {
  id: string;
  action_type: string;
  escalation_level: number;
  /** The dunning step (1-5) this action is; null for payments, notes, manual offers. */
  step_level: number | null;
  /** 'sms', 'email', 'letter', 'system', or two joined: 'email+letter'. */
  channel: string;
  subject: string;
  message_text: string;
  tone_used: string;
  ai_generated: boolean;
  ai_provider: string;
  sent_at: IsoDateTime | null;
  delivered: boolean;
  opened: boolean;
  response_received: boolean;
  delivery_status: CollectionDeliveryStatus;
  delivery_error: string;
  deliveries: CollectionDelivery[];
  /** Payments only. */
  amount: Money | null;
  created_by: string;
  created_at: IsoDateTime;
}

export interface CollectionInstallment {
  id: string;
  installment_number: number;
  amount: Money;
  amount_paid: Money;
  due_date: IsoDate;
  paid_date: IsoDate | null;
  status: InstallmentStatus;
}

export interface CollectionPaymentPlan {
  id: string;
  total_amount: Money;
  num_installments: number;
  installment_amount: Money;
  start_date: IsoDate;
  status: PaymentPlanStatus;
  accepted_at: IsoDateTime | null;
  defaulted_at: IsoDateTime | null;
  offered_by: string;
  amount_paid: Money;
  installments: CollectionInstallment[];
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
}

export interface CollectionTenantContact {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  preferred_contact: string;
}

/** The legal-referral state of a case (detail only). */
export interface CollectionLegalReferral {
  state: LegalReferralState;
  /** The state in plain words. */
  text: string;
  recommended_at: IsoDateTime | null;
  decided_at: IsoDateTime | null;
  decided_by: string;
  min_balance: Money;
  min_days_overdue: number;
  /** A recommendation awaits a manager's approve or dismiss. */
  can_decide: boolean;
}

/** `GET /collections/{id}/` — and the answer of every action on a case. */
export interface CollectionCaseDetail extends CollectionCase {
  notes: string;
  tenant: CollectionTenantContact;
  monthly_rent: Money;
  recommended_next_step: string;
  actions: CollectionAction[];
  payment_plan: CollectionPaymentPlan | null;
  legal_referral_detail: CollectionLegalReferral;
}

export interface CollectionDashboardStats {
  total_overdue: Money;
  /** Unresolved: open, on a payment plan or escalated. */
  open_cases: number;
  on_plan: number;
  on_plan_amount: Money;
  paid_this_week: Money;
  paid_this_week_count: number;
  resolved_this_week: number;
  by_level: Partial<Record<string, number>>;
  by_tone: Partial<Record<string, number>>;
  by_risk_profile: Partial<Record<string, number>>;
  by_status: Partial<Record<string, number>>;
}

export interface CollectionRunScanResult {
  scan: string;
  escalation: string;
}

export interface CollectionFilters {
  /** One status or several, comma-separated ("open,payment_plan,escalated"). */
  status?: string | null;
  property?: string | null;
  tenant?: string | null;
  unit?: string | null;
  escalation_level?: string | number | null;
  tone?: string | null;
  risk_profile?: string | null;
  days_overdue__gte?: number | null;
  search?: string | null;
  ordering?: string | null;
  page?: number | null;
  page_size?: number | null;
}

export interface RecordPaymentRequest {
  /** "250.00" */
  amount: string;
  paid_on?: IsoDate | null;
  reference?: string;
}

export interface OfferPlanRequest {
  num_installments?: number | null;
  start_date?: IsoDate | null;
}

export function isCollectionStatus(v: unknown): v is CollectionStatus {
  return typeof v === 'string' && (COLLECTION_STATUSES as readonly string[]).includes(v);
}
export function isCollectionTone(v: unknown): v is CollectionTone {
  return typeof v === 'string' && (COLLECTION_TONES as readonly string[]).includes(v);
}
export function isRiskProfile(v: unknown): v is CollectionRiskProfile {
  return typeof v === 'string' && (RISK_PROFILES as readonly string[]).includes(v);
}
