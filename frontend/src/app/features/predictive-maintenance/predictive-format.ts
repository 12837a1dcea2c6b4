import { HeatmapCell, RiskFactor, RiskLevel, UnitRiskScore } from '../../core/models';

export const LEVEL_LABELS: Record<RiskLevel, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** The spec's five factors, in its order, with their weights (points of 100). */
export const FACTORS: readonly { key: RiskFactor; label: string; weight: number }[] = [
  { key: 'wo_frequency', label: 'Work-order frequency', weight: 30 },
  { key: 'wo_cost', label: 'Cost trend', weight: 20 },
  { key: 'equipment_age', label: 'Equipment age', weight: 20 },
  { key: 'repeat_issue', label: 'Repeat issues', weight: 20 },
  { key: 'seasonal', label: 'Season', weight: 10 },
];

const CATEGORY_LABELS: Record<string, string> = {
  hvac: 'HVAC',
  plumbing: 'Plumbing',
  electrical: 'Electrical',
  appliance: 'Appliance',
  structural: 'Structural',
  pest: 'Pest control',
  cleaning: 'Cleaning',
  painting: 'Painting',
  flooring: 'Flooring',
  locks_security: 'Locks / security',
  general: 'General',
  turnover: 'Make-ready',
};

export function categoryName(category: string | null | undefined): string {
  if (!category) return '—';
  return CATEGORY_LABELS[category] ?? category.replace(/_/g, ' ');
}

/** low <= 25 < medium <= 50 < high <= 75 < critical (the server decides; this mirrors it for display). */
export function levelOf(score: number): RiskLevel {
  if (score <= 25) return 'low';
  if (score <= 50) return 'medium';
  return score <= 75 ? 'high' : 'critical';
}

export interface FactorRow {
  key: RiskFactor;
  label: string;
  weight: number;
  /** 0-1 */
  value: number;
  /** value x weight */
  points: number;
  pct: number;
}

export function factorRows(values: Record<RiskFactor, number>): FactorRow[] {
  return FACTORS.map((f) => {
    const value = Math.max(0, Math.min(1, values[f.key] ?? 0));
    return {
      ...f,
      value,
      points: Math.round(value * f.weight * 10) / 10,
      pct: Math.round(value * 100),
    };
  });
}

export function scoreFactors(s: UnitRiskScore): Record<RiskFactor, number> {
  return {
    wo_frequency: s.wo_frequency_score,
    wo_cost: s.wo_cost_score,
    equipment_age: s.equipment_age_score,
    repeat_issue: s.repeat_issue_score,
    seasonal: s.seasonal_score,
  };
}

/** The heatmap cell's hover text: score, level and each factor's points. */
export function cellTitle(cell: HeatmapCell): string {
  const lines = factorRows(cell.factors).map((f) => `${f.label}: ${f.points} of ${f.weight}`);
  const next = cell.predicted_next_wo_type
    ? `\nLikely next: ${categoryName(cell.predicted_next_wo_type)}`
    : '';
  return `Unit ${cell.unit_number}: ${cell.risk_score} (${LEVEL_LABELS[cell.risk_level]})\n${lines.join('\n')}${next}`;
}
