import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  linkedSignal,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';

import {
  LEASE_STATUS_LABELS,
  LEASE_STATUSES,
  LeaseFilters,
  LeaseLifecycle,
  LeaseStatus,
} from '../../core/models';
import { LifecycleService } from '../../core/services/lifecycle.service';
import { ToastService } from '../../core/notifications/toast.service';
import { errorMessage } from '../../core/utils/api-error';
import { addDays, toIsoDate } from '../../core/utils/dates';
import { IconComponent } from '../../shared/components/icon.component';
import {
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { filterOptions } from '../../shared/list/filter-select.component';
import { ListBodyComponent } from '../../shared/list/list-body.component';
import { ListToolbarComponent, ToolbarFilter } from '../../shared/list/list-toolbar.component';
import { listState, oneOf } from '../../shared/list/list-state';
import { ExpiringLeasesTableComponent } from './components/expiring-leases-table.component';
import { LeaseActionResult } from './components/lease-action-buttons.component';
import { LifecycleHexGridComponent } from './components/lifecycle-hex-grid.component';
import { downloadText, fetchAllLeases, leasesToCsv } from './lease-export';

export const LEASES_PAGE_SIZE = 25;
const EXPIRING_WINDOWS = [30, 60, 90] as const;
type ExpiringWindow = (typeof EXPIRING_WINDOWS)[number];

/**
 * Lease Lifecycle dashboard (spec 1.1 wireframe): state cards, expiring-soon strip and a
 * filterable, sortable, server-paginated lease table. Filters live in the URL's query params.
 */
@Component({
  selector: 'app-lifecycle-dashboard',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ListToolbarComponent,
    ListBodyComponent,
    FormsModule,
    IconComponent,
    LifecycleHexGridComponent,
    ExpiringLeasesTableComponent,
    LoadingStateComponent,
    ErrorStateComponent,
  ],
  templateUrl: './lifecycle-dashboard.component.html',
  styleUrl: './lifecycle-dashboard.component.css',
})
export class LifecycleDashboardComponent {
  private readonly lifecycle = inject(LifecycleService);
  private readonly toast = inject(ToastService);

  protected readonly windows = EXPIRING_WINDOWS;
  protected readonly toolbarFilters: readonly ToolbarFilter[] = [
    {
      key: 'status',
      label: 'Status',
      testId: 'status-filter',
      options: filterOptions(LEASE_STATUSES, LEASE_STATUS_LABELS, {
        first: [{ value: 'all', label: 'All states' }],
      }),
    },
  ];

  /** Filters, search, sort and page in the URL. */
  protected readonly list = listState({
    filters: {
      status: { default: 'all', parse: oneOf(LEASE_STATUSES) },
      property: {},
      expiring: { parse: oneOf(EXPIRING_WINDOWS.map(String)) },
    },
    pageSize: LEASES_PAGE_SIZE,
  });
  protected readonly selectedStatus = computed(
    () => this.list.filters().status as LeaseStatus | 'all',
  );
  protected readonly expiringWindow = computed(() => {
    const w = this.list.filters().expiring;
    return w ? (Number(w) as ExpiringWindow) : null;
  });

  protected readonly filters = computed<LeaseFilters>(() => {
    const window = this.expiringWindow();
    const status = this.selectedStatus();
    const today = new Date();
    return {
      lease_status: status === 'all' ? null : status,
      property: this.list.filters().property || null,
      lease_end_date__gte: window ? toIsoDate(today) : null,
      lease_end_date__lte: window ? toIsoDate(addDays(today, window)) : null,
      ...this.list.query(),
    };
  });

  protected readonly stats = rxResource({
    params: () => ({ property: this.list.filters().property || null }),
    stream: ({ params }) => this.lifecycle.getStats(params),
  });
  protected readonly leases = rxResource({
    params: () => this.filters(),
    stream: ({ params }) => this.lifecycle.getLeases(params),
  });

  private readonly shown = this.list.keepPage(() =>
    this.leases.hasValue() ? this.leases.value() : undefined,
  );
  /** Rows refreshed after an action, shown in place until the page reloads. */
  private readonly refreshedRows = linkedSignal({
    source: () => this.shown(),
    computation: () => new Map<string, LeaseLifecycle>(),
  });
  protected readonly rows = computed(() => {
    const refreshed = this.refreshedRows();
    return (this.shown()?.results ?? []).map((l) => refreshed.get(l.id) ?? l);
  });
  protected readonly total = computed(() => this.shown()?.count ?? 0);

  protected readonly message = errorMessage;
  protected readonly exporting = signal(false);

  protected selectStatus(status: LeaseStatus | 'all'): void {
    this.list.setFilter('status', status);
  }

  /** An expiring window shows active leases ending within it, soonest first; clicking it again clears it. */
  protected selectExpiring(window: ExpiringWindow | null): void {
    const next = this.expiringWindow() === window ? null : window;
    this.list.patch({
      expiring: next,
      ...(next ? { status: 'active', ordering: 'lease_end_date' } : {}),
      page: null,
    });
  }

  /** After an action: refresh that row and the counts. */
  protected onActionTaken(event: LeaseActionResult): void {
    this.lifecycle.getLease(event.lease.id).subscribe({
      next: (fresh) => this.refreshedRows.update((m) => new Map(m).set(fresh.id, fresh)),
      error: () => this.leases.reload(),
    });
    this.stats.reload();
  }

  /** Downloads every lease matching the current filters as CSV. */
  protected exportCsv(): void {
    if (this.exporting()) return;
    this.exporting.set(true);
    const { page: _page, page_size: _size, ...filters } = this.filters();
    fetchAllLeases((f) => this.lifecycle.getLeases(f), filters).subscribe({
      next: (leases) => {
        downloadText(`leases-${toIsoDate(new Date())}.csv`, leasesToCsv(leases));
        this.toast.success(`Exported ${leases.length.toLocaleString('en-US')} leases.`);
        this.exporting.set(false);
      },
      error: (err: unknown) => {
        this.toast.error(`Export failed: ${errorMessage(err)}`);
        this.exporting.set(false);
      },
    });
  }
}
