import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import {
  STATUS_BADGE_HOST,
  STATUS_BADGE_STYLES,
  STATUS_BADGE_TEMPLATE,
} from '../../../shared/components/status-badge.component';
import {
  PRIORITY_TONES,
  STATUS_TONES,
  isPriority,
  isStatus,
  priorityLabel,
  statusLabel,
} from '../work-order-format';

/** A work order's status pill: Open (amber), Assigned (blue), In progress (indigo), Completed (green),
 * Closed and Cancelled (grey). The shared badge's look, host attributes (`data-status`, `data-tone`). */
@Component({
  selector: 'app-work-order-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: STATUS_BADGE_HOST,
  template: STATUS_BADGE_TEMPLATE,
  styles: STATUS_BADGE_STYLES,
})
export class WorkOrderStatusBadgeComponent {
  readonly status = input<string | null | undefined>(null);
  readonly dot = input(true);
  readonly outline = input(false);
  protected readonly known = computed(() => (isStatus(this.status()) ? this.status() : null));
  protected readonly badgeTone = computed(() => {
    const s = this.status();
    return isStatus(s) ? STATUS_TONES[s] : 'grey';
  });
  protected readonly label = computed(() => statusLabel(this.status()));
  protected suffixText(): string {
    return '';
  }
}

/** A work order's priority: Emergency (red), High (orange), Medium (amber), Low (grey). */
@Component({
  selector: 'app-work-order-priority-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: STATUS_BADGE_HOST,
  template: STATUS_BADGE_TEMPLATE,
  styles: STATUS_BADGE_STYLES,
})
export class WorkOrderPriorityBadgeComponent {
  readonly priority = input<string | null | undefined>(null);
  readonly dot = input(false);
  readonly outline = input(true);
  protected readonly known = computed(() => (isPriority(this.priority()) ? this.priority() : null));
  protected readonly badgeTone = computed(() => {
    const p = this.priority();
    return isPriority(p) ? PRIORITY_TONES[p] : 'grey';
  });
  protected readonly label = computed(() => priorityLabel(this.priority()));
  protected suffixText(): string {
    return '';
  }
}
