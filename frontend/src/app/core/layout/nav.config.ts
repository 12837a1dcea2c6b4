import { IconName } from '../../shared/components/icon.component';

export interface NavItem {
  label: string;
  path: string;
  icon: IconName;
  /** Match only the exact path (default: also highlight child routes). */
  exact?: boolean;
}

export interface NavSection {
  title: string;
  items: NavItem[];
}

/**
 * The sidebar. Features add their entries here when they ship (spec 0.0 "Sidebar Nav Location");
 * a section without items is not shown.
 */
export const NAV_SECTIONS: NavSection[] = [
  {
    title: 'Operations',
    items: [
      { label: 'Dashboard', path: '/dashboard', icon: 'dashboard' },
      { label: 'Properties', path: '/properties', icon: 'building' },
      { label: 'Lease Lifecycle', path: '/lifecycle', icon: 'cycle' },
      { label: 'Command Center', path: '/portfolio/command-center', icon: 'sparkles' },
      { label: 'Bulk-action history', path: '/portfolio/bulk-actions', icon: 'list' },
      { label: 'Messages', path: '/messages', icon: 'inbox' },
      { label: 'Rules by state', path: '/rules', icon: 'list' },
    ],
  },
  {
    title: 'AI',
    // Next: Revenue (2.2), Maintenance AI (2.3), Portfolio Chat (3.3)…
    items: [
      { label: 'Renewals', path: '/renewals', icon: 'renew' },
      { label: 'Collections', path: '/collections', icon: 'wallet' },
    ],
  },
];
