import { RenewalRecommendation } from '../../core/models';
import { normaliseAmount } from '../../core/utils/amount';
import { humanize } from '../../shared/utils/wording';

/** The wireframe's line under each row: "Strategy: Hold — high churn risk, retain at current rent" (the
 * strategy's label, never its code). */
export function strategyLine(
  r: Pick<RenewalRecommendation, 'rent_strategy' | 'rent_reasoning'> & {
    rent_strategy_label?: string;
  },
): string {
  const name = r.rent_strategy_label || humanize(r.rent_strategy) || 'None';
  return r.rent_reasoning ? `Strategy: ${name} — ${r.rent_reasoning}` : `Strategy: ${name}`;
}

/** "+3.5%", "0.0%", "−2.0%". */
export function formatPct(value: number | null | undefined, digits = 1): string {
  const n = Number(value);
  if (!Number.isFinite(n)) return '—';
  const abs = Math.abs(n).toFixed(digits);
  if (Number(abs) === 0) return `${(0).toFixed(digits)}%`;
  return `${n > 0 ? '+' : '−'}${abs}%`;
}

/** Percent change from `current` to `next`, one decimal. */
export function increasePct(current: number, next: number): number {
  if (!(current > 0)) return 0;
  return Math.round(((next - current) / current) * 1000) / 10;
}

export interface RentCheck {
  /** Blocks approval. */
  error: string | null;
  /** Shown, does not block (an unusual change). */
  warning: string | null;
  /** "1850.00" when valid. */
  value: string | null;
}

/** Warn past this change from the current rent. */
export const RENT_WARN_PCT = 10;

/**
 * The manager's modified rent: blank approves the recommendation; otherwise a positive amount with at
 * most two decimals. A change of more than ±10% from the current rent, or below it, is flagged.
 */
export function checkApprovedRent(raw: string, currentRent: number): RentCheck {
  const text = (raw ?? '').trim();
  if (!text) return { error: null, warning: null, value: null };
  const value = normaliseAmount(text);
  if (value === null)
    return {
      error: 'Enter a rent like 1850.00 (at most two decimals).',
      warning: null,
      value: null,
    };
  const n = Number(value);
  if (n <= 0) return { error: 'The rent must be greater than zero.', warning: null, value: null };
  if (n > 99_999_999.99) return { error: 'That rent is too large.', warning: null, value: null };
  const pct = increasePct(currentRent, n);
  let warning: string | null = null;
  if (pct < 0) warning = `This is ${formatPct(pct)} below the current rent.`;
  else if (pct > RENT_WARN_PCT)
    warning = `This is a ${formatPct(pct)} increase — above the ${RENT_WARN_PCT}% most tenants accept.`;
  return { error: null, warning, value };
}

export { downloadBlob } from '../../shared/utils/download';
