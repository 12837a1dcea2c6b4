import { MoneyPipe, formatMoney } from './money.pipe';

describe('MoneyPipe', () => {
  const pipe = new MoneyPipe();

  it('formats decimal strings from the API as US dollars', () => {
    expect(pipe.transform('1234.56')).toBe('$1,234.56');
    expect(pipe.transform('7598845.00')).toBe('$7,598,845.00');
    expect(pipe.transform('0.00')).toBe('$0.00');
  });

  it('formats numbers and pads cents', () => {
    expect(pipe.transform(1850)).toBe('$1,850.00');
    expect(pipe.transform(0.5)).toBe('$0.50');
  });

  it('shows negatives with a leading minus', () => {
    expect(pipe.transform(-755)).toBe('-$755.00');
    expect(pipe.transform('-12.3')).toBe('-$12.30');
  });

  it('never shows "-$0.00" for rounding remainders', () => {
    expect(pipe.transform(-0.001)).toBe('$0.00');
  });

  it('renders a dash for missing or invalid amounts', () => {
    expect(pipe.transform(null)).toBe('—');
    expect(pipe.transform(undefined)).toBe('—');
    expect(pipe.transform('')).toBe('—');
    expect(pipe.transform('abc')).toBe('—');
  });

  it('supports whole-dollar formatting', () => {
    expect(formatMoney('1234.56', 0)).toBe('$1,235');
  });
});
