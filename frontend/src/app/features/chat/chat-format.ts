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
