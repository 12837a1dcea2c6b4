import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import {
  STATUS_BADGE_HOST,
  STATUS_BADGE_STYLES,
  STATUS_BADGE_TEMPLATE,
  StatusBadgeBase,
} from '../../../shared/components/status-badge.component';

/** A work order's status pill: Open (amber), Assigned (blue), In progress (indigo), Completed (green),
 * Closed and Cancelled (grey): the shared badge's kind 'work-order', with a dot by default. */
@Component({
  selector: 'app-work-order-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: STATUS_BADGE_HOST,
  template: STATUS_BADGE_TEMPLATE,
  styles: STATUS_BADGE_STYLES,
})
export class WorkOrderStatusBadgeComponent extends StatusBadgeBase {
  readonly status = input<string | null | undefined>(null);
  override readonly dot = input(true);
  protected readonly badgeKind = () => 'work-order' as const;
  protected readonly value = this.status;
}

/** A work order's priority: Emergency (red), High (orange), Medium (amber), Low (grey): the shared badge's
 * kind 'work-order-priority', outlined by default. */
@Component({
  selector: 'app-work-order-priority-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: STATUS_BADGE_HOST,
  template: STATUS_BADGE_TEMPLATE,
  styles: STATUS_BADGE_STYLES,
})
export class WorkOrderPriorityBadgeComponent extends StatusBadgeBase {
  readonly priority = input<string | null | undefined>(null);
  override readonly outline = input(true);
  protected readonly badgeKind = () => 'work-order-priority' as const;
  protected readonly value = this.priority;
}
