import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { WarrantyState } from '../../core/models';
import { ToneBadgeComponent } from '../../shared/components/tone-badge.component';
import { WARRANTY_TONES, warrantyText } from './equipment-format';

/** "Under warranty" / "Warranty ends in 20 days" (60 days or fewer) / "Warranty expired" / "No warranty". */
@Component({
  selector: 'app-warranty-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ToneBadgeComponent],
  host: { '[attr.data-state]': 'state()', 'data-testid': 'warranty-badge' },
  template: `<app-tone-badge [text]="text()" [tone]="tone()" [dot]="true" />`,
  styles: ':host { display: inline-flex; }',
})
export class WarrantyBadgeComponent {
  readonly state = input.required<WarrantyState>();
  readonly daysLeft = input<number | null>(null);
  protected readonly text = computed(() => warrantyText(this.state(), this.daysLeft()));
  protected readonly tone = computed(() => WARRANTY_TONES[this.state()]);
}
