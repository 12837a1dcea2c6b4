import { Money } from './api.models';

export interface DashboardStats {
  properties: number;
  total_units: number;
  occupied_units: number;
  vacant_units: number;
  /** Percent, e.g. 93.6. */
  occupancy_rate: number;
  monthly_rent_roll: Money;
  open_work_orders: number;
  overdue_balance: Money;
  delinquent_tenants: number;
  lifecycle: { active: number; month_to_month: number; notice: number; vacant: number };
  expiring_30_days: number;
}
