import { HttpClient, HttpContext, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { retry } from 'rxjs';

import { IDEMPOTENCY_KEY, idempotencyInterceptor } from './idempotency.interceptor';

describe('idempotencyInterceptor', () => {
  let http: HttpClient;
  let ctrl: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(withInterceptors([idempotencyInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpClient);
    ctrl = TestBed.inject(HttpTestingController);
  });

  afterEach(() => ctrl.verify());

  it('adds a fresh key to each money-moving or message-sending POST', () => {
    http.post('/api/v1/collections/C1/record-payment/', { amount: '10.00' }).subscribe();
    http.post('/api/v1/collections/C1/record-payment/', { amount: '10.00' }).subscribe();
    const [a, b] = ctrl.match('/api/v1/collections/C1/record-payment/');
    const keyA = a.request.headers.get('Idempotency-Key');
    expect(keyA).toMatch(/^[0-9a-f-]{36}$/);
    expect(b.request.headers.get('Idempotency-Key')).not.toBe(keyA);
    a.flush({});
    b.flush({});
  });

  it('covers renewals, bulk execute and message retry, not reads or other posts', () => {
    for (const url of [
      '/api/v1/renewals/R1/approve/',
      '/api/v1/renewals/R1/send/',
      '/api/v1/portfolio/bulk-actions/',
      '/api/v1/messages/outbox/M1/retry/',
    ]) {
      http.post(url, {}).subscribe();
      const req = ctrl.expectOne(url);
      expect(req.request.headers.has('Idempotency-Key')).toBe(true);
      req.flush({});
    }
    http.post('/api/v1/portfolio/bulk-actions/preview/', {}).subscribe();
    http.get('/api/v1/collections/C1/').subscribe();
    http.post('/api/v1/renewals/R1/generate-letter/', {}).subscribe();
    for (const req of ctrl.match(() => true)) {
      expect(req.request.headers.has('Idempotency-Key')).toBe(false);
      req.flush({});
    }
  });

  it('a retried request reuses its key; a caller can pass its own', () => {
    http.post('/api/v1/collections/C1/escalate/', {}).pipe(retry(1)).subscribe();
    const first = ctrl.expectOne('/api/v1/collections/C1/escalate/');
    const key = first.request.headers.get('Idempotency-Key');
    first.flush({ detail: 'x' }, { status: 0, statusText: 'Network' });
    const second = ctrl.expectOne('/api/v1/collections/C1/escalate/');
    expect(second.request.headers.get('Idempotency-Key')).toBe(key);
    second.flush({});

    const context = new HttpContext().set(IDEMPOTENCY_KEY, 'action-42');
    http.post('/api/v1/renewals/R1/respond/', {}, { context }).subscribe();
    const own = ctrl.expectOne('/api/v1/renewals/R1/respond/');
    expect(own.request.headers.get('Idempotency-Key')).toBe('action-42');
    own.flush({});
  });
});
