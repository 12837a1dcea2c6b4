import {
  COLLECTION_STATUS_LABELS,
  CollectionCase,
  CollectionTimelineStep,
  DELIVERY_STATUS_LABELS,
  PLAN_STATUS_LABELS,
  isCollectionStatus,
} from '../../core/models';
import { formatDate } from '../../core/utils/dates';

export type StripState = 'done' | 'current' | 'pending' | 'skipped';

/** One step of the dunning strip "SMS(1d) → Email(3d) → [Formal] → Plan(8d) → Escalation". */
export interface StripStep {
  level: number;
  state: StripState;
  /** What the strip shows: "SMS(1d)", "[Formal]", "Escalation". */
  text: string;
  /** Tooltip: "Formal notice · day 5 · email + letter · sent Nov 23, 2026". */
  title: string;
  failed: boolean;
}

/** Short names of the five steps (spec 1.3 wireframe). */
export const STEP_SHORT: Record<number, string> = {
  1: 'SMS',
  2: 'Email',
  3: 'Formal',
  4: 'Plan',
  5: 'Legal',
};

/**
 * The wireframe's timeline strip: steps sent are "done", the step the case is at (its escalation level)
 * is "current" and bracketed, the rest are "pending". The last step reads "Escalation" until it is reached.
 */
export function dunningStrip(
  timeline: readonly CollectionTimelineStep[],
  level: number,
): StripStep[] {
  return [...timeline]
    .sort((a, b) => a.level - b.level)
    .map((s) => {
      const state: StripState =
        s.level === level ? 'current' : s.done ? 'done' : s.skipped ? 'skipped' : 'pending';
      const short = STEP_SHORT[s.level] ?? s.label;
      const text =
        state === 'current'
          ? `[${short}]`
          : state === 'skipped'
            ? short
            : s.level === 5 && state === 'pending'
              ? 'Escalation'
              : `${short}(${s.day}d)`;
      const parts = [s.label, `day ${s.day}`, s.channels.join(' + ')];
      if (state === 'skipped')
        parts.push('skipped: only the step the days overdue call for is sent');
      if (s.level === 5 && !s.done) parts.push("only with a manager's approval");
      if (s.done && s.sent_at) parts.push(`sent ${formatDate(s.sent_at)}`);
      if (s.delivery_status)
        parts.push(DELIVERY_STATUS_LABELS[s.delivery_status] ?? s.delivery_status);
      return {
        level: s.level,
        state,
        text,
        title: parts.filter(Boolean).join(' · '),
        failed: s.delivery_status === 'failed',
      };
    });
}

/** The strip as plain text (for titles and tests). */
export function dunningStripText(steps: readonly StripStep[]): string {
  return steps.map((s) => s.text).join(' → ');
}

export interface NextActionView {
  text: string;
  hint: string | null;
  /** Due now, or needs the manager. */
  urgent: boolean;
}

/** "Payment plan offer · in 2d" for an open case; the state otherwise. */
export function nextActionView(
  c: Pick<
    CollectionCase,
    'status' | 'next_action' | 'payment_plan_status' | 'resolved_at' | 'escalation_level'
  > &
    Partial<Pick<CollectionCase, 'legal_referral'>>,
): NextActionView {
  switch (c.status) {
    case 'paid':
      return {
        text: 'Paid',
        hint: c.resolved_at ? formatDate(c.resolved_at) : null,
        urgent: false,
      };
    case 'written_off':
      return { text: 'Written off', hint: null, urgent: false };
    case 'escalated':
      return { text: 'Manager review', hint: 'escalated to legal', urgent: true };
    case 'payment_plan':
      return {
        text: 'On payment plan',
        hint: c.payment_plan_status
          ? `plan ${PLAN_STATUS_LABELS[c.payment_plan_status].toLowerCase()}`
          : null,
        urgent: false,
      };
  }
  const n = c.next_action;
  if (!n && c.legal_referral === 'dismissed')
    return { text: 'Reminders done', hint: 'legal referral dismissed', urgent: false };
  if (!n) return { text: 'Awaiting manager', hint: 'all steps sent', urgent: true };
  const due = n.due_in_days;
  return { text: n.label, hint: due <= 0 ? 'due now' : `in ${due}d`, urgent: due <= 0 };
}

export function collectionStatusLabel(status: string | null | undefined): string {
  return isCollectionStatus(status) ? COLLECTION_STATUS_LABELS[status] : status || '—';
}

/** "email+letter" → "Email + letter". */
export function channelLabel(channel: string | null | undefined): string {
  if (!channel) return '—';
  const names: Record<string, string> = {
    sms: 'SMS',
    email: 'Email',
    letter: 'Letter',
    phone: 'Phone',
    system: 'System',
  };
  return channel
    .split('+')
    .map((c, i) => {
      const n = names[c] ?? c;
      return i === 0 ? n : n.toLowerCase() === 'sms' ? 'SMS' : n.toLowerCase();
    })
    .join(' + ');
}
