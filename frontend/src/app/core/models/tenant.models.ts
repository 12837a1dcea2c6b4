import { IsoDate, Money } from './api.models';

export interface Tenant {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string;
  preferred_contact: string;
  balance: Money;
  overdue_balance: Money;
  date_of_birth?: IsoDate | null;
  emergency_contact_name?: string;
  emergency_contact_phone?: string;
}

export type LedgerTransType = 'Charge' | 'Payment' | 'Credit';

export interface LedgerEntry {
  id: string;
  trans_type: LedgerTransType;
  charge_code: string;
  description: string;
  trans_date: IsoDate;
  due_date: IsoDate | null;
  amount: Money;
}
