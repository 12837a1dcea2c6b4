import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import {
  STATUS_BADGE_HOST,
  STATUS_BADGE_STYLES,
  STATUS_BADGE_TEMPLATE,
  StatusBadgeBase,
} from '../../../shared/components/status-badge.component';

/** Pending (amber), Approved (blue), Sent (indigo), Accepted (green), Declined (red), Expired (grey):
 * the shared status badge's colour map. */
@Component({
  selector: 'app-renewal-status-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: STATUS_BADGE_HOST,
  template: STATUS_BADGE_TEMPLATE,
  styles: STATUS_BADGE_STYLES,
})
export class RenewalStatusBadgeComponent extends StatusBadgeBase {
  readonly status = input<string | null | undefined>(null);
  override readonly dot = input(true);
  protected readonly badgeKind = () => 'renewal' as const;
  protected readonly value = this.status;
}
