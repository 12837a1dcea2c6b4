/** Rent vs market, as the renewals list and the command center show and filter it. */

/** The "gap to market" filter's choices (current rent vs market; negative = below market) → API bounds. */
export const GAP_CHOICES = {
  below10: { label: '10 %+ below market', gap_pct_min: null, gap_pct_max: -10 },
  below5: { label: '5 %+ below market', gap_pct_min: null, gap_pct_max: -5 },
  below: { label: 'Below market', gap_pct_min: null, gap_pct_max: -0.01 },
  above: { label: 'At or above market', gap_pct_min: 0, gap_pct_max: null },
} as const;
export type GapChoice = keyof typeof GAP_CHOICES;

export function isGapChoice(value: unknown): value is GapChoice {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(GAP_CHOICES, value);
}

/** "−8.5 %" / "+3.0 %" / "—". */
export function formatGapPct(pct: number | null | undefined): string {
  if (pct === null || pct === undefined || Number.isNaN(pct)) return '—';
  const sign = pct < 0 ? '−' : pct > 0 ? '+' : '';
  return `${sign}${Math.abs(pct).toFixed(1)} %`;
}
