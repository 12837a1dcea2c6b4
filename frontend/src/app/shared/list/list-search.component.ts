import { ChangeDetectionStrategy, Component, input } from '@angular/core';

import { IconComponent } from '../components/icon.component';
import { ListState } from './list-state';

/** A list screen's search box: shows what is typed at once, changes the URL after a pause. */
@Component({
  selector: 'app-list-search',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconComponent],
  template: `
    <label class="search">
      <app-icon name="search" [size]="15" />
      <span class="sr-only">{{ label() }}</span>
      <input
        type="search"
        class="input"
        [placeholder]="placeholder()"
        [attr.data-testid]="testId()"
        [value]="list().searchText()"
        (input)="list().setSearch($any($event.target).value)"
      />
    </label>
  `,
  styles: `
    .search {
      position: relative;
      display: flex;
      align-items: center;
      color: var(--faint);
    }
    .search app-icon {
      position: absolute;
      left: 10px;
    }
    .input {
      width: var(--search-width, 240px);
      padding-left: 32px;
    }
  `,
})
export class ListSearchComponent {
  readonly list = input.required<ListState<string>>();
  readonly label = input('Search');
  readonly placeholder = input('Search');
  readonly testId = input<string | null>(null);
}
