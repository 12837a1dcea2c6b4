import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { ALL_PERMISSIONS, READ_ONLY_PERMISSIONS, signInAs } from '../../core/auth/auth.testing';
import { Permission } from '../../core/auth/auth.service';
import { PricingDashboardComponent } from './pricing-dashboard.component';
import { UnitPricingComponent } from './unit-pricing.component';

const snapshot = (over: object = {}) => ({
  id: 's1',
  unit_id: 'u1',
  property_id: 'p1',
  unit_number: 'A-102',
  property_name: 'Westfield Gardens',
  bedrooms: 2,
  bathrooms: '1.0',
  square_feet: 850,
  unit_status: 'vacant',
  snapshot_date: '2026-11-29',
  current_rent: '2100.00',
  asking_rent: '2100.00',
  market_rent: '1980.00',
  recommended_rent: '1980.00',
  rent_per_sqft: '2.47',
  market_rent_per_sqft: '2.33',
  rent_gap_amount: '120.00',
  rent_gap_pct: 6.06,
  position: 'above',
  days_vacant: 28,
  is_vacant: true,
  seasonal_factor: 0.98,
  demand_score: 0.6,
  comp_count: 3,
  confidence_score: 0.6,
  pricing_strategy: 'lease_up',
  summary: '3 comps averaging $1,912; −2% for November; −1% for 28 days vacant',
  price_drop: null,
  applied_rent: null,
  applied_at: null,
  applied_by_name: '',
  ...over,
});

const unitPricing = (over: object = {}) => ({
  unit_id: 'u1',
  unit_number: 'A-102',
  property_id: 'p1',
  property_name: 'Westfield Gardens',
  unit_status: 'vacant',
  asking_rent: '2100.00',
  can_apply: true,
  latest: {
    ...snapshot(),
    explanation: {
      method: 'internal_comps',
      summary: '3 comps averaging $1,912; −2% for November; −1% for 28 days vacant',
      adjustments: [
        { kind: 'seasonal', factor: 0.98, label: '−2% for November' },
        { kind: 'vacancy', factor: 0.99, label: '−1% for 28 days vacant' },
      ],
      fallback: '',
      comp_avg_rent: '1912.00',
      comp_avg_sqft: 850,
      base_rent: '1912.00',
      vacancy_discount_pct: 1,
      position: 'above',
      strategy_reason: 'Vacant 28 days: price at the discounted market to lease up.',
      price_drop: {
        drop: '120.00',
        new_rent: '1980.00',
        days_saved: 30,
        vacancy_recovered: '1953.10',
        cost: '1440.00',
        net_gain: '513.10',
        worth_it: true,
        text: 'Reduce by $120 to $1,980: about 30 fewer vacant days, net gain $513 over a 12-month lease.',
      },
    },
    comps: [
      {
        id: 'c1',
        source: 'internal',
        address: '12 Main St, Unit A-101',
        bedrooms: 2,
        bathrooms: '1.0',
        square_feet: 850,
        rent: '1900.00',
        distance_miles: 0,
        similarity_score: 1,
      },
    ],
  },
  history: [
    {
      snapshot_date: '2026-11-28',
      current_rent: '2100.00',
      market_rent: '1985.00',
      recommended_rent: '1985.00',
      rent_gap_pct: 5.8,
    },
    {
      snapshot_date: '2026-11-29',
      current_rent: '2100.00',
      market_rent: '1980.00',
      recommended_rent: '1980.00',
      rent_gap_pct: 6.1,
    },
  ],
  ...over,
});

function setup(path: string, component: unknown) {
  TestBed.configureTestingModule({
    providers: [
      provideZonelessChangeDetection(),
      provideHttpClient(),
      provideHttpClientTesting(),
      provideRouter([{ path, component: component as never }], withComponentInputBinding()),
    ],
  });
  return TestBed.inject(HttpTestingController);
}

describe('UnitPricingComponent', () => {
  afterEach(() => localStorage.clear());

  async function open(perms: readonly Permission[]) {
    const http = setup('pricing/:unitId', UnitPricingComponent);
    signInAs(perms);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/pricing/u1');
    TestBed.tick();
    http.expectOne((r) => r.url.endsWith('/pricing/units/u1/history/')).flush(unitPricing());
    await harness.fixture.whenStable();
    TestBed.tick();
    return { http, el: harness.routeNativeElement as HTMLElement, harness };
  }

  it('explains the price: comps, adjustments, price drop and the chart', async () => {
    const { el } = await open(ALL_PERMISSIONS);
    expect(el.querySelector('[data-testid="explanation-summary"]')?.textContent).toContain(
      '3 comps averaging $1,912',
    );
    expect(el.querySelectorAll('[data-testid="comp-row"]').length).toBe(1);
    expect(el.querySelector('[data-adjustment="vacancy"]')?.textContent).toContain(
      '28 days vacant',
    );
    expect(el.querySelector('[data-testid="price-drop"]')?.textContent).toContain('net gain $513');
    expect(el.querySelectorAll('[data-testid="price-chart"] path').length).toBe(3);
  });

  it('applies the recommended rent with one click and shows it applied', async () => {
    const { http, el, harness } = await open(ALL_PERMISSIONS);
    const button = el.querySelector<HTMLButtonElement>('[data-testid="apply-recommended"]')!;
    expect(button.textContent).toContain('$1,980');
    button.click();
    const req = http.expectOne((r) => r.url.endsWith('/pricing/units/u1/apply/'));
    expect(req.request.method).toBe('POST');
    const after = unitPricing({ asking_rent: '1980.00' });
    (after.latest as { applied_at: string | null }).applied_at = '2026-11-29T10:00:00Z';
    req.flush(after);
    await harness.fixture.whenStable();
    TestBed.tick();
    expect(el.querySelector('[data-testid="asking-rent"]')?.textContent).toContain('$1,980.00');
    expect(el.querySelector('[data-testid="applied-note"]')).not.toBeNull();
    expect(el.querySelector('[data-testid="apply-recommended"]')).toBeNull();
  });

  it('offers no apply button to a read-only role', async () => {
    const { el } = await open(READ_ONLY_PERMISSIONS);
    expect(el.querySelector('[data-testid="apply-recommended"]')).toBeNull();
  });
});

describe('PricingDashboardComponent', () => {
  afterEach(() => localStorage.clear());

  it('shows the opportunity, the cards, the distribution and the table with each price explained', async () => {
    const http = setup('pricing', PricingDashboardComponent);
    signInAs(ALL_PERMISSIONS);
    const harness = await RouterTestingHarness.create();
    await harness.navigateByUrl('/pricing?vacancy=vacant');
    TestBed.tick();
    http
      .expectOne((r) => r.url.endsWith('/pricing/revenue-opportunity/'))
      .flush({
        snapshot_date: '2026-11-29',
        total_units_analyzed: 10,
        units_below_market: 4,
        units_at_market: 3,
        units_above_market: 3,
        total_monthly_gap: 450,
        annual_revenue_opportunity: 5400,
        avg_gap_pct: -1.2,
        at_market_band_pct: 1,
        by_property: [],
        gap_distribution: [
          { from_pct: null, to_pct: -1, units: 4 },
          { from_pct: -1, to_pct: 1, units: 3 },
          { from_pct: 1, to_pct: null, units: 3 },
        ],
        vacant_units: 1,
        model_accuracy: {
          units: 9,
          occupied_units: 10,
          coverage_pct: 90,
          median_abs_pct_error: 3.2,
          within_5_pct_share: 70,
        },
        last_run: null,
      });
    const list = http.expectOne((r) => r.url.endsWith('/pricing/snapshots/'));
    expect(list.request.params.get('is_vacant')).toBe('true');
    expect(list.request.params.get('ordering')).toBe('rent_gap_pct');
    list.flush({ count: 1, next: null, previous: null, results: [snapshot()] });
    for (const r of http.match((r) => r.url.includes('/properties/')))
      r.flush({ count: 0, next: null, previous: null, results: [] });
    await harness.fixture.whenStable();
    TestBed.tick();
    const el = harness.routeNativeElement as HTMLElement;
    expect(el.querySelector('[data-testid="annual-opportunity"]')?.textContent).toContain('$5,400');
    expect(el.querySelector('[data-testid="model-accuracy"]')?.textContent).toContain('±3.2 %');
    expect(el.querySelectorAll('[data-testid="position-count"]').length).toBe(3);
    expect(el.querySelectorAll('[data-testid="gap-distribution"] .bar').length).toBe(3);
    expect(el.querySelector('[data-testid="price-summary"]')?.textContent).toContain(
      '3 comps averaging',
    );
    expect(el.querySelector('[data-testid="run-engine"]')).not.toBeNull();
  });
});
