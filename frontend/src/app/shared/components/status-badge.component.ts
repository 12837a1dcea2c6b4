import { ChangeDetectionStrategy, Component, Directive, computed, input } from '@angular/core';

import {
  CHURN_RISK_LABELS,
  COLLECTION_STATUS_LABELS,
  INVOICE_STAGE_LABELS,
  INVOICE_STATUS_LABELS,
  RENEWAL_STATUS_LABELS,
  RISK_PROFILE_LABELS,
  TONE_LABELS,
  WORK_ORDER_PRIORITY_LABELS,
  WORK_ORDER_STATUS_LABELS,
} from '../../core/models';

/** The colours a badge can take; each is a `--tone-<name>-bg/-fg` pair of design tokens (styles.css). */
export type BadgeTone = 'grey' | 'green' | 'teal' | 'amber' | 'orange' | 'red' | 'blue' | 'indigo';

/** What a badge shows the status of. A new list screen adds its kind here (labels + tones). */
export type StatusKind =
  | 'renewal'
  | 'collection'
  | 'tone'
  | 'churn'
  | 'risk-profile'
  | 'invoice'
  | 'invoice-stage'
  | 'work-order'
  | 'work-order-priority';

/** The one colour map: every status of every kind and its tone. Unknown statuses are grey. */
export const STATUS_TONES: Record<StatusKind, Record<string, BadgeTone>> = {
  renewal: {
    pending: 'amber',
    approved: 'blue',
    sent: 'indigo',
    accepted: 'green',
    declined: 'red',
    expired: 'grey',
  },
  collection: {
    open: 'amber',
    payment_plan: 'blue',
    escalated: 'red',
    paid: 'green',
    written_off: 'grey',
  },
  tone: { friendly: 'teal', firm: 'amber', formal: 'orange', legal: 'red' },
  churn: { low: 'green', medium: 'amber', high: 'orange', critical: 'red' },
  'risk-profile': {
    good_history: 'teal',
    standard: 'grey',
    repeat_offender: 'orange',
    chronic: 'red',
  },
  invoice: {
    processing: 'indigo',
    received: 'amber',
    approved: 'blue',
    paid: 'green',
    rejected: 'red',
  },
  'invoice-stage': {
    queued: 'grey',
    extracting: 'indigo',
    failed: 'red',
    review: 'amber',
    flagged: 'orange',
    duplicate: 'red',
    approved: 'green',
    rejected: 'grey',
  },
  'work-order': {
    open: 'amber',
    assigned: 'blue',
    in_progress: 'indigo',
    completed: 'green',
    closed: 'grey',
    cancelled: 'grey',
  },
  'work-order-priority': { emergency: 'red', high: 'orange', medium: 'amber', low: 'grey' },
};

const STATUS_LABELS: Record<StatusKind, Record<string, string>> = {
  renewal: RENEWAL_STATUS_LABELS,
  collection: COLLECTION_STATUS_LABELS,
  tone: TONE_LABELS,
  churn: CHURN_RISK_LABELS,
  'risk-profile': RISK_PROFILE_LABELS,
  invoice: INVOICE_STATUS_LABELS,
  'invoice-stage': INVOICE_STAGE_LABELS,
  'work-order': WORK_ORDER_STATUS_LABELS,
  'work-order-priority': WORK_ORDER_PRIORITY_LABELS,
};

/** The tone of a status ('grey' when unknown). */
export function statusTone(kind: StatusKind, status: string | null | undefined): BadgeTone {
  return (status && STATUS_TONES[kind][status]) || 'grey';
}

export const STATUS_BADGE_HOST = {
  '[class]': '"tone-" + badgeTone() + (outline() ? " outline" : "")',
  '[attr.data-status]': 'known() ?? "none"',
  '[attr.data-tone]': 'badgeTone()',
  '[style.--badge-bg]': '"var(--tone-" + badgeTone() + "-bg)"',
  '[style.--badge-fg]': '"var(--tone-" + badgeTone() + "-fg)"',
};
export const STATUS_BADGE_TEMPLATE = `@if (dot()) {<span class="dot" aria-hidden="true"></span>}{{ label() }}{{ suffixText() }}`;
export const STATUS_BADGE_STYLES = `
  :host {
    display: inline-flex;
    align-items: center;
    gap: 5px;
    padding: 2px 9px;
    border-radius: 999px;
    font: 600 12px/18px var(--font-body);
    white-space: nowrap;
    vertical-align: middle;
    background: var(--badge-bg);
    color: var(--badge-fg);
  }
  :host(.outline) {
    background: transparent;
    border: 1px solid var(--badge-fg);
    padding: 1px 8px;
  }
  .dot {
    width: 6px;
    height: 6px;
    border-radius: 50%;
    background: currentColor;
    opacity: 0.8;
  }
`;

/** What every status pill computes from its kind and value; the components differ only in input names. */
@Directive()
export abstract class StatusBadgeBase {
  protected abstract readonly badgeKind: () => StatusKind;
  protected abstract readonly value: () => string | null | undefined;
  readonly dot = input(false);
  readonly outline = input(false);
  /** The label of an unknown status. */
  protected readonly unknownLabel: string | null = null;

  protected readonly known = computed(() => {
    const s = this.value();
    return s && s in STATUS_TONES[this.badgeKind()] ? s : null;
  });
  protected readonly badgeTone = computed(() => statusTone(this.badgeKind(), this.known()));
  protected readonly label = computed(() => {
    const s = this.known();
    return s
      ? (STATUS_LABELS[this.badgeKind()][s] ?? s)
      : (this.unknownLabel ?? (this.value() || '—'));
  });
  /** Text after the label, e.g. " risk". */
  protected suffixText(): string {
    return '';
  }
}

/**
 * A status pill: `<app-status-badge kind="renewal" [status]="r.status" [dot]="true" />`. The host carries
 * `data-status` (the known status or "none") and `data-tone`, for tests and styling.
 */
@Component({
  selector: 'app-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: STATUS_BADGE_HOST,
  template: STATUS_BADGE_TEMPLATE,
  styles: STATUS_BADGE_STYLES,
})
export class StatusBadgeComponent extends StatusBadgeBase {
  readonly kind = input.required<StatusKind>();
  readonly status = input<string | null | undefined>(null);
  /** Text after the label, e.g. " risk". */
  readonly suffix = input('');
  protected readonly badgeKind = this.kind;
  protected readonly value = this.status;
  protected override suffixText(): string {
    return this.suffix();
  }
}
