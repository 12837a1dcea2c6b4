/** Turnover orchestration (spec 2.1, /api/v1/turnover/). Money arrives as strings ("1700.00"). */
export type TurnoverStage = 'notice' | 'inspect' | 'make_ready' | 'listed' | 'leased';

export const TURNOVER_STAGES: readonly TurnoverStage[] = [
  'notice',
  'inspect',
  'make_ready',
  'listed',
  'leased',
];

export interface TurnoverCase {
  id: string;
  stage: TurnoverStage;
  stage_label: string;
  unit: string;
  unit_number: string;
  building: string;
  property: string;
  property_name: string;
  lease: string;
  lease_number: string;
  tenant_name: string;
  new_lease: string | null;
  new_lease_number: string | null;
  monthly_rent: string;
  new_monthly_rent: string | null;
  market_rent: string;
  notice_date: string;
  expected_move_out: string;
  actual_move_out: string | null;
  inspection_date: string | null;
  make_ready_start: string | null;
  make_ready_complete: string | null;
  listed_date: string | null;
  leased_date: string | null;
  inspection_work_order: string | null;
  inspection_work_order_number: string | null;
  inspection_scheduled_date: string | null;
  security_deposit: string;
  total_deductions: string;
  refund_amount: string;
  balance_owed: string;
  deduction_letter_generated: boolean;
  letter_sent_at: string | null;
  make_ready_estimated_cost: string;
  make_ready_actual_cost: string;
  checklist_total: number;
  checklist_done: number;
  days_vacant: number;
  target_days_to_lease: number;
  days_in_pipeline: number;
  delayed: boolean;
  created_at: string;
  updated_at: string;
}

export interface TurnoverDeduction {
  id: string;
  category: string;
  category_label: string;
  description: string;
  amount: string;
  life_item: string;
  life_item_label: string;
  item_age_years: string | null;
  useful_life_years: string | null;
  chargeable_amount: string;
  depreciation: string;
  photo: string | null;
  photo_url: string | null;
  ai_detected: boolean;
  approved: boolean;
  created_at: string;
}

export interface TurnoverChecklistItem {
  id: string;
  category: string;
  item: string;
  completed: boolean;
  completed_by: string;
  completed_at: string | null;
  estimated_cost: string;
  actual_cost: string;
  vendor: string | null;
  vendor_name: string | null;
  work_order: string | null;
  work_order_number: string | null;
}

export interface TurnoverEvent {
  id: string;
  kind: string;
  from_stage: string;
  to_stage: string;
  reason: string;
  actor: string;
  created_at: string;
}

export interface TurnoverMove {
  stage: TurnoverStage;
  direction: 'forward' | 'back';
  reason_required: boolean;
}

export interface TurnoverDeadline {
  date: string | null;
  days_left: number | null;
  overdue: boolean;
  move_out: string;
  move_out_is_actual: boolean;
  period: string;
  clock_starts: string;
  citation: string;
  state: string;
  needs_review: boolean;
}

export interface TurnoverCaseDetail extends TurnoverCase {
  /** The move-out inspection (3.1) of this case, if one was started. */
  inspection_id: string | null;
  letter_subject: string;
  letter_text: string;
  letter_generated_at: string | null;
  letter_provider: string;
  letter_deadline: string | null;
  letter_citation: string;
  letter_file: string | null;
  balance_charge: string | null;
  delayed_at: string | null;
  deductions: TurnoverDeduction[];
  checklist: TurnoverChecklistItem[];
  events: TurnoverEvent[];
  allowed_moves: TurnoverMove[];
  timeline: {
    stage: TurnoverStage;
    label: string;
    date: string | null;
    reached: boolean;
    current: boolean;
  }[];
  deadline: TurnoverDeadline;
  estimate_rules_total: string;
}

export interface TurnoverKanban {
  columns: { stage: TurnoverStage; label: string; count: number; cases: TurnoverCase[] }[];
  active: number;
  delayed: number;
  avg_days_active: number | null;
  target_days: number;
  delay_days: number;
}

export interface TurnoverStats {
  by_stage: Record<TurnoverStage, number>;
  active: number;
  delayed: number;
  avg_days_notice_to_leased: number | null;
  avg_days_vacant_active: number | null;
  target_days: number;
  make_ready_estimated_total: string;
  make_ready_actual_total: string;
  make_ready_estimated_with_actual: string;
  cases_with_actual_cost: number;
}

export interface TurnoverFilters {
  stage?: string | null;
  property?: string | null;
  unit?: string | null;
  delayed?: boolean | null;
  open?: boolean | null;
  search?: string | null;
  ordering?: string | null;
  page?: number | null;
  page_size?: number | null;
}

export interface TurnoverDeductionInput {
  category: string;
  description: string;
  amount: string;
  life_item?: string;
  item_age_years?: string | null;
  approved?: boolean;
}
