import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { RiskLevel } from '../../core/models';
import { LEVEL_LABELS } from './predictive-format';

/** A risk level as a coloured pill (low teal, medium amber, high orange, critical red). */
@Component({
  selector: 'app-risk-level-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[class]': '"lvl-" + level()', '[attr.data-level]': 'level()' },
  template: `{{ label() }}`,
  styles: `
    :host {
      display: inline-block;
      padding: 2px 8px;
      border-radius: 999px;
      font-size: 12px;
      font-weight: 700;
      white-space: nowrap;
    }
    :host(.lvl-low) {
      background: #ccfbf1;
      color: #115e59;
    }
    :host(.lvl-medium) {
      background: #fef3c7;
      color: #92400e;
    }
    :host(.lvl-high) {
      background: #ffedd5;
      color: #9a3412;
    }
    :host(.lvl-critical) {
      background: #fee2e2;
      color: #991b1b;
    }
  `,
})
export class RiskLevelBadgeComponent {
  readonly level = input.required<RiskLevel>();
  protected readonly label = computed(() => LEVEL_LABELS[this.level()]);
}
