import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';

import {
  COLLECTION_STATUSES,
  COLLECTION_STATUS_LABELS,
  COLLECTION_TONES,
  CollectionCase,
  CollectionFilters,
  CollectionRunScanResult,
  MAX_ESCALATION_LEVEL,
  RISK_PROFILES,
  RISK_PROFILE_LABELS,
  TONE_LABELS,
  UNRESOLVED_STATUSES,
} from '../../core/models';
import { AuthService } from '../../core/auth/auth.service';
import { ToastService } from '../../core/notifications/toast.service';
import { CollectionsService } from '../../core/services/collections.service';
import { errorMessage } from '../../core/utils/api-error';
import { EscalationDotsComponent } from '../../shared/components/escalation-dots.component';
import { IconComponent } from '../../shared/components/icon.component';
import { StatCardComponent } from '../../shared/components/stat-card.component';
import {
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { StatusBadgeComponent } from '../../shared/components/status-badge.component';
import { filterOptions } from '../../shared/list/filter-select.component';
import { ListBodyComponent } from '../../shared/list/list-body.component';
import { ListToolbarComponent, ToolbarFilter } from '../../shared/list/list-toolbar.component';
import { listState, oneOf } from '../../shared/list/list-state';
import { ScanBannerComponent } from '../../shared/list/scan-banner.component';
import { scanRun } from '../../shared/list/scan-run';
import { SORT_HEADER } from '../../shared/list/sort-header';
import { MoneyPipe, formatMoney } from '../../shared/pipes/money.pipe';
import { nextActionView } from './collections-format';
import { DunningTimelineComponent } from './components/dunning-timeline.component';

export const CASES_PAGE_SIZE = 25;
/** The status filter: a single status, every unresolved case (default) or all. */
export type StatusChoice = 'unresolved' | 'all' | (typeof COLLECTION_STATUSES)[number];

/** Statuses sent to the API for a status choice. */
export function statusParam(choice: StatusChoice | string): string | null {
  if (choice === 'all') return null;
  if (choice === 'unresolved') return UNRESOLVED_STATUSES.join(',');
  return choice;
}

const LEVELS = Array.from({ length: MAX_ESCALATION_LEVEL + 1 }, (_, i) => String(i));

/**
 * Smart Collections dashboard (spec 1.3 wireframe): totals, the case table with level dots, next
 * action, tone and the dunning strip per case, filters in the URL, and "Scan Now".
 */
@Component({
  selector: 'app-collections-dashboard',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    FormsModule,
    RouterLink,
    MoneyPipe,
    IconComponent,
    StatCardComponent,
    EscalationDotsComponent,
    DunningTimelineComponent,
    StatusBadgeComponent,
    LoadingStateComponent,
    ErrorStateComponent,
    SORT_HEADER,
    ListToolbarComponent,
    ListBodyComponent,
    ScanBannerComponent,
  ],
  templateUrl: './collections-dashboard.component.html',
  styleUrls: ['../../shared/styles/dashboard-page.css', './collections-dashboard.component.css'],
})
export class CollectionsDashboardComponent {
  private readonly collections = inject(CollectionsService);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);
  private readonly auth = inject(AuthService);

  /** "Scan Now" is for roles that run the agents. */
  protected readonly canScan = computed(() => this.auth.can('run_agents'));

  protected readonly toolbarFilters: readonly ToolbarFilter[] = [
    {
      key: 'status',
      label: 'Status',
      testId: 'status-filter',
      options: filterOptions(COLLECTION_STATUSES, COLLECTION_STATUS_LABELS, {
        first: [{ value: 'unresolved', label: 'Unresolved' }],
        last: [{ value: 'all', label: 'All cases' }],
      }),
    },
    {
      key: 'level',
      label: 'Level',
      testId: 'level-filter',
      options: filterOptions(LEVELS, (l) => `Level ${l}/5`, {
        first: [{ value: '', label: 'Any level' }],
      }),
    },
    {
      key: 'tone',
      label: 'Tone',
      testId: 'tone-filter',
      options: filterOptions(COLLECTION_TONES, TONE_LABELS, {
        first: [{ value: '', label: 'Any tone' }],
      }),
    },
    {
      key: 'risk',
      label: 'Risk profile',
      testId: 'risk-filter',
      options: filterOptions(RISK_PROFILES, RISK_PROFILE_LABELS, {
        first: [{ value: '', label: 'Any risk profile' }],
      }),
    },
  ];

  /** Filters, search, sort (the API's default unless chosen) and page in the URL. */
  protected readonly list = listState({
    filters: {
      status: { default: 'unresolved', parse: oneOf(['all', ...COLLECTION_STATUSES]) },
      level: { parse: oneOf(LEVELS) },
      tone: { parse: oneOf(COLLECTION_TONES) },
      risk: { parse: oneOf(RISK_PROFILES) },
      property: {},
    },
    pageSize: CASES_PAGE_SIZE,
  });

  protected readonly filters = computed<CollectionFilters>(() => {
    const f = this.list.filters();
    return {
      status: statusParam(f.status),
      escalation_level: f.level || null,
      tone: f.tone || null,
      risk_profile: f.risk || null,
      property: f.property || null,
      ...this.list.query(),
    };
  });

  protected readonly stats = rxResource({
    params: () => ({ property: this.list.filters().property || null }),
    stream: ({ params }) => this.collections.getDashboardStats(params),
  });
  protected readonly cases = rxResource({
    params: () => this.filters(),
    stream: ({ params }) => this.collections.getCases(params),
  });
  private readonly shown = this.list.keepPage(() =>
    this.cases.hasValue() ? this.cases.value() : undefined,
  );
  protected readonly rows = computed(() => this.shown()?.results ?? []);
  protected readonly total = computed(() => this.shown()?.count ?? 0);

  /** "Scan Now": scan the ledgers, open/refresh cases, send the steps that are due; then refresh. */
  protected readonly scan = scanRun<CollectionRunScanResult>(
    () => this.collections.runScan(),
    () => {
      this.toast.success('Collections scan finished.');
      this.stats.reload();
      this.cases.reload();
    },
  );

  protected readonly message = errorMessage;
  protected readonly nextAction = nextActionView;
  protected readonly fmt = formatMoney;

  protected openCase(c: CollectionCase): void {
    void this.router.navigate(['/collections', c.id]);
  }
}
