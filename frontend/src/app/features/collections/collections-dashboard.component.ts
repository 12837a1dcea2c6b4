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
import { Router, RouterLink } from '@angular/router';
import { Subject, debounceTime, distinctUntilChanged } from 'rxjs';

import {
  COLLECTION_STATUSES,
  COLLECTION_STATUS_LABELS,
  COLLECTION_TONES,
  CollectionCase,
  CollectionFilters,
  CollectionRunScanResult,
  MAX_ESCALATION_LEVEL,
  Paginated,
  RISK_PROFILES,
  RISK_PROFILE_LABELS,
  TONE_LABELS,
  UNRESOLVED_STATUSES,
  isCollectionStatus,
  isCollectionTone,
  isRiskProfile,
} from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { CollectionsService } from '../../core/services/collections.service';
import { errorMessage } from '../../core/utils/api-error';
import { EscalationDotsComponent } from '../../shared/components/escalation-dots.component';
import { IconComponent } from '../../shared/components/icon.component';
import { PaginationComponent } from '../../shared/components/pagination.component';
import { StatCardComponent } from '../../shared/components/stat-card.component';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { MoneyPipe, formatMoney } from '../../shared/pipes/money.pipe';
import { nextActionView } from './collections-format';
import { CollectionStatusBadgeComponent, ToneBadgeComponent } from './components/collection-badges.component';
import { DunningTimelineComponent } from './components/dunning-timeline.component';
import { PropertySelectComponent } from '../../shared/components/property-select.component';

export const CASES_PAGE_SIZE = 25;
/** The status filter: a single status, every unresolved case (default) or all. */
export type StatusChoice = 'unresolved' | 'all' | (typeof COLLECTION_STATUSES)[number];

interface SortColumn {
  label: string;
  field: string;
}

/** Statuses sent to the API for a status choice. */
export function statusParam(choice: StatusChoice): string | null {
  if (choice === 'all') return null;
  if (choice === 'unresolved') return UNRESOLVED_STATUSES.join(',');
  return choice;
}

type ScanState =
  | { state: 'idle' }
  | { state: 'running'; startedAt: number }
  | { state: 'done'; result: CollectionRunScanResult; seconds: number }
  | { state: 'error'; message: string };

/**
 * Smart Collections dashboard (spec 1.3 wireframe): totals, the case table with level dots, next
 * action, tone and the dunning strip per case, filters in the URL, and "Scan Now".
 */
@Component({
  selector: 'app-collections-dashboard',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    PropertySelectComponent,
    FormsModule,
    RouterLink,
    MoneyPipe,
    IconComponent,
    StatCardComponent,
    EscalationDotsComponent,
    DunningTimelineComponent,
    ToneBadgeComponent,
    CollectionStatusBadgeComponent,
    PaginationComponent,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
  ],
  templateUrl: './collections-dashboard.component.html',
  styleUrls: ['../../shared/styles/dashboard-page.css', './collections-dashboard.component.css'],
})
export class CollectionsDashboardComponent {
  private readonly collections = inject(CollectionsService);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);
  private readonly destroyRef = inject(DestroyRef);

  // Query params (bound by the router).
  readonly status = input<string | undefined>();
  readonly level = input<string | undefined>();
  readonly tone = input<string | undefined>();
  readonly risk = input<string | undefined>();
  readonly property = input<string | undefined>();
  readonly q = input<string | undefined>();
  readonly ordering = input<string | undefined>();
  readonly page = input<string | undefined>();

  protected readonly statuses = COLLECTION_STATUSES;
  protected readonly statusLabels = COLLECTION_STATUS_LABELS;
  protected readonly tones = COLLECTION_TONES;
  protected readonly toneLabels = TONE_LABELS;
  protected readonly riskProfiles = RISK_PROFILES;
  protected readonly riskLabels = RISK_PROFILE_LABELS;
  protected readonly levels = Array.from({ length: MAX_ESCALATION_LEVEL + 1 }, (_, i) => i);
  protected readonly pageSize = CASES_PAGE_SIZE;
  protected readonly columns: SortColumn[] = [
    { label: 'Balance', field: 'current_balance' },
    { label: 'Days', field: 'days_overdue' },
    { label: 'Level', field: 'escalation_level' },
  ];

  protected readonly selectedStatus = computed<StatusChoice>(() => {
    const s = this.status();
    return s === 'all' ? 'all' : isCollectionStatus(s) ? s : 'unresolved';
  });
  protected readonly selectedLevel = computed(() => {
    const n = Number(this.level());
    return this.level() !== undefined && this.level() !== '' && Number.isInteger(n) && n >= 0 && n <= MAX_ESCALATION_LEVEL
      ? String(n)
      : '';
  });
  protected readonly selectedTone = computed(() => (isCollectionTone(this.tone()) ? this.tone()! : ''));
  protected readonly selectedRisk = computed(() => (isRiskProfile(this.risk()) ? this.risk()! : ''));
  protected readonly selectedProperty = computed(() => this.property() ?? '');
  protected readonly currentPage = computed(() => Math.max(1, Number(this.page()) || 1));
  protected readonly currentOrdering = computed(() => this.ordering() || null);

  protected readonly searchText = linkedSignal(() => this.q() ?? '');
  private readonly searchInput = new Subject<string>();

  protected readonly filters = computed<CollectionFilters>(() => ({
    status: statusParam(this.selectedStatus()),
    escalation_level: this.selectedLevel() || null,
    tone: this.selectedTone() || null,
    risk_profile: this.selectedRisk() || null,
    property: this.selectedProperty() || null,
    search: this.q() || null,
    ordering: this.currentOrdering(),
    page: this.currentPage(),
    page_size: CASES_PAGE_SIZE,
  }));

  protected readonly stats = rxResource({
    params: () => ({ property: this.selectedProperty() || null }),
    stream: ({ params }) => this.collections.getDashboardStats(params),
  });
  protected readonly cases = rxResource({
    params: () => this.filters(),
    stream: ({ params }) => this.collections.getCases(params),
  });

  /** The last page received, kept on screen while the next one loads. */
  private readonly lastPage = linkedSignal<Paginated<CollectionCase> | undefined, Paginated<CollectionCase> | undefined>({
    source: () => (this.cases.hasValue() ? this.cases.value() : undefined),
    computation: (page, previous) => page ?? previous?.value,
  });
  protected readonly rows = computed(() => this.lastPage()?.results ?? []);
  protected readonly total = computed(() => this.lastPage()?.count ?? 0);
  protected readonly hasFilters = computed(
    () =>
      this.selectedStatus() !== 'unresolved' ||
      !!this.selectedLevel() ||
      !!this.selectedTone() ||
      !!this.selectedRisk() ||
      !!this.selectedProperty() ||
      !!this.q(),
  );

  protected readonly scan = signal<ScanState>({ state: 'idle' });
  /** Seconds since "Scan Now" was pressed (ticks while the scan runs). */
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

  protected readonly message = errorMessage;
  protected readonly nextAction = nextActionView;

  constructor() {
    this.searchInput
      .pipe(debounceTime(300), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((text) => this.navigate({ q: text.trim() || null, page: null }));
    effect(() => {
      const page = this.lastPage();
      if (page && page.results.length === 0 && page.count > 0 && this.currentPage() > 1) {
        this.navigate({ page: Math.ceil(page.count / CASES_PAGE_SIZE) });
      }
    });
    this.destroyRef.onDestroy(() => this.stopTimer());
  }

  protected readonly fmt = formatMoney;

  protected onSearch(text: string): void {
    this.searchText.set(text);
    this.searchInput.next(text);
  }

  protected setFilter(key: 'status' | 'level' | 'tone' | 'risk' | 'property', value: string): void {
    const v = key === 'status' && value === 'unresolved' ? null : value;
    this.navigate({ [key]: v === '' ? null : v, page: null });
  }

  protected clearFilters(): void {
    this.searchText.set('');
    void this.router.navigate([], { queryParams: {}, replaceUrl: true });
  }

  protected sortField(): string | null {
    return this.currentOrdering()?.replace(/^-/, '') ?? null;
  }

  protected descending(): boolean {
    return this.currentOrdering()?.startsWith('-') ?? false;
  }

  protected ariaSort(field: string): string | null {
    if (this.sortField() !== field) return null;
    return this.descending() ? 'descending' : 'ascending';
  }

  /** Descending first (the biggest problems on top) → ascending → the default order. */
  protected toggleSort(field: string): void {
    let next: string | null;
    if (this.sortField() !== field) next = `-${field}`;
    else if (this.descending()) next = field;
    else next = null;
    this.navigate({ ordering: next, page: null });
  }

  protected goToPage(page: number): void {
    this.navigate({ page: page > 1 ? page : null });
  }

  protected openCase(c: CollectionCase): void {
    void this.router.navigate(['/collections', c.id]);
  }

  /** "Scan Now": scan the ledgers, open/refresh cases, send the steps that are due; then refresh. */
  protected runScan(): void {
    if (this.scan().state === 'running') return;
    const startedAt = Date.now();
    this.scan.set({ state: 'running', startedAt });
    this.scanElapsed.set(0);
    this.stopTimer();
    this.scanTimer = setInterval(() => this.scanElapsed.set(Math.floor((Date.now() - startedAt) / 1000)), 1000);
    this.collections
      .runScan()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (result) => {
          this.stopTimer();
          this.scan.set({ state: 'done', result, seconds: Math.max(1, Math.round((Date.now() - startedAt) / 1000)) });
          this.toast.success('Collections scan finished.');
          this.stats.reload();
          this.cases.reload();
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

  private stopTimer(): void {
    if (this.scanTimer) clearInterval(this.scanTimer);
    this.scanTimer = null;
  }

  private navigate(changes: Record<string, string | number | null>): void {
    void this.router.navigate([], { queryParams: changes, queryParamsHandling: 'merge', replaceUrl: true });
  }
}
