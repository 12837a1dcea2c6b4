/** The numbers of a rule's `value` in plain words ("30 days; 90 days above a 10% increase"). */
export function ruleValueInWords(value: Record<string, unknown>, ruleType?: string): string {
  if (ruleType === 'security_deposit_return' && 'clock_starts' in value)
    return depositReturnInWords(value);
  if (ruleType === 'deposit_itemized_statement') return itemizedStatementInWords(value);
  if (ruleType === 'deposit_deductions') return deductionsInWords(value);
  if (ruleType === 'sms_contact_hours')
    return `automated texts only ${clock(value['start'])}–${clock(value['end'])}, the tenant's local time`;
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

/** When the deposit clock starts (properties.jurisdiction.CLOCK_STARTS), as the end of a sentence. */
export const CLOCK_STARTS_WORDS: Readonly<Record<string, string>> = {
  move_out: 'after the tenant moves out',
  surrender: 'after the tenant surrenders the unit',
  possession_returned: 'after the landlord gets the unit back',
  occupancy_end: 'after occupancy ends',
  tenancy_end: 'after the tenancy ends',
  tenancy_end_and_move_out: 'after the tenancy ends and the tenant has moved out',
  tenancy_end_or_surrender_first:
    'after the lease ends or the tenant surrenders, whichever comes first',
};

const CONDITION_WORDS: Readonly<Record<string, string>> = {
  forwarding_address: 'once the tenant gives a forwarding address',
  tenant_demand: 'once the tenant asks',
  five_or_more_units: 'buildings of 5+ units',
};

const CONTENT_WORDS: Readonly<Record<string, string>> = {
  each_deduction: 'each deduction and why',
  amount_each: 'its amount',
  repair_cost_estimate: 'the cost of each repair',
  receipts: 'receipts or invoices',
  landlord_labor: 'staff time and hourly rate',
  vendor_contact: "the vendor's contact",
  balance: 'the balance returned',
  interest: 'interest due',
  signed: 'signed',
  sworn: 'sworn under penalty of perjury',
  objection_notice: "the statute's notice wording",
};

const DELIVERY_WORDS: Readonly<Record<string, string>> = {
  personal: 'in person',
  mail: 'by mail',
  first_class_mail: 'by first-class mail',
  certified_mail: 'by certified mail',
  last_known_address: 'to the last known address',
  email_if_agreed: 'by email if the tenant agreed',
};

const INTEREST_WORDS: Readonly<Record<string, string>> = {
  annual: 'interest paid yearly',
  at_return: 'interest with the deposit',
  conditional: 'interest in some cases',
};

function period(n: unknown, dayCount: unknown): string {
  if (dayCount === 'months') return n === 1 ? '1 month' : `${n} months`;
  return dayCount === 'business' ? `${n} business days` : `${n} days`;
}

function joinOr(items: string[]): string {
  return items.length > 1
    ? `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`
    : (items[0] ?? '');
}

/** "14 days after the tenant moves out; itemized statement required" (and the case-by-case numbers). */
export function depositReturnInWords(value: Record<string, unknown>): string {
  const none = value['days_no_deductions'];
  const withDeductions = value['days_with_deductions'];
  const count = value['day_count'];
  const clock = CLOCK_STARTS_WORDS[String(value['clock_starts'])] ?? 'after the tenancy ends';
  const parts: string[] = [];
  if (none != null && withDeductions != null && none !== withDeductions) {
    parts.push(
      `${period(none, count)} ${clock} if nothing is withheld; ${period(withDeductions, count)} for the itemized statement when something is`,
    );
  } else if (none == null && withDeductions != null) {
    parts.push(
      `itemized list within ${period(withDeductions, count)} ${clock}; no refund deadline in the statute`,
    );
  } else {
    parts.push(`${period(none ?? withDeductions, count)} ${clock}`);
  }
  const extend = value['lease_may_extend_to_days'];
  if (extend) parts[0] += ` (up to ${extend} days if the lease says so)`;
  const address = value['after_address_days'];
  if (address) parts[0] += `, or ${address} days after the new address if later`;
  const conditions = (value['conditions'] as string[] | undefined) ?? [];
  const conditionText = conditions.map((c) => CONDITION_WORDS[c] ?? c).join(', ');
  if (conditionText) parts[0] += ` (${conditionText})`;
  if (value['final_accounting_days'])
    parts.push(`final accounting within ${value['final_accounting_days']} days`);
  if (value['balance_days_after_notice'])
    parts.push(`balance ${value['balance_days_after_notice']} days after the notice`);
  if (value['itemization'] && !(none == null && withDeductions != null))
    parts.push('itemized statement required');
  return parts.join('; ');
}

/** "Each deduction and why, its amount, receipts or invoices · receipts from $125.00 · in person or by mail". */
export function itemizedStatementInWords(value: Record<string, unknown>): string {
  const contents = ((value['contents'] as string[] | undefined) ?? []).map(
    (c) => CONTENT_WORDS[c] ?? c,
  );
  const parts: string[] = [];
  if (contents.length) {
    const text = contents.join(', ');
    parts.push(text.charAt(0).toUpperCase() + text.slice(1));
  }
  if (value['receipts'] === 'over_threshold')
    parts.push(`receipts when repairs and cleaning reach $${value['receipts_threshold']}`);
  else if (value['receipts'] === 'always') parts.push('receipts or estimates required');
  const delivery = ((value['delivery'] as string[] | undefined) ?? []).map(
    (d) => DELIVERY_WORDS[d] ?? d,
  );
  if (delivery.length) parts.push(`sent ${joinOr(delivery)}`);
  const interest = INTEREST_WORDS[String(value['interest'])];
  if (interest) parts.push(interest);
  return parts.join(' · ') || '—';
}

/** "“normal wear and tear” may not be charged (defined in the statute) · depreciation not required by statute". */
export function deductionsInWords(value: Record<string, unknown>): string {
  const words = value['statute_words'];
  const parts: string[] = [];
  if (typeof words === 'string' && words) {
    parts.push(
      `“${words}” may not be charged` +
        (value['wear_and_tear_defined'] ? ' (defined in the statute)' : ''),
    );
  } else if (value['wear_and_tear_excluded']) {
    parts.push('only damage the tenant caused (the statute names no wear-and-tear rule)');
  }
  parts.push(
    value['depreciation_required']
      ? 'depreciation required by statute'
      : 'depreciation not required by statute',
  );
  return parts.join(' · ');
}

/** "08:00" → "8:00 AM", "20:00" → "8:00 PM". */
function clock(raw: unknown): string {
  const [h, m] = String(raw ?? '')
    .split(':')
    .map(Number);
  if (Number.isNaN(h) || Number.isNaN(m)) return String(raw ?? '');
  return `${h % 12 || 12}:${String(m).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}
