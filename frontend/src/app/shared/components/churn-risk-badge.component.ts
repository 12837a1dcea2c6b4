import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { CHURN_RISK_LABELS, ChurnRiskLevel, isChurnRiskLevel } from '../../core/models';

/** Low / Medium / High / Critical churn-risk pill (spec 1.2). */
@Component({
  selector: 'app-churn-risk-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[class]': '"risk risk-" + (known() ?? "none")',
    '[attr.data-risk]': 'known() ?? "none"',
  },
  template: `{{ label() }}{{ suffix() }}`,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      padding: 2px 9px;
      border-radius: 999px;
      font: 600 12px/18px var(--font-body);
      white-space: nowrap;
      vertical-align: middle;
      background: var(--badge-vacant-bg);
      color: var(--badge-vacant-fg);
    }
    :host(.risk-low) {
      background: var(--green-soft);
      color: #065f46;
    }
    :host(.risk-medium) {
      background: #fef3c7;
      color: #92400e;
    }
    :host(.risk-high) {
      background: #ffedd5;
      color: #9a3412;
    }
    :host(.risk-critical) {
      background: var(--red-soft);
      color: #991b1b;
    }
  `,
})
export class ChurnRiskBadgeComponent {
  readonly level = input<ChurnRiskLevel | string | null | undefined>(null);
  /** "High risk" instead of "High". */
  readonly withSuffix = input(false);

  protected readonly known = computed(() => {
    const l = this.level();
    return isChurnRiskLevel(l) ? l : null;
  });
  protected readonly label = computed(() => {
    const l = this.known();
    return l ? CHURN_RISK_LABELS[l] : 'Unknown';
  });
  protected readonly suffix = computed(() => (this.withSuffix() ? ' risk' : ''));
}
