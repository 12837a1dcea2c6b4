import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { PropertySelectComponent } from '../components/property-select.component';
import { FilterOption, FilterSelectComponent } from './filter-select.component';
import { ListSearchComponent } from './list-search.component';
import { ListState } from './list-state';

/** One dropdown of a list toolbar: the list-state key it sets, its label and its choices. */
export interface ToolbarFilter {
  key: string;
  label: string;
  options: readonly FilterOption[];
  testId?: string;
}

/**
 * A list screen's toolbar: search box, filter dropdowns, the property filter and "Clear filters", all
 * bound to one ListState. Extra chips go in `[chips]` (before the spacer), extra actions as plain content
 * (after "Clear filters").
 */
@Component({
  selector: 'app-list-toolbar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ListSearchComponent, FilterSelectComponent, PropertySelectComponent],
  template: `
    <div class="toolbar">
      <app-list-search
        [list]="list()"
        [label]="searchLabel()"
        [placeholder]="searchPlaceholder()"
        [testId]="searchTestId()"
      />
      @for (f of filters(); track f.key) {
        <app-filter-select
          [list]="list()"
          [key]="f.key"
          [label]="f.label"
          [testId]="f.testId ?? null"
          [options]="f.options"
        />
      }
      @if (propertyFilter()) {
        <app-property-select
          [value]="list().filters()['property'] ?? ''"
          (valueChange)="list().setFilter('property', $event)"
        />
      }
      <ng-content select="[chips]" />
      <span class="spacer"></span>
      @if (list().hasFilters()) {
        <button type="button" class="btn btn-sm btn-ghost" (click)="list().clear()">
          Clear filters
        </button>
      }
      <ng-content />
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .toolbar {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 10px;
      padding: 12px 14px;
      border-bottom: 1px solid var(--border);
    }
    .spacer {
      flex: 1;
    }
  `,
})
export class ListToolbarComponent {
  readonly list = input.required<ListState<string>>();
  readonly searchLabel = input('Search');
  readonly searchPlaceholder = input('Search');
  readonly searchTestId = input<string | null>(null);
  readonly filters = input<readonly ToolbarFilter[]>([]);
  readonly propertyFilter = input(true);
}
