import { LeaseDates } from '../../core/models';
import { daysBetween, formatDate, parseIsoDate, startOfDay } from '../../core/utils/dates';

export type ProgressTone = 'teal' | 'amber' | 'orange' | 'red';

/** What the lease progress bar shows, by lifecycle state (spec 0.0 "Lease Progress Bar States"). */
export type LeaseProgress =
  | {
      mode: 'active';
      /** Share of the term elapsed, 0–100. */
      percent: number;
      daysLeft: number;
      tone: Extract<ProgressTone, 'teal' | 'amber' | 'orange'>;
      label: string;
      endDate: string | null;
    }
  | { mode: 'month_to_month'; holdoverDays: number; since: string | null; label: string }
  | { mode: 'notice'; percent: number; daysLeft: number; moveOutDate: string | null; label: string }
  | { mode: 'vacant'; since: string | null; label: string }
  | { mode: 'none'; label: string };

const clampPct = (n: number) => Math.max(0, Math.min(100, Math.round(n * 10) / 10));

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Percent elapsed between two dates, 0–100 (100 when the span is empty). */
function elapsedPercent(start: Date | null, end: Date | null, today: Date): number {
  if (!start || !end) return 0;
  const span = daysBetween(start, end);
  if (span <= 0) return 100;
  return clampPct((daysBetween(start, today) / span) * 100);
}

/**
 * Four modes: active — % of the term elapsed and days left (teal > 90 days, amber 30–90, orange < 30);
 * month-to-month — no percentage, days on holdover; notice — red countdown to the move-out date;
 * vacant — no bar, "Vacant since …".
 */
export function computeLeaseProgress(
  lease: LeaseDates | null | undefined,
  now: Date = new Date(),
): LeaseProgress {
  if (!lease) return { mode: 'none', label: 'No lease' };
  const today = startOfDay(now);

  switch (lease.lease_status) {
    case 'month_to_month': {
      const since = lease.holdover_start_date ?? null;
      const start = parseIsoDate(since);
      const holdoverDays = start ? Math.max(0, daysBetween(start, today)) : 0;
      return {
        mode: 'month_to_month',
        holdoverDays,
        since,
        label: `MTM since ${formatDate(since)} · ${plural(holdoverDays, 'day')} on holdover`,
      };
    }
    case 'notice': {
      const moveOut = parseIsoDate(lease.notice_move_out_date);
      const noticeDate = parseIsoDate(lease.notice_date);
      const daysLeft = moveOut ? daysBetween(today, moveOut) : 0;
      const label =
        daysLeft > 0
          ? `Moving out in ${plural(daysLeft, 'day')}`
          : daysLeft === 0
            ? 'Moving out today'
            : `Move-out was ${plural(-daysLeft, 'day')} ago`;
      return {
        mode: 'notice',
        percent: elapsedPercent(noticeDate, moveOut, today),
        daysLeft,
        moveOutDate: lease.notice_move_out_date,
        label,
      };
    }
    case 'vacant': {
      const since = lease.actual_move_out_date ?? null;
      return {
        mode: 'vacant',
        since,
        label: since ? `Vacant since ${formatDate(since)}` : 'Vacant',
      };
    }
    case 'active':
    default: {
      const start = parseIsoDate(lease.lease_begin_date);
      const end = parseIsoDate(lease.lease_end_date);
      const daysLeft = end ? daysBetween(today, end) : 0;
      const tone = daysLeft > 90 ? 'teal' : daysLeft >= 30 ? 'amber' : 'orange';
      const label = !end
        ? 'No end date'
        : daysLeft >= 0
          ? `${plural(daysLeft, 'day')} left`
          : `Ended ${plural(-daysLeft, 'day')} ago`;
      return {
        mode: 'active',
        percent: elapsedPercent(start, end, today),
        daysLeft,
        tone,
        label,
        endDate: lease.lease_end_date,
      };
    }
  }
}
