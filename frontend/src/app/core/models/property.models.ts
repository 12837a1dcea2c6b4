import { Money } from './api.models';
import { LeaseDates } from './lease.models';

export interface Property {
  id: string;
  name: string;
  code: string;
  address: string;
  city: string;
  state: string;
  zip_code: string;
  year_built: number | null;
  property_type: string;
  total_units: number;
  building_count: number;
  occupied_units: number;
  vacant_units: number;
  occupancy_rate: number;
}

export interface PropertyListParams {
  page?: number;
  page_size?: number;
  search?: string;
  ordering?: string;
}

/** The current lease of a unit in the honeycomb grid. */
export interface GridLease extends LeaseDates {
  id: string;
  lease_number: string;
  tenant_id: string;
  tenant_name: string;
  monthly_rent_amount: Money;
}

export interface UnitGridItem {
  id: string;
  unit_number: string;
  building: string;
  floor: number;
  bedrooms: number;
  bathrooms: string | number;
  square_feet: number;
  current_rent: Money;
  market_rent: Money;
  status: string;
  balance: Money;
  overdue_balance: Money;
  lease: GridLease | null;
}

export interface UnitGrid {
  property: {
    id: string;
    name: string;
    code?: string;
    city?: string;
    state?: string;
    total_units?: number;
  };
  units: UnitGridItem[];
}
