import { LedgerEntry } from '../../../core/models';
import { ledgerWithRunningBalance } from './ledger';

const e = (
  id: string,
  trans_type: LedgerEntry['trans_type'],
  trans_date: string,
  amount: string,
): LedgerEntry => ({
  id,
  trans_type,
  trans_date,
  amount,
  charge_code: 'rent',
  description: '',
  due_date: null,
});

describe('ledgerWithRunningBalance', () => {
  const entries = [
    e('3', 'Payment', '2026-02-03', '1000.00'),
    e('1', 'Charge', '2026-01-01', '1200.00'),
    e('2', 'Payment', '2026-01-05', '1200.00'),
    e('4', 'Charge', '2026-02-01', '1200.00'),
    e('5', 'Credit', '2026-02-10', '50.00'),
  ];

  it('returns newest first with the balance after each entry', () => {
    const rows = ledgerWithRunningBalance(entries, { complete: true });
    expect(rows.map((r) => r.id)).toEqual(['5', '3', '4', '2', '1']);
    expect(rows.map((r) => r.running)).toEqual([150, 200, 1200, 0, 1200]);
    expect(rows[0].signed).toBe(-50);
  });

  it('anchors on the current balance when only the latest entries are loaded', () => {
    const rows = ledgerWithRunningBalance(entries.slice(0, 2), {
      complete: false,
      currentBalance: 500,
    });
    // Newest (payment 1000 on Feb 3) ends at the current balance.
    expect(rows[0].running).toBe(500);
    expect(rows[1].running).toBe(1500);
  });
});
