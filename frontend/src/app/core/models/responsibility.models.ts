/** Owner vs tenant responsibility for repair costs (`/api/v1/responsibility/`). */

export type Responsibility = 'owner' | 'tenant' | 'shared';
export type DisputeRisk = 'low' | 'medium' | 'high';
export type TenantChargeStatus = 'pending' | 'billed' | 'paid' | 'disputed' | 'waived';

export interface Determination {
  responsibility: Responsibility;
  confidence: number;
  reasoning: string;
  key_factors: string[];
  tenant_charge: { amount: number; description: string; damage_type: string } | null;
  split: { owner_percent: number; tenant_percent: number } | null;
  dispute_risk: DisputeRisk;
  note: string | null;
  provider: string;
}

export interface TenantCharge {
  id: string;
  work_order: string;
  work_order_number: string;
  work_order_title: string;
  unit_number: string;
  property_name: string;
  tenant: string;
  tenant_name: string;
  amount: string;
  description: string;
  evidence_summary: string;
  damage_type: string;
  status: TenantChargeStatus;
  ledger_entry: string | null;
  billed_at: string | null;
  paid_at: string | null;
  disputed_at: string | null;
  dispute_message: string;
  dispute_by: string;
  resolved_at: string | null;
  created_at: string;
}

export interface ResponsibilityLogEntry {
  id: string;
  kind: string;
  ai_responsibility: string;
  ai_confidence: number | null;
  ai_amount: string | null;
  provider: string;
  final_responsibility: string;
  final_amount: string | null;
  reason: string;
  actor: string;
  actor_name: string;
  created_at: string;
  charge: string | null;
}

export interface ResponsibilityEvidence {
  key_factors?: string[];
  tenant_charge?: Determination['tenant_charge'];
  split?: Determination['split'];
  dispute_risk?: DisputeRisk;
  note?: string | null;
  provider?: string;
}

export interface WorkOrderResponsibility {
  id: string;
  work_order_number: string;
  status: string;
  responsibility: Responsibility | '';
  responsibility_confidence: number | null;
  responsibility_reasoning: string;
  tenant_charge_amount: string | null;
  responsibility_evidence: ResponsibilityEvidence;
  responsibility_disputed: boolean;
  decided: boolean;
  has_tenant: boolean;
  charges: TenantCharge[];
  log: ResponsibilityLogEntry[];
}

export interface ResponsibilityQueueItem {
  id: string;
  work_order_number: string;
  title: string;
  category: string;
  completed_date: string | null;
  unit_number: string;
  property_name: string;
  tenant_name: string;
  responsibility: Responsibility;
  responsibility_confidence: number | null;
  tenant_charge_amount: string | null;
  responsibility_reasoning: string;
  dispute_risk: DisputeRisk | '';
}

export interface ResponsibilityMetrics {
  decisions: number;
  agreement_pct: number | null;
  tenant_charges: number;
  dispute_rate_pct: number | null;
  log_entries: number;
  reasoning_logged_pct: number | null;
  billed_amount: string;
  collected_amount: string;
  collection_rate_pct: number | null;
  charges_by_status: Record<TenantChargeStatus, number>;
  awaiting_decision: number;
  open_disputes: number;
}

export interface PublicCharge {
  amount: string;
  description: string;
  evidence_summary: string;
  status: TenantChargeStatus;
  work_order_number: string;
  work_order_title: string;
  unit_number: string;
  property_name: string;
  can_dispute: boolean;
  dispute_message: string;
}
