import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { ChurnFactor } from '../../../core/models';
import { ChurnFactorsChartComponent, factorBars } from './churn-factors-chart.component';

const BREAKDOWN: ChurnFactor[] = [
  { key: 'late_payments', label: 'Late payments', value: 0.9333, weight: 0.3, contribution: 0.28 },
  {
    key: 'maintenance_requests',
    label: 'Maintenance requests',
    value: 0.2,
    weight: 0.15,
    contribution: 0.03,
  },
  { key: 'rent_gap', label: 'Rent vs. market', value: 1.0, weight: 0.25, contribution: 0.25 },
  { key: 'tenure_short', label: 'Short tenure', value: 0.6131, weight: 0.15, contribution: 0.092 },
  {
    key: 'market_trend',
    label: 'Market options (low vacancy)',
    value: 0.8673,
    weight: 0.15,
    contribution: 0.1301,
  },
];

describe('factorBars', () => {
  it('turns the breakdown into 0–100 bars with weights and points', () => {
    const bars = factorBars(BREAKDOWN);
    expect(bars.map((b) => b.key)).toEqual([
      'late_payments',
      'maintenance_requests',
      'rent_gap',
      'tenure_short',
      'market_trend',
    ]);
    expect(bars[0]).toEqual({
      key: 'late_payments',
      label: 'Late payments',
      valuePct: 93,
      weightPct: 30,
      points: 28,
      band: 'high',
    });
    expect(bars[1].band).toBe('low');
    expect(bars[3].band).toBe('mid');
    // The points add up to the 0–100 score (0.782 → 78).
    expect(Math.round(bars.reduce((s, b) => s + b.points, 0))).toBe(78);
  });

  it("falls back to the raw factors and the spec's weights", () => {
    const bars = factorBars(null, { late_payments: 0.5, rent_gap: 1 });
    expect(bars).toHaveLength(5);
    expect(bars.find((b) => b.key === 'rent_gap')).toMatchObject({
      valuePct: 100,
      weightPct: 25,
      points: 25,
    });
    expect(bars.find((b) => b.key === 'tenure_short')).toMatchObject({
      valuePct: 0,
      weightPct: 15,
      points: 0,
    });
  });

  it('clamps values outside 0–1', () => {
    const bars = factorBars([{ key: 'x', label: 'X', value: 1.4, weight: 0.2, contribution: 0 }]);
    expect(bars[0].valuePct).toBe(100);
  });
});

describe('ChurnFactorsChartComponent', () => {
  let fixture: ComponentFixture<ChurnFactorsChartComponent>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    fixture = TestBed.createComponent(ChurnFactorsChartComponent);
    el = fixture.nativeElement;
  });

  it('draws one horizontal bar per factor, as wide as its value, labelled with its weight', async () => {
    fixture.componentRef.setInput('factors', BREAKDOWN);
    await fixture.whenStable();
    const rows = [...el.querySelectorAll<HTMLElement>('.row')];
    expect(rows).toHaveLength(5);
    const late = el.querySelector<HTMLElement>('[data-factor=late_payments]')!;
    expect(late.querySelector<HTMLElement>('.fill')!.style.width).toBe('93%');
    expect(late.querySelector('.fill')!.classList).toContain('band-high');
    expect(late.querySelector('.weight')!.textContent?.trim()).toBe('weight 30%');
    expect(late.querySelector('.pts')!.textContent?.trim()).toBe('+28.0 pts');
    expect(late.getAttribute('aria-label')).toBe(
      'Late payments: 93 of 100, weight 30%, adds 28 points',
    );
    expect(el.querySelector('.total strong')?.textContent?.trim()).toBe('78');
  });
});
