import { formatMoney } from '../../shared/pipes/money.pipe';
import {
  ChatActionBlock,
  ChatBlock,
  ChatColumn,
  ChatTableBlock,
} from '../../core/services/chat.service';

export const SUGGESTED_QUESTIONS = [
  'How many month-to-month leases does Westfield Gardens have?',
  'Show leases expiring in the next 60 days below market',
  "What's our collection rate this month?",
  'Which properties have the biggest rent gap?',
  'Show me all overdue balances over $2,000',
  'Which turnovers are past their deadline?',
];

/** A table cell as shown: money as $1,234.56, percent with %, the rest as text. */
export function formatCell(value: unknown, column: ChatColumn): string {
  if (value === null || value === undefined || value === '') return '—';
  if (column.type === 'money') return formatMoney(value as string);
  if (column.type === 'percent') return `${value}%`;
  if (column.type === 'number' && typeof value === 'number') return value.toLocaleString('en-US');
  return String(value);
}

export const isTable = (b: ChatBlock): b is ChatTableBlock => b.type === 'table';
export const isAction = (b: ChatBlock): b is ChatActionBlock => b.type === 'action';

export const DIGEST_SECTIONS = [
  { key: 'urgent', title: 'Urgent' },
  { key: 'opportunities', title: 'Opportunities' },
  { key: 'health', title: 'Portfolio health' },
] as const;

const DIGEST_METRICS: Record<
  string,
  { label: string; kind: 'count' | 'money' | 'percent' | 'days' }
> = {
  tenants_late_5_days: { label: 'Tenants 5+ days late', kind: 'count' },
  late_balance: { label: 'Owed by them', kind: 'money' },
  open_emergencies: { label: 'Open emergency work orders', kind: 'count' },
  critical_risk_units: { label: 'Units at critical maintenance risk', kind: 'count' },
  turnovers_past_deadline: { label: 'Turnovers past the deadline', kind: 'count' },
  renewals_due: { label: 'Renewals due', kind: 'count' },
  mtm_below_market: { label: 'Month-to-month units below market', kind: 'count' },
  mtm_monthly_gap: { label: 'Their gap to market / mo', kind: 'money' },
  vacant_above_market: { label: 'Vacant units above market', kind: 'count' },
  occupancy_rate: { label: 'Occupancy', kind: 'percent' },
  vacancy_rate: { label: 'Vacancy', kind: 'percent' },
  collection_rate: { label: 'Collection rate this month', kind: 'percent' },
  average_days_vacant: { label: 'Average days vacant', kind: 'days' },
};

/** The digest's metrics as label/value pairs, in a fixed order (unknown keys last, as they are). */
export function digestMetrics(
  metrics: Record<string, number | string | null>,
): { key: string; label: string; value: string }[] {
  const known = Object.keys(DIGEST_METRICS).filter((k) => k in metrics);
  const other = Object.keys(metrics).filter((k) => !(k in DIGEST_METRICS));
  return [...known, ...other].map((key) => {
    const spec = DIGEST_METRICS[key];
    const raw = metrics[key];
    let value: string;
    if (raw === null || raw === undefined || raw === '') value = '—';
    else if (spec?.kind === 'money') value = formatMoney(raw);
    else if (spec?.kind === 'percent') value = `${raw}%`;
    else if (typeof raw === 'number') value = raw.toLocaleString('en-US');
    else value = String(raw);
    return { key, label: spec?.label ?? key.replace(/_/g, ' '), value };
  });
}
