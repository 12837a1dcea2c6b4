import { Pipe, PipeTransform } from '@angular/core';

const formatters = new Map<number, Intl.NumberFormat>();

function formatter(digits: number): Intl.NumberFormat {
  let f = formatters.get(digits);
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: 'USD',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
    formatters.set(digits, f);
  }
  return f;
}

/** `$1,234.56` from a number or a decimal string ("1234.56"); `—` when there is no amount. */
export function formatMoney(value: string | number | null | undefined, digits = 2): string {
  if (value === null || value === undefined || value === '') return '—';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return '—';
  // Avoid "-$0.00" for tiny negative rounding remainders.
  const rounded = Math.abs(n) < 0.5 / 10 ** digits ? 0 : n;
  return formatter(digits).format(rounded);
}

/** Usage: `{{ amount | money }}` → `$1,234.56`; `{{ amount | money: 0 }}` → `$1,235`. */
@Pipe({ name: 'money' })
export class MoneyPipe implements PipeTransform {
  transform(value: string | number | null | undefined, digits = 2): string {
    return formatMoney(value, digits);
  }
}
