import { Type } from '@angular/core';
import { Permission } from '../../core/auth/auth.service';
import { DashboardStats } from '../../core/models';
import { IconName } from '../../shared/components/icon.component';
import { StatTone } from '../../shared/components/stat-card.component';
import { LifecycleCounts } from '../../shared/components/lifecycle-bar.component';
import { formatMoney } from '../../shared/pipes/money.pipe';
import { DigestCardComponent } from '../chat/digest-card.component';
import { CollectionsCardComponent } from '../collections/collections-card.component';
import { RenewalsCardComponent } from '../renewals/renewals-card.component';
import { TurnoverDashboardCardComponent } from '../turnover/turnover-dashboard-card.component';

/** A stat card computed from `/dashboard/stats/`. */
export interface DashboardCardDef {
  id: string;
  label: string;
  icon?: IconName;
  value: (s: DashboardStats) => string;
  detail?: (s: DashboardStats) => string | null;
  tone?: (s: DashboardStats) => StatTone;
  /** Money values render in JetBrains Mono. */
  mono?: boolean;
  /** A thin lifecycle bar under the value. */
  lifecycle?: (s: DashboardStats) => LifecycleCounts;
  link?: string;
  linkLabel?: string;
  /** Shown only to a role with this permission (the figure comes from data the role may not see). */
  permission?: Permission;
  /** The link's screen needs this permission: without it the card shows no link. */
  linkPermission?: Permission;
}

/** A card that loads its own data (a standalone component without inputs) and the permission its API needs. */
export interface DashboardWidgetDef {
  component: Type<unknown>;
  permission: Permission;
}

const n = (v: number) => v.toLocaleString('en-US');

/**
 * The dashboard's stat cards, in order. A feature adds its card here (e.g. 1.2 "Renewals Due");
 * a card that needs its own data is a standalone component listed in DASHBOARD_WIDGETS.
 */
export const DASHBOARD_CARDS: DashboardCardDef[] = [
  {
    id: 'units',
    label: 'Units',
    icon: 'door',
    value: (s) => n(s.total_units),
    detail: (s) =>
      `${n(s.occupied_units)} occupied · ${n(s.vacant_units)} vacant · ${n(s.properties)} properties`,
    link: '/properties',
    linkLabel: 'Properties',
  },
  {
    id: 'occupancy',
    label: 'Occupancy',
    icon: 'building',
    value: (s) => `${s.occupancy_rate.toFixed(1)}%`,
    detail: (s) =>
      `${n(s.lifecycle.month_to_month)} on month-to-month · ${n(s.lifecycle.notice)} on notice`,
    tone: (s) => (s.occupancy_rate >= 93 ? 'teal' : s.occupancy_rate >= 85 ? 'amber' : 'red'),
    lifecycle: (s) => s.lifecycle,
    link: '/lifecycle',
    linkLabel: 'Lease lifecycle',
  },
  {
    id: 'rent-roll',
    label: 'Monthly rent roll',
    icon: 'dollar',
    value: (s) => formatMoney(s.monthly_rent_roll),
    // The one definition (backend `dashboard_stats`): current rent of every occupying lease (active,
    // month-to-month, on notice); vacant units count nothing.
    detail: (s) =>
      `Current rent of the ${n(s.lifecycle.active + s.lifecycle.month_to_month + s.lifecycle.notice)} occupied leases · ${n(s.expiring_30_days)} expire in 30 days`,
    mono: true,
    tone: () => 'gold',
  },
  {
    id: 'work-orders',
    label: 'Open work orders',
    icon: 'wrench',
    value: (s) => n(s.open_work_orders),
    // No work-order list screen yet (the maintenance screens come with their own issue): the card links
    // nowhere and says where the work orders are.
    detail: () => "Open or in progress · listed on each unit's Maintenance tab",
    permission: 'view_maintenance',
  },
  {
    id: 'overdue',
    label: 'Overdue balance',
    icon: 'alert',
    value: (s) => formatMoney(s.overdue_balance),
    // The ledger's past-due balance of every tenant; the Collections card counts the cases working it.
    detail: (s) =>
      `Past due on the ledger, owed by ${n(s.delinquent_tenants)} ${s.delinquent_tenants === 1 ? 'tenant' : 'tenants'}`,
    mono: true,
    tone: (s) => (Number(s.overdue_balance) > 0 ? 'red' : 'teal'),
    link: '/collections',
    linkLabel: 'Collections',
    permission: 'view_ledger',
    linkPermission: 'view_collections',
  },
];

/**
 * Cards that load their own data (standalone components with no inputs), shown after DASHBOARD_CARDS to a
 * role with their permission (the others never create them, so their request is not sent).
 */
export const DASHBOARD_WIDGETS: DashboardWidgetDef[] = [
  { component: RenewalsCardComponent, permission: 'view_renewals' },
  { component: CollectionsCardComponent, permission: 'view_collections' },
  { component: TurnoverDashboardCardComponent, permission: 'view_portfolio' },
  { component: DigestCardComponent, permission: 'view_portfolio' },
];

/** The cards and widgets a role sees. */
export function visibleCards<T extends { permission?: Permission }>(
  defs: readonly T[],
  can: (perm: Permission) => boolean,
): T[] {
  return defs.filter((d) => !d.permission || can(d.permission));
}
