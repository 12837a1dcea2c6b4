import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import {
  COLLECTION_STATUS_LABELS,
  RISK_PROFILE_LABELS,
  TONE_LABELS,
  isCollectionStatus,
  isCollectionTone,
  isRiskProfile,
} from '../../../core/models';

const PILL = `
  :host {
    display: inline-flex;
    align-items: center;
    gap: 5px;
    padding: 2px 9px;
    border-radius: 999px;
    font: 600 12px/18px var(--font-body);
    white-space: nowrap;
    vertical-align: middle;
    background: var(--badge-vacant-bg);
    color: var(--badge-vacant-fg);
  }
`;

/** The tone a case's messages use: Friendly (teal), Firm (amber), Formal (orange), Legal (red). */
@Component({
  selector: 'app-tone-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': '"tone-" + (known() ?? "none")', '[attr.data-tone]': 'known() ?? "none"' },
  template: `{{ label() }}`,
  styles: `
    ${PILL}
    :host(.tone-friendly) {
      background: var(--teal-soft);
      color: #115e59;
    }
    :host(.tone-firm) {
      background: #fef3c7;
      color: #92400e;
    }
    :host(.tone-formal) {
      background: #ffedd5;
      color: #9a3412;
    }
    :host(.tone-legal) {
      background: var(--red-soft);
      color: #991b1b;
    }
  `,
})
export class ToneBadgeComponent {
  readonly tone = input<string | null | undefined>(null);
  protected readonly known = computed(() => {
    const t = this.tone();
    return isCollectionTone(t) ? t : null;
  });
  protected readonly label = computed(() => {
    const t = this.known();
    return t ? TONE_LABELS[t] : this.tone() || '—';
  });
}

/** A case's status: Open, Payment plan, Escalated, Paid, Written off. */
@Component({
  selector: 'app-collection-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': '"st-" + (known() ?? "none")', '[attr.data-status]': 'known() ?? "none"' },
  template: `<span class="dot" aria-hidden="true"></span>{{ label() }}`,
  styles: `
    ${PILL}
    .dot {
      width: 6px;
      height: 6px;
      border-radius: 50%;
      background: currentColor;
      opacity: 0.8;
    }
    :host(.st-open) {
      background: #fef3c7;
      color: #92400e;
    }
    :host(.st-payment_plan) {
      background: #dbeafe;
      color: #1e40af;
    }
    :host(.st-escalated) {
      background: var(--red-soft);
      color: #991b1b;
    }
    :host(.st-paid) {
      background: var(--green-soft);
      color: #065f46;
    }
  `,
})
export class CollectionStatusBadgeComponent {
  readonly status = input<string | null | undefined>(null);
  protected readonly known = computed(() => {
    const s = this.status();
    return isCollectionStatus(s) ? s : null;
  });
  protected readonly label = computed(() => {
    const s = this.known();
    return s ? COLLECTION_STATUS_LABELS[s] : this.status() || '—';
  });
}

/** Tenant risk profile label ("Repeat offender"), coloured by how often they pay late. */
@Component({
  selector: 'app-risk-profile-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': '"rp-" + (known() ?? "none")', '[attr.data-risk-profile]': 'known() ?? "none"' },
  template: `{{ label() }}`,
  styles: `
    ${PILL}
    :host {
      background: transparent;
      border: 1px solid var(--border-strong);
      color: var(--text-2);
      padding: 1px 8px;
    }
    :host(.rp-good_history) {
      border-color: #99f6e4;
      color: #115e59;
    }
    :host(.rp-repeat_offender) {
      border-color: #fdba74;
      color: #9a3412;
    }
    :host(.rp-chronic) {
      border-color: #fca5a5;
      color: #991b1b;
    }
  `,
})
export class RiskProfileBadgeComponent {
  readonly profile = input<string | null | undefined>(null);
  protected readonly known = computed(() => {
    const p = this.profile();
    return isRiskProfile(p) ? p : null;
  });
  protected readonly label = computed(() => {
    const p = this.known();
    return p ? RISK_PROFILE_LABELS[p] : this.profile() || '—';
  });
}
