/** The numbers of a rule's `value` in plain words ("30 days; 90 days above a 10% increase"). */
export function ruleValueInWords(value: Record<string, unknown>): string {
  const tiers = value['tiers'];
  if (Array.isArray(tiers) && tiers.length) {
    return tiers
      .map((t: Record<string, unknown>) => {
        const days = `${t['days']} days`;
        if (t['max_increase_pct'] !== undefined)
          return `${days} up to a ${t['max_increase_pct']}% increase`;
        if (t['max_tenancy_months'] !== undefined)
          return `${days} for tenancies under ${t['max_tenancy_months']} months`;
        return `${days} otherwise`;
      })
      .join('; ');
  }
  const parts: string[] = [];
  if (typeof value['days'] === 'number') parts.push(`${value['days']} days`);
  if (value['grace_days']) parts.push(`no fee within ${value['grace_days']} days`);
  const pct = value['cap_pct'];
  const amount = value['cap_amount'];
  if (pct !== undefined || amount !== undefined) {
    const over = value['cap_pct_over']
      ? ` of the rent above $${value['cap_pct_over']}`
      : ' of the rent';
    const pctText = pct !== undefined ? `${pct}%${over}` : '';
    const amountText = amount !== undefined ? `$${amount}` : '';
    const combine = value['cap_combine'] ?? 'lesser';
    const joined =
      pctText && amountText
        ? combine === 'sum'
          ? `${amountText} + ${pctText}`
          : `the ${combine} of ${amountText} or ${pctText}`
        : pctText || amountText;
    parts.push(`cap ${joined}`);
  } else if (value['grace_days'] !== undefined || Object.keys(value).length === 0) {
    parts.push('no statutory cap');
  }
  if (value['itemization']) parts.push('itemized statement');
  if (value['cause_required']) parts.push('cause required');
  return parts.join(' · ') || '—';
}
