import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';

import { AuthService } from '../auth/auth.service';
import { ToastService } from '../notifications/toast.service';
import { ApiError } from '../utils/api-error';
import { apiInterceptor } from './api.interceptor';

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
});
