import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { ALL_PERMISSIONS, READ_ONLY_PERMISSIONS, signInAs } from '../../core/auth/auth.testing';
import { PreventiveSuggestion, Unit, UnitRiskScore } from '../../core/models';
import { WorkOrderService } from '../../core/services/work-order.service';
import { UnitRiskCardComponent } from './unit-risk-card.component';

const UNIT = { id: 'u1', unit_number: 'B-304', property: 'p1' } as unknown as Unit;

const SCORE: UnitRiskScore = {
  id: 's1',
  unit: 'u1',
  unit_number: 'B-304',
  building: 'B',
  floor: 3,
  property: 'p1',
  property_name: 'Oak Court',
  score_date: '2026-07-13',
  risk_score: 81.5,
  risk_level: 'critical',
  wo_frequency_score: 1,
  wo_cost_score: 0.5,
  equipment_age_score: 0.9,
  repeat_issue_score: 1,
  seasonal_score: 0.9,
  weights: { wo_frequency: 30, wo_cost: 20, equipment_age: 20, repeat_issue: 20, seasonal: 10 },
  predicted_next_wo_date: '2026-08-01',
  predicted_next_wo_type: 'hvac',
  predicted_cost_30_days: 120,
  predicted_cost_90_days: 360.5,
  wo_count_12_months: 8,
  total_cost_12_months: 2400,
  avg_days_between_wo: 40,
  details: {},
};

const SUGGESTION = {
  id: 'g1',
  unit: 'u1',
  unit_number: 'B-304',
  property: 'p1',
  property_name: 'Oak Court',
  risk_score: 's1',
  risk_score_value: 81.5,
  risk_level: 'critical',
  score_date: '2026-07-13',
  title: 'Preventive HVAC service: unit B-304',
  description: 'Inspect and service the HVAC system.',
  reasoning: '4 HVAC work orders in 12 months; July peak.',
  priority: 'urgent',
  category: 'hvac',
  estimated_cost: 410,
  suggested_date: '2026-07-16',
  status: 'suggested',
  work_order: null,
  work_order_number: null,
  ai_provider: 'offline',
  decided_by_name: '',
  decided_at: null,
  dismiss_reason: '',
  created_at: '2026-07-13T05:00:00Z',
} satisfies PreventiveSuggestion;

const page = <T>(results: T[]) => ({ count: results.length, next: null, previous: null, results });

describe('UnitRiskCardComponent', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    localStorage.clear();
  });

  async function open(score: UnitRiskScore | null, suggestions: PreventiveSuggestion[]) {
    const fixture = TestBed.createComponent(UnitRiskCardComponent);
    fixture.componentRef.setInput('unit', UNIT);
    fixture.detectChanges();
    TestBed.tick();
    http
      .expectOne((r) => r.url.endsWith('/risk-scores/') && r.params.get('unit') === 'u1')
      .flush(page(score ? [score] : []));
    http
      .expectOne((r) => r.url.endsWith('/suggestions/') && r.params.get('unit') === 'u1')
      .flush(page(suggestions));
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture;
  }

  it('shows the score, level, factor bars, next issue and 90-day cost', async () => {
    signInAs(READ_ONLY_PERMISSIONS);
    const fixture = await open(SCORE, [SUGGESTION]);
    const el: HTMLElement = fixture.nativeElement;
    expect(el.querySelector('[data-testid=risk-score]')?.textContent).toContain('81.5');
    expect(el.textContent).toContain('Critical');
    expect(el.querySelectorAll('.factor').length).toBe(5);
    expect(el.querySelector('[data-factor=wo_frequency] .pts')?.textContent).toContain('30/30');
    expect(el.querySelector('[data-testid=risk-next]')?.textContent).toContain('HVAC');
    expect(el.textContent).toContain('$360.50');
    expect(el.textContent).toContain('July peak');
    // read-only: no decision buttons
    expect(el.querySelector('[data-testid=approve-suggestion]')).toBeNull();
  });

  it('approves: the work order is created and the unit\u2019s work-order list reloads', async () => {
    signInAs(ALL_PERMISSIONS);
    const fixture = await open(SCORE, [SUGGESTION]);
    const changes = TestBed.inject(WorkOrderService).changes;
    const before = changes();
    (
      fixture.nativeElement.querySelector('[data-testid=approve-suggestion]') as HTMLElement
    ).click();
    const req = http.expectOne((r) => r.url.endsWith('/suggestions/g1/approve/'));
    expect(req.request.method).toBe('POST');
    expect(req.request.headers.get('Idempotency-Key')).toBeTruthy();
    req.flush({
      ...SUGGESTION,
      status: 'work_order_created',
      work_order: 'w1',
      work_order_number: 'WO-0000042',
    });
    await fixture.whenStable();
    fixture.detectChanges();
    expect(fixture.nativeElement.textContent).toContain('WO-0000042');
    expect(changes()).toBe(before + 1);
  });

  it('says when the unit has not been scored', async () => {
    signInAs(READ_ONLY_PERMISSIONS);
    const fixture = await open(null, []);
    expect(fixture.nativeElement.textContent).toContain('Not scored yet');
  });
});
