import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { Subject, debounceTime } from 'rxjs';

import { LEASE_STATUSES, LEASE_STATUS_LABELS, LeaseStatus, Property } from '../../../core/models';
import {
  CommandCenterFilters,
  CommandCenterSummary,
  RISK_LEVELS,
  RiskChoice,
} from '../../../core/services/command-center.service';
import { RISK_LABELS, RISK_TITLES, SORT_OPTIONS, gapChoiceOf } from '../command-center-format';
import { GAP_CHOICES, GapChoice, isGapChoice } from '../../../shared/utils/market-gap';

/**
 * The command center's filters (spec 1.4 FilterBarComponent): lifecycle checkboxes (with each state's count
 * under the other filters), property, rent range, risk, search and sort. Emits partial changes; the page
 * keeps them in the URL.
 */
@Component({
  selector: 'app-cc-filter-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule],
  host: { 'data-testid': 'cc-filters' },
  template: `
    <div class="line">
      <span class="label">Lifecycle</span>
      <div class="states" role="group" aria-label="Lifecycle state">
        @for (s of states; track s) {
          <label class="state-check" [attr.data-state]="s" [attr.data-testid]="'state-' + s">
            <input type="checkbox" [checked]="selectedStates().has(s)" (change)="toggleState(s)" />
            <span class="dot" aria-hidden="true"></span>
            {{ stateLabels[s] }}
            @if (summary(); as sum) {
              <span class="count" [attr.data-testid]="'state-count-' + s">{{
                sum[s].toLocaleString('en-US')
              }}</span>
            }
          </label>
        }
      </div>
      <button
        type="button"
        class="btn btn-sm btn-ghost clear"
        data-testid="clear-filters"
        [disabled]="!hasFilters()"
        (click)="clear()"
      >
        Clear filters
      </button>
    </div>
    <div class="line">
      <label class="field-inline">
        <span class="label">Property</span>
        <select
          class="select"
          data-testid="filter-property"
          [ngModel]="filters().property ?? ''"
          (ngModelChange)="changed.emit({ property: $event || null })"
        >
          <option value="">All properties</option>
          @for (p of properties(); track p.id) {
            <option [value]="p.id">{{ p.name }}</option>
          }
        </select>
      </label>
      <label class="field-inline">
        <span class="label">Rent</span>
        <input
          class="input rent"
          type="number"
          min="0"
          step="50"
          placeholder="$0"
          aria-label="Minimum rent"
          data-testid="filter-min-rent"
          [ngModel]="minRent()"
          (ngModelChange)="minRent.set($event); rentInput.next()"
        />
        <span class="muted">–</span>
        <input
          class="input rent"
          type="number"
          min="0"
          step="50"
          placeholder="Any"
          aria-label="Maximum rent"
          data-testid="filter-max-rent"
          [ngModel]="maxRent()"
          (ngModelChange)="maxRent.set($event); rentInput.next()"
        />
      </label>
      <label class="field-inline">
        <span class="label">Risk</span>
        <select
          class="select"
          data-testid="filter-risk"
          [ngModel]="risk()"
          (ngModelChange)="changed.emit({ risk_level: $event ? [$event] : [] })"
        >
          <option value="">All</option>
          <option value="none">{{ riskTitles.none }}</option>
          @for (r of riskLevels; track r) {
            <option [value]="r">{{ riskLabels[r] }} — {{ riskTitles[r] }}</option>
          }
        </select>
      </label>
      <label class="field-inline">
        <span class="label">Vs market</span>
        <select
          class="select"
          data-testid="filter-gap"
          [ngModel]="gap() ?? ''"
          (ngModelChange)="setGap($event)"
        >
          <option value="">Any gap to market</option>
          @for (g of gapChoices; track g) {
            <option [value]="g">{{ gapLabels[g].label }}</option>
          }
        </select>
      </label>
      <label class="field-inline grow">
        <span class="label">Search</span>
        <input
          class="input search"
          type="search"
          placeholder="Unit or tenant"
          data-testid="filter-search"
          [ngModel]="searchText()"
          (ngModelChange)="searchText.set($event); searchInput.next($event)"
        />
      </label>
      <label class="field-inline">
        <span class="label">Sort by</span>
        <select
          class="select"
          data-testid="filter-sort"
          [ngModel]="filters().ordering ?? 'days_to_event'"
          (ngModelChange)="changed.emit({ ordering: $event })"
        >
          @for (o of sortOptions; track o.value) {
            <option [value]="o.value">{{ o.label }}</option>
          }
        </select>
      </label>
    </div>
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      gap: 10px;
      padding: 14px 18px;
    }
    .line {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 10px 18px;
    }
    .label {
      font: 700 11px var(--font-body);
      text-transform: uppercase;
      letter-spacing: 0.05em;
      color: var(--muted);
    }
    .states {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .state-check {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 4px 10px;
      border: 1px solid var(--border);
      border-radius: 999px;
      cursor: pointer;
      font-weight: 600;
      font-size: 13px;
      background: var(--surface);
    }
    .state-check:has(input:checked) {
      border-color: var(--primary);
      background: var(--surface-2);
    }
    .state-check .dot {
      width: 8px;
      height: 8px;
      border-radius: 50%;
    }
    .state-check[data-state='active'] .dot {
      background: var(--lc-active);
    }
    .state-check[data-state='month_to_month'] .dot {
      background: var(--lc-mtm);
    }
    .state-check[data-state='notice'] .dot {
      background: var(--lc-notice);
    }
    .state-check[data-state='vacant'] .dot {
      background: var(--lc-vacant);
    }
    .count {
      font: 500 11px var(--font-mono);
      color: var(--muted);
    }
    .field-inline {
      display: inline-flex;
      align-items: center;
      gap: 8px;
    }
    .grow {
      flex: 1;
      min-width: 200px;
    }
    .grow .input {
      flex: 1;
    }
    .rent {
      width: 96px;
    }
    .clear {
      margin-left: auto;
    }
  `,
})
export class FilterBarComponent {
  readonly filters = input.required<CommandCenterFilters>();
  readonly summary = input<CommandCenterSummary | null>(null);
  readonly properties = input<Property[]>([]);
  readonly changed = output<Partial<CommandCenterFilters>>();

  protected readonly states = LEASE_STATUSES;
  protected readonly stateLabels = LEASE_STATUS_LABELS;
  protected readonly riskLevels = RISK_LEVELS;
  protected readonly riskLabels = RISK_LABELS;
  protected readonly riskTitles = RISK_TITLES;
  protected readonly gapChoices = Object.keys(GAP_CHOICES) as GapChoice[];
  protected readonly gapLabels = GAP_CHOICES;
  protected readonly gap = computed(() => gapChoiceOf(this.filters()));
  protected readonly sortOptions = SORT_OPTIONS;

  protected readonly selectedStates = computed(() => new Set(this.filters().lifecycle_state ?? []));
  protected readonly risk = computed<RiskChoice | ''>(() => this.filters().risk_level?.[0] ?? '');
  protected readonly minRent = linkedSignal<string | number | null>(
    () => this.filters().min_rent ?? null,
  );
  protected readonly maxRent = linkedSignal<string | number | null>(
    () => this.filters().max_rent ?? null,
  );
  protected readonly searchText = linkedSignal(() => this.filters().search ?? '');
  protected readonly hasFilters = computed(() => {
    const f = this.filters();
    return !!(
      f.lifecycle_state?.length ||
      f.property ||
      f.risk_level?.length ||
      f.min_rent ||
      f.max_rent ||
      f.search ||
      f.gap_pct_min != null ||
      f.gap_pct_max != null
    );
  });

  protected readonly searchInput = new Subject<string>();
  protected readonly rentInput = new Subject<void>();

  constructor() {
    const destroyRef = inject(DestroyRef);
    this.searchInput
      .pipe(debounceTime(300), takeUntilDestroyed(destroyRef))
      .subscribe((q) => this.changed.emit({ search: q.trim() || null }));
    this.rentInput.pipe(debounceTime(500), takeUntilDestroyed(destroyRef)).subscribe(() =>
      this.changed.emit({
        min_rent: blankToNull(this.minRent()),
        max_rent: blankToNull(this.maxRent()),
      }),
    );
  }

  protected toggleState(state: LeaseStatus): void {
    const next = new Set(this.selectedStates());
    if (next.has(state)) next.delete(state);
    else next.add(state);
    this.changed.emit({ lifecycle_state: LEASE_STATUSES.filter((s) => next.has(s)) });
  }

  protected setGap(choice: string): void {
    const g = isGapChoice(choice) ? GAP_CHOICES[choice] : null;
    this.changed.emit({ gap_pct_min: g?.gap_pct_min ?? null, gap_pct_max: g?.gap_pct_max ?? null });
  }

  protected clear(): void {
    this.changed.emit({
      lifecycle_state: [],
      property: null,
      risk_level: [],
      min_rent: null,
      max_rent: null,
      gap_pct_min: null,
      gap_pct_max: null,
      search: null,
    });
  }
}

function blankToNull(value: string | number | null): number | null {
  if (value === null || value === '') return null;
  const n = Number(value);
  return Number.isFinite(n) && n >= 0 ? n : null;
}
