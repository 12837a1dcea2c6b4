import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { Permission } from '../../core/auth/auth.service';
import { ALL_PERMISSIONS, READ_ONLY_PERMISSIONS, signInAs } from '../../core/auth/auth.testing';
import { RenewalDashboardComponent, formatGapPct } from './renewal-dashboard.component';

const rec = (id: string, status: string, offered: string) => ({
  id,
  lease: `l-${id}`,
  unit: `u-${id}`,
  tenant_name: `Tenant ${id}`,
  unit_number: id,
  property_name: 'Oak',
  lease_number: `L-${id}`,
  lease_status: 'month_to_month',
  lease_end_date: '2026-12-31',
  churn_score: 0.5,
  churn_risk_level: 'medium',
  current_rent: '1000.00',
  market_rent: '1100.00',
  market_gap: '-100.00',
  market_gap_pct: -9.1,
  recommended_rent: offered,
  approved_rent: null,
  offered_rent: offered,
  rent_increase_pct: 3,
  offered_increase_pct: 3,
  rent_strategy: 'moderate_increase',
  rent_strategy_label: 'Moderate increase',
  status,
  status_label: status,
});

describe('RenewalDashboardComponent gap filter', () => {
  let http: HttpTestingController;
  let harness: RouterTestingHarness;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'renewals', component: RenewalDashboardComponent }]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    harness = await RouterTestingHarness.create();
  });

  function flushPage(results: object[]) {
    for (const r of http.match((r) => r.url.endsWith('/renewals/dashboard-stats/')))
      r.flush({
        by_risk_level: {},
        total_pending: 2,
        total_approved: 1,
        total_sent: 0,
        total_accepted: 0,
        total_declined: 0,
        acceptance_rate: 0,
        projected_annual_revenue_increase: '0.00',
        avg_rent_increase_pct: 0,
        avg_churn_score: 0,
      });
    const list = http.match((r) => r.url.endsWith('/renewals/'));
    for (const r of list) r.flush({ count: results.length, next: null, previous: null, results });
    return list;
  }

  it('sends the gap choice as gap_pct bounds', async () => {
    await harness.navigateByUrl('/renewals?gap=below5');
    TestBed.tick();
    const [req] = flushPage([]);
    expect(req.request.params.get('gap_pct_max')).toBe('-5');
    expect(req.request.params.has('gap_pct_min')).toBe(false);
  });

  it('lists recommendations with their gap, under the shared toolbar', async () => {
    await harness.navigateByUrl('/renewals');
    TestBed.tick();
    flushPage([rec('A1', 'pending', '1030.00'), rec('B2', 'approved', '1040.00')]);
    for (const r of http.match((r) => r.url.includes('/properties/')))
      r.flush({ count: 0, next: null, previous: null, results: [] });
    await harness.fixture.whenStable();
    TestBed.tick();
    const el = harness.routeNativeElement as HTMLElement;
    for (const id of [
      'renewal-search',
      'status-filter',
      'risk-filter',
      'gap-filter',
      'property-filter',
    ])
      expect(el.querySelector(`[data-testid="${id}"]`)).not.toBeNull();
    expect(el.textContent).toContain('Tenant A1');
    expect(el.textContent).toContain('Tenant B2');
    expect(el.textContent).toContain('−9.1 %');
  });

  it('formats the gap percentage', () => {
    expect(formatGapPct(-8.54)).toBe('−8.5 %');
    expect(formatGapPct(3)).toBe('+3.0 %');
    expect(formatGapPct(null)).toBe('—');
  });
});

describe('RenewalDashboardComponent by role', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'renewals', component: RenewalDashboardComponent }]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => localStorage.clear());

  async function openAs(perms: Permission[]) {
    signInAs(perms);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/renewals');
    TestBed.tick();
    for (const r of http.match((r) => r.url.endsWith('/renewals/dashboard-stats/')))
      r.flush({
        by_risk_level: {},
        total_pending: 1,
        total_approved: 0,
        total_sent: 0,
        total_accepted: 0,
        total_declined: 0,
        acceptance_rate: 0,
        projected_annual_revenue_increase: '0.00',
        avg_rent_increase_pct: 0,
        avg_churn_score: 0,
      });
    for (const r of http.match((r) => r.url.endsWith('/renewals/')))
      r.flush({ count: 1, next: null, previous: null, results: [rec('A1', 'pending', '1030.00')] });
    for (const r of http.match((r) => r.url.includes('/properties/')))
      r.flush({ count: 0, next: null, previous: null, results: [] });
    await harness.fixture.whenStable();
    TestBed.tick();
    return harness.routeNativeElement as HTMLElement;
  }

  it('gives a leasing agent the approve checkboxes but no Run Scan (run_agents)', async () => {
    const el = await openAs(['view_portfolio', 'view_renewals', 'manage_renewals']);
    expect(el.textContent).toContain('Tenant A1');
    expect(el.querySelector('[data-testid=run-scan]')).toBeNull();
    expect(el.querySelector('[data-testid=pick]')).not.toBeNull();
    expect(el.querySelector('[data-testid=pick-page]')).not.toBeNull();
  });

  it('shows a read-only user the recommendations with no Run Scan and nothing to approve', async () => {
    const el = await openAs(READ_ONLY_PERMISSIONS);
    expect(el.textContent).toContain('Tenant A1');
    expect(el.querySelector('[data-testid=run-scan]')).toBeNull();
    expect(el.querySelector('[data-testid=pick]')).toBeNull();
    expect(el.querySelector('[data-testid=pick-page]')).toBeNull();
    expect(el.querySelector('th.pick')).toBeNull();
    expect(el.querySelector('tr.strategy td')?.getAttribute('colspan')).toBe('10');
  });

  it('gives a manager Run Scan and the checkboxes', async () => {
    const el = await openAs(ALL_PERMISSIONS);
    expect(el.querySelector('[data-testid=run-scan]')).not.toBeNull();
    expect(el.querySelector('[data-testid=pick]')).not.toBeNull();
  });
});
