import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  linkedSignal,
  signal,
} from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router } from '@angular/router';
import { Subject, debounceTime, distinctUntilChanged } from 'rxjs';

import {
  LEASE_STATUS_LABELS,
  LEASE_STATUSES,
  LeaseFilters,
  LeaseLifecycle,
  LeaseStatus,
  Paginated,
  isLeaseStatus,
} from '../../core/models';
import { LifecycleService } from '../../core/services/lifecycle.service';
import { ToastService } from '../../core/notifications/toast.service';
import { errorMessage } from '../../core/utils/api-error';
import { addDays, toIsoDate } from '../../core/utils/dates';
import { IconComponent } from '../../shared/components/icon.component';
import { PaginationComponent } from '../../shared/components/pagination.component';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { ExpiringLeasesTableComponent } from './components/expiring-leases-table.component';
import { LeaseActionResult } from './components/lease-action-buttons.component';
import { LifecycleHexGridComponent } from './components/lifecycle-hex-grid.component';
import { downloadText, fetchAllLeases, leasesToCsv } from './lease-export';
import { PropertySelectComponent } from '../../shared/components/property-select.component';

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
    PropertySelectComponent,
    FormsModule,
    IconComponent,
    LifecycleHexGridComponent,
    ExpiringLeasesTableComponent,
    PaginationComponent,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
  ],
  templateUrl: './lifecycle-dashboard.component.html',
  styleUrl: './lifecycle-dashboard.component.css',
})
export class LifecycleDashboardComponent {
  private readonly lifecycle = inject(LifecycleService);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);

  // Query params (bound by the router).
  readonly status = input<string | undefined>();
  readonly property = input<string | undefined>();
  readonly q = input<string | undefined>();
  readonly ordering = input<string | undefined>();
  readonly page = input<string | undefined>();
  readonly expiring = input<string | undefined>();

  protected readonly statuses = LEASE_STATUSES;
  protected readonly statusLabels = LEASE_STATUS_LABELS;
  protected readonly windows = EXPIRING_WINDOWS;
  protected readonly pageSize = LEASES_PAGE_SIZE;

  protected readonly selectedStatus = computed<LeaseStatus | 'all'>(() => {
    const s = this.status();
    return isLeaseStatus(s) ? s : 'all';
  });
  protected readonly selectedProperty = computed(() => this.property() ?? '');
  protected readonly currentPage = computed(() => Math.max(1, Number(this.page()) || 1));
  protected readonly currentOrdering = computed(() => this.ordering() || null);
  protected readonly expiringWindow = computed<ExpiringWindow | null>(() => {
    const n = Number(this.expiring());
    return (EXPIRING_WINDOWS as readonly number[]).includes(n) ? (n as ExpiringWindow) : null;
  });

  /** The search box follows the URL, and typing updates the URL after a pause. */
  protected readonly searchText = linkedSignal(() => this.q() ?? '');
  private readonly searchInput = new Subject<string>();

  protected readonly filters = computed<LeaseFilters>(() => {
    const window = this.expiringWindow();
    const status = this.selectedStatus();
    const today = new Date();
    return {
      lease_status: status === 'all' ? null : status,
      property: this.selectedProperty() || null,
      search: this.q() || null,
      ordering: this.currentOrdering(),
      page: this.currentPage(),
      page_size: LEASES_PAGE_SIZE,
      lease_end_date__gte: window ? toIsoDate(today) : null,
      lease_end_date__lte: window ? toIsoDate(addDays(today, window)) : null,
    };
  });

  protected readonly stats = rxResource({
    params: () => ({ property: this.selectedProperty() || null }),
    stream: ({ params }) => this.lifecycle.getStats(params),
  });
  protected readonly leases = rxResource({
    params: () => this.filters(),
    stream: ({ params }) => this.lifecycle.getLeases(params),
  });

  /** The last page received, kept on screen while the next one loads. */
  private readonly lastPage = linkedSignal<Paginated<LeaseLifecycle> | undefined, Paginated<LeaseLifecycle> | undefined>({
    source: () => (this.leases.hasValue() ? this.leases.value() : undefined),
    computation: (page, previous) => page ?? previous?.value,
  });
  /** Rows refreshed after an action, shown in place until the page reloads. */
  private readonly refreshedRows = linkedSignal<Paginated<LeaseLifecycle> | undefined, Map<string, LeaseLifecycle>>({
    source: () => this.lastPage(),
    computation: () => new Map(),
  });
  protected readonly rows = computed(() => {
    const page = this.lastPage();
    const refreshed = this.refreshedRows();
    return (page?.results ?? []).map((l) => refreshed.get(l.id) ?? l);
  });
  protected readonly total = computed(() => this.lastPage()?.count ?? 0);
  protected readonly hasFilters = computed(
    () => this.selectedStatus() !== 'all' || !!this.selectedProperty() || !!this.q() || !!this.expiringWindow(),
  );

  protected readonly message = errorMessage;
  protected readonly exporting = signal(false);

  constructor() {
    this.searchInput
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed(inject(DestroyRef)))
      .subscribe((text) => this.navigate({ q: text.trim() || null, page: null }));
    // A page beyond the end (e.g. after filtering) goes back to the last page.
    effect(() => {
      const page = this.lastPage();
      if (page && page.results.length === 0 && page.count > 0 && this.currentPage() > 1) {
        this.navigate({ page: Math.ceil(page.count / LEASES_PAGE_SIZE) });
      }
    });
  }

  protected onSearch(text: string): void {
    this.searchText.set(text);
    this.searchInput.next(text);
  }

  protected selectStatus(status: LeaseStatus | 'all'): void {
    this.navigate({ status: status === 'all' ? null : status, page: null });
  }

  protected selectProperty(id: string): void {
    this.navigate({ property: id || null, page: null });
  }

  protected selectExpiring(window: ExpiringWindow | null): void {
    const next = this.expiringWindow() === window ? null : window;
    this.navigate({
      expiring: next,
      status: next ? 'active' : this.status() ?? null,
      ordering: next ? 'lease_end_date' : this.ordering() ?? null,
      page: null,
    });
  }

  protected sort(ordering: string | null): void {
    this.navigate({ ordering, page: null });
  }

  protected goToPage(page: number): void {
    this.navigate({ page: page > 1 ? page : null });
  }

  protected clearFilters(): void {
    this.searchText.set('');
    void this.router.navigate([], { queryParams: {}, replaceUrl: true });
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

  private navigate(changes: Record<string, string | number | null>): void {
    void this.router.navigate([], { queryParams: changes, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
