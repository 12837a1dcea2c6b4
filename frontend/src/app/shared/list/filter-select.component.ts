import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { ListState } from './list-state';

export interface FilterOption {
  value: string;
  label: string;
}

/** Options from values and their labels, with fixed choices before/after ("Any tone", "All"). */
export function filterOptions(
  values: readonly string[],
  labels: Readonly<Record<string, string>> | ((v: string) => string),
  { first = [], last = [] }: { first?: FilterOption[]; last?: FilterOption[] } = {},
): FilterOption[] {
  const label = typeof labels === 'function' ? labels : (v: string) => labels[v] ?? v;
  return [...first, ...values.map((value) => ({ value, label: label(value) })), ...last];
}

/** One of a list screen's filter dropdowns, bound to a key of its list state. */
@Component({
  selector: 'app-filter-select',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <label>
      <span class="sr-only">{{ label() }}</span>
      <select
        class="select"
        [attr.data-testid]="testId()"
        (change)="list().setFilter(key(), $any($event.target).value)"
      >
        @for (o of options(); track o.value) {
          <option [value]="o.value" [selected]="o.value === list().filters()[key()]">
            {{ o.label }}
          </option>
        }
      </select>
    </label>
  `,
})
export class FilterSelectComponent {
  readonly list = input.required<ListState<string>>();
  readonly key = input.required<string>();
  readonly label = input.required<string>();
  readonly options = input.required<readonly FilterOption[]>();
  readonly testId = input<string | null>(null);
}
