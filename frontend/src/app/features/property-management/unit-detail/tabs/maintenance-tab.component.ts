import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';

import { LeaseLifecycle, Unit } from '../../../../core/models';
import { UnitService } from '../../../../core/services/unit.service';
import { errorMessage } from '../../../../core/utils/api-error';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../../../shared/components/state-views.component';
import { AppDatePipe } from '../../../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../../../shared/pipes/money.pipe';
import { UnitTabCardsComponent } from '../unit-detail-cards';
import { codeLabel } from './unit-format';

/** The unit page's Maintenance tab: work orders with a status filter (loads them itself). */
@Component({
  selector: 'app-unit-maintenance-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MoneyPipe,
    AppDatePipe,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
    UnitTabCardsComponent,
  ],
  template: `
    <app-unit-tab-cards tab="maintenance" placement="before" [unit]="unit()" [lease]="lease()" />
    <section class="card">
      <div class="card-header">
        <h2>Work orders</h2>
        @if (workOrders.hasValue() && woStatuses().length) {
          <div class="filters" role="group" aria-label="Filter by status">
            <button
              type="button"
              class="pill"
              [class.on]="woStatus() === 'all'"
              (click)="woStatus.set('all')"
            >
              All {{ workOrders.value().results.length }}
            </button>
            @for (s of woStatuses(); track s.status) {
              <button
                type="button"
                class="pill cap"
                [class.on]="woStatus() === s.status"
                (click)="woStatus.set(s.status)"
              >
                {{ label(s.status) }} {{ s.count }}
              </button>
            }
          </div>
        }
      </div>
      @if (workOrders.error(); as err) {
        <app-error-state
          title="Could not load work orders"
          [message]="message(err)"
          (retry)="workOrders.reload()"
        />
      } @else if (workOrders.hasValue()) {
        @if (filteredWorkOrders().length === 0) {
          <app-empty-state
            title="No work orders"
            [hint]="
              woStatus() === 'all'
                ? 'Nothing has been reported for this unit.'
                : 'None with this status.'
            "
          />
        } @else {
          <div class="table-wrap">
            <table class="data-table" data-testid="work-orders-table">
              <thead>
                <tr>
                  <th>WO #</th>
                  <th>Issue</th>
                  <th>Priority</th>
                  <th>Status</th>
                  <th>Requested</th>
                  <th>Completed</th>
                  <th>Vendor</th>
                  <th class="money">Cost</th>
                </tr>
              </thead>
              <tbody>
                @for (w of filteredWorkOrders(); track w.id) {
                  <tr>
                    <td class="mono nowrap">{{ w.work_order_number }}</td>
                    <td>
                      <div class="strong">{{ w.title }}</div>
                      <div class="sub cap">{{ label(w.category) }}</div>
                    </td>
                    <td>
                      <span
                        class="chip cap"
                        [class.chip-danger]="w.priority === 'emergency' || w.priority === 'high'"
                        [class.chip-warn]="w.priority === 'medium'"
                        >{{ label(w.priority) }}</span
                      >
                    </td>
                    <td>
                      <span class="chip cap" [class.chip-ok]="w.status === 'completed'">{{
                        label(w.status)
                      }}</span>
                    </td>
                    <td class="nowrap">{{ w.requested_date | appDate }}</td>
                    <td class="nowrap">{{ w.completed_date | appDate }}</td>
                    <td>{{ w.vendor_name || '—' }}</td>
                    <td class="money">
                      @if (w.actual_cost) {
                        {{ w.actual_cost | money }}
                      } @else if (w.estimated_cost) {
                        <span class="muted" title="Estimated">~{{ w.estimated_cost | money }}</span>
                      } @else {
                        —
                      }
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      } @else {
        <app-loading-state [rows]="4" />
      }
    </section>
    <app-unit-tab-cards tab="maintenance" [unit]="unit()" [lease]="lease()" />
  `,
  styleUrl: './unit-tab.css',
})
export class UnitMaintenanceTabComponent {
  private readonly units = inject(UnitService);

  readonly unit = input.required<Unit>();
  readonly lease = input<LeaseLifecycle | null>(null);

  /** Loaded when the tab is first shown. */
  protected readonly workOrders = rxResource({
    params: () => this.unit().id,
    stream: ({ params }) => this.units.getWorkOrders(params),
  });

  protected readonly woStatus = signal<string>('all');
  protected readonly woStatuses = computed(() => {
    if (!this.workOrders.hasValue()) return [];
    const counts = new Map<string, number>();
    for (const w of this.workOrders.value().results)
      counts.set(w.status, (counts.get(w.status) ?? 0) + 1);
    return [...counts.entries()].map(([status, count]) => ({ status, count }));
  });
  protected readonly filteredWorkOrders = computed(() => {
    if (!this.workOrders.hasValue()) return [];
    const s = this.woStatus();
    const all = this.workOrders.value().results;
    return s === 'all' ? all : all.filter((w) => w.status === s);
  });
  protected readonly message = errorMessage;
  protected readonly label = codeLabel;
}
