import { caseActions } from './collection-detail.component';
import { channelLabel } from './collections-format';
import { statusParam } from './collections-dashboard.component';
import { previewPlan, suggestedInstallments } from './components/offer-plan-dialog.component';
import { validatePayment } from './components/record-payment-dialog.component';
import { normaliseAmount } from '../../core/utils/amount';

const TODAY = new Date(2026, 2, 28);

describe('record payment validation', () => {
  it('accepts an amount with up to two decimals, $ and commas', () => {
    expect(normaliseAmount('250')).toBe('250.00');
    expect(normaliseAmount('$1,234.5')).toBe('1234.50');
    expect(normaliseAmount('.5')).toBe('0.50');
    expect(normaliseAmount('12.345')).toBeNull();
    expect(normaliseAmount('-3')).toBeNull();
    expect(normaliseAmount('abc')).toBeNull();
  });

  it('needs an amount above zero and a date not in the future', () => {
    expect(validatePayment('100', '2026-03-28', '', TODAY)).toEqual({});
    expect(validatePayment('', '2026-03-28', '', TODAY).amount).toBe('Enter the amount received.');
    expect(validatePayment('0', '2026-03-28', '', TODAY).amount).toBe(
      'The amount must be greater than zero.',
    );
    expect(validatePayment('1.234', '2026-03-28', '', TODAY).amount).toMatch(
      /at most two decimals/,
    );
    expect(validatePayment('100', '2026-03-29', '', TODAY).paidOn).toBe(
      'The payment date cannot be in the future.',
    );
    expect(validatePayment('100', '', '', TODAY).paidOn).toBe(
      'Enter the date the payment was received.',
    );
    expect(validatePayment('100', '2026-03-28', 'x'.repeat(61), TODAY).reference).toBe(
      'At most 60 characters.',
    );
  });
});

describe('payment plan preview (same arithmetic as the API)', () => {
  it('suggests one installment per half month of rent, 2 to 6', () => {
    expect(suggestedInstallments(255, 1225)).toBe(2);
    expect(suggestedInstallments(2450, 1225)).toBe(4);
    expect(suggestedInstallments(20000, 1000)).toBe(6);
    expect(suggestedInstallments(500, 0)).toBe(2);
  });

  it('splits the balance into equal installments, the last taking the remainder, every 14 days', () => {
    const rows = previewPlan(1000, 3, new Date(2026, 3, 4));
    expect(rows.map((r) => r.amount)).toEqual([333.33, 333.33, 333.34]);
    expect(rows.map((r) => r.due)).toEqual(['2026-04-04', '2026-04-18', '2026-05-02']);
    expect(rows.reduce((s, r) => s + r.amount, 0)).toBeCloseTo(1000, 2);
    expect(previewPlan(0, 3, new Date())).toEqual([]);
  });
});

describe('case actions by state', () => {
  const base = { escalation_level: 2, current_balance: '500.00', payment_plan: null };
  it('an open case can do everything but accept a plan no one offered', () => {
    expect(caseActions({ ...base, status: 'open' })).toEqual({
      sendReminder: true,
      offerPlan: true,
      acceptPlan: false,
      recordPayment: true,
      escalate: true,
    });
  });
  it('a proposed plan can be accepted; an accepted one cannot be re-offered', () => {
    const proposed = { status: 'proposed' } as never;
    expect(caseActions({ ...base, status: 'open', payment_plan: proposed }).acceptPlan).toBe(true);
    const active = caseActions({
      ...base,
      status: 'payment_plan',
      payment_plan: { status: 'active' } as never,
    });
    expect(active).toMatchObject({
      offerPlan: false,
      acceptPlan: false,
      sendReminder: false,
      recordPayment: true,
      escalate: true,
    });
  });
  it('no reminder once the four automatic steps are sent: the legal step is approved, not reminded', () => {
    expect(caseActions({ ...base, status: 'open', escalation_level: 3 }).sendReminder).toBe(true);
    expect(caseActions({ ...base, status: 'open', escalation_level: 4 })).toMatchObject({
      sendReminder: false,
      escalate: true,
    });
  });
  it('an escalated case takes payments and plans but no reminders; a paid one nothing', () => {
    expect(caseActions({ ...base, status: 'escalated', escalation_level: 5 })).toEqual({
      sendReminder: false,
      offerPlan: true,
      acceptPlan: false,
      recordPayment: true,
      escalate: false,
    });
    expect(
      caseActions({ ...base, status: 'open', payment_plan: { status: 'completed' } as never })
        .offerPlan,
    ).toBe(false);
    expect(
      Object.values(caseActions({ ...base, status: 'paid', current_balance: '0.00' })).some(
        Boolean,
      ),
    ).toBe(false);
  });
});

describe('collections helpers', () => {
  it('the status filter maps to API statuses', () => {
    expect(statusParam('unresolved')).toBe('open,payment_plan,escalated');
    expect(statusParam('all')).toBeNull();
    expect(statusParam('paid')).toBe('paid');
  });
  it('channel labels', () => {
    expect(channelLabel('email+letter')).toBe('Email + letter');
    expect(channelLabel('sms')).toBe('SMS');
    expect(channelLabel('')).toBe('—');
  });
});
