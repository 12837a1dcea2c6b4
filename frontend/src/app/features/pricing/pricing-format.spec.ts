import { PricingHistoryPoint } from '../../core/models';
import { bucketLabel, bucketTone, chartGeometry, confidenceLabel } from './pricing-format';

const point = (d: string, current: string, market: string, rec: string): PricingHistoryPoint => ({
  snapshot_date: d,
  current_rent: current,
  market_rent: market,
  recommended_rent: rec,
  rent_gap_pct: 0,
});

describe('pricing format', () => {
  it('labels confidence', () => {
    expect([0.95, 0.75, 0.6, 0.3].map(confidenceLabel)).toEqual(['High', 'High', 'Medium', 'Low']);
  });

  it('labels and colours the gap buckets', () => {
    expect(bucketLabel({ from_pct: null, to_pct: -10, units: 1 })).toBe('< −10 %');
    expect(bucketLabel({ from_pct: -5, to_pct: -1, units: 1 })).toBe('−5 to −1 %');
    expect(bucketLabel({ from_pct: -1, to_pct: 1, units: 1 })).toBe('±1 % (at market)');
    expect(bucketLabel({ from_pct: 10, to_pct: null, units: 1 })).toBe('> +10 %');
    expect(bucketTone({ from_pct: -5, to_pct: -1, units: 0 })).toBe('below');
    expect(bucketTone({ from_pct: -1, to_pct: 1, units: 0 })).toBe('at');
    expect(bucketTone({ from_pct: 1, to_pct: 5, units: 0 })).toBe('above');
  });

  it('draws three series scaled to the values, with month ticks', () => {
    const g = chartGeometry([
      point('2026-10-31', '1800.00', '1900.00', '1850.00'),
      point('2026-11-01', '1800.00', '1880.00', '1850.00'),
      point('2026-11-02', '1850.00', '1860.00', '1850.00'),
    ])!;
    expect(g.series.map((s) => s.key)).toEqual(['current', 'market', 'recommended']);
    expect(g.series[1].path.startsWith('M')).toBe(true);
    expect(g.series[1].path.split('L').length).toBe(3);
    expect(g.series[0].last).toBe(1850);
    expect(g.min).toBeLessThanOrEqual(1775);
    expect(g.max).toBeGreaterThanOrEqual(1925);
    expect(g.xTicks.map((t) => t.label)).toEqual(['Oct 31', 'Nov 1']);
    expect(g.yTicks.length).toBeGreaterThanOrEqual(2);
  });

  it('has nothing to draw without points', () => {
    expect(chartGeometry([])).toBeNull();
  });
});
