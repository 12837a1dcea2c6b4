import { IsoDate, Money } from './api.models';

export interface Unit {
  id: string;
  unit_number: string;
  property: string;
  property_name: string;
  building: string;
  floor: number;
  unit_type: string;
  bedrooms: number;
  bathrooms: string | number;
  square_feet: number;
  market_rent: Money;
  current_rent: Money;
  status: string;
  amenities: string[] | string | null;
}

export interface WorkOrder {
  id: string;
  work_order_number: string;
  title: string;
  description: string;
  category: string;
  priority: string;
  status: string;
  requested_date: IsoDate | null;
  completed_date: IsoDate | null;
  actual_cost: Money | null;
  estimated_cost: Money | null;
  assigned_vendor: string | null;
  vendor_name: string | null;
}

export interface Equipment {
  id: string;
  equipment_type: string;
  name: string;
  manufacturer: string;
  install_date: IsoDate | null;
  age_years: number | string | null;
  expected_lifespan_years: number | null;
  warranty_provider: string | null;
  warranty_expiration: IsoDate | null;
  condition: string;
}
