import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import {
  LEASE_STATUS_LABELS,
  LEASE_STATUS_SHORT_LABELS,
  LeaseStatus,
  isLeaseStatus,
} from '../../core/models';

/** The lifecycle pill used wherever a lease state shows (spec 1.1 "Status Badge Colors"). */
@Component({
  selector: 'app-lease-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[attr.data-status]': 'known() ?? "none"',
    '[class]': '"badge badge-" + (known() ?? "none")',
    '[attr.title]': 'label()',
  },
  template: `<span class="dot" aria-hidden="true"></span>{{ text() }}`,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 2px 9px 2px 8px;
      border-radius: 999px;
      font: 600 12px/18px var(--font-body);
      white-space: nowrap;
      vertical-align: middle;
    }
    .dot {
      width: 6px;
      height: 6px;
      border-radius: 50%;
      background: currentColor;
      opacity: 0.8;
    }
    :host(.badge-active) {
      background: var(--badge-active-bg);
      color: var(--badge-active-fg);
    }
    :host(.badge-month_to_month) {
      background: var(--badge-mtm-bg);
      color: var(--badge-mtm-fg);
    }
    :host(.badge-notice) {
      background: var(--badge-notice-bg);
      color: var(--badge-notice-fg);
    }
    :host(.badge-vacant),
    :host(.badge-none) {
      background: var(--badge-vacant-bg);
      color: var(--badge-vacant-fg);
    }
  `,
})
export class LeaseStatusBadgeComponent {
  /** A lease's `lease_status`; null/unknown renders as "No lease". */
  readonly status = input<LeaseStatus | string | null | undefined>(null);
  /** "MTM" instead of "Month-to-Month" where space is tight. */
  readonly short = input(false);

  protected readonly known = computed<LeaseStatus | null>(() => {
    const s = this.status();
    return isLeaseStatus(s) ? s : null;
  });
  protected readonly label = computed(() => {
    const s = this.known();
    return s ? LEASE_STATUS_LABELS[s] : 'No lease';
  });
  protected readonly text = computed(() => {
    const s = this.known();
    if (!s) return 'No lease';
    return this.short() ? LEASE_STATUS_SHORT_LABELS[s] : LEASE_STATUS_LABELS[s];
  });
}
