import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { catchError, of } from 'rxjs';

import { AuthService } from '../../core/auth/auth.service';
import {
  WORK_ORDER_CATEGORIES,
  WORK_ORDER_CATEGORY_LABELS,
  WORK_ORDER_PRIORITIES,
  WORK_ORDER_PRIORITY_LABELS,
  WorkOrderFilters,
  WorkOrderItem,
} from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { WorkOrderService } from '../../core/services/work-order.service';
import { errorMessage } from '../../core/utils/api-error';
import { toIsoDate } from '../../core/utils/dates';
import { IconComponent } from '../../shared/components/icon.component';
import { filterOptions } from '../../shared/list/filter-select.component';
import { ListBodyComponent } from '../../shared/list/list-body.component';
import { ListToolbarComponent, ToolbarFilter } from '../../shared/list/list-toolbar.component';
import { listState, oneOf } from '../../shared/list/list-state';
import { SORT_HEADER } from '../../shared/list/sort-header';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import {
  WorkOrderPriorityBadgeComponent,
  WorkOrderStatusBadgeComponent,
} from './components/work-order-badges.component';
import {
  STATUS_CHOICES,
  ageText,
  categoryLabel,
  chipCount,
  downloadBlob,
  slaText,
  statusFilter,
  statusLabel,
} from './work-order-format';

export const WORK_ORDERS_PAGE_SIZE = 25;

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const isoDate = (raw: string) => (ISO_DATE.test(raw) ? raw : null);

/**
 * Work orders (`/maintenance`, issue 16): status chips with counts, filters (property, category,
 * priority, vendor, requested dates, search) and sort in the URL, SLA age, CSV export of the same
 * filters, and "New work order" for roles that manage maintenance. On a phone each row is a card.
 */
@Component({
  selector: 'app-work-order-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MoneyPipe,
    AppDatePipe,
    IconComponent,
    SORT_HEADER,
    ListToolbarComponent,
    ListBodyComponent,
    WorkOrderStatusBadgeComponent,
    WorkOrderPriorityBadgeComponent,
  ],
  templateUrl: './work-order-list.component.html',
  styleUrls: ['../../shared/styles/dashboard-page.css', './work-order-list.component.css'],
})
export class WorkOrderListComponent {
  private readonly workOrders = inject(WorkOrderService);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);
  private readonly auth = inject(AuthService);

  protected readonly canManage = computed(() => this.auth.can('manage_maintenance'));

  protected readonly list = listState({
    filters: {
      status: { parse: oneOf(STATUS_CHOICES.filter(Boolean)) },
      overdue: { parse: oneOf(['1']) },
      category: { parse: oneOf(WORK_ORDER_CATEGORIES) },
      priority: { parse: oneOf(WORK_ORDER_PRIORITIES) },
      vendor: {},
      from: { parse: isoDate },
      to: { parse: isoDate },
      property: {},
      // from the unit page's "All of them →" (no control of its own: "Clear filters" removes it)
      unit: {},
    },
    pageSize: WORK_ORDERS_PAGE_SIZE,
  });

  /** Vendors for the vendor filter (any, active or not: old work orders name old vendors). */
  private readonly vendors = rxResource({
    stream: () => this.workOrders.vendors({ active: false }).pipe(catchError(() => of([]))),
  });

  protected readonly toolbarFilters = computed<ToolbarFilter[]>(() => [
    {
      key: 'category',
      label: 'Category',
      testId: 'category-filter',
      options: filterOptions(WORK_ORDER_CATEGORIES, WORK_ORDER_CATEGORY_LABELS, {
        first: [{ value: '', label: 'Any category' }],
      }),
    },
    {
      key: 'priority',
      label: 'Priority',
      testId: 'priority-filter',
      options: filterOptions(WORK_ORDER_PRIORITIES, WORK_ORDER_PRIORITY_LABELS, {
        first: [{ value: '', label: 'Any priority' }],
      }),
    },
    {
      key: 'vendor',
      label: 'Vendor',
      testId: 'vendor-filter',
      options: [
        { value: '', label: 'Any vendor' },
        ...(this.vendors.hasValue() ? this.vendors.value() : []).map((v) => ({
          value: v.id,
          label: v.name,
        })),
        // a vendor in the URL that is not in the list (inactive) still shows as chosen
        ...(this.list.filters().vendor &&
        !(this.vendors.value() ?? []).some((v) => v.id === this.list.filters().vendor)
          ? [{ value: this.list.filters().vendor, label: 'The chosen vendor' }]
          : []),
      ],
    },
  ]);

  /** Every filter but the status chip (the summary's counts are per status). */
  private readonly baseFilters = computed<WorkOrderFilters>(() => {
    const f = this.list.filters();
    return {
      property: f.property || null,
      unit: f.unit || null,
      category: f.category ? [f.category] : null,
      priority: f.priority ? [f.priority] : null,
      assigned_vendor: f.vendor || null,
      requested_date__gte: f.from || null,
      requested_date__lte: f.to || null,
      sla_breached: f.overdue === '1' || null,
      search: this.list.search() || null,
    };
  });

  protected readonly filters = computed<WorkOrderFilters>(() => ({
    ...this.baseFilters(),
    ...statusFilter(this.list.filters().status),
    ...this.list.query(),
  }));

  protected readonly summary = rxResource({
    params: () => this.baseFilters(),
    stream: ({ params }) => this.workOrders.summary(params),
  });
  protected readonly orders = rxResource({
    params: () => this.filters(),
    stream: ({ params }) => this.workOrders.list(params),
  });
  private readonly shown = this.list.keepPage(() =>
    this.orders.hasValue() ? this.orders.value() : undefined,
  );
  protected readonly rows = computed(() => this.shown()?.results ?? []);
  protected readonly total = computed(() => this.shown()?.count ?? 0);

  /** The status chips with their counts (null until the summary answers). */
  protected readonly chips = computed(() => {
    const s = this.summary.hasValue() ? this.summary.value() : null;
    return STATUS_CHOICES.map((value) => ({
      value,
      label: value === '' ? 'All' : value === 'active' ? 'Open work' : statusLabel(value),
      count: chipCount(value, s),
    }));
  });
  protected readonly overdueCount = computed(() =>
    this.summary.hasValue() ? this.summary.value().sla_breached : null,
  );

  protected readonly exporting = signal(false);

  protected readonly categoryLabel = categoryLabel;
  protected readonly ageText = ageText;
  protected readonly slaText = slaText;
  protected readonly message = errorMessage;

  protected setStatus(value: string): void {
    this.list.setFilter('status', value || null);
  }

  protected toggleOverdue(): void {
    this.list.toggleFilter('overdue', '1');
  }

  protected setDate(key: 'from' | 'to', value: string): void {
    this.list.setFilter(key, isoDate(value));
  }

  protected open(wo: WorkOrderItem): void {
    void this.router.navigate(['/maintenance', wo.id]);
  }

  protected exportCsv(): void {
    if (this.exporting()) return;
    this.exporting.set(true);
    const { ordering } = this.list.query();
    this.workOrders
      .exportCsv({ ...this.filters(), ordering, page: null, page_size: null })
      .subscribe({
        next: (blob) => {
          downloadBlob(`work-orders-${toIsoDate(new Date())}.csv`, blob);
          this.exporting.set(false);
        },
        error: (err: unknown) => {
          this.toast.error(`Export failed: ${errorMessage(err)}`);
          this.exporting.set(false);
        },
      });
  }
}
