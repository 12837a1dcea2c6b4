import {
  DestroyRef,
  Signal,
  WritableSignal,
  computed,
  effect,
  inject,
  linkedSignal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, ParamMap, Router, convertToParamMap } from '@angular/router';
import { Subject, debounceTime, distinctUntilChanged } from 'rxjs';

import { Paginated } from '../../core/models';

/** One filter kept in the URL: its default, and how a raw query-string value is validated. */
export interface FilterDef {
  /** The value when the URL has none (never written to the URL). Default ''. */
  default?: string;
  /** A valid value, or null to fall back to the default (e.g. an unknown status in a pasted URL). */
  parse?: (raw: string) => string | null;
}

export interface ListStateOptions<K extends string> {
  /** The list's filters by query-string key. */
  filters: Record<K, FilterDef>;
  /** The ordering when the URL has none, e.g. '-churn_score'; null = the API's default. */
  defaultSort?: string | null;
  /** Rows per page unless the URL says `size=`. */
  pageSize?: number;
  /** Page sizes the URL may pick (anything else falls back to `pageSize`). */
  pageSizes?: readonly number[];
  /** Milliseconds the search box waits before it changes the URL. */
  debounceMs?: number;
}

/** Anything a sortable table header can read and change (the list state, or a table's inputs). */
export interface Sortable {
  /** The API ordering in force, e.g. 'lease_end_date' or '-current_balance' (null: the API's default). */
  readonly ordering: Signal<string | null>;
  sortBy(ordering: string | null): void;
}

/** Query-string keys the list state owns besides the filters. */
export const LIST_PARAMS = { search: 'q', sort: 'ordering', page: 'page', size: 'size' } as const;

/** The next ordering when a column header is clicked. The one convention of every list screen:
 * descending first (biggest, latest, riskiest on top) → ascending → the list's default order. */
export function nextOrdering(current: string | null, field: string): string | null {
  const active = current?.replace(/^-/, '') ?? null;
  if (active !== field) return `-${field}`;
  if (current?.startsWith('-')) return field;
  return null;
}

/**
 * The state of a list screen — filters, search, sort, page and page size — as signals read from the
 * URL's query string, and methods that change the URL (never the signals directly), so a list can be
 * bookmarked, shared and restored by Back. Defaults never appear in the URL.
 *
 * Create it in a routed component's injection context:
 *
 *     protected readonly list = listState({ filters: { status: { default: 'open', parse: ... } },
 *                                           defaultSort: '-churn_score', pageSize: 25 });
 *     protected readonly recs = rxResource({ params: () => ({ status: this.list.filters().status, ...this.list.query() }), ... });
 *     protected readonly shown = this.list.keepPage(() => (this.recs.hasValue() ? this.recs.value() : undefined));
 */
export class ListState<K extends string> implements Sortable {
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);
  private readonly params: Signal<ParamMap>;
  private readonly searchInput = new Subject<string>();
  private readonly defs: Record<K, FilterDef>;
  private readonly defaultSize: number;
  private readonly sizes: readonly number[];

  /** Validated filter values, defaults filled in. */
  readonly filters: Signal<Record<K, string>>;
  /** The search term in the URL (trimmed). */
  readonly search: Signal<string>;
  /** What the search box shows: follows the URL, and typing changes it at once (the URL after a pause). */
  readonly searchText: WritableSignal<string>;
  readonly ordering: Signal<string | null>;
  readonly sortField: Signal<string | null>;
  readonly descending: Signal<boolean>;
  readonly page: Signal<number>;
  readonly pageSize: Signal<number>;
  /** Whether any filter or the search differs from the defaults (sort and page do not count). */
  readonly hasFilters: Signal<boolean>;
  /** search / ordering / page / page_size as the API's list endpoints take them. */
  readonly query: Signal<{
    search: string | null;
    ordering: string | null;
    page: number;
    page_size: number;
  }>;

  constructor(private readonly options: ListStateOptions<K>) {
    this.defs = options.filters;
    this.defaultSize = options.pageSize ?? 25;
    this.sizes = options.pageSizes ?? [this.defaultSize];
    this.params = toSignal(this.route.queryParamMap, {
      initialValue: this.route.snapshot?.queryParamMap ?? convertToParamMap({}),
    });

    this.filters = computed(() => {
      const p = this.params();
      const out = {} as Record<K, string>;
      for (const key of Object.keys(this.defs) as K[]) out[key] = this.read(p, key);
      return out;
    });
    this.search = computed(() => (this.params().get(LIST_PARAMS.search) ?? '').trim());
    this.searchText = linkedSignal(() => this.search());
    this.ordering = computed(
      () => this.params().get(LIST_PARAMS.sort) || (options.defaultSort ?? null),
    );
    this.sortField = computed(() => this.ordering()?.replace(/^-/, '') ?? null);
    this.descending = computed(() => this.ordering()?.startsWith('-') ?? false);
    this.page = computed(() => {
      const n = Number(this.params().get(LIST_PARAMS.page));
      return Number.isInteger(n) && n > 1 ? n : 1;
    });
    this.pageSize = computed(() => {
      const n = Number(this.params().get(LIST_PARAMS.size));
      return this.sizes.includes(n) ? n : this.defaultSize;
    });
    this.hasFilters = computed(() => {
      const f = this.filters();
      return (
        !!this.search() ||
        (Object.keys(this.defs) as K[]).some((k) => f[k] !== (this.defs[k].default ?? ''))
      );
    });
    this.query = computed(() => ({
      search: this.search() || null,
      ordering: this.ordering(),
      page: this.page(),
      page_size: this.pageSize(),
    }));

    this.searchInput
      .pipe(
        debounceTime(options.debounceMs ?? 300),
        distinctUntilChanged(),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((text) =>
        this.patch({ [LIST_PARAMS.search]: text.trim() || null, [LIST_PARAMS.page]: null }),
      );
  }

  /** One filter's value. */
  value(key: K): string {
    return this.filters()[key];
  }

  /** Typing in the search box. */
  setSearch(text: string): void {
    this.searchText.set(text);
    this.searchInput.next(text);
  }

  /** Sets a filter (the default or '' removes it from the URL) and goes back to page 1. */
  setFilter(key: K, value: string | null): void {
    this.patch({ [key]: value, [LIST_PARAMS.page]: null });
  }

  /** Clicking a filter that is on turns it off (a stat card, a chip). */
  toggleFilter(key: K, value: string): void {
    this.setFilter(key, this.value(key) === value ? null : value);
  }

  sortBy(ordering: string | null): void {
    this.patch({ [LIST_PARAMS.sort]: ordering, [LIST_PARAMS.page]: null });
  }

  toggleSort(field: string): void {
    this.sortBy(nextOrdering(this.ordering(), field));
  }

  setPage(page: number): void {
    this.patch({ [LIST_PARAMS.page]: page });
  }

  setPageSize(size: number): void {
    this.patch({ [LIST_PARAMS.size]: size, [LIST_PARAMS.page]: null });
  }

  /** Every filter, the search and the sort back to their defaults. */
  clear(): void {
    this.searchText.set('');
    void this.router.navigate([], { relativeTo: this.route, queryParams: {}, replaceUrl: true });
  }

  /**
   * Changes several query params at once (a filter with its sort, say). Values equal to their default,
   * null or '' are removed from the URL; other query params are kept.
   */
  patch(changes: Record<string, string | number | null | undefined>): void {
    const queryParams: Record<string, string | null> = {};
    for (const [key, raw] of Object.entries(changes)) {
      const value = raw === null || raw === undefined ? '' : String(raw);
      queryParams[key] = value === '' || value === this.defaultOf(key) ? null : value;
    }
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams,
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  /**
   * The last page received, kept on screen while the next one loads; a page beyond the end (after a
   * filter shrank the list) goes to the last page. Call in the injection context.
   */
  keepPage<T>(source: () => Paginated<T> | undefined): Signal<Paginated<T> | undefined> {
    const shown = linkedSignal<Paginated<T> | undefined, Paginated<T> | undefined>({
      source,
      computation: (page, previous) => page ?? previous?.value,
    });
    effect(() => {
      const p = shown();
      if (p && p.results.length === 0 && p.count > 0 && this.page() > 1) {
        this.setPage(Math.ceil(p.count / this.pageSize()));
      }
    });
    return shown;
  }

  private read(p: ParamMap, key: K): string {
    const def = this.defs[key];
    const raw = p.get(key);
    if (raw === null || raw === '') return def.default ?? '';
    const parsed = def.parse ? def.parse(raw) : raw;
    return parsed ?? def.default ?? '';
  }

  private defaultOf(key: string): string {
    if (key === LIST_PARAMS.sort) return this.options.defaultSort ?? '';
    if (key === LIST_PARAMS.page) return '1';
    if (key === LIST_PARAMS.size) return String(this.defaultSize);
    if (key in this.defs) return this.defs[key as K].default ?? '';
    return '';
  }
}

/** A list state for the current route (call in a routed component's injection context). */
export function listState<K extends string>(options: ListStateOptions<K>): ListState<K> {
  return new ListState(options);
}

/** A filter that accepts only the given values. */
export function oneOf(values: readonly string[]): (raw: string) => string | null {
  return (raw) => (values.includes(raw) ? raw : null);
}
