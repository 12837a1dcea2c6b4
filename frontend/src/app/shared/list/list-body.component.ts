import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { errorMessage } from '../../core/utils/api-error';
import { PaginationComponent } from '../components/pagination.component';
import { ErrorStateComponent, LoadingStateComponent } from '../components/state-views.component';
import { ListEmptyComponent } from './list-empty.component';
import { ListState } from './list-state';

/** What the list body needs of the page's resource (an rxResource). */
export interface ListResource {
  error(): unknown;
  isLoading(): boolean;
  reload(): unknown;
}

/**
 * A list screen's body under its toolbar, in the one order every list follows: the load error (with
 * Retry), else the rows (the projected table) and the pager, else the loading skeleton on the first load,
 * else the empty state ("No … match" + Clear filters with filters on; `[empty-action]` content otherwise).
 */
@Component({
  selector: 'app-list-body',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ErrorStateComponent, LoadingStateComponent, PaginationComponent, ListEmptyComponent],
  template: `
    @if (resource().error(); as err) {
      <app-error-state
        [title]="errorTitle()"
        [message]="message(err)"
        (retry)="resource().reload()"
      />
    } @else if (hasRows()) {
      <ng-content />
      <app-pagination
        [page]="list().page()"
        [pageSize]="list().pageSize()"
        [count]="total()"
        (pageChange)="list().setPage($event)"
      />
    } @else if (resource().isLoading()) {
      <app-loading-state [rows]="6" [label]="loadingLabel()" />
    } @else {
      <app-list-empty
        [list]="list()"
        [filteredTitle]="filteredTitle()"
        [filteredHint]="filteredHint()"
        [title]="emptyTitle()"
        [hint]="emptyHint()"
      >
        <ng-content select="[empty-action]" />
      </app-list-empty>
    }
  `,
  styles: ':host { display: block; }',
})
export class ListBodyComponent {
  readonly list = input.required<ListState<string>>();
  readonly resource = input.required<ListResource>();
  /** Whether the shown page has rows (the last page is kept on screen while the next one loads). */
  readonly hasRows = input.required<boolean>();
  /** All rows of the filter, for the pager. */
  readonly total = input.required<number>();
  readonly errorTitle = input('Could not load this list');
  readonly loadingLabel = input('Loading…');
  readonly filteredTitle = input('Nothing matches');
  readonly filteredHint = input<string | null>(null);
  readonly emptyTitle = input('Nothing here yet');
  readonly emptyHint = input<string | null>(null);

  protected readonly message = errorMessage;
}
