import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { apiInterceptor } from '../http/api.interceptor';
import { SILENT_ERRORS } from '../http/http-context';
import { LeaseLifecycle, LifecycleStats } from '../models';
import { ToastService } from '../notifications/toast.service';
import { ApiError } from '../utils/api-error';
import { LifecycleService } from './lifecycle.service';

describe('LifecycleService', () => {
  let service: LifecycleService;
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
    service = TestBed.inject(LifecycleService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  it('getStats() reads the lifecycle counts, optionally for one property', () => {
    const stats: LifecycleStats = {
      total_leases: 4353,
      active: 2841,
      month_to_month: 1146,
      notice: 87,
      vacant: 279,
      expiring_30_days: 142,
      expiring_60_days: 298,
      expiring_90_days: 451,
    };
    let got: LifecycleStats | undefined;
    service.getStats().subscribe((s) => (got = s));
    const req = http.expectOne('/api/v1/tenants/leases/lifecycle-stats/');
    expect(req.request.method).toBe('GET');
    expect(req.request.headers.get('Authorization')).toBe('Token tok123');
    req.flush(stats);
    expect(got).toEqual(stats);

    service.getStats({ property: 'p1' }).subscribe();
    http.expectOne('/api/v1/tenants/leases/lifecycle-stats/?property=p1').flush(stats);
  });

  it('getLeases() sends only the filters that are set', () => {
    service
      .getLeases({
        lease_status: 'month_to_month',
        property: '',
        search: 'gonz',
        ordering: '-lease_end_date',
        page: 2,
        page_size: 25,
        unit: null,
      })
      .subscribe();
    const req = http.expectOne((r) => r.url === '/api/v1/tenants/leases/');
    const p = req.request.params;
    expect(p.keys().sort()).toEqual(['lease_status', 'ordering', 'page', 'page_size', 'search']);
    expect(p.get('lease_status')).toBe('month_to_month');
    expect(p.get('ordering')).toBe('-lease_end_date');
    expect(p.get('page')).toBe('2');
    req.flush({ count: 0, next: null, previous: null, results: [] });
  });

  it('getLease() and getStatusHistory() hit the lease and its history', () => {
    service.getLease('L1').subscribe();
    http.expectOne('/api/v1/tenants/leases/L1/').flush({});
    service.getStatusHistory('L1').subscribe((h) => expect(h.length).toBe(1));
    http
      .expectOne('/api/v1/tenants/leases/L1/status-history/')
      .flush([{ id: 'x', new_status: 'notice' }]);
  });

  it('convertToMtm(), giveNotice() and markVacant() POST to their actions', () => {
    service.convertToMtm('L1').subscribe();
    const c = http.expectOne('/api/v1/tenants/leases/L1/convert-mtm/');
    expect(c.request.method).toBe('POST');
    expect(c.request.body).toEqual({});
    c.flush({ id: 'L1', lease_status: 'month_to_month' });

    const body = {
      notice_date: '2026-03-15',
      notice_move_out_date: '2026-04-15',
      reason: 'Relocating',
    };
    service.giveNotice('L1', body).subscribe();
    const g = http.expectOne('/api/v1/tenants/leases/L1/give-notice/');
    expect(g.request.method).toBe('POST');
    expect(g.request.body).toEqual(body);
    g.flush({ id: 'L1', lease_status: 'notice' } as Partial<LeaseLifecycle>);

    service.markVacant('L1').subscribe();
    const v = http.expectOne('/api/v1/tenants/leases/L1/mark-vacant/');
    expect(v.request.method).toBe('POST');
    expect(v.request.body).toEqual({});
    v.flush({ id: 'L1', lease_status: 'vacant' });
  });

  it('surfaces the API detail of a refused action as an ApiError, without a global toast', () => {
    const toast = TestBed.inject(ToastService);
    let error: unknown;
    service.convertToMtm('L1').subscribe({ error: (e) => (error = e) });
    const req = http.expectOne('/api/v1/tenants/leases/L1/convert-mtm/');
    expect(req.request.context.get(SILENT_ERRORS)).toBe(true);
    req.flush(
      { detail: 'Lease is already month-to-month.' },
      { status: 400, statusText: 'Bad Request' },
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).detail).toBe('Lease is already month-to-month.');
    expect((error as ApiError).status).toBe(400);
    expect(toast.toasts()).toEqual([]);
  });

  it('keeps per-field validation errors', () => {
    let error: ApiError | undefined;
    service
      .giveNotice('L1', { notice_date: '2026-03-15', notice_move_out_date: '2026-03-20' })
      .subscribe({ error: (e) => (error = e) });
    http.expectOne('/api/v1/tenants/leases/L1/give-notice/').flush(
      {
        detail: 'notice_move_out_date: Must be at least 30 days after notice.',
        errors: { notice_move_out_date: ['Must be at least 30 days after notice.'] },
      },
      { status: 400, statusText: 'Bad Request' },
    );
    expect(error?.fieldErrors['notice_move_out_date']).toEqual([
      'Must be at least 30 days after notice.',
    ]);
  });
});
