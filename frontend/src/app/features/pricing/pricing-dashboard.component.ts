import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';

import { AuthService } from '../../core/auth/auth.service';
import {
  MarketPosition,
  PRICING_STRATEGIES,
  PRICING_STRATEGY_LABELS,
  PricingFilters,
  PricingRunResult,
  PricingSnapshot,
  PricingStrategy,
} from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { PricingService } from '../../core/services/pricing.service';
import { errorMessage } from '../../core/utils/api-error';
import { toIsoDate } from '../../core/utils/dates';
import { IconComponent } from '../../shared/components/icon.component';
import {
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { filterOptions } from '../../shared/list/filter-select.component';
import { ListBodyComponent } from '../../shared/list/list-body.component';
import { listState, oneOf } from '../../shared/list/list-state';
import { ListToolbarComponent, ToolbarFilter } from '../../shared/list/list-toolbar.component';
import { ScanBannerComponent } from '../../shared/list/scan-banner.component';
import { scanRun } from '../../shared/list/scan-run';
import { SORT_HEADER } from '../../shared/list/sort-header';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import { formatGapPct } from '../../shared/utils/market-gap';
import { downloadBlob } from '../renewals/renewals-format';
import { bucketLabel, bucketTone, confidenceLabel } from './pricing-format';

export const PRICING_PAGE_SIZE = 25;
const POSITIONS = ['below', 'at', 'above'] as const;
const POSITION_LABELS: Record<MarketPosition, string> = {
  below: 'Below market',
  at: 'At market',
  above: 'Above market',
};
const VACANCY = ['vacant', 'occupied'] as const;

/**
 * Revenue Intelligence (spec 2.2 wireframe): the annual opportunity, units below / at / above market, the gap
 * distribution, and every unit's latest price with its strategy and confidence. Nothing here changes a rent:
 * a vacant unit's recommended rent is applied from its pricing page.
 */
@Component({
  selector: 'app-pricing-dashboard',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MoneyPipe,
    IconComponent,
    LoadingStateComponent,
    ErrorStateComponent,
    SORT_HEADER,
    ListToolbarComponent,
    ListBodyComponent,
    ScanBannerComponent,
  ],
  templateUrl: './pricing-dashboard.component.html',
  styleUrls: ['../../shared/styles/dashboard-page.css', './pricing-dashboard.component.css'],
})
export class PricingDashboardComponent {
  private readonly pricing = inject(PricingService);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);
  private readonly auth = inject(AuthService);

  protected readonly canRun = computed(() => this.auth.can('run_agents'));
  protected readonly positions = POSITIONS;
  protected readonly positionLabels = POSITION_LABELS;
  protected readonly strategyLabels = PRICING_STRATEGY_LABELS;

  protected readonly toolbarFilters: readonly ToolbarFilter[] = [
    {
      key: 'vacancy',
      label: 'Vacancy',
      testId: 'vacancy-filter',
      options: filterOptions(
        VACANCY,
        { vacant: 'Vacant units', occupied: 'Occupied units' },
        {
          first: [{ value: '', label: 'All units' }],
        },
      ),
    },
    {
      key: 'position',
      label: 'Rent vs market',
      testId: 'position-filter',
      options: filterOptions(POSITIONS, POSITION_LABELS, {
        first: [{ value: '', label: 'Any gap' }],
      }),
    },
    {
      key: 'strategy',
      label: 'Strategy',
      testId: 'strategy-filter',
      options: filterOptions(PRICING_STRATEGIES, PRICING_STRATEGY_LABELS, {
        first: [{ value: '', label: 'Any strategy' }],
      }),
    },
  ];

  /** Filters, search, sort and page in the URL; most below market first. */
  protected readonly list = listState({
    filters: {
      vacancy: { parse: oneOf(VACANCY) },
      position: { parse: oneOf(POSITIONS) },
      strategy: { parse: oneOf(PRICING_STRATEGIES) },
      property: {},
    },
    defaultSort: 'rent_gap_pct',
    pageSize: PRICING_PAGE_SIZE,
  });
  protected readonly selectedPosition = computed(() => this.list.filters().position ?? '');

  protected readonly apiFilters = computed<PricingFilters>(() => {
    const f = this.list.filters();
    return {
      property: f.property || null,
      is_vacant: f.vacancy === 'vacant' ? 'true' : f.vacancy === 'occupied' ? 'false' : null,
      position: f.position || null,
      pricing_strategy: f.strategy || null,
      ...this.list.query(),
    };
  });

  protected readonly opportunity = rxResource({
    params: () => ({ property: this.list.filters().property || null }),
    stream: ({ params }) => this.pricing.getRevenueOpportunity(params),
  });
  protected readonly snapshots = rxResource({
    params: () => this.apiFilters(),
    stream: ({ params }) => this.pricing.getSnapshots(params),
  });
  private readonly shown = this.list.keepPage(() =>
    this.snapshots.hasValue() ? this.snapshots.value() : undefined,
  );
  protected readonly rows = computed(() => this.shown()?.results ?? []);
  protected readonly total = computed(() => this.shown()?.count ?? 0);

  /** The tallest bucket of the gap distribution (bar heights are relative to it). */
  protected readonly maxBucket = computed(() => {
    if (!this.opportunity.hasValue()) return 0;
    return Math.max(0, ...this.opportunity.value().gap_distribution.map((b) => b.units));
  });

  protected readonly engine = scanRun<PricingRunResult>(
    () => this.pricing.runEngine(this.list.filters().property || null),
    () => {
      this.toast.success('Pricing engine finished.');
      this.opportunity.reload();
      this.snapshots.reload();
    },
  );
  protected readonly exporting = signal(false);

  protected readonly message = errorMessage;
  protected readonly gapPct = formatGapPct;
  protected readonly confidence = confidenceLabel;
  protected readonly bucketLabel = bucketLabel;
  protected readonly bucketTone = bucketTone;

  protected togglePosition(p: MarketPosition): void {
    this.list.toggleFilter('position', p);
  }

  protected share(n: number, total: number): number {
    return total ? (n / total) * 100 : 0;
  }

  protected strategyLabel(s: PricingStrategy): string {
    return this.strategyLabels[s] ?? s;
  }

  protected open(row: PricingSnapshot): void {
    void this.router.navigate(['/pricing', row.unit_id]);
  }

  protected exportCsv(): void {
    if (this.exporting()) return;
    this.exporting.set(true);
    const { page: _p, page_size: _s, ...filters } = this.apiFilters();
    this.pricing.exportCsv(filters).subscribe({
      next: (blob) => {
        downloadBlob(`pricing-${toIsoDate(new Date())}.csv`, blob);
        this.exporting.set(false);
      },
      error: (err: unknown) => {
        this.toast.error(`Export failed: ${errorMessage(err)}`);
        this.exporting.set(false);
      },
    });
  }
}
