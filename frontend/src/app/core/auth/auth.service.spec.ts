import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { apiInterceptor } from '../http/api.interceptor';
import { AuthService, CurrentUser, scopeLabel } from './auth.service';

const LEASING: CurrentUser = {
  email: 'leasing@unitcycle.local',
  first_name: 'Lee',
  last_name: 'Leasing',
  is_staff: false,
  role: 'leasing_agent',
  role_label: 'Leasing agent',
  permissions: [
    'view_portfolio',
    'view_renewals',
    'view_messages',
    'manage_leases',
    'manage_renewals',
  ],
  properties: null,
};

describe('AuthService roles', () => {
  let auth: AuthService;
  let http: HttpTestingController;

  function setup(token: string | null = null) {
    localStorage.clear();
    if (token) localStorage.setItem('unitcycle.token', token);
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    auth = TestBed.inject(AuthService);
    http = TestBed.inject(HttpTestingController);
  }

  const me = () => http.expectOne('/api/v1/auth/me/');

  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  it('lacks every permission until the user is loaded, then can what the role can', () => {
    setup('tok');
    expect(auth.loaded()).toBe(false);
    expect(auth.can('view_portfolio')).toBe(false);
    expect(auth.lacks('view_portfolio')).toBe(true);
    auth.loadUser();
    me().flush(LEASING);
    expect(auth.loaded()).toBe(true);
    expect(auth.can('view_portfolio')).toBe(true);
    expect(auth.can('manage_renewals')).toBe(true);
    expect(auth.lacks('view_collections')).toBe(true);
    expect(auth.can('run_agents')).toBe(false);
    expect(auth.canAll('view_portfolio', 'manage_leases')).toBe(true);
    expect(auth.canAll('view_portfolio', 'record_payments')).toBe(false);
    expect(auth.roleLabel()).toBe('Leasing agent');
    expect(auth.scope()).toBe('All properties');
  });

  it('loads the user right after login (the token first, then /auth/me/ with it)', () => {
    setup();
    let done = false;
    auth.login('leasing@unitcycle.local', 'pw').subscribe(() => (done = true));
    http.expectOne('/api/v1/auth/token/').flush({ token: 'fresh' });
    expect(done).toBe(true);
    const req = me();
    expect(req.request.headers.get('Authorization')).toBe('Token fresh');
    req.flush(LEASING);
    expect(auth.user()?.role).toBe('leasing_agent');
  });

  it('asks /auth/me/ once however many wait for it, and answers at once when loaded', () => {
    setup('tok');
    const seen: (string | undefined)[] = [];
    auth.ensureUser().subscribe((u) => seen.push(u?.email));
    auth.ensureUser().subscribe((u) => seen.push(u?.email));
    auth.loadUser();
    me().flush(LEASING);
    expect(seen).toEqual([LEASING.email, LEASING.email]);
    auth.ensureUser().subscribe((u) => seen.push(u?.role ?? undefined));
    http.expectNone('/api/v1/auth/me/');
    expect(seen).toEqual([LEASING.email, LEASING.email, 'leasing_agent']);
  });

  it('an account without a role (or an older API without the fields) can do nothing', () => {
    setup('tok');
    auth.loadUser();
    me().flush({ email: 'nobody@unitcycle.local', first_name: '', last_name: '' });
    expect(auth.loaded()).toBe(true);
    expect(auth.user()?.permissions).toEqual([]);
    expect(auth.user()?.role).toBeNull();
    expect(auth.roleLabel()).toBe('No role');
    expect(auth.can('view_portfolio')).toBe(false);
  });

  it('forgets the role on logout, and a late answer of the old session is dropped', () => {
    setup('tok');
    auth.loadUser();
    const late = me();
    auth.clearSession();
    late.flush(LEASING);
    expect(auth.loaded()).toBe(false);
    expect(auth.can('view_portfolio')).toBe(false);
  });

  it('a failed /auth/me/ leaves the role unknown and says so (Try again loads it)', () => {
    setup('tok');
    let answer: CurrentUser | null | undefined;
    auth.ensureUser().subscribe((u) => (answer = u));
    me().flush({}, { status: 500, statusText: 'Server Error' });
    expect(answer).toBeNull();
    expect(auth.loadFailed()).toBe(true);
    expect(auth.can('view_portfolio')).toBe(false);
    auth.loadUser();
    me().flush(LEASING);
    expect(auth.loadFailed()).toBe(false);
    expect(auth.can('view_portfolio')).toBe(true);
  });

  it('refreshUser keeps what it knew until the new answer comes', () => {
    setup('tok');
    auth.loadUser();
    me().flush(LEASING);
    auth.refreshUser().subscribe();
    const req = me();
    expect(auth.can('manage_renewals')).toBe(true);
    req.flush({ ...LEASING, role: 'read_only', permissions: ['view_portfolio', 'view_renewals'] });
    expect(auth.can('manage_renewals')).toBe(false);
    expect(auth.can('view_renewals')).toBe(true);
  });

  it('words the scope', () => {
    expect(scopeLabel(null)).toBe('All properties');
    expect(scopeLabel([])).toBe('No properties');
    expect(scopeLabel([{ id: 'p1', name: 'Maple Court' }])).toBe('Maple Court');
    expect(
      scopeLabel([
        { id: 'p1', name: 'Maple Court' },
        { id: 'p2', name: 'Oak Ridge' },
      ]),
    ).toBe('2 properties');
  });
});
