import { Equipment } from '../../../../core/models';
import { daysBetween, parseIsoDate, startOfDay } from '../../../../core/utils/dates';

export type WarrantyState = 'active' | 'expiring' | 'expired' | 'none';

export function warrantyState(
  e: Pick<Equipment, 'warranty_expiration'>,
  today = new Date(),
): WarrantyState {
  const exp = parseIsoDate(e.warranty_expiration);
  if (!exp) return 'none';
  const days = daysBetween(startOfDay(today), exp);
  if (days < 0) return 'expired';
  return days <= 90 ? 'expiring' : 'active';
}

/** "water_heater" → "water heater" (capitalised by CSS); acronyms stay upper case. */
export function codeLabel(value: string | null | undefined): string {
  const v = (value ?? '').replace(/_/g, ' ');
  return /^(hvac)$/i.test(v) ? v.toUpperCase() : v;
}
