import { ruleValueInWords } from './jurisdiction-rules-format';

describe('ruleValueInWords', () => {
  it('reads tiers, caps and grace periods', () => {
    expect(ruleValueInWords({ tiers: [{ max_increase_pct: 10, days: 30 }, { days: 90 }] })).toBe(
      '30 days up to a 10% increase; 90 days otherwise',
    );
    expect(
      ruleValueInWords({ grace_days: 7, cap_pct: 5, cap_amount: '50.00', cap_combine: 'greater' }),
    ).toBe('no fee within 7 days · cap the greater of $50.00 or 5% of the rent');
    expect(
      ruleValueInWords({
        cap_amount: '10.00',
        cap_pct: 5,
        cap_pct_over: '500.00',
        cap_combine: 'sum',
      }),
    ).toBe('cap $10.00 + 5% of the rent above $500.00');
    expect(ruleValueInWords({})).toBe('no statutory cap');
    expect(ruleValueInWords({ days: 21, itemization: true })).toBe('21 days · itemized statement');
  });
});
