import {
  ChangeDetectionStrategy,
  Component,
  Directive,
  computed,
  inject,
  input,
} from '@angular/core';

import { IconComponent } from '../components/icon.component';
import { Sortable, nextOrdering } from './list-state';

/** The sort a table's headers read and change: `<table [appSortTable]="list">`. */
@Directive({ selector: '[appSortTable]' })
export class SortTableDirective {
  readonly sortable = input.required<Sortable>({ alias: 'appSortTable' });
}

/**
 * A sortable column header: `<th appSortHeader="current_balance">Balance</th>` inside a table with
 * `[appSortTable]`. Clicking cycles descending → ascending → the list's default (`nextOrdering`); the
 * header carries `aria-sort`, and its button `data-sort` (the API field) for tests.
 */
@Component({
  // An attribute component on <th> (like MatSortHeader): the header cell stays a real table cell.
  // eslint-disable-next-line @angular-eslint/component-selector
  selector: 'th[appSortHeader]',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconComponent],
  host: { '[attr.aria-sort]': 'ariaSort()' },
  template: `
    <button
      type="button"
      class="sort"
      [class.on]="active()"
      [attr.data-sort]="field()"
      (click)="toggle()"
    >
      <ng-content />
      @if (active()) {
        <app-icon [name]="descending() ? 'arrowDown' : 'arrowUp'" [size]="12" />
      } @else {
        <app-icon name="sort" [size]="12" class="idle" />
      }
    </button>
  `,
  styles: `
    .sort {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 0;
      background: none;
      border: none;
      font: inherit;
      color: inherit;
      text-transform: inherit;
      letter-spacing: inherit;
      cursor: pointer;
    }
    .sort.on {
      color: var(--primary);
    }
    .sort .idle {
      opacity: 0.35;
    }
    :host(.money) .sort,
    :host(.num) .sort {
      flex-direction: row-reverse;
    }
  `,
})
export class SortHeaderComponent {
  private readonly table = inject(SortTableDirective);
  /** The API's ordering field for this column. */
  readonly field = input.required<string>({ alias: 'appSortHeader' });

  protected readonly active = computed(
    () => this.table.sortable().ordering()?.replace(/^-/, '') === this.field(),
  );
  protected readonly descending = computed(
    () => !!this.table.sortable().ordering()?.startsWith('-'),
  );
  protected readonly ariaSort = computed(() =>
    this.active() ? (this.descending() ? 'descending' : 'ascending') : null,
  );

  protected toggle(): void {
    const s = this.table.sortable();
    s.sortBy(nextOrdering(s.ordering(), this.field()));
  }
}

/** Both, for a component's `imports`. */
export const SORT_HEADER = [SortTableDirective, SortHeaderComponent] as const;
