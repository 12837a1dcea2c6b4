import { ChangeDetectionStrategy, Component, input } from '@angular/core';

/** One cell of the unit header stat row; the value is projected. */
@Component({
  selector: 'app-unit-stat-cell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '[attr.data-cell]': 'key()' },
  template: `
    <div class="label">{{ label() }}</div>
    <div class="value"><ng-content /></div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 14px 18px;
      min-width: 0;
    }
    :host + :host {
      border-left: 1px solid var(--border);
    }
    .label {
      font: 700 11px var(--font-heading);
      text-transform: uppercase;
      letter-spacing: 0.06em;
      color: var(--muted);
    }
    .value {
      font-size: 14px;
    }
  `,
})
export class UnitStatCellComponent {
  readonly label = input.required<string>();
  readonly key = input<string>('');
}
