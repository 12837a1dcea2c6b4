import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';

import { HeatmapCell, RiskHeatmap } from '../../core/models';
import { RiskHeatmapComponent } from './risk-heatmap.component';

const FACTORS = {
  wo_frequency: 0.5,
  wo_cost: 0,
  equipment_age: 0.5,
  repeat_issue: 0,
  seasonal: 0.9,
};
const cell = (n: string, score: number, level: HeatmapCell['risk_level']): HeatmapCell => ({
  unit_id: `u-${n}`,
  unit_number: n,
  risk_score: score,
  risk_level: level,
  predicted_next_wo_type: 'hvac',
  factors: FACTORS,
});

const HEAT: RiskHeatmap = {
  score_date: '2026-07-13',
  counts: { critical: 1, high: 0, medium: 1, low: 2 },
  properties: [
    {
      id: 'p-quiet',
      name: 'Alder Court',
      counts: { critical: 0, high: 0, medium: 0, low: 1 },
      buildings: [{ building: 'A', floors: [{ floor: 1, units: [cell('A-101', 12, 'low')] }] }],
    },
    {
      id: 'p-hot',
      name: 'Westfield Gardens',
      counts: { critical: 1, high: 0, medium: 1, low: 1 },
      buildings: [
        {
          building: 'B',
          floors: [
            { floor: 2, units: [cell('B-201', 80, 'critical'), cell('B-202', 40, 'medium')] },
            { floor: 1, units: [cell('B-101', 10, 'low')] },
          ],
        },
      ],
    },
  ],
};

describe('RiskHeatmapComponent', () => {
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

  afterEach(() => http.verify());

  async function open(property?: string) {
    const fixture = TestBed.createComponent(RiskHeatmapComponent);
    if (property) fixture.componentRef.setInput('property', property);
    fixture.detectChanges();
    TestBed.tick();
    http.expectOne((r) => r.url.endsWith('/risk-heatmap/')).flush(HEAT);
    await fixture.whenStable();
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('opens on the property with the most critical units, top floor first, coloured by level', async () => {
    const el = await open();
    expect(el.querySelector('h2')?.textContent).toContain('Westfield Gardens');
    const cells = [...el.querySelectorAll('[data-testid=heat-cell]')];
    expect(cells.map((c) => c.textContent?.trim().slice(0, 5))).toEqual([
      'B-201',
      'B-202',
      'B-101',
    ]);
    expect(cells[0].getAttribute('data-level')).toBe('critical');
    expect(cells[0].getAttribute('title')).toContain('Equipment age: 10 of 20');
    expect(cells[0].getAttribute('href')).toContain('/units/u-B-201?tab=maintenance');
  });

  it('shows the property asked for in the URL', async () => {
    const el = await open('p-quiet');
    expect(el.querySelector('h2')?.textContent).toContain('Alder Court');
    expect(el.querySelectorAll('[data-testid=heat-cell]').length).toBe(1);
  });
});
