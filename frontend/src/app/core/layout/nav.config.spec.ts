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
  it('shows a manager every item, a read-only user every item but Settings (import writes)', () => {
    const all = NAV_SECTIONS.map((s) => `${s.title}: ${s.items.map((i) => i.label).join(', ')}`);
    expect(labels(ALL_PERMISSIONS)).toEqual(all);
    expect(labels(READ_ONLY_PERMISSIONS)).toEqual(all.filter((l) => l !== 'Settings: Import'));
    expect(labels(['import_portfolio'])).toEqual(['Settings: Import']);
  });

  it('hides what a leasing agent cannot open (Collections)', () => {
    const nav = labels(LEASING);
    expect(nav[1]).toBe('AI: Renewals');
    expect(nav.join()).not.toContain('Collections');
    expect(nav[0]).toContain('Messages');
  });

  it('drops a section with no item left (a maintenance coordinator has no AI screen)', () => {
    const nav = labels(MAINTENANCE);
    expect(nav).toHaveLength(1);
    expect(nav[0]).toMatch(/^Operations: Dashboard, Properties/);
  });

  it('shows nothing to an account without a role', () => {
    expect(labels([])).toEqual([]);
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
