import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { apiInterceptor } from '../http/api.interceptor';
import { idempotencyInterceptor } from '../http/idempotency.interceptor';
import { SILENT_ERRORS } from '../http/http-context';
import { InvoiceService } from './invoice.service';

describe('InvoiceService', () => {
  let service: InvoiceService;
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.setItem('unitcycle.token', 'tok123');
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideHttpClient(withInterceptors([apiInterceptor, idempotencyInterceptor])),
        provideHttpClientTesting(),
      ],
    });
    service = TestBed.inject(InvoiceService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  const empty = { count: 0, next: null, previous: null, results: [] };

  it('lists with the filters that are set', () => {
    service
      .list({ status: 'received,approved', vendor: '', total_amount__gte: '250.00', page: 2 })
      .subscribe();
    const req = http.expectOne((r) => r.url === '/api/v1/invoices/');
    expect(req.request.params.keys().sort()).toEqual(['page', 'status', 'total_amount__gte']);
    req.flush(empty);
  });

  it('asks the summary without status, sort or page (the chips count every status)', () => {
    service
      .summary({
        status: 'paid',
        property: 'p1',
        ordering: '-total_amount',
        page: 3,
        page_size: 25,
      })
      .subscribe();
    const req = http.expectOne((r) => r.url === '/api/v1/invoices/summary/');
    expect(req.request.params.keys()).toEqual(['property']);
    req.flush({});
  });

  it('exports every row of the filter', () => {
    service.exportCsv({ status: 'paid', page: 2, page_size: 25, search: 'pro' }).subscribe();
    const req = http.expectOne((r) => r.url === '/api/v1/invoices/export/');
    expect(req.request.params.keys().sort()).toEqual(['search', 'status']);
    expect(req.request.responseType).toBe('blob');
    req.flush(new Blob(['a,b']));
  });

  it('creates and moves invoices with an Idempotency-Key, quietly (the screen shows the error)', () => {
    service
      .create({ vendor: 'v', invoice_number: 'A-1', invoice_date: '2026-03-01', line_items: [] })
      .subscribe();
    const create = http.expectOne('/api/v1/invoices/');
    expect(create.request.method).toBe('POST');
    expect(create.request.headers.has('Idempotency-Key')).toBe(true);
    expect(create.request.context.get(SILENT_ERRORS)).toBe(true);
    create.flush({});
    service.transition('i1', { status: 'paid', paid_date: '2026-03-02' }).subscribe();
    const move = http.expectOne('/api/v1/invoices/i1/transition/');
    expect(move.request.headers.has('Idempotency-Key')).toBe(true);
    expect(move.request.body).toEqual({ status: 'paid', paid_date: '2026-03-02' });
    move.flush({});
    service.attach('i1', 'f1').subscribe();
    const attach = http.expectOne('/api/v1/invoices/i1/attachments/');
    expect(attach.request.body).toEqual({ file: 'f1' });
    expect(attach.request.headers.has('Idempotency-Key')).toBe(false);
    attach.flush({});
  });

  it('reads active vendors and a property’s units for the pickers', () => {
    let names: string[] = [];
    service.vendors().subscribe((v) => (names = v.map((x) => x.name)));
    const vendors = http.expectOne((r) => r.url === '/api/v1/invoices/vendors/');
    expect(vendors.request.params.get('is_active')).toBe('true');
    vendors.flush({
      ...empty,
      results: [{ id: 'v1', name: 'ProFlow', trade: 'plumbing', is_active: true }],
    });
    expect(names).toEqual(['ProFlow']);
    service.units('p1').subscribe();
    const units = http.expectOne((r) => r.url === '/api/v1/units/');
    expect(units.request.params.get('property')).toBe('p1');
    units.flush(empty);
  });
});
