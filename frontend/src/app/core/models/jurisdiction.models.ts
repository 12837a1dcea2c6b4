import { IsoDate, IsoDateTime } from './api.models';

export type JurisdictionRuleType =
  | 'rent_increase_notice'
  | 'mtm_termination_notice'
  | 'late_fee'
  | 'security_deposit_return'
  | 'deposit_itemized_statement'
  | 'deposit_deductions'
  | 'sms_contact_hours';

export const JURISDICTION_RULE_TYPES: readonly JurisdictionRuleType[] = [
  'rent_increase_notice',
  'mtm_termination_notice',
  'late_fee',
  'security_deposit_return',
  'deposit_itemized_statement',
  'deposit_deductions',
  'sms_contact_hours',
];

export const JURISDICTION_RULE_TYPE_LABELS: Readonly<Record<JurisdictionRuleType, string>> = {
  rent_increase_notice: 'Rent increase notice',
  mtm_termination_notice: 'Month-to-month termination notice',
  late_fee: 'Late fee cap and grace period',
  security_deposit_return: 'Security deposit return',
  deposit_itemized_statement: 'Deposit itemized statement',
  deposit_deductions: 'Deposit deductions: wear and tear, depreciation',
  sms_contact_hours: 'Contact hours for automated text messages',
};

/** One version of a rule of landlord-tenant law (`GET /api/v1/jurisdiction-rules/`). */
export interface JurisdictionRule {
  id: string;
  state: string;
  /** '' = statewide. */
  city: string;
  scope: 'state' | 'city';
  rule_type: JurisdictionRuleType;
  rule_type_label: string;
  /** The numbers the backend computes with, e.g. {days: 30} or {tiers: [...]} or {grace_days, cap_pct}. */
  value: Record<string, unknown>;
  summary: string;
  citation: string;
  effective_date: IsoDate;
  /** Where the statute can be read (null when unknown). */
  source_url: string | null;
  /** The day the row was last read against the statute (null: not recorded). */
  checked_on: IsoDate | null;
  /** "Needs counsel review": something in the row is unsure; `review_note` says what. */
  needs_review: boolean;
  review_note: string;
  updated_at: IsoDateTime;
}

export interface JurisdictionRuleFilters {
  state?: string | null;
  rule_type?: string | null;
  search?: string | null;
  page?: number;
  page_size?: number;
}
