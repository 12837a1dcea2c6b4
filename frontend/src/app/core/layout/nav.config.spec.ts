import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { Permission } from '../auth/auth.service';
import { ALL_PERMISSIONS, READ_ONLY_PERMISSIONS, signInAs } from '../auth/auth.testing';
import { NAV_SECTIONS, visibleNav } from './nav.config';
import { ShellComponent } from './shell.component';

const LEASING: Permission[] = [
  'view_portfolio',
  'view_renewals',
  'view_messages',
  'manage_leases',
  'manage_renewals',
];
const MAINTENANCE: Permission[] = [
  'view_portfolio',
  'view_maintenance',
  'view_invoices',
  'view_messages',
];

const labels = (perms: readonly Permission[]) =>
  visibleNav(NAV_SECTIONS, (p) => perms.includes(p)).map(
    (s) => `${s.title}: ${s.items.map((i) => i.label).join(', ')}`,
  );

describe('visibleNav', () => {
  it('shows a manager and a read-only user every item', () => {
    const all = NAV_SECTIONS.filter((s) => s.items.length).map(
      (s) => `${s.title}: ${s.items.map((i) => i.label).join(', ')}`,
    );
    expect(labels(ALL_PERMISSIONS)).toEqual(all);
    // import writes: read-only has every item but Import
    expect(labels(READ_ONLY_PERMISSIONS)).toEqual(
      all.map((l) => l.replace('Settings: Import, ', 'Settings: ')),
    );
  });

  it('groups the screens by what a manager does; empty groups (Insights for now) go', () => {
    expect(labels(ALL_PERMISSIONS)).toEqual([
      'Portfolio: Dashboard, Properties, Command Center, Ask the portfolio, Bulk-action history',
      'Leasing: Lease Lifecycle, Renewals, Dynamic Pricing',
      'Residents: Inbox, Messages',
      'Maintenance: Work orders, Turnover, Inspections, Responsibility, Vendors, Predictive, Equipment',
      'Money: Collections, Invoices',
      'Settings: Import, Rules by state, Signed-in devices',
    ]);
  });

  it('hides what a leasing agent cannot open (Collections, and so the Money group)', () => {
    const nav = labels(LEASING);
    expect(nav).toContain('Leasing: Lease Lifecycle, Renewals, Dynamic Pricing');
    expect(nav.join()).not.toContain('Collections');
    expect(nav.join()).not.toContain('Money');
    expect(nav).toContain('Residents: Inbox, Messages');
    expect(nav.join()).not.toContain('Work orders');
  });

  it('drops a section with no item left (a maintenance coordinator has no leasing screen but the lifecycle and pricing)', () => {
    const nav = labels(MAINTENANCE);
    expect(nav).toContain('Leasing: Lease Lifecycle, Dynamic Pricing');
    expect(nav).toContain(
      'Maintenance: Work orders, Turnover, Inspections, Responsibility, Vendors, Predictive, Equipment',
    );
    expect(nav[0]).toMatch(/^Portfolio: Dashboard, Properties/);
  });

  it('shows Vendors to a role with either view_invoices or view_maintenance', () => {
    expect(labels(['view_invoices'])).toContain('Maintenance: Vendors');
    expect(labels(['view_maintenance'])).toContain(
      'Maintenance: Work orders, Responsibility, Vendors, Predictive, Equipment',
    );
    expect(labels(LEASING).join()).not.toContain('Vendors');
  });

  it('shows Responsibility to the accountant too (they bill and record payment of tenant charges)', () => {
    expect(labels(['view_ledger'])).toContain('Maintenance: Responsibility');
    expect(labels(LEASING).join()).not.toContain('Responsibility');
  });

  it('shows an account without a role only its own devices', () => {
    expect(labels([])).toEqual(['Settings: Signed-in devices']);
    expect(labels(['import_portfolio'])).toEqual(['Settings: Import, Signed-in devices']);
  });
});

describe('ShellComponent', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    // the top bar's bell asks for notifications; it has its own spec
    http
      .match((r) => r.url.endsWith('/notifications/') || r.url.endsWith('/search/'))
      .forEach((r) =>
        r.flush({
          count: 0,
          next: null,
          previous: null,
          results: [],
          unread: { unread: 0, unread_critical: 0 },
        }),
      );
    // the sidebar's count of open collection cases (roles that may read them)
    http
      .match((r) => r.url.endsWith('/collections/dashboard-stats/'))
      .forEach((r) => r.flush({ open_cases: 7 }));
    http.verify();
    localStorage.clear();
  });

  async function render() {
    const fixture = TestBed.createComponent(ShellComponent);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }
  const navLabels = (el: HTMLElement) =>
    [...el.querySelectorAll('nav a.nav-item')].map((a) => a.textContent?.trim());

  it('lists no item before the role is known (nothing shows, then vanishes)', async () => {
    localStorage.setItem('unitcycle.token', 'tok');
    const el = await render();
    expect(navLabels(el)).toEqual([]);
    expect(el.querySelector('[data-testid=user-role]')).toBeNull();
    http.expectOne('/api/v1/auth/me/').flush({ email: 'x@y.z', permissions: LEASING });
  });

  it("lists the leasing agent's items and shows the role and scope by the email", async () => {
    signInAs(LEASING, {
      email: 'leasing@unitcycle.local',
      role: 'leasing_agent',
      role_label: 'Leasing agent',
    });
    const el = await render();
    expect(navLabels(el)).toContain('Renewals');
    expect(navLabels(el)).not.toContain('Collections');
    expect(el.querySelector('[data-testid=user-email]')?.textContent).toBe(
      'leasing@unitcycle.local',
    );
    expect(el.querySelector('[data-testid=user-role]')?.textContent).toBe('Leasing agent');
    expect(el.querySelector('[data-testid=user-scope]')?.textContent).toBe('All properties');
    expect(el.querySelector('[data-testid=nav-access]')?.textContent).toContain('Leasing agent');
  });

  it('shows the open cases beside Collections, and folds a section (remembered)', async () => {
    signInAs(ALL_PERMISSIONS);
    const fixture = TestBed.createComponent(ShellComponent);
    await fixture.whenStable();
    http
      .expectOne((r) => r.url.endsWith('/collections/dashboard-stats/'))
      .flush({ open_cases: 190 });
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    expect(el.querySelector('[data-testid=nav-count]')?.textContent?.trim()).toBe('190');
    const money = [...el.querySelectorAll<HTMLButtonElement>('[data-testid=nav-section]')].find(
      (b) => b.textContent?.includes('Money'),
    )!;
    money.click();
    fixture.detectChanges();
    expect(money.getAttribute('aria-expanded')).toBe('false');
    expect(money.closest('.section')?.classList).toContain('collapsed');
    expect(JSON.parse(localStorage.getItem('unitcycle.nav.collapsed') ?? '[]')).toEqual(['Money']);
  });

  it('asks a leasing agent for no collections count', async () => {
    signInAs(LEASING, { role: 'leasing_agent', role_label: 'Leasing agent' });
    await render();
    http.expectNone((r) => r.url.endsWith('/collections/dashboard-stats/'));
  });

  it('says how many properties a scoped manager sees, naming them in the tooltip', async () => {
    signInAs(ALL_PERMISSIONS, {
      properties: [
        { id: 'p1', name: 'Maple Court' },
        { id: 'p2', name: 'Oak Ridge' },
      ],
    });
    const el = await render();
    expect(el.querySelector('[data-testid=user-scope]')?.textContent).toBe('2 properties');
    expect(el.querySelector('[data-testid=user-access]')?.getAttribute('title')).toBe(
      'Maple Court, Oak Ridge',
    );
    expect(navLabels(el)).toContain('Collections');
  });
});
