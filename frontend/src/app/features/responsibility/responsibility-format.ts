import { DisputeRisk, Responsibility, TenantChargeStatus } from '../../core/models';

export const RESPONSIBILITY_LABELS: Record<Responsibility, string> = {
  owner: 'Owner',
  tenant: 'Tenant',
  shared: 'Shared',
};

export const CHARGE_STATUS_LABELS: Record<TenantChargeStatus, string> = {
  pending: 'Pending',
  billed: 'Billed',
  paid: 'Paid',
  disputed: 'Disputed',
  waived: 'Waived',
};

export const LOG_LABELS: Record<string, string> = {
  determination: 'Determined',
  confirm: 'Confirmed',
  waive: 'Waived – owner pays',
  bill: 'Billed',
  pay: 'Paid',
  dispute: 'Disputed',
  uphold: 'Dispute upheld',
  adjust: 'Dispute: adjusted',
  resolve_waive: 'Dispute: waived',
};

export function riskLabel(risk: DisputeRisk | '' | undefined | null): string {
  return risk ? risk.charAt(0).toUpperCase() + risk.slice(1) : '—';
}

export function chargeTone(status: TenantChargeStatus): string {
  return status === 'paid'
    ? 'chip-ok'
    : status === 'disputed'
      ? 'chip-danger'
      : status === 'waived'
        ? ''
        : 'chip-warn';
}

/** Whether the coordinator's choice departs from the determination (then a reason is needed). */
export function isOverride(
  ai: { responsibility: string; amount: string | null },
  chosen: { responsibility: string; amount: string },
): boolean {
  if (chosen.responsibility !== ai.responsibility) return true;
  if (chosen.responsibility === 'owner') return false;
  const a = Number(ai.amount ?? NaN);
  const b = Number(chosen.amount);
  return !(Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) < 0.005);
}

export function pct(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${value.toFixed(value % 1 ? 1 : 0)}%`;
}
