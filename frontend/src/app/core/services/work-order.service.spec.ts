import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { apiInterceptor } from '../http/api.interceptor';
import { SILENT_ERRORS } from '../http/http-context';
import { ToastService } from '../notifications/toast.service';
import { ApiError } from '../utils/api-error';
import {
  WorkOrderService,
  summaryFilters,
  withoutPaging,
  workOrderParams,
} from './work-order.service';

const EMPTY = { count: 0, next: null, previous: null, results: [] };

describe('workOrderParams', () => {
  it('leaves out empty values and false booleans, joins lists with commas', () => {
    const p = workOrderParams({
      property: 'P1',
      unit: '',
      status: ['open', 'assigned'],
      category: [],
      priority: 'high',
      assigned_vendor: null,
      requested_date__gte: '2026-01-01',
      requested_date__lte: undefined,
      open: false,
      sla_breached: true,
      search: 'leak',
      ordering: '-requested_date',
      page: 2,
      page_size: 25,
    });
    expect(p.keys().sort()).toEqual([
      'ordering',
      'page',
      'page_size',
      'priority',
      'property',
      'requested_date__gte',
      'search',
      'sla_breached',
      'status',
    ]);
    expect(p.get('status')).toBe('open,assigned');
    expect(p.get('sla_breached')).toBe('true');
    expect(p.get('page')).toBe('2');
    expect(workOrderParams(null).keys()).toEqual([]);
  });

  it('sends open=true for the open-work chip', () => {
    expect(workOrderParams({ open: true }).toString()).toBe('open=true');
  });

  it('drops blank list items', () => {
    expect(workOrderParams({ category: ['plumbing', ' ', ''] }).get('category')).toBe('plumbing');
  });

  it('the summary takes the filters without status, open, ordering and paging', () => {
    const all = {
      property: 'P1',
      status: ['open'],
      open: true,
      category: ['hvac'],
      ordering: 'priority',
      page: 3,
      page_size: 25,
    };
    expect(summaryFilters(all)).toEqual({ property: 'P1', category: ['hvac'] });
    expect(withoutPaging(all)).toEqual({
      property: 'P1',
      status: ['open'],
      open: true,
      category: ['hvac'],
      ordering: 'priority',
    });
  });
});

describe('WorkOrderService', () => {
  let service: WorkOrderService;
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
    service = TestBed.inject(WorkOrderService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  it('list() reads the work orders with the filters and the token', () => {
    service.list({ unit: 'U1', status: ['completed'], page_size: 100 }).subscribe();
    const req = http.expectOne((r) => r.url === '/api/v1/units/work-orders/');
    expect(req.request.method).toBe('GET');
    expect(req.request.headers.get('Authorization')).toBe('Token tok123');
    expect(req.request.params.toString()).toBe('unit=U1&status=completed&page_size=100');
    req.flush(EMPTY);
  });

  it('summary() asks for the counts of the same filters, minus the status', () => {
    service
      .summary({ property: 'P1', status: ['open'], open: true, search: 'sink', page: 2 })
      .subscribe((s) => expect(s.total).toBe(4));
    const req = http.expectOne((r) => r.url === '/api/v1/units/work-orders/summary/');
    expect(req.request.params.toString()).toBe('property=P1&search=sink');
    req.flush({ by_status: { open: 4 }, sla_breached: 1, total: 4 });
  });

  it('exportCsv() downloads the same filters as a blob; exportUrl() names them', () => {
    const filters = { category: ['hvac', 'plumbing'], sla_breached: true, page: 4, page_size: 25 };
    service.exportCsv(filters).subscribe((b) => expect(b).toBeInstanceOf(Blob));
    const req = http.expectOne((r) => r.url === '/api/v1/units/work-orders/export/');
    expect(req.request.responseType).toBe('blob');
    expect(req.request.params.toString()).toBe('category=hvac,plumbing&sla_breached=true');
    req.flush(new Blob(['a,b\r\n']));
    expect(service.exportUrl(filters)).toBe(
      '/api/v1/units/work-orders/export/?category=hvac,plumbing&sla_breached=true',
    );
    expect(service.exportUrl()).toBe('/api/v1/units/work-orders/export/');
  });

  it('create(), update(), transition() write silently; money POSTs carry an idempotency key', () => {
    service.create({ unit: 'U1', title: 'Leak', estimated_cost: '120.00' }, 'key-1').subscribe();
    const create = http.expectOne('/api/v1/units/work-orders/');
    expect(create.request.method).toBe('POST');
    expect(create.request.body).toEqual({ unit: 'U1', title: 'Leak', estimated_cost: '120.00' });
    expect(create.request.headers.get('Idempotency-Key')).toBe('key-1');
    expect(create.request.context.get(SILENT_ERRORS)).toBe(true);
    create.flush({ id: 'W1' });

    service.update('W1', { scheduled_date: null, priority: 'high' }).subscribe();
    const patch = http.expectOne('/api/v1/units/work-orders/W1/');
    expect(patch.request.method).toBe('PATCH');
    expect(patch.request.body).toEqual({ scheduled_date: null, priority: 'high' });
    patch.flush({ id: 'W1' });

    service
      .transition(
        'W1',
        { status: 'completed', actual_cost: '0.00', note: '', technician_notes: 'Done' },
        'key-2',
      )
      .subscribe();
    const move = http.expectOne('/api/v1/units/work-orders/W1/transition/');
    expect(move.request.method).toBe('POST');
    // 0 is a cost; the blank note is left out
    expect(move.request.body).toEqual({
      status: 'completed',
      actual_cost: '0.00',
      technician_notes: 'Done',
    });
    expect(move.request.headers.get('Idempotency-Key')).toBe('key-2');
    move.flush({ id: 'W1' });

    service.transition('W1', { status: 'cancelled' }).subscribe();
    const cancel = http.expectOne('/api/v1/units/work-orders/W1/transition/');
    expect(cancel.request.headers.has('Idempotency-Key')).toBe(false);
    cancel.flush({ id: 'W1' });
  });

  it("surfaces an illegal move's sentence as an ApiError without a toast", () => {
    const toast = TestBed.inject(ToastService);
    let error: unknown;
    service.transition('W1', { status: 'closed' }).subscribe({ error: (e) => (error = e) });
    http
      .expectOne('/api/v1/units/work-orders/W1/transition/')
      .flush(
        { detail: 'An open work order cannot be closed.', allowed: ['assigned', 'cancelled'] },
        { status: 400, statusText: 'Bad Request' },
      );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).detail).toBe('An open work order cannot be closed.');
    expect(toast.toasts()).toEqual([]);
  });

  it("puts a service's refusal that names its field under that field", () => {
    let error: ApiError | undefined;
    service.update('W1', { scheduled_date: '2020-01-01' }).subscribe({ error: (e) => (error = e) });
    http.expectOne('/api/v1/units/work-orders/W1/').flush(
      {
        detail: 'The scheduled date cannot be before the request date.',
        field: 'scheduled_date',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    expect(error?.fieldErrors).toEqual({
      scheduled_date: ['The scheduled date cannot be before the request date.'],
    });
  });

  it('links and unlinks files', () => {
    service.attachFile('W1', 'F1', 'photo').subscribe();
    const attach = http.expectOne('/api/v1/units/work-orders/W1/files/');
    expect(attach.request.method).toBe('POST');
    expect(attach.request.body).toEqual({ file: 'F1', kind: 'photo' });
    attach.flush({ id: 'L1' });
    service.removeFile('W1', 'L1').subscribe();
    const remove = http.expectOne('/api/v1/units/work-orders/W1/files/L1/');
    expect(remove.request.method).toBe('DELETE');
    remove.flush(null, { status: 204, statusText: 'No Content' });
  });

  it('vendors() lists the active vendors by name (or all of them); units() a property’s units', () => {
    let names: string[] = [];
    service.vendors({ trade: 'plumbing' }).subscribe((v) => (names = v.map((x) => x.name)));
    const active = http.expectOne((r) => r.url === '/api/v1/invoices/vendors/');
    expect(active.request.params.toString()).toBe(
      'is_active=true&trade=plumbing&ordering=name&page_size=500',
    );
    active.flush({ ...EMPTY, count: 1, results: [{ id: 'V1', name: 'Ace', trade: 'plumbing' }] });
    expect(names).toEqual(['Ace']);

    service.vendors({ active: false }).subscribe();
    const all = http.expectOne((r) => r.url === '/api/v1/invoices/vendors/');
    expect(all.request.params.toString()).toBe('ordering=name&page_size=500');
    all.flush(EMPTY);

    service.units('P1').subscribe();
    const units = http.expectOne((r) => r.url === '/api/v1/units/');
    expect(units.request.params.toString()).toBe('property=P1&page_size=500');
    units.flush(EMPTY);
  });
});
