import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { IconComponent } from './icon.component';

/** "1–25 of 4,353" with previous/next buttons. Pages are 1-based. */
@Component({
  selector: 'app-pagination',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconComponent],
  template: `
    <span class="range">
      @if (count() > 0) {
        <strong>{{ from().toLocaleString('en-US') }}–{{ to().toLocaleString('en-US') }}</strong> of
        {{ count().toLocaleString('en-US') }}
      } @else {
        0 results
      }
    </span>
    <span class="pages">Page {{ page() }} of {{ pages() }}</span>
    <button
      type="button"
      class="btn btn-sm"
      [disabled]="page() <= 1"
      (click)="pageChange.emit(page() - 1)"
      aria-label="Previous page"
    >
      <app-icon name="chevronLeft" [size]="14" />
    </button>
    <button
      type="button"
      class="btn btn-sm"
      [disabled]="page() >= pages()"
      (click)="pageChange.emit(page() + 1)"
      aria-label="Next page"
    >
      <app-icon name="chevronRight" [size]="14" />
    </button>
  `,
  styles: `
    :host {
      display: flex;
      align-items: center;
      justify-content: flex-end;
      gap: 10px;
      padding: 10px 14px;
      font-size: 12.5px;
      color: var(--muted);
      border-top: 1px solid var(--border);
    }
    .range {
      margin-right: auto;
    }
    .range strong {
      color: var(--text-2);
    }
  `,
})
export class PaginationComponent {
  readonly page = input.required<number>();
  readonly pageSize = input.required<number>();
  readonly count = input.required<number>();
  readonly pageChange = output<number>();

  protected readonly pages = computed(() => Math.max(1, Math.ceil(this.count() / this.pageSize())));
  protected readonly from = computed(() =>
    this.count() === 0 ? 0 : (this.page() - 1) * this.pageSize() + 1,
  );
  protected readonly to = computed(() => Math.min(this.count(), this.page() * this.pageSize()));
}
