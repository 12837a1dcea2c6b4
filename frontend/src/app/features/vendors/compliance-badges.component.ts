import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { VendorCompliance } from '../../core/models';
import { ToneBadgeComponent } from '../../shared/components/tone-badge.component';
import { complianceBadges } from './vendors-format';

/** A vendor's paperwork pills: "Compliant", or "Insurance expires in 12 days", "License expired", … */
@Component({
  selector: 'app-compliance-badges',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ToneBadgeComponent],
  host: { '[attr.data-state]': 'compliance().state' },
  template: `
    @for (b of badges(); track b.doc) {
      <app-tone-badge
        [text]="b.text"
        [tone]="b.tone"
        [dot]="true"
        data-testid="compliance-badge"
        [attr.data-doc]="b.doc"
        [attr.data-state]="b.state"
      />
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-wrap: wrap;
      gap: 4px;
    }
  `,
})
export class ComplianceBadgesComponent {
  readonly compliance = input.required<VendorCompliance>();
  protected readonly badges = computed(() => complianceBadges(this.compliance()));
}
