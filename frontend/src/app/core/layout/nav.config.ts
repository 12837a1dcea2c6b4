import { IconName } from '../../shared/components/icon.component';
import { Permission } from '../auth/auth.service';

export interface NavItem {
  label: string;
  path: string;
  icon: IconName;
  /** Match only the exact path (default: also highlight child routes). */
  exact?: boolean;
  /** The permission the screen needs (its route's `permissionGuard`), or several of which any one will do; a
   * role without it doesn't see the item. */
  permission?: Permission | readonly Permission[];
  /** A number shown beside the label (NavCountsService), e.g. open collection cases. */
  count?: NavCountKey;
}

export type NavCountKey = 'open_cases';

export interface NavSection {
  title: string;
  items: NavItem[];
}

/**
 * The sidebar, grouped by what a manager does (Portfolio, Leasing, Residents, Maintenance, Money, Insights,
 * Settings). Features add their entries here when they ship (spec 0.0 "Sidebar Nav Location"), with the
 * permission their route needs; a section without a visible item is not shown; sections fold (remembered).
 */
export const NAV_SECTIONS: NavSection[] = [
  {
    title: 'Portfolio',
    items: [
      { label: 'Dashboard', path: '/dashboard', icon: 'dashboard', permission: 'view_portfolio' },
      { label: 'Properties', path: '/properties', icon: 'building', permission: 'view_portfolio' },
      {
        label: 'Command Center',
        path: '/portfolio/command-center',
        icon: 'sparkles',
        permission: 'view_portfolio',
      },
      { label: 'Ask the portfolio', path: '/chat', icon: 'sparkles', permission: 'view_portfolio' },
      {
        label: 'Bulk-action history',
        path: '/portfolio/bulk-actions',
        icon: 'list',
        permission: 'view_portfolio',
      },
    ],
  },
  {
    title: 'Leasing',
    // Next: showings, screening…
    items: [
      { label: 'Lease Lifecycle', path: '/lifecycle', icon: 'cycle', permission: 'view_portfolio' },
      { label: 'Renewals', path: '/renewals', icon: 'renew', permission: 'view_renewals' },
      { label: 'Dynamic Pricing', path: '/pricing', icon: 'dollar', permission: 'view_portfolio' },
    ],
  },
  {
    title: 'Residents',
    items: [
      { label: 'Inbox', path: '/communications', icon: 'inbox', permission: 'view_messages' },
      { label: 'Messages', path: '/messages', icon: 'send', permission: 'view_messages' },
    ],
  },
  {
    title: 'Maintenance',
    items: [
      {
        label: 'Work orders',
        path: '/maintenance',
        icon: 'wrench',
        permission: 'view_maintenance',
      },
      // Leasing and maintenance both follow the board (reading needs view_portfolio; moving, either manage_*).
      { label: 'Turnover', path: '/turnover', icon: 'cycle', permission: 'view_portfolio' },
      {
        label: 'Inspections',
        path: '/inspections',
        icon: 'camera',
        permission: 'view_portfolio',
      },
      {
        label: 'Responsibility',
        path: '/responsibility',
        icon: 'wallet',
        permission: ['view_maintenance', 'view_ledger'],
      },
      {
        label: 'Vendors',
        path: '/vendors',
        icon: 'user',
        permission: ['view_invoices', 'view_maintenance'],
      },
      {
        label: 'Predictive',
        path: '/predictive-maintenance',
        icon: 'sparkles',
        permission: 'view_maintenance',
      },
      { label: 'Equipment', path: '/equipment', icon: 'gauge', permission: 'view_maintenance' },
    ],
  },
  {
    title: 'Money',
    items: [
      {
        label: 'Collections',
        path: '/collections',
        icon: 'wallet',
        permission: 'view_collections',
        count: 'open_cases',
      },
      { label: 'Invoices', path: '/invoices', icon: 'dollar', permission: 'view_invoices' },
    ],
  },
  {
    title: 'Insights',
    // Next: portfolio chat (3.3), reports
    items: [],
  },
  {
    title: 'Settings',
    items: [
      {
        label: 'Import',
        path: '/settings/import',
        icon: 'list',
        permission: 'import_portfolio',
      },
      { label: 'Rules by state', path: '/rules', icon: 'list', permission: 'view_portfolio' },
      { label: 'Signed-in devices', path: '/account/devices', icon: 'user' },
    ],
  },
];

/** The sections and items a role sees: items whose permission it has; sections left empty go. */
export function visibleNav(
  sections: readonly NavSection[],
  can: (perm: Permission) => boolean,
): NavSection[] {
  return sections
    .map((s) => ({ ...s, items: s.items.filter((i) => allowed(i.permission, can)) }))
    .filter((s) => s.items.length > 0);
}

function allowed(
  perm: Permission | readonly Permission[] | undefined,
  can: (perm: Permission) => boolean,
): boolean {
  if (!perm) return true;
  return typeof perm === 'string' ? can(perm) : perm.some((p) => can(p));
}
