import { IsoDate, IsoDateTime, Money } from './api.models';

/** The equipment register — shapes of `/api/v1/predictive-maintenance/equipment/`. */

export type EquipmentType =
  | 'hvac'
  | 'water_heater'
  | 'refrigerator'
  | 'dishwasher'
  | 'washer'
  | 'dryer'
  | 'range'
  | 'boiler'
  | 'roof'
  | 'elevator';

export const EQUIPMENT_TYPE_LABELS: Record<EquipmentType, string> = {
  hvac: 'HVAC system',
  water_heater: 'Water heater',
  refrigerator: 'Refrigerator',
  dishwasher: 'Dishwasher',
  washer: 'Washer',
  dryer: 'Dryer',
  range: 'Range / oven',
  boiler: 'Boiler',
  roof: 'Roof',
  elevator: 'Elevator',
};
export const EQUIPMENT_TYPES = Object.keys(EQUIPMENT_TYPE_LABELS) as EquipmentType[];

/** expiring = 60 days or fewer left (a warranty that ends today still covers today). */
export type WarrantyState = 'active' | 'expiring' | 'expired' | 'none';
export const WARRANTY_STATES: readonly WarrantyState[] = ['active', 'expiring', 'expired', 'none'];

export type EquipmentCondition = 'good' | 'fair' | 'poor';
export const EQUIPMENT_CONDITIONS: readonly EquipmentCondition[] = ['good', 'fair', 'poor'];

export interface EquipmentRecord {
  id: string;
  property: string;
  property_name: string;
  /** null: building-level (building set) or property-wide (building empty). */
  unit: string | null;
  unit_number: string | null;
  building: string;
  equipment_type: EquipmentType;
  equipment_type_label: string;
  name: string;
  manufacturer: string;
  model_number: string;
  serial_number: string;
  install_date: IsoDate;
  age_years: number;
  expected_lifespan_years: number;
  lifespan_used_pct: number;
  warranty_provider: string;
  warranty_expiration: IsoDate | null;
  warranty_state: WarrantyState;
  warranty_days_left: number | null;
  last_service_date: IsoDate | null;
  condition: EquipmentCondition;
  replacement_cost: Money | null;
  created_at: IsoDateTime;
  updated_at: IsoDateTime;
}

export interface EquipmentInput {
  property?: string;
  unit?: string | null;
  building?: string;
  equipment_type?: EquipmentType;
  name?: string;
  manufacturer?: string;
  model_number?: string;
  serial_number?: string;
  install_date?: IsoDate;
  expected_lifespan_years?: number;
  warranty_provider?: string;
  warranty_expiration?: IsoDate | null;
  last_service_date?: IsoDate | null;
  condition?: EquipmentCondition;
  replacement_cost?: Money | null;
}

export interface EquipmentFilters {
  property?: string | null;
  unit?: string | null;
  building?: string | null;
  equipment_type?: string | null;
  warranty_state?: string | null;
  condition?: string | null;
  search?: string | null;
  ordering?: string | null;
  page?: number;
  page_size?: number;
}
