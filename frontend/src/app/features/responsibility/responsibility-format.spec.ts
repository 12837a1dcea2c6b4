import { chargeTone, isOverride, pct, riskLabel } from './responsibility-format';

describe('responsibility-format', () => {
  it('an override is another decision or another amount', () => {
    const ai = { responsibility: 'tenant', amount: '150.00' };
    expect(isOverride(ai, { responsibility: 'tenant', amount: '150' })).toBe(false);
    expect(isOverride(ai, { responsibility: 'tenant', amount: '120.00' })).toBe(true);
    expect(isOverride(ai, { responsibility: 'shared', amount: '150.00' })).toBe(true);
    expect(
      isOverride(
        { responsibility: 'owner', amount: null },
        { responsibility: 'owner', amount: '' },
      ),
    ).toBe(false);
    expect(isOverride(ai, { responsibility: 'owner', amount: '' })).toBe(true);
  });

  it('formats percentages, risks and charge tones', () => {
    expect(pct(null)).toBe('—');
    expect(pct(100)).toBe('100%');
    expect(pct(14.3)).toBe('14.3%');
    expect(riskLabel('medium')).toBe('Medium');
    expect(riskLabel('')).toBe('—');
    expect(chargeTone('paid')).toBe('chip-ok');
    expect(chargeTone('disputed')).toBe('chip-danger');
    expect(chargeTone('pending')).toBe('chip-warn');
  });
});
