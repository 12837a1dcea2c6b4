import {
  ago,
  intentLabel,
  riskTone,
  signed,
  sparklinePoints,
  urgencyTone,
} from './communications-format';

describe('communications format', () => {
  it('labels intents and signs sentiment', () => {
    expect(intentLabel('rent_due_date_query')).toBe('Rent due date query');
    expect(intentLabel(null)).toBe('');
    expect(signed(0.4)).toBe('+0.40');
    expect(signed(-0.3)).toBe('-0.30');
    expect(signed(null)).toBe('—');
  });

  it('tones urgency and risk', () => {
    expect(urgencyTone('critical')).toBe('red');
    expect(urgencyTone('low')).toBe('grey');
    expect(riskTone('medium')).toBe('amber');
    expect(riskTone(null)).toBe('grey');
  });

  it('draws a sparkline from -1..1 values', () => {
    expect(sparklinePoints([1, -1], 100, 20)).toBe('0.0,0.0 100.0,20.0');
    expect(sparklinePoints([])).toBe('');
  });

  it('says how long ago', () => {
    const now = new Date('2026-01-01T12:00:00Z');
    expect(ago('2026-01-01T11:58:00Z', now)).toBe('2m');
    expect(ago('2026-01-01T09:00:00Z', now)).toBe('3h');
    expect(ago('2025-12-25T12:00:00Z', now)).toBe('7d');
  });
});
