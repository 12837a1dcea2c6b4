import {
  centsToDecimal,
  checkLine,
  draftTotals,
  eventTitle,
  hundredthsToText,
  invoiceActions,
  lineAmountCents,
  parseHundredths,
} from './invoices-format';
import { statusParam } from './invoice-list.component';

describe('invoice arithmetic in integer cents', () => {
  it('parses amounts with at most two decimals, $ and commas', () => {
    expect(parseHundredths('85')).toBe(8500);
    expect(parseHundredths('85.5')).toBe(8550);
    expect(parseHundredths('$1,234.56')).toBe(123456);
    expect(parseHundredths('.5')).toBe(50);
    expect(parseHundredths('0.335')).toBeNull();
    expect(parseHundredths('-1')).toBeNull();
    expect(parseHundredths('1e3')).toBeNull();
    expect(parseHundredths('abc')).toBeNull();
    expect(parseHundredths('')).toBeNull();
  });

  it('rounds a line half-up to the cent like the server', () => {
    expect(lineAmountCents(150, 8500)).toBe(12750); // 1.5 x 85.00
    expect(lineAmountCents(33, 1005)).toBe(332); // 0.33 x 10.05 = 3.3165
    expect(lineAmountCents(1, 50)).toBe(1); // 0.01 x 0.50 = 0.005 → 0.01
    expect(lineAmountCents(1_000_000, 100_000_000)).toBe(1_000_000_000_000); // 10,000 x $1M, exact
  });

  it('adds lines and tax without float drift', () => {
    const t = draftTotals(
      [
        { description: 'a', quantity: '1', unit_price: '0.10' },
        { description: 'b', quantity: '1', unit_price: '0.20' },
      ],
      '0',
    );
    expect(t.subtotal).toBe(30); // 0.1 + 0.2 in floats is 0.30000000000000004
    expect(centsToDecimal(t.total)).toBe('0.30');
    expect(t.error).toBeNull();
    const two = draftTotals(
      [
        { description: 'Labor', quantity: '1.5', unit_price: '85.00' },
        { description: 'Cartridge', quantity: '2', unit_price: '18.40' },
      ],
      '3.04',
    );
    expect([two.subtotal, two.total]).toEqual([16430, 16734]);
  });

  it('says what is wrong before sending', () => {
    expect(checkLine({ description: 'x', quantity: '0', unit_price: '1' }).error).toContain(
      'Quantity',
    );
    expect(checkLine({ description: 'x', quantity: '1', unit_price: '1.005' }).error).toContain(
      'Unit price',
    );
    expect(checkLine({ description: ' ', quantity: '1', unit_price: '1' }).error).toBe(
      'Describe the line.',
    );
    expect(checkLine({ description: 'x', quantity: '', unit_price: '' }).amount).toBe(0); // 1 x 0.00
    expect(draftTotals([], '0').error).toBe('Add at least one line item.');
    expect(
      draftTotals([{ description: 'x', quantity: '1', unit_price: '1' }], 'x').error,
    ).toContain('Tax');
    const huge = draftTotals(
      [
        { description: 'x', quantity: '10', unit_price: '1000000' },
        { description: 'y', quantity: '1', unit_price: '0.01' },
      ],
      '0',
    );
    expect(huge.error).toContain('$10,000,000.00 limit');
  });

  it('writes decimals for the API', () => {
    expect(centsToDecimal(12345)).toBe('123.45');
    expect(centsToDecimal(5)).toBe('0.05');
    expect(hundredthsToText(150)).toBe('1.5');
    expect(hundredthsToText(200)).toBe('2');
  });
});

describe('invoice actions and history words', () => {
  it('offers the allowed moves in a stable order', () => {
    expect(invoiceActions('received', ['approved', 'rejected']).map((a) => a.testId)).toEqual([
      'action-approve',
      'action-reject',
    ]);
    expect(
      invoiceActions('approved', ['paid', 'rejected', 'received']).map((a) => a.label),
    ).toEqual(['Mark paid', 'Send back for correction', 'Reject']);
    expect(invoiceActions('rejected', ['received'])[0].label).toBe('Re-open');
    expect(invoiceActions('paid', [])).toEqual([]);
    expect(invoiceActions('received', ['rejected'])[0].noteRequired).toBe(true);
  });

  it('names history entries', () => {
    expect(eventTitle({ kind: 'status', from_status: 'received', to_status: 'approved' })).toBe(
      'Approved',
    );
    expect(eventTitle({ kind: 'status', from_status: 'rejected', to_status: 'received' })).toBe(
      'Re-opened',
    );
    expect(eventTitle({ kind: 'created', from_status: '', to_status: 'received' })).toBe('Entered');
  });

  it('sends the status chip as the API filter', () => {
    expect(statusParam('')).toBeNull();
    expect(statusParam('open')).toBe('received,approved');
    expect(statusParam('paid')).toBe('paid');
  });
});
