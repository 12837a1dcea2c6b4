import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { Permission } from '../../core/auth/auth.service';
import { ALL_PERMISSIONS, READ_ONLY_PERMISSIONS, signInAs } from '../../core/auth/auth.testing';
import { CommandCenterComponent } from './command-center.component';

const ROW = {
  id: 'u1',
  unit_number: '101',
  building: 'A',
  property_id: 'p1',
  property_name: 'Maple Court',
  lifecycle_state: 'active',
  lease_id: 'l1',
  tenant_id: 't1',
  tenant_name: 'Maria Lopez',
  rent: '1200.00',
  market_rent: '1300.00',
  market_gap: '-100.00',
  market_gap_pct: -7.7,
  open_items: [],
  event_date: '2026-12-31',
  days_to_event: 30,
  risk_level: 'standard',
  collections_case_id: null,
  balance: '0.00',
  overdue_balance: '0.00',
  ai_action: null,
  ai_action_count: 0,
};

const PAGE = {
  count: 1,
  next: null,
  previous: null,
  today: '2026-12-01',
  results: [ROW],
  summary: {
    active: 1,
    month_to_month: 0,
    notice: 0,
    vacant: 0,
    total: 1,
    total_rent: '1200.00',
    occupied_rent: '1200.00',
    vacant_asking_rent: '0.00',
  },
};

describe('CommandCenterComponent by role', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(
          [{ path: 'portfolio/command-center', component: CommandCenterComponent }],
          withComponentInputBinding(),
        ),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  /** Opens the screen as a role and answers its requests; returns the page and what it asked for. */
  async function openAs(perms: readonly Permission[]) {
    signInAs(perms);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/portfolio/command-center');
    TestBed.tick();
    const asked: string[] = [];
    for (const req of http.match(() => true)) {
      asked.push(req.request.url.replace(/^.*\/api\/v1/, ''));
      if (req.request.url.endsWith('/command-center/')) req.flush(PAGE);
      else if (req.request.url.endsWith('/action-types/'))
        req.flush([
          {
            action_type: 'renewal_offer',
            label: 'Renewal offer',
            bulk_label: 'Send renewal offers',
            methods: ['email'],
            tenant_facing: true,
          },
        ]);
      else req.flush({ count: 0, next: null, previous: null, results: [] });
    }
    await harness.fixture.whenStable();
    return { el: harness.routeNativeElement as HTMLElement, asked };
  }

  const has = (el: HTMLElement, testId: string) =>
    el.querySelector(`[data-testid="${testId}"]`) !== null;

  it('gives a manager the AI agent button, selection and Bulk Actions', async () => {
    const { el, asked } = await openAs(ALL_PERMISSIONS);
    expect(has(el, 'run-agent')).toBe(true);
    expect(has(el, 'selection-bar')).toBe(true);
    expect(has(el, 'bulk-actions')).toBe(true);
    expect(has(el, 'select-all-checkbox')).toBe(true);
    expect(has(el, 'selected-rent')).toBe(true);
    expect(asked).toContain('/portfolio/bulk-actions/action-types/');
  });

  it('shows a read-only user the units with no run button and no bulk-action control', async () => {
    const { el, asked } = await openAs(READ_ONLY_PERMISSIONS);
    expect(has(el, 'showing-count')).toBe(true);
    expect(el.querySelector('[data-testid=showing-count]')?.textContent).toBe('1');
    expect(has(el, 'export-csv')).toBe(true);
    for (const id of [
      'run-agent',
      'selection-bar',
      'select-all',
      'bulk-actions',
      'select-all-checkbox',
      'row-checkbox',
      'selected-rent',
    ])
      expect(has(el, id), id).toBe(false);
    expect(el.querySelector('app-cc-unit-table')?.classList).toContain('no-select');
    // The bulk-action menu is not even asked for.
    expect(asked).not.toContain('/portfolio/bulk-actions/action-types/');
  });

  it('gives a leasing agent (no run_agents, no run_bulk_actions) neither', async () => {
    const { el } = await openAs([
      'view_portfolio',
      'view_renewals',
      'view_messages',
      'manage_leases',
      'manage_renewals',
    ]);
    expect(has(el, 'run-agent')).toBe(false);
    expect(has(el, 'bulk-actions')).toBe(false);
  });
});
