import { renewalStatusParam } from './renewal-dashboard.component';
import { checkApprovedRent, formatPct, increasePct, strategyLine } from './renewals-format';

describe('renewals formatting', () => {
  it("writes the wireframe's strategy line", () => {
    expect(
      strategyLine({
        rent_strategy: 'hold',
        rent_reasoning: 'Critical churn risk (0.82): retain at current rent.',
      }),
    ).toBe('Strategy: Hold — Critical churn risk (0.82): retain at current rent.');
    expect(strategyLine({ rent_strategy: 'market_rate', rent_reasoning: '' })).toBe(
      'Strategy: Market rate',
    );
    expect(
      strategyLine({
        rent_strategy: 'below_market_retain',
        rent_strategy_label: 'Below market — retain',
        rent_reasoning: '',
      }),
    ).toBe('Strategy: Below market — retain');
  });

  it('formats signed percentages', () => {
    expect(formatPct(5)).toBe('+5.0%');
    expect(formatPct(0)).toBe('0.0%');
    expect(formatPct(-2.04)).toBe('−2.0%');
    expect(formatPct(Number.NaN)).toBe('—');
    expect(increasePct(2100, 2205)).toBe(5);
  });

  it('the status filter maps to API statuses', () => {
    expect(renewalStatusParam('open')).toBe('pending,approved,sent');
    expect(renewalStatusParam('all')).toBeNull();
    expect(renewalStatusParam('accepted')).toBe('accepted');
  });
});

describe('checkApprovedRent', () => {
  it('blank approves the recommendation as is', () => {
    expect(checkApprovedRent('  ', 1850)).toEqual({ error: null, warning: null, value: null });
  });
  it('normalises a valid rent', () => {
    expect(checkApprovedRent('$1,900.5', 1850)).toEqual({
      error: null,
      warning: null,
      value: '1900.50',
    });
  });
  it('refuses what the API would refuse', () => {
    expect(checkApprovedRent('abc', 1850).error).toMatch(/like 1850.00/);
    expect(checkApprovedRent('1850.123', 1850).error).toMatch(/two decimals/);
    expect(checkApprovedRent('0', 1850).error).toBe('The rent must be greater than zero.');
  });
  it('warns about unusual changes without blocking', () => {
    expect(checkApprovedRent('2200', 1850)).toMatchObject({ error: null, value: '2200.00' });
    expect(checkApprovedRent('2200', 1850).warning).toMatch(/\+18\.9% increase/);
    expect(checkApprovedRent('1800', 1850).warning).toMatch(/below the current rent/);
  });
});
