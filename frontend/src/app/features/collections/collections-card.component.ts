import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';

import { CollectionsService } from '../../core/services/collections.service';
import { StatCardComponent } from '../../shared/components/stat-card.component';
import { formatMoney } from '../../shared/pipes/money.pipe';

/** Dashboard widget (DASHBOARD_WIDGETS): the collection cases being worked (the money owed is the Overdue balance
 * card's figure, so this card counts cases and what came in rather than repeating the same dollar amount). */
@Component({
  selector: 'app-collections-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [StatCardComponent],
  host: { style: 'display: contents' },
  template: `
    @if (stats.error()) {
      <app-stat-card
        data-card="collections"
        label="Collections"
        icon="alert"
        value="—"
        detail="Could not load collections."
        link="/collections"
        linkLabel="Open collections"
      />
    } @else if (stats.hasValue()) {
      <app-stat-card
        data-card="collections"
        label="Collections"
        icon="alert"
        [value]="total()"
        [tone]="stats.value().open_cases > 0 ? 'red' : 'teal'"
        [detail]="detail()"
        link="/collections"
        linkLabel="Open collections"
      />
    } @else {
      <app-stat-card
        data-card="collections"
        label="Collections"
        icon="alert"
        value="…"
        detail="Loading…"
      />
    }
  `,
})
export class CollectionsCardComponent {
  private readonly collections = inject(CollectionsService);
  protected readonly stats = rxResource({ stream: () => this.collections.getDashboardStats() });
  protected readonly total = computed(() => {
    if (!this.stats.hasValue()) return '—';
    const open = this.stats.value().open_cases;
    return `${open.toLocaleString('en-US')} open ${open === 1 ? 'case' : 'cases'}`;
  });
  protected readonly detail = computed(() => {
    if (!this.stats.hasValue()) return null;
    const s = this.stats.value();
    const plans = `${s.on_plan.toLocaleString('en-US')} on a payment plan`;
    return `${plans} · ${formatMoney(s.paid_this_week)} collected in the last 7 days`;
  });
}
