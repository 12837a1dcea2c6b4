import { ChangeDetectionStrategy, Component, DestroyRef, computed, effect, inject, input, linkedSignal, signal } from '@angular/core';
import { rxResource, takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { Subject, debounceTime, distinctUntilChanged } from 'rxjs';

import {
  CHURN_RISK_LABELS,
  CHURN_RISK_LEVELS,
  ChurnRiskLevel,
  Paginated,
  RENEWAL_STATUSES,
  RENEWAL_STATUS_LABELS,
  RenewalFilters,
  RenewalRecommendation,
  RenewalRunScanResult,
  isChurnRiskLevel,
  isRenewalStatus,
} from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { RenewalService } from '../../core/services/renewal.service';
import { errorMessage } from '../../core/utils/api-error';
import { toIsoDate } from '../../core/utils/dates';
import { ChurnRiskBadgeComponent } from '../../shared/components/churn-risk-badge.component';
import { IconComponent } from '../../shared/components/icon.component';
import { LeaseStatusBadgeComponent } from '../../shared/components/lease-status-badge.component';
import { PaginationComponent } from '../../shared/components/pagination.component';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import { RenewalStatusBadgeComponent } from './components/renewal-status-badge.component';
import { downloadBlob, formatPct, strategyLine } from './renewals-format';
import { PropertySelectComponent } from '../../shared/components/property-select.component';

export const RENEWALS_PAGE_SIZE = 25;
/** Open = on the manager's desk or waiting for the tenant (the default). */
export const OPEN_RENEWAL_STATUSES = ['pending', 'approved', 'sent'] as const;
export type RenewalStatusChoice = 'open' | 'all' | (typeof RENEWAL_STATUSES)[number];

export function renewalStatusParam(choice: RenewalStatusChoice): string | null {
  if (choice === 'all') return null;
  if (choice === 'open') return OPEN_RENEWAL_STATUSES.join(',');
  return choice;
}

type ScanState =
  | { state: 'idle' }
  | { state: 'running' }
  | { state: 'done'; result: RenewalRunScanResult; seconds: number }
  | { state: 'error'; message: string };

interface SortColumn {
  label: string;
  field: string;
  align?: 'right';
}

/**
 * Renewal Intelligence dashboard (spec 1.2 wireframe): risk-level cards, acceptance and pipeline,
 * revenue impact, and the recommendations ranked by churn risk with their strategy line.
 */
@Component({
  selector: 'app-renewal-dashboard',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    PropertySelectComponent,
    FormsModule,
    RouterLink,
    MoneyPipe,
    AppDatePipe,
    IconComponent,
    ChurnRiskBadgeComponent,
    LeaseStatusBadgeComponent,
    RenewalStatusBadgeComponent,
    PaginationComponent,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
  ],
  templateUrl: './renewal-dashboard.component.html',
  styleUrls: ['../../shared/styles/dashboard-page.css', './renewal-dashboard.component.css'],
})
export class RenewalDashboardComponent {
  private readonly renewals = inject(RenewalService);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);

  // Query params (bound by the router).
  readonly status = input<string | undefined>();
  readonly risk = input<string | undefined>();
  readonly property = input<string | undefined>();
  readonly q = input<string | undefined>();
  readonly ordering = input<string | undefined>();
  readonly page = input<string | undefined>();

  protected readonly riskLevels = CHURN_RISK_LEVELS;
  protected readonly riskLabels = CHURN_RISK_LABELS;
  protected readonly statuses = RENEWAL_STATUSES;
  protected readonly statusLabels = RENEWAL_STATUS_LABELS;
  protected readonly pageSize = RENEWALS_PAGE_SIZE;
  protected readonly columns: SortColumn[] = [
    { label: 'Churn', field: 'churn_score' },
    { label: 'Current', field: 'current_rent', align: 'right' },
    { label: 'Recommended', field: 'recommended_rent', align: 'right' },
    { label: 'Increase', field: 'rent_increase_pct', align: 'right' },
    { label: 'Lease ends', field: 'lease_end_date' },
  ];

  protected readonly selectedStatus = computed<RenewalStatusChoice>(() => {
    const s = this.status();
    return s === 'all' ? 'all' : isRenewalStatus(s) ? s : 'open';
  });
  protected readonly selectedRisk = computed<ChurnRiskLevel | ''>(() => (isChurnRiskLevel(this.risk()) ? (this.risk() as ChurnRiskLevel) : ''));
  protected readonly selectedProperty = computed(() => this.property() ?? '');
  protected readonly currentPage = computed(() => Math.max(1, Number(this.page()) || 1));
  /** Ranked by risk unless the manager sorts otherwise. */
  protected readonly currentOrdering = computed(() => this.ordering() || '-churn_score');

  protected readonly searchText = linkedSignal(() => this.q() ?? '');
  private readonly searchInput = new Subject<string>();

  protected readonly filters = computed<RenewalFilters>(() => ({
    status: renewalStatusParam(this.selectedStatus()),
    churn_risk_level: this.selectedRisk() || null,
    property: this.selectedProperty() || null,
    search: this.q() || null,
    ordering: this.currentOrdering(),
    page: this.currentPage(),
    page_size: RENEWALS_PAGE_SIZE,
  }));

  protected readonly stats = rxResource({
    params: () => ({ property: this.selectedProperty() || null }),
    stream: ({ params }) => this.renewals.getDashboardStats(params),
  });
  protected readonly list = rxResource({
    params: () => this.filters(),
    stream: ({ params }) => this.renewals.getRecommendations(params),
  });

  private readonly lastPage = linkedSignal<Paginated<RenewalRecommendation> | undefined, Paginated<RenewalRecommendation> | undefined>({
    source: () => (this.list.hasValue() ? this.list.value() : undefined),
    computation: (page, previous) => page ?? previous?.value,
  });
  protected readonly rows = computed(() => this.lastPage()?.results ?? []);
  protected readonly total = computed(() => this.lastPage()?.count ?? 0);
  protected readonly hasFilters = computed(
    () => this.selectedStatus() !== 'open' || !!this.selectedRisk() || !!this.selectedProperty() || !!this.q(),
  );
  /** Total of the four risk cards, for their share bars. */
  protected readonly riskTotal = computed(() => {
    if (!this.stats.hasValue()) return 0;
    const b = this.stats.value().by_risk_level;
    return CHURN_RISK_LEVELS.reduce((s, l) => s + (b[l] ?? 0), 0);
  });

  protected readonly scan = signal<ScanState>({ state: 'idle' });
  protected readonly scanElapsed = signal(0);
  protected readonly scanDone = computed(() => {
    const s = this.scan();
    return s.state === 'done' ? s : null;
  });
  protected readonly scanError = computed(() => {
    const s = this.scan();
    return s.state === 'error' ? s.message : null;
  });
  private scanTimer: ReturnType<typeof setInterval> | null = null;
  protected readonly exporting = signal(false);

  protected readonly message = errorMessage;
  protected readonly strategyLine = strategyLine;
  protected readonly pct = formatPct;

  constructor() {
    this.searchInput
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((text) => this.navigate({ q: text.trim() || null, page: null }));
    effect(() => {
      const page = this.lastPage();
      if (page && page.results.length === 0 && page.count > 0 && this.currentPage() > 1) {
        this.navigate({ page: Math.ceil(page.count / RENEWALS_PAGE_SIZE) });
      }
    });
    this.destroyRef.onDestroy(() => this.stopTimer());
  }

  protected onSearch(text: string): void {
    this.searchText.set(text);
    this.searchInput.next(text);
  }

  protected setFilter(key: 'status' | 'risk' | 'property', value: string): void {
    const v = key === 'status' && value === 'open' ? null : value;
    this.navigate({ [key]: v === '' ? null : v, page: null });
  }

  /** A risk card toggles its level. */
  protected toggleRisk(level: ChurnRiskLevel): void {
    this.navigate({ risk: this.selectedRisk() === level ? null : level, page: null });
  }

  protected clearFilters(): void {
    this.searchText.set('');
    void this.router.navigate([], { queryParams: {}, replaceUrl: true });
  }

  protected sortField(): string {
    return this.currentOrdering().replace(/^-/, '');
  }

  protected descending(): boolean {
    return this.currentOrdering().startsWith('-');
  }

  protected ariaSort(field: string): string | null {
    if (this.sortField() !== field) return null;
    return this.descending() ? 'descending' : 'ascending';
  }

  /** Descending first, then ascending, then back to the risk ranking. */
  protected toggleSort(field: string): void {
    let next: string | null;
    if (this.sortField() !== field) next = `-${field}`;
    else if (this.descending()) next = field;
    else next = null;
    this.navigate({ ordering: next === '-churn_score' ? null : next, page: null });
  }

  protected goToPage(page: number): void {
    this.navigate({ page: page > 1 ? page : null });
  }

  protected openRecommendation(r: RenewalRecommendation): void {
    void this.router.navigate(['/renewals', r.id]);
  }

  protected increase(r: RenewalRecommendation): number {
    return r.approved_rent ? r.offered_increase_pct : r.rent_increase_pct;
  }

  protected runScan(): void {
    if (this.scan().state === 'running') return;
    const startedAt = Date.now();
    this.scan.set({ state: 'running' });
    this.scanElapsed.set(0);
    this.stopTimer();
    this.scanTimer = setInterval(() => this.scanElapsed.set(Math.floor((Date.now() - startedAt) / 1000)), 1000);
    this.renewals
      .runScan()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (result) => {
          this.stopTimer();
          this.scan.set({ state: 'done', result, seconds: Math.max(1, Math.round((Date.now() - startedAt) / 1000)) });
          this.toast.success(result.status === 'queued' ? 'Renewal scan queued.' : 'Renewal scan finished.');
          this.stats.reload();
          this.list.reload();
        },
        error: (err: unknown) => {
          this.stopTimer();
          this.scan.set({ state: 'error', message: errorMessage(err) });
        },
      });
  }

  protected dismissScan(): void {
    this.scan.set({ state: 'idle' });
  }

  /** Every recommendation matching the filters, as CSV (the API's export). */
  protected exportCsv(): void {
    if (this.exporting()) return;
    this.exporting.set(true);
    const { page: _p, page_size: _s, ...filters } = this.filters();
    this.renewals.exportCsv(filters).subscribe({
      next: (blob) => {
        downloadBlob(`renewals-${toIsoDate(new Date())}.csv`, blob);
        this.exporting.set(false);
      },
      error: (err: unknown) => {
        this.toast.error(`Export failed: ${errorMessage(err)}`);
        this.exporting.set(false);
      },
    });
  }

  private stopTimer(): void {
    if (this.scanTimer) clearInterval(this.scanTimer);
    this.scanTimer = null;
  }

  private navigate(changes: Record<string, string | number | null>): void {
    void this.router.navigate([], { queryParams: changes, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
