/** Dynamic pricing (spec 2.2, `/api/v1/pricing/`). Money as decimal strings, as the API sends it. */

export const PRICING_STRATEGIES = [
  'aggressive',
  'market',
  'conservative',
  'lease_up',
  'premium',
] as const;
export type PricingStrategy = (typeof PRICING_STRATEGIES)[number];
export const PRICING_STRATEGY_LABELS: Record<PricingStrategy, string> = {
  aggressive: 'Aggressive',
  market: 'Market',
  conservative: 'Conservative',
  lease_up: 'Lease-up',
  premium: 'Premium',
};

export type MarketPosition = 'below' | 'at' | 'above';

export interface PriceDrop {
  drop: string;
  new_rent: string;
  days_saved: number;
  vacancy_recovered: string;
  cost: string;
  net_gain: string;
  worth_it: boolean;
  text: string;
}

export interface PricingSnapshot {
  id: string;
  unit_id: string;
  property_id: string;
  unit_number: string;
  property_name: string;
  bedrooms: number;
  bathrooms: string;
  square_feet: number;
  unit_status: string;
  snapshot_date: string;
  current_rent: string | null;
  asking_rent: string;
  market_rent: string;
  recommended_rent: string;
  rent_per_sqft: string | null;
  market_rent_per_sqft: string | null;
  rent_gap_amount: string;
  rent_gap_pct: number;
  position: MarketPosition | '';
  days_vacant: number;
  is_vacant: boolean;
  seasonal_factor: number;
  demand_score: number;
  comp_count: number;
  confidence_score: number;
  pricing_strategy: PricingStrategy;
  summary: string;
  price_drop: PriceDrop | null;
  applied_rent: string | null;
  applied_at: string | null;
  applied_by_name: string;
}

export interface MarketComp {
  id: string;
  source: string;
  address: string;
  bedrooms: number;
  bathrooms: string;
  square_feet: number | null;
  rent: string;
  distance_miles: number | null;
  similarity_score: number;
}

export interface PricingAdjustment {
  kind: 'size' | 'seasonal' | 'vacancy';
  factor: number;
  label: string;
}

export interface PricingExplanation {
  method: 'internal_comps' | 'unit_market_rent' | 'unit_current_rent' | 'no_data';
  summary: string;
  adjustments: PricingAdjustment[];
  fallback: string;
  comp_avg_rent: string | null;
  comp_avg_sqft: number | null;
  base_rent: string;
  vacancy_discount_pct: number;
  position: MarketPosition;
  strategy_reason: string;
  price_drop: PriceDrop | null;
}

export interface PricingSnapshotDetail extends PricingSnapshot {
  explanation: PricingExplanation;
  comps: MarketComp[];
}

export interface PricingHistoryPoint {
  snapshot_date: string;
  current_rent: string | null;
  market_rent: string;
  recommended_rent: string;
  rent_gap_pct: number;
}

export interface UnitPricing {
  unit_id: string;
  unit_number: string;
  property_id: string;
  property_name: string;
  unit_status: string;
  asking_rent: string;
  can_apply: boolean;
  latest: PricingSnapshotDetail | null;
  history: PricingHistoryPoint[];
}

export interface RevenueByProperty {
  property_id: string;
  property_name: string;
  units_analyzed: number;
  units_below: number;
  units_at: number;
  units_above: number;
  monthly_gap: number;
  annual_opportunity: number;
  avg_gap_pct: number;
}

export interface GapBucket {
  from_pct: number | null;
  to_pct: number | null;
  units: number;
}

export interface ModelAccuracy {
  units: number;
  occupied_units: number;
  coverage_pct: number;
  median_abs_pct_error: number | null;
  within_5_pct_share: number | null;
}

export interface PricingRun {
  id: string;
  as_of: string;
  units_priced: number;
  snapshots_written: number;
  accuracy: ModelAccuracy;
  summary: string;
  created_at: string;
}

export interface RevenueOpportunity {
  snapshot_date: string | null;
  total_units_analyzed: number;
  units_below_market: number;
  units_at_market: number;
  units_above_market: number;
  total_monthly_gap: number;
  annual_revenue_opportunity: number;
  avg_gap_pct: number;
  at_market_band_pct: number;
  by_property: RevenueByProperty[];
  gap_distribution: GapBucket[];
  vacant_units: number;
  model_accuracy: ModelAccuracy | null;
  last_run: PricingRun | null;
}

export interface PricingFilters {
  property?: string | null;
  bedrooms?: string | null;
  is_vacant?: string | null;
  position?: string | null;
  pricing_strategy?: string | null;
  search?: string | null;
  ordering?: string | null;
  page?: number | null;
  page_size?: number | null;
}

export interface PricingRunResult {
  summary: string;
  job_id: string;
}
