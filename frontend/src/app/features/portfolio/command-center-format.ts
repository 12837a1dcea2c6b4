import {
  ActionPriority,
  ActionType,
  BULK_PRESELECTION_STATE,
  BulkMethod,
  BulkPreselection,
  CommandCenterFilters,
  CommandCenterRow,
  OpenItem,
  RISK_LEVELS,
  RiskChoice,
  RiskLevel,
} from '../../core/services/command-center.service';
import { LEASE_STATUSES, LeaseStatus, isLeaseStatus } from '../../core/models';
import { IconName } from '../../shared/components/icon.component';
import { GAP_CHOICES, GapChoice, isGapChoice } from '../../shared/utils/market-gap';

/** Rows fetched per request while scrolling (the API allows up to 500). */
export const CC_PAGE_SIZE = 200;

// ── labels ─────────────────────────────────────────────────────────────────────────────────────────────

/** The collections risk profile as the wireframe's Low / Med / High column. */
export const RISK_LABELS: Record<RiskLevel, string> = {
  good_history: 'Low',
  standard: 'Med',
  repeat_offender: 'High',
  chronic: 'Critical',
};
export const RISK_TITLES: Record<RiskChoice, string> = {
  good_history: 'Good history (first-time late)',
  standard: 'Standard',
  repeat_offender: 'Repeat offender (3+ late in 12 months)',
  chronic: 'Chronic (6+ late in 12 months)',
  none: 'No open collections case',
};

export const ACTION_LABELS: Record<ActionType, string> = {
  early_renewal_nudge: 'Offer early renewal',
  renewal_offer: 'Offer renewal',
  rent_increase_notice: 'Rent increase notice',
  move_out_inspection: 'Schedule inspection',
  listing_prep: 'Listing prep',
  eviction_prep: 'Eviction prep',
};

/** The badge's marker per action (the wireframe's ⭐ / 💡 / ⚠, drawn with the app's SVG icons: emoji fonts
 * are not on every machine). */
export const ACTION_ICONS: Record<ActionType, IconName> = {
  early_renewal_nudge: 'sparkles',
  renewal_offer: 'renew',
  rent_increase_notice: 'dollar',
  move_out_inspection: 'calendar',
  listing_prep: 'door',
  eviction_prep: 'alert',
};

export const METHOD_LABELS: Record<BulkMethod, string> = {
  email: 'Email',
  sms: 'SMS',
  both: 'Email + SMS',
  manual: 'No message (manual)',
};

export const PRIORITY_LABELS: Record<ActionPriority, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  urgent: 'Urgent',
};

export interface SortOption {
  value: string;
  label: string;
}

export const SORT_OPTIONS: SortOption[] = [
  { value: 'days_to_event', label: 'Days to event' },
  { value: '-confidence', label: 'AI confidence (high first)' },
  { value: '-risk', label: 'Risk (high first)' },
  { value: '-rent', label: 'Rent (high first)' },
  { value: 'rent', label: 'Rent (low first)' },
  { value: 'unit_number', label: 'Unit' },
  { value: 'property', label: 'Property' },
  { value: 'tenant', label: 'Tenant' },
];
export const DEFAULT_SORT = 'days_to_event';

/** "87d" to the lease end; "45d over" on holdover; "12d" to the move-out; "30d vacant"; "—" without a date. */
export function daysLabel(
  row: Pick<CommandCenterRow, 'lifecycle_state' | 'days_to_event'>,
): string {
  const d = row.days_to_event;
  if (d === null || d === undefined) return '—';
  switch (row.lifecycle_state) {
    case 'month_to_month':
      return d < 0 ? `${-d}d over` : `${d}d`;
    case 'vacant':
      return d <= 0 ? `${-d}d vacant` : `${d}d`;
    default:
      if (d === 0) return 'today';
      return d < 0 ? `${-d}d ago` : `${d}d`;
  }
}

/** "2025-07-22" + 1 → "2025-07-23" (calendar days, no time zone). */
function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return date.toISOString().slice(0, 10);
}

/** What the Days column counts, for its tooltip. */
export function daysTitle(row: Pick<CommandCenterRow, 'lifecycle_state' | 'event_date'>): string {
  if (!row.event_date) return '';
  switch (row.lifecycle_state) {
    case 'active':
      return `Lease ends ${row.event_date}`;
    case 'month_to_month':
      return `Month-to-month since ${addDays(row.event_date, 1)} (the lease ended ${row.event_date})`;
    case 'notice':
      return `Moves out ${row.event_date}`;
    default:
      return `Vacant since ${row.event_date}`;
  }
}

export function confidencePct(confidence: number | null | undefined): string {
  if (confidence === null || confidence === undefined || !Number.isFinite(confidence)) return '—';
  return `${Math.round(confidence * 100)}%`;
}

// ── URL query string ⇄ filters ─────────────────────────────────────────────────────────────────────────

export interface CommandCenterQuery {
  state?: string;
  property?: string;
  risk?: string;
  min?: string;
  max?: string;
  gap?: string;
  q?: string;
  sort?: string;
}

function splitList<T extends string>(value: string | undefined, allowed: readonly T[]): T[] {
  const wanted = new Set((value ?? '').split(',').map((s) => s.trim()));
  return allowed.filter((a) => wanted.has(a));
}

function money(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** The API filters from the screen's query string (unknown values are dropped, never sent). */
export function filtersFromQuery(query: CommandCenterQuery): CommandCenterFilters {
  const sort = SORT_OPTIONS.some((o) => o.value === query.sort) ? query.sort! : DEFAULT_SORT;
  return {
    lifecycle_state: splitList(query.state, LEASE_STATUSES),
    property: query.property || null,
    risk_level: splitList<RiskChoice>(query.risk, [...RISK_LEVELS, 'none']),
    min_rent: money(query.min),
    max_rent: money(query.max),
    gap_pct_min: isGapChoice(query.gap) ? GAP_CHOICES[query.gap].gap_pct_min : null,
    gap_pct_max: isGapChoice(query.gap) ? GAP_CHOICES[query.gap].gap_pct_max : null,
    search: query.q?.trim() || null,
    ordering: sort,
  };
}

/** The query string for filters (null removes a key, so `merge` navigation clears it). */
export function queryFromFilters(filters: CommandCenterFilters): Record<string, string | null> {
  const list = (v: readonly string[] | undefined) => (v && v.length ? v.join(',') : null);
  return {
    state: list(filters.lifecycle_state),
    property: filters.property || null,
    risk: list(filters.risk_level),
    min:
      filters.min_rent === null || filters.min_rent === undefined || filters.min_rent === ''
        ? null
        : String(filters.min_rent),
    max:
      filters.max_rent === null || filters.max_rent === undefined || filters.max_rent === ''
        ? null
        : String(filters.max_rent),
    gap: gapChoiceOf(filters),
    q: filters.search || null,
    sort: filters.ordering && filters.ordering !== DEFAULT_SORT ? filters.ordering : null,
  };
}

export function isState(value: unknown): value is LeaseStatus {
  return isLeaseStatus(value);
}

// ── rows loaded page by page for the virtual scroll ────────────────────────────────────────────────────

/** Which pages (1-based, `pageSize` rows each) cover rows [start, end) and are neither loaded nor loading. */
export function pagesToLoad(
  start: number,
  end: number,
  total: number,
  pageSize: number,
  known: ReadonlySet<number>,
): number[] {
  if (total <= 0 || end <= start) return [];
  const first = Math.floor(Math.max(0, start) / pageSize) + 1;
  const last = Math.floor((Math.min(end, total) - 1) / pageSize) + 1;
  const out: number[] = [];
  for (let p = first; p <= last; p++) if (!known.has(p)) out.push(p);
  return out;
}

/** A copy of `rows` with `page`'s rows written in place (the array has one slot per matching unit). */
export function placePage<T>(
  rows: readonly (T | undefined)[],
  page: number,
  pageSize: number,
  items: readonly T[],
): (T | undefined)[] {
  const next = rows.slice();
  const offset = (page - 1) * pageSize;
  items.forEach((item, i) => {
    if (offset + i < next.length) next[offset + i] = item;
  });
  return next;
}

/** Sum of money strings (cents-exact), e.g. the selected units' rent. */
export function sumMoney(values: Iterable<string | null | undefined>): number {
  let cents = 0;
  for (const v of values) {
    const n = Number(v);
    if (v !== null && v !== undefined && v !== '' && Number.isFinite(n))
      cents += Math.round(n * 100);
  }
  return cents / 100;
}

/** Splits ids into batches of at most `size` (bulk actions take 500 units each). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The gap choice whose bounds the filters carry (null when none matches). */
export function gapChoiceOf(filters: CommandCenterFilters): GapChoice | null {
  const min = filters.gap_pct_min ?? null;
  const max = filters.gap_pct_max ?? null;
  if (min === null && max === null) return null;
  const hit = (Object.keys(GAP_CHOICES) as GapChoice[]).find(
    (g) => GAP_CHOICES[g].gap_pct_min === min && GAP_CHOICES[g].gap_pct_max === max,
  );
  return hit ?? null;
}

const OFFER_WORDS: Record<string, string> = {
  pending: 'Offer pending',
  approved: 'Offer approved',
  sent: 'Offer sent',
};

/** An open item as a short chip word ("Offer sent", "Rent notice", "Collections", "Payment plan"). */
export function openItemWord(item: OpenItem): string {
  switch (item.kind) {
    case 'renewal_offer':
      return OFFER_WORDS[item.status] ?? 'Renewal offer';
    case 'rent_increase_notice':
      return 'Rent notice';
    case 'collection_case':
      return 'Collections';
    case 'payment_plan':
      return 'Payment plan';
    default:
      return 'In progress';
  }
}

/**
 * The units a navigation asked to open selected with a bulk action's preview (the chat's "Draft rent-increase
 * notices"): only on a fresh navigation, so going back to the page does not reopen the preview.
 */
export function bulkPreselection(
  nav: { trigger: string; extras: { state?: Record<string, unknown> } } | null,
): BulkPreselection | null {
  const bulk = nav?.trigger === 'imperative' ? nav.extras.state?.[BULK_PRESELECTION_STATE] : null;
  if (!bulk || typeof bulk !== 'object') return null;
  const { action_type, unit_ids, rents } = bulk as Partial<BulkPreselection>;
  if (typeof action_type !== 'string' || !Array.isArray(unit_ids) || !unit_ids.length) return null;
  return {
    action_type,
    unit_ids: unit_ids.map(String),
    rents: Array.isArray(rents) ? rents : [],
  };
}
