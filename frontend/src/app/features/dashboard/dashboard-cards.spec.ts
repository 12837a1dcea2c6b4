import { Permission } from '../../core/auth/auth.service';
import { ALL_PERMISSIONS, READ_ONLY_PERMISSIONS } from '../../core/auth/auth.testing';
import { DigestCardComponent } from '../chat/digest-card.component';
import { CollectionsCardComponent } from '../collections/collections-card.component';
import { RenewalsCardComponent } from '../renewals/renewals-card.component';
import { TurnoverDashboardCardComponent } from '../turnover/turnover-dashboard-card.component';
import { DASHBOARD_CARDS, DASHBOARD_WIDGETS, visibleCards } from './dashboard-cards';

const as = (perms: readonly Permission[]) => (p: Permission) => perms.includes(p);
const LEASING: Permission[] = ['view_portfolio', 'view_renewals', 'view_messages'];
const MAINTENANCE: Permission[] = ['view_portfolio', 'view_maintenance', 'view_invoices'];
const ACCOUNTANT: Permission[] = [
  'view_portfolio',
  'view_ledger',
  'view_collections',
  'view_renewals',
];

describe('dashboard cards by role', () => {
  const ids = (perms: readonly Permission[]) =>
    visibleCards(DASHBOARD_CARDS, as(perms)).map((c) => c.id);

  it('shows a manager and a read-only user every card and widget', () => {
    const all = DASHBOARD_CARDS.map((c) => c.id);
    expect(ids(ALL_PERMISSIONS)).toEqual(all);
    expect(ids(READ_ONLY_PERMISSIONS)).toEqual(all);
    expect(visibleCards(DASHBOARD_WIDGETS, as(READ_ONLY_PERMISSIONS))).toHaveLength(4);
  });

  it('leaves out the cards whose data the role cannot see', () => {
    expect(ids(LEASING)).toEqual(['units', 'occupancy', 'rent-roll']);
    expect(ids(MAINTENANCE)).toEqual(['units', 'occupancy', 'rent-roll', 'work-orders']);
    expect(ids(ACCOUNTANT)).toEqual(['units', 'occupancy', 'rent-roll', 'overdue']);
  });

  it('creates only the widgets whose API the role may call (their request is never sent)', () => {
    const widgets = (perms: readonly Permission[]) =>
      visibleCards(DASHBOARD_WIDGETS, as(perms)).map((w) => w.component);
    expect(widgets(LEASING)).toEqual([
      RenewalsCardComponent,
      TurnoverDashboardCardComponent,
      DigestCardComponent,
    ]);
    expect(widgets(MAINTENANCE)).toEqual([TurnoverDashboardCardComponent, DigestCardComponent]);
    expect(widgets(ACCOUNTANT)).toEqual([
      RenewalsCardComponent,
      CollectionsCardComponent,
      TurnoverDashboardCardComponent,
      DigestCardComponent,
    ]);
  });
});
