import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { Subscription } from 'rxjs';

import { AuthService } from '../../core/auth/auth.service';
import { ToastService } from '../../core/notifications/toast.service';
import {
  ActionTypeInfo,
  BulkPreselection,
  CommandCenterFilters,
  CommandCenterRow,
  CommandCenterService,
  CommandCenterSummary,
} from '../../core/services/command-center.service';
import { PropertyService } from '../../core/services/property.service';
import { errorMessage } from '../../core/utils/api-error';
import { IconComponent } from '../../shared/components/icon.component';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import {
  CC_PAGE_SIZE,
  bulkPreselection,
  filtersFromQuery,
  pagesToLoad,
  placePage,
  queryFromFilters,
  sumMoney,
} from './command-center-format';
import { BulkActionModalComponent } from './components/bulk-action-modal.component';
import { FilterBarComponent } from './components/filter-bar.component';
import { RowRange, UnitTableComponent } from './components/unit-table.component';
import { downloadBlob } from '../../shared/utils/download';

type LoadState = { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string };

/** Rows beyond the rendered range fetched ahead, so scrolling rarely shows placeholders. */
const LOOKAHEAD_ROWS = 100;

/**
 * Portfolio Command Center (spec 1.4): every unit with its lifecycle state, rent, days to its next event,
 * collections risk and top AI recommendation; filters in the URL; a virtual-scrolled list that loads pages
 * as they scroll into view; select some or all (N) with a running total of the selected rent; Bulk Actions
 * → preview → send → results; Export CSV of the current filter.
 */
@Component({
  selector: 'app-command-center',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MoneyPipe,
    IconComponent,
    FilterBarComponent,
    UnitTableComponent,
    BulkActionModalComponent,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
  ],
  templateUrl: './command-center.component.html',
  styleUrl: './command-center.component.css',
})
export class CommandCenterComponent {
  private readonly api = inject(CommandCenterService);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);
  private readonly propertyService = inject(PropertyService);
  private readonly auth = inject(AuthService);

  /** Selection, Bulk Actions (run_bulk_actions) and the AI agent button (run_agents) are for roles that may. */
  protected readonly canBulk = computed(() => this.auth.can('run_bulk_actions'));
  protected readonly canRunAgent = computed(() => this.auth.can('run_agents'));

  // Query params (bound by the router): ?state=month_to_month,notice&property=…&risk=…&min=…&max=…&gap=…&q=…&sort=…
  readonly state = input<string | undefined>();
  readonly property = input<string | undefined>();
  readonly risk = input<string | undefined>();
  readonly min = input<string | undefined>();
  readonly max = input<string | undefined>();
  readonly gap = input<string | undefined>();
  readonly q = input<string | undefined>();
  readonly sort = input<string | undefined>();

  protected readonly filters = computed<CommandCenterFilters>(() =>
    filtersFromQuery({
      state: this.state(),
      property: this.property(),
      risk: this.risk(),
      min: this.min(),
      max: this.max(),
      gap: this.gap(),
      q: this.q(),
      sort: this.sort(),
    }),
  );

  // The list: one slot per matching unit, filled page by page as it scrolls into view.
  protected readonly rows = signal<(CommandCenterRow | undefined)[]>([]);
  protected readonly summary = signal<CommandCenterSummary | null>(null);
  protected readonly load = signal<LoadState>({ kind: 'loading' });
  private readonly requested = new Set<number>();
  private generation = 0;
  private inFlight: Subscription[] = [];

  // Selection: unit id → its rent (for the running total).
  protected readonly selected = signal<ReadonlyMap<string, string | null>>(new Map());
  protected readonly selectedRent = computed(() => sumMoney(this.selected().values()));
  protected readonly selecting = signal(false);
  protected readonly selectionNote = signal<string | null>(null);

  protected readonly menuOpen = signal(false);
  protected readonly modal = signal<{
    info: ActionTypeInfo;
    ids: string[];
    labels: Record<string, string>;
  } | null>(null);
  protected readonly exporting = signal(false);
  protected readonly agentRunning = signal(false);

  protected readonly properties = rxResource({
    stream: () => this.propertyService.getProperties({ page_size: 500, ordering: 'name' }),
  });
  protected readonly propertyList = computed(() =>
    this.properties.hasValue() ? this.properties.value().results : [],
  );
  /** The bulk actions' menu, loaded only for a role that can run them. */
  protected readonly actionTypes = rxResource({
    params: () => (this.canBulk() ? true : undefined),
    stream: () => this.api.getActionTypes(),
  });

  private readonly table = viewChild(UnitTableComponent);

  /** Units another screen (the chat's "Draft rent-increase notices") asked to open selected, with its preview. */
  private pendingBulk: BulkPreselection | null = bulkPreselection(this.router.currentNavigation());
  private readonly bulkToOpen = signal<string | null>(null);

  constructor() {
    // Opened with units to act on: once the action types are known, the bulk action's preview opens over them.
    effect(() => {
      const action = this.bulkToOpen();
      if (!action || !this.actionTypes.hasValue()) return;
      const types = this.actionTypes.value();
      untracked(() => {
        this.bulkToOpen.set(null);
        const info = types.find((t) => t.action_type === action);
        if (info && this.selected().size) this.openAction(info);
        else this.toast.error('That bulk action is not available.');
      });
    });
    // A new filter starts a new list (and a new selection: never act on units the manager can no longer see).
    effect(() => {
      const filters = this.filters();
      untracked(() => this.reset(filters));
    });
    inject(DestroyRef).onDestroy(() => this.cancelInFlight());
  }

  // ── loading ──────────────────────────────────────────────────────────────────────────────────────

  protected reload(): void {
    this.reset(this.filters());
  }

  private reset(filters: CommandCenterFilters): void {
    this.generation++;
    this.cancelInFlight();
    this.requested.clear();
    const pre = this.pendingBulk;
    this.pendingBulk = null;
    this.selected.set(
      pre && this.canBulk()
        ? new Map(pre.unit_ids.map((id, i) => [id, pre.rents?.[i] ?? null]))
        : new Map(),
    );
    if (pre && this.canBulk()) this.bulkToOpen.set(pre.action_type);
    this.selectionNote.set(null);
    this.load.set({ kind: 'loading' });
    this.table()?.scrollToTop();
    this.fetchPage(1, filters, this.generation);
  }

  private cancelInFlight(): void {
    this.inFlight.forEach((s) => s.unsubscribe());
    this.inFlight = [];
  }

  private fetchPage(page: number, filters: CommandCenterFilters, generation: number): void {
    this.requested.add(page);
    const sub = this.api.getUnits(filters, page, CC_PAGE_SIZE).subscribe({
      next: (res) => {
        if (generation !== this.generation) return;
        this.summary.set(res.summary);
        const current =
          page === 1 ? new Array<CommandCenterRow | undefined>(res.count) : this.rows();
        this.rows.set(placePage(current, page, CC_PAGE_SIZE, res.results));
        if (page === 1) this.load.set({ kind: 'ready' });
      },
      error: (err) => {
        if (generation !== this.generation) return;
        this.requested.delete(page);
        if (page === 1) this.load.set({ kind: 'error', message: errorMessage(err) });
        else this.toast.error(`Could not load more units: ${errorMessage(err)}`);
      },
    });
    this.inFlight.push(sub);
  }

  protected onRange(range: RowRange): void {
    if (this.load().kind !== 'ready') return;
    const total = this.rows().length;
    for (const page of pagesToLoad(
      range.start,
      range.end + LOOKAHEAD_ROWS,
      total,
      CC_PAGE_SIZE,
      this.requested,
    )) {
      this.fetchPage(page, this.filters(), this.generation);
    }
  }

  // ── filters ──────────────────────────────────────────────────────────────────────────────────────

  protected onFilters(change: Partial<CommandCenterFilters>): void {
    const next = { ...this.filters(), ...change };
    this.router.navigate([], {
      queryParams: queryFromFilters(next),
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  // ── selection ────────────────────────────────────────────────────────────────────────────────────

  protected toggleRow(row: CommandCenterRow): void {
    this.selected.update((m) => {
      const next = new Map(m);
      if (next.has(row.id)) next.delete(row.id);
      else next.set(row.id, row.rent);
      return next;
    });
  }

  protected toggleAll(): void {
    if (this.selected().size > 0 && this.selected().size >= this.rows().length) {
      this.clearSelection();
      return;
    }
    this.selectAll();
  }

  /** Selects every unit the filter matches (ids and rents from the API, not just the loaded rows). */
  protected selectAll(): void {
    const generation = this.generation;
    this.selecting.set(true);
    this.api.selectAll(this.filters()).subscribe({
      next: (res) => {
        this.selecting.set(false);
        if (generation !== this.generation) return;
        this.selected.set(new Map(res.unit_ids.map((id, i) => [id, res.rents[i] ?? null])));
        this.selectionNote.set(
          res.truncated
            ? `Selected the first ${res.count.toLocaleString('en-US')} units; narrow the filter to act on the rest.`
            : null,
        );
      },
      error: (err) => {
        this.selecting.set(false);
        this.toast.error(`Could not select all units: ${errorMessage(err)}`);
      },
    });
  }

  protected clearSelection(): void {
    this.selected.set(new Map());
    this.selectionNote.set(null);
  }

  // ── actions ──────────────────────────────────────────────────────────────────────────────────────

  protected openAction(info: ActionTypeInfo): void {
    this.menuOpen.set(false);
    const ids = [...this.selected().keys()];
    if (!ids.length) return;
    const wanted = new Set(ids.slice(0, 6));
    const labels: Record<string, string> = {};
    for (const row of this.rows()) {
      if (row && wanted.has(row.id))
        labels[row.id] = row.tenant_name
          ? `${row.unit_number} (${row.tenant_name})`
          : row.unit_number;
    }
    this.modal.set({ info, ids, labels });
  }

  protected onModalClosed(executed: boolean): void {
    this.modal.set(null);
    if (executed) this.reload();
  }

  protected exportCsv(): void {
    this.exporting.set(true);
    this.api.exportCsv(this.filters()).subscribe({
      next: (blob) => {
        this.exporting.set(false);
        downloadBlob(`command-center-${new Date().toISOString().slice(0, 10)}.csv`, blob);
      },
      error: (err) => {
        this.exporting.set(false);
        this.toast.error(`Export failed: ${errorMessage(err)}`);
      },
    });
  }

  /** Runs the nightly AI agent now, then reloads the list with the fresh recommendations. */
  protected runAgent(): void {
    this.agentRunning.set(true);
    this.api.runAgent().subscribe({
      next: (res) => {
        this.agentRunning.set(false);
        this.toast.success(res.summary ?? 'The AI agent is running; refresh in a minute.');
        this.reload();
      },
      error: (err) => {
        this.agentRunning.set(false);
        this.toast.error(`The AI agent failed: ${errorMessage(err)}`);
      },
    });
  }
}
