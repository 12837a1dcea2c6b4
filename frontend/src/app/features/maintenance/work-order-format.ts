import {
  FINAL_WORK_ORDER_STATUSES,
  LeaseLifecycle,
  VendorOption,
  WORK_ORDER_CATEGORIES,
  WORK_ORDER_CATEGORY_LABELS,
  WORK_ORDER_PRIORITIES,
  WORK_ORDER_PRIORITY_LABELS,
  WORK_ORDER_STATUSES,
  WORK_ORDER_STATUS_LABELS,
  WorkOrderCategory,
  WorkOrderEvent,
  WorkOrderFilters,
  WorkOrderItem,
  WorkOrderPriority,
  WorkOrderStatus,
} from '../../core/models';
import { newIdempotencyKey } from '../../core/http/idempotency.interceptor';
import { ApiError } from '../../core/utils/api-error';
import { parseIsoDate } from '../../core/utils/dates';

export const isStatus = (s: unknown): s is WorkOrderStatus =>
  (WORK_ORDER_STATUSES as readonly unknown[]).includes(s);
export const isCategory = (s: unknown): s is WorkOrderCategory =>
  (WORK_ORDER_CATEGORIES as readonly unknown[]).includes(s);
export const isPriority = (s: unknown): s is WorkOrderPriority =>
  (WORK_ORDER_PRIORITIES as readonly unknown[]).includes(s);

export function statusLabel(s: string | null | undefined): string {
  return isStatus(s) ? WORK_ORDER_STATUS_LABELS[s] : s || '—';
}
export function categoryLabel(s: string | null | undefined): string {
  return isCategory(s) ? WORK_ORDER_CATEGORY_LABELS[s] : s || '—';
}
export function priorityLabel(s: string | null | undefined): string {
  return isPriority(s) ? WORK_ORDER_PRIORITY_LABELS[s] : s || '—';
}

export function isFinal(status: string | null | undefined): boolean {
  return (FINAL_WORK_ORDER_STATUSES as readonly (string | null | undefined)[]).includes(status);
}

// ---------------------------------------------------------------------------------------------------
// Status moves

/** What a move asks for before it is sent. */
export type TransitionDialog = 'assign' | 'start' | 'complete' | 'reopen' | 'cancel' | 'confirm';

export interface TransitionAction {
  to: string;
  label: string;
  dialog: TransitionDialog;
  /** How the button looks: the move forward is primary, cancelling is a danger. */
  tone: 'primary' | 'default' | 'danger';
}

/** The button for a move from `from` to `to` (unknown moves get a generic "Move to …"). */
export function transitionAction(from: string, to: string): TransitionAction {
  switch (to) {
    case 'assigned':
      return { to, label: 'Assign vendor', dialog: 'assign', tone: 'primary' };
    case 'open':
      return { to, label: 'Unassign', dialog: 'confirm', tone: 'default' };
    case 'in_progress':
      if (from === 'completed') return { to, label: 'Reopen', dialog: 'reopen', tone: 'default' };
      return {
        to,
        label: from === 'open' ? 'Start (in-house)' : 'Start work',
        dialog: 'start',
        tone: from === 'open' ? 'default' : 'primary',
      };
    case 'completed':
      return { to, label: 'Complete', dialog: 'complete', tone: 'primary' };
    case 'closed':
      return { to, label: 'Close', dialog: 'confirm', tone: 'primary' };
    case 'cancelled':
      return { to, label: 'Cancel work order', dialog: 'cancel', tone: 'danger' };
    default:
      return { to, label: `Move to ${statusLabel(to)}`, dialog: 'confirm', tone: 'default' };
  }
}

/** Forward moves first (a reopen after the close), then taking the vendor off, cancel last. */
const ACTION_ORDER = [
  'assigned',
  'in_progress',
  'completed',
  'closed',
  'reopen',
  'open',
  'cancelled',
];

/** The work order's buttons, from the API's `allowed_transitions`. */
export function transitionActions(
  wo: Pick<WorkOrderItem, 'status' | 'allowed_transitions'>,
): TransitionAction[] {
  const rank = (a: TransitionAction) => {
    const i = ACTION_ORDER.indexOf(a.dialog === 'reopen' ? 'reopen' : a.to);
    return i < 0 ? ACTION_ORDER.length : i;
  };
  return (wo.allowed_transitions ?? [])
    .map((to) => transitionAction(wo.status, to))
    .sort((a, b) => rank(a) - rank(b));
}

/** What a move's dialog says it will do. */
export function transitionIntro(action: TransitionAction, wo: Pick<WorkOrderItem, 'vendor_name'>) {
  switch (action.dialog) {
    case 'assign':
      return 'Pick the vendor who will do the work.';
    case 'start':
      return wo.vendor_name
        ? `${wo.vendor_name} has started the work.`
        : 'In-house staff take the work on, without a vendor.';
    case 'complete':
      return 'Record what the work cost and what the technician found and did.';
    case 'reopen':
      return 'The work goes back to in progress. Say why it is reopened.';
    case 'cancel':
      return 'The work order is cancelled and can no longer move. This cannot be undone.';
    default:
      return action.to === 'closed'
        ? 'Closing files the work order: it can no longer be reopened.'
        : action.to === 'open'
          ? 'The vendor is taken off the work order; it goes back to open.'
          : `The work order moves to ${statusLabel(action.to)}.`;
  }
}

// ---------------------------------------------------------------------------------------------------
// The list's status chips and filters

/** The status chips: every work order, the work still to do, or one status. */
export const STATUS_CHOICES = ['', 'active', ...WORK_ORDER_STATUSES] as const;

/** The API filters of a status chip. */
export function statusFilter(choice: string): Pick<WorkOrderFilters, 'status' | 'open'> {
  if (choice === 'active') return { open: true };
  if (isStatus(choice)) return { status: [choice] };
  return {};
}

/** The count shown on a status chip, from the summary. */
export function chipCount(
  choice: string,
  summary: { by_status: Partial<Record<string, number>>; total: number } | null | undefined,
): number | null {
  if (!summary) return null;
  if (choice === '') return summary.total;
  if (choice === 'active') {
    return ['open', 'assigned', 'in_progress'].reduce((n, s) => n + (summary.by_status[s] ?? 0), 0);
  }
  return summary.by_status[choice] ?? 0;
}

// ---------------------------------------------------------------------------------------------------
// Age and SLA

/** "0 d", "12 d". */
export function ageText(days: number | null | undefined): string {
  return days === null || days === undefined ? '—' : `${days} d`;
}

/** "Due in 3 days", "Due today", "2 days overdue", or for finished work "Done within SLA". */
export function slaText(
  wo: Pick<WorkOrderItem, 'sla_due_date' | 'sla_breached' | 'status'>,
  today = new Date(),
): string {
  const due = parseIsoDate(wo.sla_due_date);
  if (!due) return '';
  const finished = wo.status === 'completed' || wo.status === 'closed';
  if (wo.status === 'cancelled') return '';
  if (finished) return wo.sla_breached ? 'Finished after the SLA' : 'Finished within the SLA';
  const t = new Date(today.getFullYear(), today.getMonth(), today.getDate());
  const days = Math.round((due.getTime() - t.getTime()) / 86_400_000);
  if (days > 1) return `Due in ${days} days`;
  if (days === 1) return 'Due tomorrow';
  if (days === 0) return 'Due today';
  return `${-days} ${days === -1 ? 'day' : 'days'} overdue`;
}

/** Actual against estimated cost: the difference and its share of the estimate (null without both). */
export function costVariance(
  estimated: string | number | null | undefined,
  actual: string | number | null | undefined,
): { amount: number; pct: number | null; over: boolean } | null {
  if (estimated === null || estimated === undefined || estimated === '') return null;
  if (actual === null || actual === undefined || actual === '') return null;
  const e = Number(estimated);
  const a = Number(actual);
  if (!Number.isFinite(e) || !Number.isFinite(a)) return null;
  const amount = Math.round((a - e) * 100) / 100;
  return { amount, pct: e > 0 ? Math.round((amount / e) * 100) : null, over: amount > 0 };
}

/** The headline of a timeline entry ("Open → Assigned", "Photo added", "Created"). */
export function eventText(
  e: Pick<WorkOrderEvent, 'kind' | 'from_status' | 'to_status' | 'message'>,
): string {
  if (e.kind === 'status' && e.to_status) {
    return e.from_status
      ? `${statusLabel(e.from_status)} → ${statusLabel(e.to_status)}`
      : statusLabel(e.to_status);
  }
  const titles: Record<string, string> = {
    created: 'Created',
    updated: 'Updated',
    file: 'Files',
    note: 'Note',
  };
  return titles[e.kind] ?? e.kind;
}

// ---------------------------------------------------------------------------------------------------
// The new-work-order form

/** Active vendors for a category: those of its trade, or every vendor when none has it (or `all`). */
export function vendorsFor(
  vendors: readonly VendorOption[],
  category: string,
  all = false,
): VendorOption[] {
  if (all || !category) return [...vendors];
  const matching = vendors.filter((v) => v.trade === category);
  return matching.length ? matching : [...vendors];
}

/** The contract statuses after which an active lease ends on its end date. */
const ENDED_CONTRACTS = ['expired', 'terminated'];

/**
 * The last day a lease occupies its unit (null: it continues), by the API's rule
 * (`tenants.selectors.lease_occupying_q`): its actual move-out; without one, a vacant lease ends on its
 * notice move-out (else its end date), an active lease whose contract expired or was terminated on its end
 * date; every other lease continues (month-to-month, notice not yet moved out).
 */
export function occupancyEnd(lease: LeaseLifecycle): string | null {
  if (lease.actual_move_out_date) return lease.actual_move_out_date;
  if (lease.lease_status === 'vacant') return lease.notice_move_out_date ?? lease.lease_end_date;
  if (lease.lease_status === 'active' && ENDED_CONTRACTS.includes(lease.status))
    return lease.lease_end_date;
  return null;
}

/** The day a lease starts occupying its unit: the move-in date, else the begin date. */
function occupancyStart(lease: LeaseLifecycle): string | null {
  return (lease as { move_in_date?: string | null }).move_in_date ?? lease.lease_begin_date;
}

/**
 * The unit's lease in occupancy on `date` (the one the API links when none is given): started on or before
 * the day and not ended before it (the move-out day still belongs to the lease); the latest start wins (a
 * same-day turnover goes to the new tenant). The API decides; this is the form's preview.
 */
export function occupyingLease(
  leases: readonly LeaseLifecycle[],
  date: string,
): LeaseLifecycle | null {
  if (!parseIsoDate(date)) return null;
  const candidates = leases.filter((l) => {
    const start = occupancyStart(l);
    if (!start || start > date) return false;
    const end = occupancyEnd(l);
    return end === null || end >= date;
  });
  candidates.sort((a, b) => (occupancyStart(b) ?? '').localeCompare(occupancyStart(a) ?? ''));
  return candidates[0] ?? null;
}

/** One message per field from a 400's `errors` (`non_field_errors` and unknown fields under `''`). */
export function fieldErrors(err: unknown, known: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const fields = err instanceof ApiError ? err.fieldErrors : {};
  for (const [field, messages] of Object.entries(fields)) {
    const text = messages.join(' ');
    if (known.includes(field)) {
      out[field] = text;
      continue;
    }
    const line = field === 'non_field_errors' || field === 'detail' ? text : `${field}: ${text}`;
    out[''] = out[''] ? `${out['']} ${line}` : line;
  }
  return out;
}

/**
 * One `Idempotency-Key` per distinct request body: sending the same body again (a retry after a network
 * failure, a double click) reuses the key, so the server applies it once; a changed body gets a new key
 * (the server refuses a key reused for another body).
 */
export class IdempotencyKeys {
  private last: { body: string; key: string } | null = null;

  keyFor(body: unknown): string {
    const text = JSON.stringify(body);
    if (this.last?.body !== text) this.last = { body: text, key: newIdempotencyKey() };
    return this.last.key;
  }
}

export { downloadBlob } from '../../shared/utils/download';
