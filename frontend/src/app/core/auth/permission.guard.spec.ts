import { Location } from '@angular/common';
import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component, provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { provideLocationMocks } from '@angular/common/testing';

import { apiInterceptor } from '../http/api.interceptor';
import { authGuard } from './auth.guard';
import { CurrentUser, Permission } from './auth.service';
import { permissionGuard, permissionWords, requirePermission } from './permission.guard';

@Component({
  selector: 'app-test-collections-page',
  template: '<h1 data-testid="page">Collections page</h1>',
})
class CollectionsPage {}

@Component({ selector: 'app-test-case-page', template: '<h1 data-testid="page">Case page</h1>' })
class CasePage {}

@Component({ selector: 'app-test-login-page', template: '<h1 data-testid="login">Sign in</h1>' })
class LoginPage {}

const user = (role: string, label: string, permissions: Permission[]): CurrentUser =>
  ({
    email: `${role}@unitcycle.local`,
    first_name: '',
    last_name: '',
    role,
    role_label: label,
    permissions,
    properties: null,
  }) as CurrentUser;

const LEASING = user('leasing_agent', 'Leasing agent', [
  'view_portfolio',
  'view_renewals',
  'manage_renewals',
]);
const ACCOUNTANT = user('accountant', 'Accountant', [
  'view_portfolio',
  'view_collections',
  'record_payments',
]);

describe('permissionGuard / requirePermission', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;
  let loaded: string[];

  beforeEach(async () => {
    localStorage.clear();
    localStorage.setItem('unitcycle.token', 'tok');
    loaded = [];
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideLocationMocks(),
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
        provideRouter(
          [
            { path: 'login', component: LoginPage },
            {
              path: '',
              canActivate: [authGuard],
              children: [
                ...requirePermission('view_collections', {
                  path: 'collections',
                  loadChildren: () => {
                    loaded.push('collections');
                    return [
                      { path: '', component: CollectionsPage },
                      { path: ':caseId', component: CasePage },
                    ];
                  },
                }),
              ],
            },
          ],
          withComponentInputBinding(),
        ),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  const el = () => harness.routeNativeElement as HTMLElement;

  /** The pending /auth/me/ request, once the navigation got to the guard. */
  async function meRequest() {
    for (let i = 0; i < 20; i++) {
      const [req] = http.match('/api/v1/auth/me/'); // (match takes the request off the list)
      if (req) return req;
      await new Promise((r) => setTimeout(r));
    }
    return http.expectOne('/api/v1/auth/me/');
  }

  /** Navigates while /auth/me/ is pending, answers it, and waits for the screen. */
  async function open(url: string, me: CurrentUser | null) {
    const nav = TestBed.inject(Router).navigateByUrl(url);
    const req = await meRequest();
    if (me) req.flush(me);
    else req.flush({}, { status: 500, statusText: 'Server Error' });
    await nav;
    await harness.fixture.whenStable();
  }

  it('waits for the user, then opens the page for a role with the permission', async () => {
    const nav = TestBed.inject(Router).navigateByUrl('/collections');
    const req = await meRequest();
    // (whenStable would wait for the navigation, which waits for /auth/me/.)
    harness.fixture.detectChanges();
    expect(el()?.querySelector('[data-testid=page]') ?? null).toBeNull();
    req.flush(ACCOUNTANT);
    await nav;
    await harness.fixture.whenStable();
    expect(el().querySelector('[data-testid=page]')?.textContent).toBe('Collections page');
  });

  it('shows "your role can\'t open this page" at the same URL, without loading the page', async () => {
    await open('/collections', LEASING);
    const screen = el().querySelector('[data-testid=no-access]');
    expect(screen).not.toBeNull();
    expect(screen?.querySelector('[data-testid=no-access-title]')?.textContent?.trim()).toBe(
      "Your role (Leasing agent) can't open this page",
    );
    expect(screen?.textContent).toContain('see collection cases');
    expect(TestBed.inject(Location).path()).toBe('/collections');
    expect(loaded).toEqual([]);
  });

  it('covers the pages under it too (a case)', async () => {
    await open('/collections/abc', LEASING);
    expect(el().querySelector('[data-testid=no-access]')).not.toBeNull();
    expect(TestBed.inject(Location).path()).toBe('/collections/abc');
  });

  it('asks /auth/me/ once, then decides at once', async () => {
    await open('/collections/abc', ACCOUNTANT);
    expect(el().querySelector('[data-testid=page]')?.textContent).toBe('Case page');
    await harness.navigateByUrl('/collections');
    http.expectNone('/api/v1/auth/me/');
    expect(el().querySelector('[data-testid=page]')?.textContent).toBe('Collections page');
  });

  it('offers Try again when the account could not be loaded', async () => {
    await open('/collections', null);
    expect(el().textContent).toContain('Could not load your account');
    (el().querySelector('[data-testid=no-access] button') as HTMLButtonElement).click();
    http.expectOne('/api/v1/auth/me/').flush(ACCOUNTANT);
    await new Promise((r) => setTimeout(r));
    await harness.fixture.whenStable();
    expect(el().querySelector('[data-testid=page]')?.textContent).toBe('Collections page');
  });

  it('signed out: lets authGuard send the person to sign in', async () => {
    localStorage.clear();
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'login', component: LoginPage },
          {
            path: 'collections',
            canActivate: [authGuard],
            canMatch: [permissionGuard('view_collections')],
            component: CollectionsPage,
          },
        ]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    const h = await RouterTestingHarness.create();
    await h.navigateByUrl('/collections');
    expect(TestBed.inject(Router).url).toBe('/login?returnUrl=%2Fcollections');
  });
});

describe('permissionWords', () => {
  it('says what a permission allows, and joins several (any of) with "or"', () => {
    expect(permissionWords('view_collections')).toBe('see collection cases');
    expect(permissionWords('view_invoices|view_maintenance')).toBe(
      'see invoices and vendors or see work orders, equipment and failure predictions',
    );
    expect(permissionWords('nope')).toBeNull();
    expect(permissionWords(undefined)).toBeNull();
  });
});
