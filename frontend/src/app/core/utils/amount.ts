/** "$1,234.5" → "1234.50"; null when it is not a non-negative amount with at most two decimals. */
export function normaliseAmount(raw: string | number | null | undefined): string | null {
  const text = String(raw ?? '')
    .trim()
    .replace(/^\$/, '')
    .replace(/,/g, '');
  if (!/^\d+(\.\d{1,2})?$|^\.\d{1,2}$/.test(text)) return null;
  return Number(text).toFixed(2);
}
