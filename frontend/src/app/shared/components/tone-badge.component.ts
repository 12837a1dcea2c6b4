import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { BadgeTone, STATUS_BADGE_STYLES } from './status-badge.component';

/**
 * A pill whose words are computed (not one of a status list's labels): "Insurance expires in 12 days",
 * "Warranty ends in 20 days". Same look and tones as `app-status-badge`; `data-tone` for tests.
 */
@Component({
  selector: 'app-tone-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[attr.data-tone]': 'tone()',
    '[style.--badge-bg]': '"var(--tone-" + tone() + "-bg)"',
    '[style.--badge-fg]': '"var(--tone-" + tone() + "-fg)"',
  },
  template: `@if (dot()) {
      <span class="dot" aria-hidden="true"></span>
    }
    {{ text() }}`,
  styles: STATUS_BADGE_STYLES,
})
export class ToneBadgeComponent {
  readonly text = input.required<string>();
  readonly tone = input<BadgeTone>('grey');
  readonly dot = input(false);
}
