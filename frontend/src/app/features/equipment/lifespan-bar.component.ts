import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { lifespanBar } from './equipment-format';

/** Age against expected lifespan: a bar (teal, amber from 75 %, red past the lifespan) and "8.3 of 12 yrs". */
@Component({
  selector: 'app-lifespan-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    '[attr.data-tone]': 'bar().tone',
    '[attr.title]': 'bar().pct + "% of the expected lifespan"',
  },
  template: `
    <span
      class="track"
      role="meter"
      aria-label="Age against expected lifespan"
      [attr.aria-valuenow]="bar().pct"
      aria-valuemin="0"
      aria-valuemax="100"
    >
      <span class="fill" [class]="bar().tone" [style.width.%]="bar().width"></span>
    </span>
    <span class="text">{{ bar().text }}</span>
  `,
  styles: `
    :host {
      display: inline-flex;
      flex-direction: column;
      gap: 3px;
      min-width: 96px;
    }
    .track {
      display: block;
      height: 6px;
      border-radius: 3px;
      background: #e8edf3;
      overflow: hidden;
    }
    .fill {
      display: block;
      height: 100%;
      border-radius: 3px;
      background: var(--teal);
    }
    .fill.late {
      background: var(--amber);
    }
    .fill.over {
      background: var(--red);
    }
    .text {
      font: 500 11.5px var(--font-mono);
      color: var(--muted);
      white-space: nowrap;
    }
  `,
})
export class LifespanBarComponent {
  readonly ageYears = input.required<number>();
  readonly lifespanYears = input.required<number>();
  protected readonly bar = computed(() => lifespanBar(this.ageYears(), this.lifespanYears()));
}
