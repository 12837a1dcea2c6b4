import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { ChurnRiskLevel } from '../../core/models';
import {
  STATUS_BADGE_HOST,
  STATUS_BADGE_STYLES,
  STATUS_BADGE_TEMPLATE,
  StatusBadgeBase,
} from './status-badge.component';

/** Low / Medium / High / Critical churn-risk pill (spec 1.2), coloured by the shared status map. */
@Component({
  selector: 'app-churn-risk-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { ...STATUS_BADGE_HOST, '[attr.data-risk]': 'known() ?? "none"' },
  template: STATUS_BADGE_TEMPLATE,
  styles: STATUS_BADGE_STYLES,
})
export class ChurnRiskBadgeComponent extends StatusBadgeBase {
  readonly level = input<ChurnRiskLevel | string | null | undefined>(null);
  /** "High risk" instead of "High". */
  readonly withSuffix = input(false);
  protected readonly badgeKind = () => 'churn' as const;
  protected readonly value = this.level;
  protected override readonly unknownLabel = 'Unknown';
  protected override suffixText(): string {
    return this.withSuffix() ? ' risk' : '';
  }
}
