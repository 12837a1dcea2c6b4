import { BadgeTone } from '../../shared/components/status-badge.component';

export const CATEGORY_LABELS: Partial<Record<string, string>> = {
  maintenance: 'Maintenance',
  billing: 'Billing',
  lease: 'Lease',
  complaint: 'Complaint',
  emergency: 'Emergency',
  general: 'General',
};

export const STATUS_LABELS: Partial<Record<string, string>> = {
  active: 'Active',
  waiting_staff: 'Waiting on staff',
  waiting_tenant: 'Waiting on tenant',
  resolved: 'Resolved',
  archived: 'Archived',
};

export function urgencyTone(urgency: string): BadgeTone {
  return (
    ({ critical: 'red', high: 'orange', normal: 'blue', low: 'grey' } as Record<string, BadgeTone>)[
      urgency
    ] ?? 'grey'
  );
}

export function riskTone(risk: string | null): BadgeTone {
  return (
    (
      { critical: 'red', high: 'orange', medium: 'amber', low: 'green' } as Record<
        string,
        BadgeTone
      >
    )[risk ?? ''] ?? 'grey'
  );
}

/** "rent_due_date_query" -> "Rent due date query". */
export function intentLabel(intent: string | null | undefined): string {
  if (!intent) return '';
  const words = intent.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "+0.42" / "-0.30" for a sentiment in [-1, 1]. */
export function signed(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return `${value >= 0 ? '+' : ''}${value.toFixed(2)}`;
}

/** An SVG polyline's points for values in [-1, 1], `width` x `height`. */
export function sparklinePoints(values: readonly number[], width = 120, height = 28): string {
  if (!values.length) return '';
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const clamped = Math.max(-1, Math.min(1, v));
      const y = ((1 - clamped) / 2) * height;
      return `${(i * step).toFixed(1)},${y.toFixed(1)}`;
    })
    .join(' ');
}

/** "2m", "3h", "5d" since an ISO time (relative to `now`). */
export function ago(iso: string | null, now: Date = new Date()): string {
  if (!iso) return '';
  const minutes = Math.max(0, Math.round((now.getTime() - new Date(iso).getTime()) / 60000));
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.round(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.round(hours / 24)}d`;
}

export function deliveryLabel(delivery: string, sendAfter: string | null): string {
  switch (delivery) {
    case 'held':
      return sendAfter
        ? `Held until ${new Date(sendAfter).toLocaleString()}`
        : 'Held for quiet hours';
    case 'blocked':
      return 'Not sent: opted out (STOP)';
    case 'failed':
      return 'Failed to send';
    case 'sent':
      return 'Sent';
    default:
      return '';
  }
}
