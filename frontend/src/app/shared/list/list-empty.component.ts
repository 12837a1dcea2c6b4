import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { EmptyStateComponent } from '../components/state-views.component';
import { ListState } from './list-state';

/**
 * A list screen's empty state: with filters on, "No … match" and a "Clear filters" button; without,
 * what an empty list means and the projected action (e.g. "Scan Now").
 */
@Component({
  selector: 'app-list-empty',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [EmptyStateComponent],
  template: `
    <app-empty-state [title]="shownTitle()" [hint]="shownHint()">
      @if (list().hasFilters()) {
        <button type="button" class="btn btn-sm action" (click)="list().clear()">
          Clear filters
        </button>
      } @else {
        <ng-content />
      }
    </app-empty-state>
  `,
  styles: `
    .action {
      margin-top: 8px;
    }
  `,
})
export class ListEmptyComponent {
  readonly list = input.required<ListState<string>>();
  /** Shown when filters or a search are on. */
  readonly filteredTitle = input.required<string>();
  readonly filteredHint = input<string | null>(null);
  /** Shown when the list is empty as such. */
  readonly title = input.required<string>();
  readonly hint = input<string | null>(null);

  protected readonly shownTitle = computed(() =>
    this.list().hasFilters() ? this.filteredTitle() : this.title(),
  );
  protected readonly shownHint = computed(() =>
    this.list().hasFilters() ? this.filteredHint() : this.hint(),
  );
}
