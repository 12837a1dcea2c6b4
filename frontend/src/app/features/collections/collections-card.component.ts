import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';

import { CollectionsService } from '../../core/services/collections.service';
import { StatCardComponent } from '../../shared/components/stat-card.component';
import { formatMoney } from '../../shared/pipes/money.pipe';

/** Dashboard widget (DASHBOARD_WIDGETS): total overdue in collections and the open cases. */
@Component({
  selector: 'app-collections-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [StatCardComponent],
  host: { style: 'display: contents' },
  template: `
    @if (stats.error()) {
      <app-stat-card data-card="collections" label="Collections" icon="alert" value="—" detail="Could not load collections." link="/collections" linkLabel="Open collections" />
    } @else if (stats.hasValue()) {
      <app-stat-card
        data-card="collections"
        label="Collections"
        icon="alert"
        [value]="total()"
        [mono]="true"
        [tone]="stats.value().open_cases > 0 ? 'red' : 'teal'"
        [detail]="detail()"
        link="/collections"
        linkLabel="Open collections"
      />
    } @else {
      <app-stat-card data-card="collections" label="Collections" icon="alert" value="…" detail="Loading…" />
    }
  `,
})
export class CollectionsCardComponent {
  private readonly collections = inject(CollectionsService);
  protected readonly stats = rxResource({ stream: () => this.collections.getDashboardStats() });
  protected readonly total = computed(() => (this.stats.hasValue() ? formatMoney(this.stats.value().total_overdue) : '—'));
  protected readonly detail = computed(() => {
    if (!this.stats.hasValue()) return null;
    const s = this.stats.value();
    const cases = `${s.open_cases.toLocaleString('en-US')} open ${s.open_cases === 1 ? 'case' : 'cases'}`;
    return s.on_plan ? `${cases} · ${s.on_plan} on a plan` : `${cases} in collections`;
  });
}
