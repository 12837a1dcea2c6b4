import { HttpClient, HttpContext, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';

import { AuthService } from '../auth/auth.service';
import { ToastService } from '../notifications/toast.service';
import { ApiError } from '../utils/api-error';
import { apiInterceptor } from './api.interceptor';
import { SILENT_ERRORS } from './http-context';

describe('apiInterceptor', () => {
  let http: HttpClient;
  let ctrl: HttpTestingController;

  function setup(token: string | null) {
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
    http = TestBed.inject(HttpClient);
    ctrl = TestBed.inject(HttpTestingController);
  }

  afterEach(() => localStorage.clear());

  it('adds the token to API calls only', () => {
    setup('abc');
    http.get('/api/v1/dashboard/stats/').subscribe();
    expect(ctrl.expectOne('/api/v1/dashboard/stats/').request.headers.get('Authorization')).toBe(
      'Token abc',
    );
    http.get('/assets/x.json').subscribe();
    expect(ctrl.expectOne('/assets/x.json').request.headers.has('Authorization')).toBe(false);
  });

  it('sends no header when signed out', () => {
    setup(null);
    http.get('/api/v1/properties/').subscribe();
    expect(ctrl.expectOne('/api/v1/properties/').request.headers.has('Authorization')).toBe(false);
  });

  it('on 401 forgets the token and goes to /login', () => {
    setup('expired');
    const router = TestBed.inject(Router);
    const nav = vi.spyOn(router, 'navigate').mockResolvedValue(true);
    http.get('/api/v1/properties/').subscribe({ error: () => undefined });
    ctrl
      .expectOne('/api/v1/properties/')
      .flush({ detail: 'Invalid token.' }, { status: 401, statusText: 'Unauthorized' });
    expect(TestBed.inject(AuthService).isAuthenticated()).toBe(false);
    expect(localStorage.getItem('unitcycle.token')).toBeNull();
    expect(nav).toHaveBeenCalledWith(['/login'], expect.anything());
  });

  it('toasts failed writes and server errors with the API detail', () => {
    setup('abc');
    const toast = TestBed.inject(ToastService);
    http.post('/api/v1/x/', {}).subscribe({ error: () => undefined });
    ctrl
      .expectOne('/api/v1/x/')
      .flush({ detail: 'Nope.' }, { status: 400, statusText: 'Bad Request' });
    http.get('/api/v1/y/').subscribe({ error: () => undefined });
    ctrl.expectOne('/api/v1/y/').flush({}, { status: 500, statusText: 'Server Error' });
    expect(toast.toasts().map((t) => t.message)).toEqual([
      'Nope.',
      'The server had a problem. Please try again in a moment.',
    ]);
  });

  it('leaves a locked-out sign-in (429) to the login form: its message, no toast, no redirect', () => {
    setup(null);
    const toast = TestBed.inject(ToastService);
    const nav = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const message =
      'Too many failed sign-in attempts. Try again in 15 minutes or ask an administrator to unlock the account.';
    let detail = '';
    http.post('/api/v1/auth/token/', {}).subscribe({ error: (e: ApiError) => (detail = e.detail) });
    ctrl
      .expectOne('/api/v1/auth/token/')
      .flush({ detail: message }, { status: 429, statusText: 'Too Many Requests' });
    expect(detail).toBe(message);
    expect(toast.toasts()).toEqual([]);
    expect(nav).not.toHaveBeenCalled();
  });

  it('leaves failed reads (4xx) to the screen', () => {
    setup('abc');
    const toast = TestBed.inject(ToastService);
    http.get('/api/v1/units/nope/').subscribe({ error: () => undefined });
    ctrl
      .expectOne('/api/v1/units/nope/')
      .flush({ detail: 'Not found.' }, { status: 404, statusText: 'Not Found' });
    expect(toast.toasts()).toEqual([]);
  });

  describe('403 (the role may not do this)', () => {
    const ME = {
      email: 'leasing@unitcycle.local',
      role: 'leasing_agent',
      role_label: 'Leasing agent',
      permissions: ['view_portfolio', 'view_renewals'],
      properties: null,
    };

    function signedIn() {
      setup('abc');
      const auth = TestBed.inject(AuthService);
      auth.loadUser();
      ctrl.expectOne('/api/v1/auth/me/').flush(ME);
      return auth;
    }

    it("says what the API said the role can't do, and asks /auth/me/ again", () => {
      const auth = signedIn();
      const toast = TestBed.inject(ToastService);
      let err: ApiError | undefined;
      http.post('/api/v1/collections/c1/escalate/', {}).subscribe({ error: (e) => (err = e) });
      ctrl
        .expectOne('/api/v1/collections/c1/escalate/')
        .flush(
          { detail: "Your role (Leasing agent) can't send reminders, offer plans, escalate." },
          { status: 403, statusText: 'Forbidden' },
        );
      expect(err?.status).toBe(403);
      expect(toast.toasts().map((t) => t.message)).toEqual([
        "Your role (Leasing agent) can't send reminders, offer plans, escalate.",
      ]);
      // The role may have changed since sign-in: the screens follow the fresh answer.
      ctrl.expectOne('/api/v1/auth/me/').flush({ ...ME, permissions: ['view_portfolio'] });
      expect(auth.can('view_renewals')).toBe(false);
      expect(auth.isAuthenticated()).toBe(true);
    });

    it('without a reason says "Your role can\'t do this." (reads too), not a generic failure', () => {
      signedIn();
      const toast = TestBed.inject(ToastService);
      let detail = '';
      http.get('/api/v1/renewals/').subscribe({ error: (e: ApiError) => (detail = e.detail) });
      ctrl.expectOne('/api/v1/renewals/').flush(null, { status: 403, statusText: 'Forbidden' });
      expect(detail).toBe("Your role can't do this.");
      expect(toast.toasts().map((t) => t.message)).toEqual(["Your role can't do this."]);
      ctrl.expectOne('/api/v1/auth/me/').flush(ME);
    });

    it('leaves the message to a caller that shows it itself (SILENT_ERRORS)', () => {
      signedIn();
      const toast = TestBed.inject(ToastService);
      let detail = '';
      http
        .post(
          '/api/v1/renewals/r1/approve/',
          {},
          { context: new HttpContext().set(SILENT_ERRORS, true) },
        )
        .subscribe({ error: (e: ApiError) => (detail = e.detail) });
      ctrl
        .expectOne('/api/v1/renewals/r1/approve/')
        .flush(
          { detail: "Your role (Read-only) can't approve renewals." },
          { status: 403, statusText: 'Forbidden' },
        );
      expect(detail).toBe("Your role (Read-only) can't approve renewals.");
      expect(toast.toasts()).toEqual([]);
      ctrl.expectOne('/api/v1/auth/me/').flush(ME);
    });
  });
});
