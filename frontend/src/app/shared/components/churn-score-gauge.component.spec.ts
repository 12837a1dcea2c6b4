import { provideZonelessChangeDetection } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';

import { churnRiskLevel } from '../../core/models';
import { ChurnScoreGaugeComponent, churnPercent } from './churn-score-gauge.component';

describe('ChurnScoreGaugeComponent', () => {
  let fixture: ComponentFixture<ChurnScoreGaugeComponent>;
  let el: HTMLElement;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    fixture = TestBed.createComponent(ChurnScoreGaugeComponent);
    el = fixture.nativeElement;
  });

  async function render(score: number, opts: { level?: string; size?: number } = {}) {
    fixture.componentRef.setInput('score', score);
    if (opts.level !== undefined) fixture.componentRef.setInput('level', opts.level);
    if (opts.size !== undefined) fixture.componentRef.setInput('size', opts.size);
    await fixture.whenStable();
  }
  const arc = () => el.querySelector('[data-testid=gauge-arc]');

  it('shows the 0.0–1.0 score as 0–100 with an arc of that share of the 270° sweep', async () => {
    await render(0.82);
    expect(el.querySelector('[data-testid=gauge-score]')?.textContent?.trim()).toBe('82');
    expect(arc()?.getAttribute('stroke-dasharray')).toBe('61.50 100');
    expect(el.querySelector('.track')?.getAttribute('stroke-dasharray')).toBe('75 100');
    expect(el.getAttribute('role')).toBe('meter');
    expect(el.getAttribute('aria-valuenow')).toBe('82');
    expect(el.getAttribute('aria-label')).toBe('Churn risk 82 of 100, Critical');
  });

  it.each([
    [0.18, 'low', 'Low'],
    [0.3, 'medium', 'Medium'],
    [0.5, 'high', 'High'],
    [0.7, 'high', 'High'],
    [0.71, 'critical', 'Critical'],
  ])('score %s is %s (colour class and caption)', async (score, risk, label) => {
    await render(score);
    expect(el.classList).toContain(`risk-${risk}`);
    expect(el.querySelector('.caption')?.textContent?.trim()).toBe(label);
  });

  it("uses the API's risk level when given", async () => {
    await render(0.69, { level: 'critical' });
    expect(el.getAttribute('data-risk')).toBe('critical');
  });

  it('draws no arc at 0, clamps above 1, and drops the caption when small', async () => {
    await render(0);
    expect(arc()).toBeNull();
    await render(1.7, { size: 44 });
    expect(el.querySelector('[data-testid=gauge-score]')?.textContent?.trim()).toBe('100');
    expect(arc()?.getAttribute('stroke-dasharray')).toBe('75.00 100');
    expect(el.querySelector('.caption')).toBeNull();
    expect(el.style.width).toBe('44px');
  });

  it('churnPercent and churnRiskLevel follow the spec bands', () => {
    expect(churnPercent(0.455)).toBe(46);
    expect(churnPercent(Number.NaN)).toBe(0);
    expect(churnPercent(-1)).toBe(0);
    expect([0.29, 0.3, 0.49, 0.5, 0.7, 0.701].map(churnRiskLevel)).toEqual([
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
    ]);
  });
});
