import {
  EQUIPMENT_CONDITIONS,
  EQUIPMENT_TYPES,
  EquipmentCondition,
  EquipmentInput,
  EquipmentRecord,
  EquipmentType,
  WarrantyState,
} from '../../core/models';
import { normaliseAmount } from '../../core/utils/amount';
import { parseIsoDate, startOfDay } from '../../core/utils/dates';
import { BadgeTone } from '../../shared/components/status-badge.component';

export const WARRANTY_LABELS: Record<WarrantyState, string> = {
  active: 'Under warranty',
  expiring: 'Warranty ending',
  expired: 'Warranty expired',
  none: 'No warranty',
};
export const WARRANTY_TONES: Record<WarrantyState, BadgeTone> = {
  active: 'green',
  expiring: 'amber',
  expired: 'red',
  none: 'grey',
};

/** The warranty pill's words: "Warranty ends in 20 days" (60 days or fewer), "Under warranty", … */
export function warrantyText(state: WarrantyState, daysLeft: number | null): string {
  if (state !== 'expiring') return WARRANTY_LABELS[state];
  if (!daysLeft) return 'Warranty ends today';
  return daysLeft === 1 ? 'Warranty ends tomorrow' : `Warranty ends in ${daysLeft} days`;
}

/** Where a record stands: "Unit A-101", "Building B", "Property-wide". */
export function equipmentLocation(e: Pick<EquipmentRecord, 'unit_number' | 'building'>): string {
  if (e.unit_number) return `Unit ${e.unit_number}`;
  if (e.building) return `Building ${e.building}`;
  return 'Property-wide';
}

/** The age-vs-lifespan bar: width (0–100 %), colour and words ("8.3 of 12 yrs"). */
export interface LifespanBar {
  width: number;
  tone: 'ok' | 'late' | 'over';
  text: string;
  pct: number;
}

export function lifespanBar(ageYears: number, lifespanYears: number): LifespanBar {
  const pct = lifespanYears > 0 ? (100 * ageYears) / lifespanYears : 0;
  const tone = pct > 100 ? 'over' : pct >= 75 ? 'late' : 'ok';
  const age = ageYears < 10 ? ageYears.toFixed(1) : Math.round(ageYears).toString();
  return {
    width: Math.max(0, Math.min(100, pct)),
    tone,
    text: `${age} of ${lifespanYears} yrs`,
    pct: Math.round(pct),
  };
}

/** The create/edit form's values, as typed. */
export interface EquipmentForm {
  property: string;
  /** '' = no unit (building-level or property-wide). */
  unit: string;
  building: string;
  equipment_type: EquipmentType | '';
  name: string;
  manufacturer: string;
  model_number: string;
  serial_number: string;
  install_date: string;
  expected_lifespan_years: string;
  warranty_provider: string;
  warranty_expiration: string;
  last_service_date: string;
  condition: EquipmentCondition;
  replacement_cost: string;
}

export type EquipmentFormErrors = Partial<Record<keyof EquipmentForm, string>>;

export const EMPTY_EQUIPMENT_FORM: EquipmentForm = {
  property: '',
  unit: '',
  building: '',
  equipment_type: '',
  name: '',
  manufacturer: '',
  model_number: '',
  serial_number: '',
  install_date: '',
  expected_lifespan_years: '12',
  warranty_provider: '',
  warranty_expiration: '',
  last_service_date: '',
  condition: 'good',
  replacement_cost: '',
};

export const MAX_AGE_YEARS = 80;

/** The API's checks, said before sending: install date not in the future nor > 80 years back; the
 * warranty ends after the install date; last service between install and today; lifespan 1–100. */
export function validateEquipment(f: EquipmentForm, today = new Date()): EquipmentFormErrors {
  const e: EquipmentFormErrors = {};
  const day = startOfDay(today);
  if (!f.property) e.property = 'Choose the property.';
  if (!f.equipment_type || !EQUIPMENT_TYPES.includes(f.equipment_type))
    e.equipment_type = 'Choose the type.';
  if (!f.name.trim()) e.name = "Name it (e.g. 'A-101 water heater').";
  else if (f.name.trim().length > 120) e.name = 'At most 120 characters.';
  const install = parseIsoDate(f.install_date);
  const oldest = new Date(day.getFullYear() - MAX_AGE_YEARS, day.getMonth(), day.getDate());
  if (!install) e.install_date = 'Enter the install date.';
  else if (install > day) e.install_date = 'The install date cannot be in the future.';
  else if (install < oldest) e.install_date = `At most ${MAX_AGE_YEARS} years ago.`;
  const life = Number(f.expected_lifespan_years);
  if (!/^\d+$/.test(f.expected_lifespan_years.trim()) || life < 1 || life > 100)
    e.expected_lifespan_years = 'A whole number of years from 1 to 100.';
  const warranty = parseIsoDate(f.warranty_expiration);
  if (f.warranty_expiration && !warranty) e.warranty_expiration = 'Enter a date.';
  else if (warranty && install && warranty <= install)
    e.warranty_expiration = 'The warranty must end after the install date.';
  const service = parseIsoDate(f.last_service_date);
  if (f.last_service_date && !service) e.last_service_date = 'Enter a date.';
  else if (service && service > day) e.last_service_date = 'Cannot be in the future.';
  else if (service && install && service < install)
    e.last_service_date = 'Cannot be before the install date.';
  if (f.replacement_cost.trim() && normaliseAmount(f.replacement_cost) === null)
    e.replacement_cost = 'Enter an amount like 1450.00.';
  if (!EQUIPMENT_CONDITIONS.includes(f.condition)) e.condition = 'Choose a condition.';
  return e;
}

/** The body the API takes (blanks: no unit, null dates, no cost). */
export function equipmentBody(f: EquipmentForm): EquipmentInput {
  return {
    property: f.property,
    unit: f.unit || null,
    building: f.unit ? '' : f.building.trim(),
    equipment_type: f.equipment_type as EquipmentType,
    name: f.name.trim(),
    manufacturer: f.manufacturer.trim(),
    model_number: f.model_number.trim(),
    serial_number: f.serial_number.trim(),
    install_date: f.install_date,
    expected_lifespan_years: Number(f.expected_lifespan_years),
    warranty_provider: f.warranty_provider.trim(),
    warranty_expiration: f.warranty_expiration || null,
    last_service_date: f.last_service_date || null,
    condition: f.condition,
    replacement_cost: f.replacement_cost.trim() ? normaliseAmount(f.replacement_cost) : null,
  };
}

/** A record's values in the form (edit). */
export function equipmentForm(e: EquipmentRecord): EquipmentForm {
  return {
    property: e.property,
    unit: e.unit ?? '',
    building: e.building ?? '',
    equipment_type: e.equipment_type,
    name: e.name,
    manufacturer: e.manufacturer ?? '',
    model_number: e.model_number ?? '',
    serial_number: e.serial_number ?? '',
    install_date: e.install_date,
    expected_lifespan_years: String(e.expected_lifespan_years),
    warranty_provider: e.warranty_provider ?? '',
    warranty_expiration: e.warranty_expiration ?? '',
    last_service_date: e.last_service_date ?? '',
    condition: e.condition,
    replacement_cost: e.replacement_cost ?? '',
  };
}

/** The buildings of a property, from its units (A, B, … 10, 11: shorter first). */
export function buildingsOf(units: readonly { building: string }[]): string[] {
  return [...new Set(units.map((u) => u.building).filter(Boolean))].sort(
    (a, b) => a.length - b.length || a.localeCompare(b),
  );
}
