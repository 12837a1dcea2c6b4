import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { apiInterceptor } from '../http/api.interceptor';
import { SILENT_ERRORS } from '../http/http-context';
import { idempotencyInterceptor } from '../http/idempotency.interceptor';
import { TurnoverService } from './turnover.service';

describe('TurnoverService', () => {
  let service: TurnoverService;
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
    service = TestBed.inject(TurnoverService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  it('loads the board for one property', () => {
    service.kanban({ property: 'p1' }).subscribe();
    const req = http.expectOne((r) => r.url.endsWith('/turnover/kanban/'));
    expect(req.request.params.get('property')).toBe('p1');
    req.flush({
      columns: [],
      active: 0,
      delayed: 0,
      avg_days_active: null,
      target_days: 21,
      delay_days: 30,
    });
  });

  it('moves a case with its reason, silently (the board shows the refusal)', () => {
    service.advance('c1', 'notice', 'Wrong card').subscribe();
    const req = http.expectOne((r) => r.url.endsWith('/turnover/c1/advance-stage/'));
    expect(req.request.body).toEqual({ stage: 'notice', reason: 'Wrong card' });
    expect(req.request.context.get(SILENT_ERRORS)).toBe(true);
    req.flush({});
  });

  it('sends the letter and adds deductions with an Idempotency-Key', () => {
    service.sendLetter('c1').subscribe();
    const send = http.expectOne((r) => r.url.endsWith('/turnover/c1/send-deduction-letter/'));
    expect(send.request.headers.get('Idempotency-Key')).toBeTruthy();
    send.flush({});
    service
      .addDeduction('c1', { category: 'paint', description: 'Walls', amount: '150.00' })
      .subscribe();
    const add = http.expectOne((r) => r.url.endsWith('/turnover/c1/deductions/'));
    expect(add.request.headers.get('Idempotency-Key')).toBeTruthy();
    add.flush({});
  });

  it('patches a checklist item', () => {
    service.updateChecklistItem('c1', 'i1', { completed: true, actual_cost: '80.00' }).subscribe();
    const req = http.expectOne((r) => r.url.endsWith('/turnover/c1/checklist/i1/'));
    expect(req.request.method).toBe('PATCH');
    req.flush({});
  });
});
