import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { apiInterceptor } from '../http/api.interceptor';
import { SILENT_ERRORS } from '../http/http-context';
import { idempotencyInterceptor } from '../http/idempotency.interceptor';
import { InvoiceAiService } from './invoice-ai.service';

describe('InvoiceAiService', () => {
  let service: InvoiceAiService;
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
    service = TestBed.inject(InvoiceAiService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  it('uploads every file as multipart `files`, with the property, idempotently and silently', () => {
    const a = new File(['%PDF-1.4'], 'a.pdf', { type: 'application/pdf' });
    const b = new File(['x'], 'b.png', { type: 'image/png' });
    service.upload([a, b], 'p1').subscribe();
    const req = http.expectOne((r) => r.url.endsWith('/invoices/upload/'));
    const form = req.request.body as FormData;
    expect(form.getAll('files').length).toBe(2);
    expect(form.get('property')).toBe('p1');
    expect(req.request.headers.has('Idempotency-Key')).toBe(true);
    expect(req.request.context.get(SILENT_ERRORS)).toBe(true);
    req.flush({ count: 2, invoices: [] });
  });

  it('reads the queue with a stage filter and polls one extraction', () => {
    service.queue({ stage: 'failed' }).subscribe();
    const q = http.expectOne((r) => r.url.endsWith('/invoices/processing-queue/'));
    expect(q.request.params.get('stage')).toBe('failed');
    q.flush({ results: [], counts: {}, ocr_available: true, gl_accounts: [] });
    service.extraction('i1').subscribe();
    http.expectOne((r) => r.url.endsWith('/invoices/i1/extraction/')).flush({});
  });

  it('approves and rejects with an idempotency key; flags and links without', () => {
    service.approve('i1', { invoice_number: 'X' }).subscribe();
    const approve = http.expectOne((r) => r.url.endsWith('/invoices/i1/approve-extraction/'));
    expect(approve.request.headers.has('Idempotency-Key')).toBe(true);
    expect(approve.request.body).toEqual({ invoice_number: 'X' });
    approve.flush({});
    service.reject('i1', 'wrong property').subscribe();
    const reject = http.expectOne((r) => r.url.endsWith('/invoices/i1/reject-extraction/'));
    expect(reject.request.headers.has('Idempotency-Key')).toBe(true);
    reject.flush({});
    service.flag('i1', 'check hours').subscribe();
    const flag = http.expectOne((r) => r.url.endsWith('/invoices/i1/flag/'));
    expect(flag.request.body).toEqual({ reason: 'check hours' });
    flag.flush({});
    service.matchWorkOrder('i1', null).subscribe();
    const link = http.expectOne((r) => r.url.endsWith('/invoices/i1/match-work-order/'));
    expect(link.request.body).toEqual({ work_order: null });
    link.flush({});
  });
});
