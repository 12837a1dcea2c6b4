import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';

import {
  CHURN_RISK_LABELS,
  CHURN_RISK_LEVELS,
  ChurnRiskLevel,
  RENEWAL_STATUSES,
  RENEWAL_STATUS_LABELS,
  RenewalFilters,
  RenewalRecommendation,
  RenewalRunScanResult,
} from '../../core/models';
import { AuthService } from '../../core/auth/auth.service';
import { ToastService } from '../../core/notifications/toast.service';
import { RenewalService } from '../../core/services/renewal.service';
import { errorMessage } from '../../core/utils/api-error';
import { toIsoDate } from '../../core/utils/dates';
import { ChurnRiskBadgeComponent } from '../../shared/components/churn-risk-badge.component';
import { IconComponent } from '../../shared/components/icon.component';
import { LeaseStatusBadgeComponent } from '../../shared/components/lease-status-badge.component';
import {
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { StatusBadgeComponent } from '../../shared/components/status-badge.component';
import { filterOptions } from '../../shared/list/filter-select.component';
import { ListBodyComponent } from '../../shared/list/list-body.component';
import { GAP_CHOICES, GapChoice, formatGapPct } from '../../shared/utils/market-gap';
import { ListToolbarComponent, ToolbarFilter } from '../../shared/list/list-toolbar.component';
import { listState, oneOf } from '../../shared/list/list-state';
import { ScanBannerComponent } from '../../shared/list/scan-banner.component';
import { scanRun } from '../../shared/list/scan-run';
import { SORT_HEADER } from '../../shared/list/sort-header';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { MoneyPipe, formatMoney } from '../../shared/pipes/money.pipe';
import { BulkApproveDialogComponent } from './components/bulk-approve-dialog.component';
import { downloadBlob, formatPct, strategyLine } from './renewals-format';

export const RENEWALS_PAGE_SIZE = 25;
/** Open = on the manager's desk or waiting for the tenant (the default). */
export const OPEN_RENEWAL_STATUSES = ['pending', 'approved', 'sent'] as const;
export type RenewalStatusChoice = 'open' | 'all' | (typeof RENEWAL_STATUSES)[number];

export function renewalStatusParam(choice: RenewalStatusChoice | string): string | null {
  if (choice === 'all') return null;
  if (choice === 'open') return OPEN_RENEWAL_STATUSES.join(',');
  return choice;
}

export { GAP_CHOICES, formatGapPct };
export type { GapChoice };

/** A pending recommendation picked for bulk approval, with the rent it will be approved at. */
export interface PickedRenewal {
  id: string;
  rent: number;
}

/**
 * Renewal Intelligence dashboard (spec 1.2 wireframe): risk-level cards, acceptance and pipeline,
 * revenue impact, and the recommendations ranked by churn risk with their strategy line, market rent and
 * gap; pending rows can be picked and approved together.
 */
@Component({
  selector: 'app-renewal-dashboard',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    MoneyPipe,
    AppDatePipe,
    IconComponent,
    ChurnRiskBadgeComponent,
    LeaseStatusBadgeComponent,
    StatusBadgeComponent,
    LoadingStateComponent,
    ErrorStateComponent,
    BulkApproveDialogComponent,
    SORT_HEADER,
    ListToolbarComponent,
    ListBodyComponent,
    ScanBannerComponent,
  ],
  templateUrl: './renewal-dashboard.component.html',
  styleUrls: ['../../shared/styles/dashboard-page.css', './renewal-dashboard.component.css'],
})
export class RenewalDashboardComponent {
  private readonly renewals = inject(RenewalService);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);
  private readonly auth = inject(AuthService);

  /** Run Scan is for roles that run the agents; picking and bulk-approving for those that manage renewals. */
  protected readonly canScan = computed(() => this.auth.can('run_agents'));
  protected readonly canApprove = computed(() => this.auth.can('manage_renewals'));

  protected readonly riskLevels = CHURN_RISK_LEVELS;
  protected readonly riskLabels = CHURN_RISK_LABELS;
  protected readonly toolbarFilters: readonly ToolbarFilter[] = [
    {
      key: 'status',
      label: 'Status',
      testId: 'status-filter',
      options: filterOptions(RENEWAL_STATUSES, RENEWAL_STATUS_LABELS, {
        first: [{ value: 'open', label: 'Open (pending, approved, sent)' }],
        last: [{ value: 'all', label: 'All' }],
      }),
    },
    {
      key: 'risk',
      label: 'Risk level',
      testId: 'risk-filter',
      options: filterOptions(CHURN_RISK_LEVELS, CHURN_RISK_LABELS, {
        first: [{ value: '', label: 'Any risk' }],
      }),
    },
    {
      key: 'gap',
      label: 'Gap to market',
      testId: 'gap-filter',
      options: filterOptions(Object.keys(GAP_CHOICES), (g) => GAP_CHOICES[g as GapChoice].label, {
        first: [{ value: '', label: 'Any gap to market' }],
      }),
    },
  ];

  /** Filters, search, sort and page in the URL; ranked by risk unless the manager sorts otherwise. */
  protected readonly list = listState({
    filters: {
      status: { default: 'open', parse: oneOf(['all', ...RENEWAL_STATUSES]) },
      risk: { parse: oneOf(CHURN_RISK_LEVELS) },
      property: {},
      gap: { parse: oneOf(Object.keys(GAP_CHOICES)) },
    },
    defaultSort: '-churn_score',
    pageSize: RENEWALS_PAGE_SIZE,
  });
  protected readonly selectedRisk = computed(() => this.list.filters().risk as ChurnRiskLevel | '');

  protected readonly apiFilters = computed<RenewalFilters>(() => {
    const f = this.list.filters();
    const gap = f.gap ? GAP_CHOICES[f.gap as GapChoice] : null;
    return {
      status: renewalStatusParam(f.status),
      churn_risk_level: f.risk || null,
      property: f.property || null,
      gap_pct_min: gap?.gap_pct_min ?? null,
      gap_pct_max: gap?.gap_pct_max ?? null,
      ...this.list.query(),
    };
  });

  protected readonly stats = rxResource({
    params: () => ({ property: this.list.filters().property || null }),
    stream: ({ params }) => this.renewals.getDashboardStats(params),
  });
  protected readonly recs = rxResource({
    params: () => this.apiFilters(),
    stream: ({ params }) => this.renewals.getRecommendations(params),
  });
  private readonly shown = this.list.keepPage(() =>
    this.recs.hasValue() ? this.recs.value() : undefined,
  );
  protected readonly rows = computed(() => this.shown()?.results ?? []);
  protected readonly total = computed(() => this.shown()?.count ?? 0);

  /** Total of the four risk cards, for their share bars. */
  protected readonly riskTotal = computed(() => {
    if (!this.stats.hasValue()) return 0;
    const b = this.stats.value().by_risk_level;
    return CHURN_RISK_LEVELS.reduce((s, l) => s + (b[l] ?? 0), 0);
  });

  protected readonly scan = scanRun<RenewalRunScanResult>(
    () => this.renewals.runScan(),
    (result) => {
      this.toast.success(
        result.status === 'queued' ? 'Renewal scan queued.' : 'Renewal scan finished.',
      );
      this.reload();
    },
  );
  protected readonly exporting = signal(false);

  /** Pending recommendations picked for bulk approval (kept across pages; a new filter clears them). */
  protected readonly picked = signal<ReadonlyMap<string, PickedRenewal>>(new Map());
  protected readonly pickedTotalRent = computed(() =>
    [...this.picked().values()].reduce((s, p) => s + p.rent, 0),
  );
  protected readonly pendingRows = computed(() =>
    this.rows().filter((r) => r.status === 'pending'),
  );
  protected readonly allPendingPicked = computed(
    () => this.pendingRows().length > 0 && this.pendingRows().every((r) => this.picked().has(r.id)),
  );
  protected readonly confirming = signal(false);
  protected readonly approving = signal(false);

  protected readonly message = errorMessage;
  protected readonly strategyLine = strategyLine;
  protected readonly pct = formatPct;
  protected readonly gapPct = formatGapPct;
  protected readonly fmt = formatMoney;

  constructor() {
    effect(() => {
      this.list.filters();
      this.list.search();
      untracked(() => this.picked.set(new Map()));
    });
  }

  /** A risk card toggles its level. */
  protected toggleRisk(level: ChurnRiskLevel): void {
    this.list.toggleFilter('risk', level);
  }

  protected openRecommendation(r: RenewalRecommendation): void {
    void this.router.navigate(['/renewals', r.id]);
  }

  protected increase(r: RenewalRecommendation): number {
    return r.approved_rent ? r.offered_increase_pct : r.rent_increase_pct;
  }

  protected gapValue(r: RenewalRecommendation): number | null {
    return r.market_gap === null || r.market_gap === undefined ? null : Number(r.market_gap);
  }

  protected togglePick(r: RenewalRecommendation, on: boolean): void {
    this.picked.update((m) => {
      const next = new Map(m);
      if (on) next.set(r.id, { id: r.id, rent: Number(r.offered_rent) || 0 });
      else next.delete(r.id);
      return next;
    });
  }

  /** The header checkbox: every pending row on this page, or none of them. */
  protected togglePickPage(on: boolean): void {
    this.picked.update((m) => {
      const next = new Map(m);
      for (const r of this.pendingRows()) {
        if (on) next.set(r.id, { id: r.id, rent: Number(r.offered_rent) || 0 });
        else next.delete(r.id);
      }
      return next;
    });
  }

  protected approvePicked(): void {
    if (this.approving()) return;
    const ids = [...this.picked().keys()];
    this.approving.set(true);
    this.renewals.bulkApprove(ids).subscribe({
      next: (res) => {
        this.approving.set(false);
        this.confirming.set(false);
        this.picked.set(new Map());
        const skipped = res.skipped.length;
        const text = `Approved ${res.approved} renewal offer${res.approved === 1 ? '' : 's'}.`;
        if (skipped) {
          const reasons = [...new Set(res.skipped.map((s) => s.reason))].slice(0, 2).join('; ');
          this.toast.info(`${text} ${skipped} skipped: ${reasons}`);
        } else {
          this.toast.success(text);
        }
        this.reload();
      },
      error: (err: unknown) => {
        this.approving.set(false);
        this.confirming.set(false);
        this.toast.error(`Bulk approve failed: ${errorMessage(err)}`);
      },
    });
  }

  /** Every recommendation matching the filters, as CSV (the API's export). */
  protected exportCsv(): void {
    if (this.exporting()) return;
    this.exporting.set(true);
    const { page: _p, page_size: _s, ...filters } = this.apiFilters();
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

  private reload(): void {
    this.stats.reload();
    this.recs.reload();
  }
}
