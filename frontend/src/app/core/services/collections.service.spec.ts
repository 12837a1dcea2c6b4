import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { apiInterceptor } from '../http/api.interceptor';
import { SILENT_ERRORS } from '../http/http-context';
import { CollectionCase, CollectionCaseDetail } from '../models';
import { ToastService } from '../notifications/toast.service';
import { ApiError } from '../utils/api-error';
import { CollectionsService } from './collections.service';

describe('CollectionsService', () => {
  let service: CollectionsService;
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.setItem('unitcycle.token', 'tok123');
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideHttpClient(withInterceptors([apiInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    service = TestBed.inject(CollectionsService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  const empty = { count: 0, next: null, previous: null, results: [] };

  it('getCases() sends only the filters that are set, with the token', () => {
    service
      .getCases({
        status: 'open,payment_plan',
        escalation_level: '3',
        tone: '',
        risk_profile: null,
        search: 'kim',
        ordering: '-current_balance',
        page: 2,
        page_size: 25,
      })
      .subscribe();
    const req = http.expectOne((r) => r.url === '/api/v1/collections/');
    expect(req.request.method).toBe('GET');
    expect(req.request.headers.get('Authorization')).toBe('Token tok123');
    const p = req.request.params;
    expect(p.keys().sort()).toEqual([
      'escalation_level',
      'ordering',
      'page',
      'page_size',
      'search',
      'status',
    ]);
    expect(p.get('status')).toBe('open,payment_plan');
    expect(p.get('escalation_level')).toBe('3');
    req.flush(empty);
  });

  it("getOpenCaseForTenant() asks for the tenant's unresolved case and answers it or null", () => {
    let got: CollectionCase | null | undefined;
    service.getOpenCaseForTenant('T1').subscribe((c) => (got = c));
    const req = http.expectOne((r) => r.url === '/api/v1/collections/');
    expect(req.request.params.get('tenant')).toBe('T1');
    expect(req.request.params.get('status')).toBe('open,payment_plan,escalated');
    expect(req.request.params.get('page_size')).toBe('1');
    req.flush({ ...empty, count: 1, results: [{ id: 'C1', escalation_level: 4 }] });
    expect(got?.id).toBe('C1');

    service.getOpenCaseForTenant('T2').subscribe((c) => (got = c));
    http.expectOne((r) => r.url === '/api/v1/collections/').flush(empty);
    expect(got).toBeNull();
  });

  it('reads a case, its actions and the dashboard stats', () => {
    service.getCase('C1').subscribe((c) => expect(c.id).toBe('C1'));
    http.expectOne('/api/v1/collections/C1/').flush({ id: 'C1' });
    service.getActions('C1').subscribe((a) => expect(a.length).toBe(2));
    http.expectOne('/api/v1/collections/C1/actions/').flush([{ id: 'a' }, { id: 'b' }]);
    service.getDashboardStats().subscribe((s) => expect(s.open_cases).toBe(23));
    http.expectOne('/api/v1/collections/dashboard-stats/').flush({ open_cases: 23 });
    service.getDashboardStats({ property: 'P1' }).subscribe();
    http.expectOne('/api/v1/collections/dashboard-stats/?property=P1').flush({});
  });

  it('POSTs every action to its endpoint and returns the fresh case', () => {
    const fresh = { id: 'C1', current_balance: '150.00' } as CollectionCaseDetail;
    const cases: [() => unknown, string, unknown][] = [
      [() => service.sendReminder('C1').subscribe(), 'send-reminder/', {}],
      [
        () => service.offerPlan('C1', { num_installments: 3, start_date: null }).subscribe(),
        'offer-plan/',
        { num_installments: 3 },
      ],
      [() => service.acceptPlan('C1').subscribe(), 'accept-plan/', {}],
      [
        () =>
          service
            .recordPayment('C1', { amount: '100.00', paid_on: '2026-03-20', reference: '' })
            .subscribe(),
        'record-payment/',
        { amount: '100.00', paid_on: '2026-03-20' },
      ],
      [
        () => service.escalate('C1', 'Broken promise').subscribe(),
        'escalate/',
        { note: 'Broken promise' },
      ],
    ];
    for (const [call, path, body] of cases) {
      call();
      const req = http.expectOne(`/api/v1/collections/C1/${path}`);
      expect(req.request.method).toBe('POST');
      expect(req.request.body).toEqual(body);
      expect(req.request.context.get(SILENT_ERRORS)).toBe(true);
      req.flush(fresh);
    }
  });

  it('runScan() POSTs run-scan/ and returns both summaries', () => {
    let got: unknown;
    service.runScan().subscribe((r) => (got = r));
    const req = http.expectOne('/api/v1/collections/run-scan/');
    expect(req.request.method).toBe('POST');
    req.flush({
      id: 'J1',
      status: 'succeeded',
      done: true,
      url: '/api/v1/jobs/J1/',
      result: { scan: 'Opened 193 cases…', escalation: 'Sent 954 dunning steps…' },
    });
    expect(got).toEqual({ scan: 'Opened 193 cases…', escalation: 'Sent 954 dunning steps…' });
  });

  it("surfaces a refused payment's detail as an ApiError without a toast", () => {
    const toast = TestBed.inject(ToastService);
    let error: unknown;
    service.recordPayment('C1', { amount: '9999.00' }).subscribe({ error: (e) => (error = e) });
    http
      .expectOne('/api/v1/collections/C1/record-payment/')
      .flush(
        { detail: 'Payment of $9,999.00 exceeds the balance of $255.00.' },
        { status: 400, statusText: 'Bad Request' },
      );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).detail).toBe('Payment of $9,999.00 exceeds the balance of $255.00.');
    expect(toast.toasts()).toEqual([]);
  });
});
