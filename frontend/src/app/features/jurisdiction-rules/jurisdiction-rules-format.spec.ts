import {
  deductionsInWords,
  depositReturnInWords,
  itemizedStatementInWords,
  ruleValueInWords,
} from './jurisdiction-rules-format';

describe('ruleValueInWords', () => {
  it('reads a contact-hours window', () => {
    expect(ruleValueInWords({ start: '08:00', end: '20:00' }, 'sms_contact_hours')).toBe(
      "automated texts only 8:00 AM–8:00 PM, the tenant's local time",
    );
  });

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

  it('reads a deposit-return rule the way a manager says it', () => {
    const deposit = {
      days_no_deductions: 14,
      days_with_deductions: 14,
      day_count: 'calendar',
      clock_starts: 'move_out',
      conditions: [],
      itemization: true,
    };
    expect(ruleValueInWords(deposit, 'security_deposit_return')).toBe(
      '14 days after the tenant moves out; itemized statement required',
    );
    // an old-style deposit value still reads
    expect(ruleValueInWords({ days: 21, itemization: true }, 'security_deposit_return')).toBe(
      '21 days · itemized statement',
    );
  });
});

describe('depositReturnInWords', () => {
  it('states both numbers where the law differs by case (Florida)', () => {
    expect(
      depositReturnInWords({
        days_no_deductions: 15,
        days_with_deductions: 30,
        day_count: 'calendar',
        clock_starts: 'move_out',
        conditions: [],
        balance_days_after_notice: 30,
        itemization: true,
      }),
    ).toBe(
      '15 days after the tenant moves out if nothing is withheld; 30 days for the itemized statement when ' +
        'something is; balance 30 days after the notice; itemized statement required',
    );
  });

  it('counts business days and months, with the conditions the law waits for', () => {
    expect(
      depositReturnInWords({
        days_no_deductions: 14,
        days_with_deductions: 14,
        day_count: 'business',
        clock_starts: 'tenancy_end_and_move_out',
        conditions: ['tenant_demand'],
        itemization: true,
      }),
    ).toBe(
      '14 business days after the tenancy ends and the tenant has moved out (once the tenant asks); ' +
        'itemized statement required',
    );
    expect(
      depositReturnInWords({
        days_no_deductions: 1,
        days_with_deductions: 1,
        day_count: 'months',
        clock_starts: 'tenancy_end_and_move_out',
        conditions: [],
        lease_may_extend_to_days: 60,
        itemization: true,
      }),
    ).toBe(
      '1 month after the tenancy ends and the tenant has moved out (up to 60 days if the lease says so); ' +
        'itemized statement required',
    );
    expect(
      depositReturnInWords({
        days_no_deductions: 30,
        days_with_deductions: 30,
        day_count: 'calendar',
        clock_starts: 'surrender',
        conditions: ['forwarding_address'],
        itemization: true,
      }),
    ).toBe(
      '30 days after the tenant surrenders the unit (once the tenant gives a forwarding address); ' +
        'itemized statement required',
    );
  });

  it('says so when the statute sets no refund deadline (Tennessee)', () => {
    expect(
      depositReturnInWords({
        days_no_deductions: null,
        days_with_deductions: 10,
        day_count: 'business',
        clock_starts: 'occupancy_end',
        conditions: [],
        itemization: true,
      }),
    ).toBe(
      'itemized list within 10 business days after occupancy ends; no refund deadline in the statute',
    );
  });
});

describe('itemizedStatementInWords', () => {
  it('lists contents, the receipts threshold, delivery and interest', () => {
    expect(
      itemizedStatementInWords({
        contents: ['each_deduction', 'amount_each', 'receipts', 'landlord_labor'],
        receipts: 'over_threshold',
        receipts_threshold: '125.00',
        delivery: ['personal', 'first_class_mail', 'email_if_agreed'],
        interest: 'none',
      }),
    ).toBe(
      'Each deduction and why, its amount, receipts or invoices, staff time and hourly rate · receipts ' +
        'when repairs and cleaning reach $125.00 · sent in person, by first-class mail or by email if the ' +
        'tenant agreed',
    );
    expect(
      itemizedStatementInWords({
        contents: ['each_deduction', 'sworn', 'interest'],
        receipts: 'always',
        delivery: [],
        interest: 'at_return',
      }),
    ).toBe(
      'Each deduction and why, sworn under penalty of perjury, interest due · receipts or estimates ' +
        'required · interest with the deposit',
    );
  });
});

describe('deductionsInWords', () => {
  it("quotes the statute's words and says whether depreciation is required", () => {
    expect(
      deductionsInWords({
        wear_and_tear_excluded: true,
        statute_words: 'normal wear and tear',
        wear_and_tear_defined: true,
        depreciation_required: false,
      }),
    ).toBe(
      '“normal wear and tear” may not be charged (defined in the statute) · depreciation not required by statute',
    );
    expect(
      deductionsInWords({
        wear_and_tear_excluded: true,
        statute_words: null,
        wear_and_tear_defined: false,
        depreciation_required: false,
      }),
    ).toBe(
      'only damage the tenant caused (the statute names no wear-and-tear rule) · depreciation not required by statute',
    );
  });
});
