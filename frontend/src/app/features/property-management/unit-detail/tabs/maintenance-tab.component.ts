import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';

import { AuthService } from '../../../../core/auth/auth.service';
import { LeaseLifecycle, Unit } from '../../../../core/models';
import { WorkOrderService } from '../../../../core/services/work-order.service';
import { errorMessage } from '../../../../core/utils/api-error';
import {
  WorkOrderPriorityBadgeComponent,
  WorkOrderStatusBadgeComponent,
} from '../../../maintenance/components/work-order-badges.component';
import { categoryLabel, statusLabel } from '../../../maintenance/work-order-format';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../../../shared/components/state-views.component';
import { AppDatePipe } from '../../../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../../../shared/pipes/money.pipe';
import { UnitTabCardsComponent } from '../unit-detail-cards';

/** The unit's work orders shown on the tab (the newest; the full list is /maintenance?unit=). */
export const UNIT_WORK_ORDERS_SHOWN = 100;

/**
 * The unit page's Maintenance tab: the unit's work orders (`/units/work-orders/?unit=`) with a status
 * filter, each linking to its page, and "New work order" for roles that manage maintenance (the form
 * with this unit chosen). Cards features add (2.3 risk assessment…) sit above and below.
 */
@Component({
  selector: 'app-unit-maintenance-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MoneyPipe,
    AppDatePipe,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
    UnitTabCardsComponent,
    WorkOrderStatusBadgeComponent,
    WorkOrderPriorityBadgeComponent,
  ],
  template: `
    <app-unit-tab-cards tab="maintenance" placement="before" [unit]="unit()" [lease]="lease()" />
    <section class="card" data-testid="unit-work-orders">
      <div class="card-header">
        <h2>Work orders</h2>
        <div class="head-right">
          @if (workOrders.hasValue() && woStatuses().length) {
            <div class="filters" role="group" aria-label="Filter by status">
              <button
                type="button"
                class="pill"
                [class.on]="woStatus() === 'all'"
                (click)="woStatus.set('all')"
              >
                All {{ workOrders.value().count }}
              </button>
              @for (s of woStatuses(); track s.status) {
                <button
                  type="button"
                  class="pill"
                  [class.on]="woStatus() === s.status"
                  [attr.data-status]="s.status"
                  (click)="woStatus.set(s.status)"
                >
                  {{ statusLabel(s.status) }} {{ s.count }}
                </button>
              }
            </div>
          }
          @if (canManage()) {
            <a
              class="btn btn-sm btn-primary"
              routerLink="/maintenance/new"
              [queryParams]="{ unit: unit().id }"
              data-testid="unit-new-work-order"
              >New work order</a
            >
          }
        </div>
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
                  <tr [attr.data-wo-id]="w.id" [attr.data-status]="w.status">
                    <td class="mono nowrap">
                      <a [routerLink]="['/maintenance', w.id]" class="link-cell">{{
                        w.work_order_number
                      }}</a>
                    </td>
                    <td>
                      <a [routerLink]="['/maintenance', w.id]" class="strong issue">{{
                        w.title
                      }}</a>
                      <div class="sub">{{ categoryLabel(w.category) }}</div>
                    </td>
                    <td><app-work-order-priority-badge [priority]="w.priority" /></td>
                    <td><app-work-order-status-badge [status]="w.status" /></td>
                    <td class="nowrap">{{ w.requested_date | appDate }}</td>
                    <td class="nowrap">{{ w.completed_date | appDate }}</td>
                    <td>{{ w.vendor_name || '—' }}</td>
                    <td class="money">
                      @if (w.actual_cost !== null) {
                        {{ w.actual_cost | money }}
                      } @else if (w.estimated_cost !== null) {
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
          @if (workOrders.value().count > workOrders.value().results.length) {
            <div class="note">
              The {{ workOrders.value().results.length }} most recent of
              {{ workOrders.value().count }}.
              <a routerLink="/maintenance" [queryParams]="{ unit: unit().id }">All of them →</a>
            </div>
          }
        }
      } @else {
        <app-loading-state [rows]="4" />
      }
    </section>
    <app-unit-tab-cards tab="maintenance" [unit]="unit()" [lease]="lease()" />
  `,
  styleUrl: './unit-tab.css',
  styles: `
    .head-right {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 10px;
    }
    a.btn {
      text-decoration: none;
    }
    .issue {
      color: var(--text);
    }
    .data-table td.money {
      text-align: right;
    }
  `,
})
export class UnitMaintenanceTabComponent {
  private readonly workOrderApi = inject(WorkOrderService);
  private readonly auth = inject(AuthService);

  readonly unit = input.required<Unit>();
  readonly lease = input<LeaseLifecycle | null>(null);

  protected readonly canManage = computed(() => this.auth.can('manage_maintenance'));

  /** Loaded when the tab is first shown: the unit's newest work orders. */
  protected readonly workOrders = rxResource({
    params: () => ({ unit: this.unit().id, changes: this.workOrderApi.changes() }),
    stream: ({ params }) =>
      this.workOrderApi.list({
        unit: params.unit,
        ordering: '-requested_date',
        page_size: UNIT_WORK_ORDERS_SHOWN,
      }),
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
  protected readonly categoryLabel = categoryLabel;
  protected readonly statusLabel = statusLabel;
}
