import { provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { apiInterceptor } from '../http/api.interceptor';
import { SILENT_ERRORS } from '../http/http-context';
import { ApiError } from '../utils/api-error';
import {
  BulkActionBatch,
  CommandCenterService,
  commandCenterParams,
  isBatchFinished,
} from './command-center.service';

describe('CommandCenterService', () => {
  let service: CommandCenterService;
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
    service = TestBed.inject(CommandCenterService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  it('getUnits() sends the filters comma-joined, leaves out empty ones and pages', () => {
    service
      .getUnits(
        {
          lifecycle_state: ['month_to_month', 'notice'],
          property: 'P1',
          risk_level: [],
          min_rent: 1000,
          max_rent: null,
          search: '',
          ordering: '-rent',
        },
        3,
        200,
      )
      .subscribe();
    const req = http.expectOne((r) => r.url === '/api/v1/portfolio/command-center/');
    expect(req.request.method).toBe('GET');
    expect(req.request.headers.get('Authorization')).toBe('Token tok123');
    expect(req.request.params.keys().sort()).toEqual([
      'lifecycle_state',
      'min_rent',
      'ordering',
      'page',
      'page_size',
      'property',
    ]);
    expect(req.request.params.get('lifecycle_state')).toBe('month_to_month,notice');
    expect(req.request.params.get('page')).toBe('3');
    expect(req.request.params.get('page_size')).toBe('200');
    req.flush({
      count: 0,
      next: null,
      previous: null,
      results: [],
      today: '2026-11-23',
      summary: {},
    });
  });

  it('selectAll() and exportCsv() use the same filters', () => {
    const filters = {
      lifecycle_state: ['vacant'] as const,
      risk_level: ['none', 'chronic'] as const,
    };
    service
      .selectAll({
        ...filters,
        lifecycle_state: [...filters.lifecycle_state],
        risk_level: [...filters.risk_level],
      })
      .subscribe();
    const all = http.expectOne((r) => r.url === '/api/v1/portfolio/command-center/select-all/');
    expect(all.request.params.get('risk_level')).toBe('none,chronic');
    all.flush({ count: 0, unit_ids: [], rents: [], total_rent: '0.00', truncated: false });
    service.exportCsv({ lifecycle_state: ['vacant'] }).subscribe();
    const csv = http.expectOne((r) => r.url === '/api/v1/portfolio/command-center/export/');
    expect(csv.request.responseType).toBe('blob');
    expect(csv.request.params.get('lifecycle_state')).toBe('vacant');
    csv.flush(new Blob(['unit_number\n']));
  });

  it('preview() and execute() post the action; both are silent (the modal shows the error)', () => {
    service.preview('renewal_offer', ['U1', 'U2'], 5).subscribe();
    const preview = http.expectOne('/api/v1/portfolio/bulk-actions/preview/');
    expect(preview.request.method).toBe('POST');
    expect(preview.request.body).toEqual({
      action_type: 'renewal_offer',
      unit_ids: ['U1', 'U2'],
      limit: 5,
    });
    expect(preview.request.context.get(SILENT_ERRORS)).toBe(true);
    preview.flush({ units: [] });

    let failure: unknown;
    service
      .execute({
        action_type: 'renewal_offer',
        unit_ids: ['U1'],
        method: 'email',
        scheduled_for: null,
      })
      .subscribe({ error: (e) => (failure = e) });
    const exec = http.expectOne('/api/v1/portfolio/bulk-actions/');
    expect(exec.request.body).toEqual({
      action_type: 'renewal_offer',
      unit_ids: ['U1'],
      method: 'email',
      scheduled_for: null,
    });
    exec.flush({ detail: 'Unknown unit ids: U1.' }, { status: 400, statusText: 'Bad Request' });
    expect(failure).toBeInstanceOf(ApiError);
    expect((failure as ApiError).detail).toBe('Unknown unit ids: U1.');
  });

  it('getBatch(), cancelBatch(), runAgent() and getActionTypes() hit their URLs', () => {
    service.getBatch('B1').subscribe();
    http.expectOne('/api/v1/portfolio/bulk-actions/B1/').flush({});
    service.cancelBatch('B1').subscribe();
    expect(http.expectOne('/api/v1/portfolio/bulk-actions/B1/cancel/').request.method).toBe('POST');
    service.runAgent().subscribe();
    expect(http.expectOne('/api/v1/portfolio/ai-queue/run/').request.method).toBe('POST');
    service.getActionTypes().subscribe();
    http.expectOne('/api/v1/portfolio/bulk-actions/action-types/').flush([]);
  });
});

describe('commandCenterParams', () => {
  it('joins lists, drops empties and adds extras', () => {
    const p = commandCenterParams(
      { lifecycle_state: [], search: null, building: 'B', ai_action: ['listing_prep'] },
      { page: 2 },
    );
    expect(p.keys().sort()).toEqual(['ai_action', 'building', 'page']);
    expect(p.get('page')).toBe('2');
  });
});

describe('isBatchFinished', () => {
  it('is true once nothing more will change', () => {
    const status = (s: BulkActionBatch['status']) => isBatchFinished({ status: s });
    expect(['pending', 'running'].map((s) => status(s as BulkActionBatch['status']))).toEqual([
      false,
      false,
    ]);
    expect(
      ['sent', 'partial', 'failed', 'cancelled'].map((s) => status(s as BulkActionBatch['status'])),
    ).toEqual([true, true, true, true]);
  });
});
