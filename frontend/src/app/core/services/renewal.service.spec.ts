import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { apiInterceptor } from '../http/api.interceptor';
import { SILENT_ERRORS } from '../http/http-context';
import { RenewalRecommendation } from '../models';
import { ToastService } from '../notifications/toast.service';
import { ApiError } from '../utils/api-error';
import { RenewalService } from './renewal.service';

describe('RenewalService', () => {
  let service: RenewalService;
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
    service = TestBed.inject(RenewalService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  const empty = { count: 0, next: null, previous: null, results: [] };

  it('getRecommendations() sends the filters that are set', () => {
    service
      .getRecommendations({
        status: 'pending,approved,sent',
        churn_risk_level: 'critical',
        property: '',
        ordering: '-churn_score',
        page: 1,
        page_size: 25,
      })
      .subscribe();
    const req = http.expectOne((r) => r.url === '/api/v1/renewals/');
    expect(req.request.headers.get('Authorization')).toBe('Token tok123');
    expect(req.request.params.keys().sort()).toEqual([
      'churn_risk_level',
      'ordering',
      'page',
      'page_size',
      'status',
    ]);
    expect(req.request.params.get('status')).toBe('pending,approved,sent');
    req.flush(empty);
  });

  it("getLatestForLease() reads the lease's newest recommendation, or null", () => {
    let got: RenewalRecommendation | null | undefined;
    service.getLatestForLease('L1').subscribe((r) => (got = r));
    const req = http.expectOne((r) => r.url === '/api/v1/renewals/');
    expect(req.request.params.get('lease')).toBe('L1');
    expect(req.request.params.get('ordering')).toBe('-created_at');
    expect(req.request.params.get('page_size')).toBe('1');
    req.flush({ ...empty, count: 1, results: [{ id: 'R1', churn_score: 0.82 }] });
    expect(got?.id).toBe('R1');
    service.getLatestForLease('L2').subscribe((r) => (got = r));
    http.expectOne((r) => r.url === '/api/v1/renewals/').flush(empty);
    expect(got).toBeNull();
  });

  it('reads one recommendation and the dashboard stats', () => {
    service.getRecommendation('R1').subscribe((r) => expect(r.id).toBe('R1'));
    http.expectOne('/api/v1/renewals/R1/').flush({ id: 'R1' });
    service
      .getDashboardStats({ property: 'P1' })
      .subscribe((s) => expect(s.acceptance_rate).toBe(0.76));
    http
      .expectOne('/api/v1/renewals/dashboard-stats/?property=P1')
      .flush({ acceptance_rate: 0.76 });
  });

  it('approve() sends the modified rent only when there is one', () => {
    service.approve('R1').subscribe();
    const plain = http.expectOne('/api/v1/renewals/R1/approve/');
    expect(plain.request.method).toBe('POST');
    expect(plain.request.body).toEqual({});
    expect(plain.request.context.get(SILENT_ERRORS)).toBe(true);
    plain.flush({ id: 'R1', status: 'approved' });

    service.approve('R1', '1900.00').subscribe();
    const modified = http.expectOne('/api/v1/renewals/R1/approve/');
    expect(modified.request.body).toEqual({ approved_rent: '1900.00' });
    modified.flush({ id: 'R1', status: 'approved' });
  });

  it('send, generate-letter, letter edit and respond hit their endpoints', () => {
    service.send('R1').subscribe();
    expect(http.expectOne('/api/v1/renewals/R1/send/').request.method).toBe('POST');
    service.generateLetter('R1').subscribe();
    expect(http.expectOne('/api/v1/renewals/R1/generate-letter/').request.method).toBe('POST');
    service.updateLetter('R1', { letter_text: 'Dear…', subject: 'Offer' }).subscribe();
    const patch = http.expectOne('/api/v1/renewals/R1/letter/');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ letter_text: 'Dear…', subject: 'Offer' });
    service.respond('R1', true, 'Signed').subscribe();
    const respond = http.expectOne('/api/v1/renewals/R1/respond/');
    expect(respond.request.body).toEqual({ accepted: true, note: 'Signed' });
    http.match(() => true).forEach((r) => r.flush({}));
  });

  it('runScan() POSTs run-scan/ and exportCsv() reads a blob', () => {
    service.runScan().subscribe((r) => expect(r.status).toBe('completed'));
    http.expectOne('/api/v1/renewals/run-scan/').flush({
      id: 'J1',
      status: 'succeeded',
      done: true,
      summary: 'Scanned 12 leases',
      url: '/api/v1/jobs/J1/',
    });
    service.exportCsv({ status: 'pending' }).subscribe((b) => expect(b).toBeInstanceOf(Blob));
    const csv = http.expectOne((r) => r.url === '/api/v1/renewals/export/');
    expect(csv.request.responseType).toBe('blob');
    expect(csv.request.params.get('status')).toBe('pending');
    csv.flush(new Blob(['a,b']));
  });

  it("a refused approval surfaces the API's detail, without a toast", () => {
    const toast = TestBed.inject(ToastService);
    let error: unknown;
    service.approve('R1', '-5').subscribe({ error: (e) => (error = e) });
    http
      .expectOne('/api/v1/renewals/R1/approve/')
      .flush(
        { detail: 'The approved rent must be greater than zero.', field: 'approved_rent' },
        { status: 400, statusText: 'Bad Request' },
      );
    expect((error as ApiError).detail).toBe('The approved rent must be greater than zero.');
    expect(toast.toasts()).toEqual([]);
  });
});
