import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { RENEWAL_STATUS_LABELS, isRenewalStatus } from '../../../core/models';

/** Pending (amber), Approved (blue), Sent (navy), Accepted (green), Declined (red), Expired (grey). */
@Component({
  selector: 'app-renewal-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': '"rs-" + (known() ?? "none")', '[attr.data-status]': 'known() ?? "none"' },
  template: `<span class="dot" aria-hidden="true"></span>{{ label() }}`,
  styles: `
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
    .dot {
      width: 6px;
      height: 6px;
      border-radius: 50%;
      background: currentColor;
      opacity: 0.8;
    }
    :host(.rs-pending) {
      background: #fef3c7;
      color: #92400e;
    }
    :host(.rs-approved) {
      background: #dbeafe;
      color: #1e40af;
    }
    :host(.rs-sent) {
      background: #e0e7ff;
      color: #3730a3;
    }
    :host(.rs-accepted) {
      background: var(--green-soft);
      color: #065f46;
    }
    :host(.rs-declined) {
      background: var(--red-soft);
      color: #991b1b;
    }
  `,
})
export class RenewalStatusBadgeComponent {
  readonly status = input<string | null | undefined>(null);
  protected readonly known = computed(() => {
    const s = this.status();
    return isRenewalStatus(s) ? s : null;
  });
  protected readonly label = computed(() => {
    const s = this.known();
    return s ? RENEWAL_STATUS_LABELS[s] : this.status() || '—';
  });
}
