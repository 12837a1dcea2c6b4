import { HeatmapCell } from '../../core/models';
import { categoryName, cellTitle, factorRows, levelOf } from './predictive-format';

describe('predictive format', () => {
  it('levels at the spec thresholds', () => {
    expect([0, 25, 25.1, 50, 50.1, 75, 75.1, 100].map(levelOf)).toEqual([
      'low',
      'low',
      'medium',
      'medium',
      'high',
      'high',
      'critical',
      'critical',
    ]);
  });

  it('factor rows carry weights and points, clipped to 0-1', () => {
    const rows = factorRows({
      wo_frequency: 0.5,
      wo_cost: 1.4,
      equipment_age: 0.3,
      repeat_issue: 0,
      seasonal: 0.9,
    });
    expect(rows.map((r) => r.points)).toEqual([15, 20, 6, 0, 9]);
    expect(rows[1].pct).toBe(100);
  });

  it('names categories and writes the hover text', () => {
    expect(categoryName('hvac')).toBe('HVAC');
    expect(categoryName('locks_security')).toBe('Locks / security');
    const cell: HeatmapCell = {
      unit_id: 'u',
      unit_number: 'B-304',
      risk_score: 81.2,
      risk_level: 'critical',
      predicted_next_wo_type: 'plumbing',
      factors: { wo_frequency: 1, wo_cost: 1, equipment_age: 0.5, repeat_issue: 1, seasonal: 0.9 },
    };
    const text = cellTitle(cell);
    expect(text).toContain('Unit B-304: 81.2 (Critical)');
    expect(text).toContain('Work-order frequency: 30 of 30');
    expect(text).toContain('Likely next: Plumbing');
  });
});
