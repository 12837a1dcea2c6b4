import { LedgerEntry } from '../../../core/models';

export interface LedgerRow extends LedgerEntry {
  /** + for a charge, − for a payment or credit. */
  signed: number;
  /** Balance after this entry. */
  running: number;
}

/** Charges add to what the tenant owes; payments and credits reduce it (amounts are positive). */
export function signedAmount(e: Pick<LedgerEntry, 'trans_type' | 'amount'>): number {
  const amount = Number(e.amount) || 0;
  return e.trans_type === 'Charge' ? amount : -amount;
}

function chronological(a: LedgerEntry, b: LedgerEntry): number {
  if (a.trans_date !== b.trans_date) return a.trans_date < b.trans_date ? -1 : 1;
  // Same day: charges before payments, so the balance rises then falls.
  if (a.trans_type !== b.trans_type) return a.trans_type === 'Charge' ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * Ledger rows newest first, each with the running balance after it. With the whole ledger the
 * balance starts at zero; with only the latest entries, it is anchored on the current balance.
 */
export function ledgerWithRunningBalance(
  entries: LedgerEntry[],
  opts: { complete: boolean; currentBalance?: number | null },
): LedgerRow[] {
  const asc = [...entries].sort(chronological);
  const total = asc.reduce((sum, e) => sum + signedAmount(e), 0);
  const anchorEnd =
    !opts.complete && opts.currentBalance !== null && opts.currentBalance !== undefined;
  let running = anchorEnd ? Number(opts.currentBalance) - total : 0;
  const rows = asc.map((e) => {
    const signed = signedAmount(e);
    running = Math.round((running + signed) * 100) / 100;
    return { ...e, signed, running };
  });
  return rows.reverse();
}
