import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { Permission } from '../../core/auth/auth.service';
import { ALL_PERMISSIONS, READ_ONLY_PERMISSIONS, signInAs } from '../../core/auth/auth.testing';
import { TurnoverBoardComponent } from './turnover-board.component';

const card = (id: string, stage: string, delayed = false) => ({
  id,
  stage,
  stage_label: stage,
  unit_number: id,
  property_name: 'Oak',
  expected_move_out: '2026-12-15',
  security_deposit: '1800.00',
  inspection_scheduled_date: null,
  inspection_date: null,
  inspection_work_order_number: 'WO-1',
  checklist_done: 0,
  checklist_total: 8,
  make_ready_estimated_cost: '1500.00',
  market_rent: '2100.00',
  days_vacant: delayed ? 35 : 0,
  leased_date: null,
  days_in_pipeline: 3,
  delayed,
});

const board = {
  columns: [
    { stage: 'notice', label: 'Notice', count: 1, cases: [card('A-102', 'notice')] },
    { stage: 'inspect', label: 'Inspect', count: 1, cases: [card('B-205', 'inspect', true)] },
    { stage: 'make_ready', label: 'Make Ready', count: 0, cases: [] },
    { stage: 'listed', label: 'Listed', count: 0, cases: [] },
    { stage: 'leased', label: 'Leased', count: 0, cases: [] },
  ],
  active: 2,
  delayed: 1,
  avg_days_active: 18,
  target_days: 21,
  delay_days: 30,
};

describe('TurnoverBoardComponent', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'turnover', component: TurnoverBoardComponent }]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => localStorage.clear());

  async function open(perms: readonly Permission[]): Promise<HTMLElement> {
    signInAs(perms);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/turnover');
    TestBed.tick();
    http.expectOne((r) => r.url.endsWith('/turnover/kanban/')).flush(board);
    for (const r of http.match((r) => r.url.includes('/properties/')))
      r.flush({ count: 0, next: null, previous: null, results: [] });
    await harness.fixture.whenStable();
    TestBed.tick();
    return harness.routeNativeElement as HTMLElement;
  }

  it('shows the five columns, the header and the delayed card', async () => {
    const el = await open(ALL_PERMISSIONS);
    const titles = [...el.querySelectorAll('.col-title')].map((t) => t.textContent?.trim());
    expect(titles).toEqual([
      'Notice (1)',
      'Inspect (1)',
      'Make Ready (0)',
      'Listed (0)',
      'Leased (0)',
    ]);
    expect(el.querySelector('[data-testid=turnover-header]')?.textContent).toContain('Avg 18 days');
    expect(el.querySelectorAll('[data-testid=delayed-chip]')).toHaveLength(1);
    expect(el.textContent).toContain('$1,800 dep');
  });

  it('moves a card with its button and reloads the board', async () => {
    const el = await open(ALL_PERMISSIONS);
    (el.querySelector('[data-testid=move-next]') as HTMLButtonElement).click();
    const req = http.expectOne((r) => r.url.endsWith('/turnover/A-102/advance-stage/'));
    expect(req.request.body).toEqual({ stage: 'inspect', reason: '' });
    req.flush({});
    TestBed.tick();
    await Promise.resolve();
    TestBed.tick();
    http.expectOne((r) => r.url.endsWith('/turnover/kanban/')).flush(board);
  });

  it('gives a read-only user no move buttons', async () => {
    const el = await open(READ_ONLY_PERMISSIONS);
    expect(el.querySelector('[data-testid=move-next]')).toBeNull();
  });
});
