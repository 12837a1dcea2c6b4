/** 2.3 Predictive maintenance: risk scores, the heatmap and preventive suggestions. */

export const RISK_LEVELS = ['critical', 'high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export type RiskFactor = 'wo_frequency' | 'wo_cost' | 'equipment_age' | 'repeat_issue' | 'seasonal';

export interface RepeatIssue {
  category: string;
  keyword: string;
  count: number;
  title: string;
}

export interface RiskEquipment {
  type: string;
  name: string;
  used_pct: number;
  lifespan_years: number;
}

export interface UnitRiskScore {
  id: string;
  unit: string;
  unit_number: string;
  building: string;
  floor: number;
  property: string;
  property_name: string;
  score_date: string;
  risk_score: number;
  risk_level: RiskLevel;
  wo_frequency_score: number;
  wo_cost_score: number;
  equipment_age_score: number;
  repeat_issue_score: number;
  seasonal_score: number;
  weights: Record<RiskFactor, number>;
  predicted_next_wo_date: string | null;
  predicted_next_wo_type: string;
  predicted_cost_30_days: number;
  predicted_cost_90_days: number;
  wo_count_12_months: number;
  total_cost_12_months: number;
  avg_days_between_wo: number;
  details: {
    categories?: Record<string, number>;
    repeat_issues?: RepeatIssue[];
    equipment?: RiskEquipment[];
    equipment_source?: 'unit' | 'property' | 'none';
    equipment_used_pct?: number | null;
  };
}

export interface RiskSummary {
  score_date: string | null;
  counts: Record<RiskLevel, number>;
  total: number;
  pending_suggestions: number;
}

export interface HeatmapCell {
  unit_id: string;
  unit_number: string;
  risk_score: number;
  risk_level: RiskLevel;
  predicted_next_wo_type: string;
  factors: Record<RiskFactor, number>;
}

export interface HeatmapProperty {
  id: string;
  name: string;
  counts: Record<RiskLevel, number>;
  buildings: { building: string; floors: { floor: number; units: HeatmapCell[] }[] }[];
}

export interface RiskHeatmap {
  score_date: string | null;
  counts: Record<RiskLevel, number>;
  properties: HeatmapProperty[];
}

export type SuggestionStatus = 'suggested' | 'approved' | 'work_order_created' | 'dismissed';

export interface PreventiveSuggestion {
  id: string;
  unit: string;
  unit_number: string;
  property: string;
  property_name: string;
  risk_score: string;
  risk_score_value: number;
  risk_level: RiskLevel;
  score_date: string;
  title: string;
  description: string;
  reasoning: string;
  priority: 'low' | 'medium' | 'high' | 'urgent';
  category: string;
  estimated_cost: number;
  suggested_date: string;
  status: SuggestionStatus;
  work_order: string | null;
  work_order_number: string | null;
  ai_provider: string;
  decided_by_name: string;
  decided_at: string | null;
  dismiss_reason: string;
  created_at: string;
}

export interface RiskScoreFilters {
  property?: string | null;
  unit?: string | null;
  risk_level?: string | null;
  search?: string | null;
  ordering?: string | null;
  page?: number | null;
  page_size?: number | null;
}

export interface SuggestionFilters {
  property?: string | null;
  unit?: string | null;
  status?: string | null;
  risk_level?: string | null;
  page?: number | null;
  page_size?: number | null;
}
