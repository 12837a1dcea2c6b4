import {
  ChangeDetectionStrategy,
  Component,
  provideZonelessChangeDetection,
  signal,
} from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';

import { Paginated } from '../../core/models';
import { ListState, listState, nextOrdering, oneOf } from './list-state';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class ListHostComponent {
  readonly list = listState({
    filters: { status: { default: 'open', parse: oneOf(['open', 'closed', 'all']) }, property: {} },
    defaultSort: '-score',
    pageSize: 25,
    pageSizes: [25, 100],
    debounceMs: 20,
  });
  readonly page = signal<Paginated<number> | undefined>(undefined);
  readonly shown = this.list.keepPage(() => this.page());
}

describe('ListState', () => {
  let router: Router;
  let harness: RouterTestingHarness;
  let host: ListHostComponent;
  let list: ListState<'status' | 'property'>;

  async function open(url: string): Promise<void> {
    await harness.navigateByUrl(url);
  }

  async function settle(ms = 0): Promise<void> {
    await new Promise((r) => setTimeout(r, ms));
    TestBed.tick();
    await new Promise((r) => setTimeout(r));
  }

  function query(): Record<string, string> {
    return Object.fromEntries(new URL(router.url, 'http://x').searchParams.entries());
  }

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideRouter([{ path: 'list', component: ListHostComponent }]),
      ],
    });
    router = TestBed.inject(Router);
    harness = await RouterTestingHarness.create();
    host = await harness.navigateByUrl('/list', ListHostComponent);
    list = host.list;
  });

  it('reads defaults when the URL has nothing', () => {
    expect(list.filters()).toEqual({ status: 'open', property: '' });
    expect(list.ordering()).toBe('-score');
    expect(list.page()).toBe(1);
    expect(list.pageSize()).toBe(25);
    expect(list.hasFilters()).toBe(false);
    expect(list.query()).toEqual({ search: null, ordering: '-score', page: 1, page_size: 25 });
  });

  it('round-trips filters, search, sort, page and size through the query string', async () => {
    await open('/list?status=closed&property=p1&q=smith&ordering=name&page=3&size=100');
    expect(list.filters()).toEqual({ status: 'closed', property: 'p1' });
    expect(list.search()).toBe('smith');
    expect(list.searchText()).toBe('smith');
    expect(list.ordering()).toBe('name');
    expect(list.sortField()).toBe('name');
    expect(list.descending()).toBe(false);
    expect(list.page()).toBe(3);
    expect(list.pageSize()).toBe(100);
    expect(list.hasFilters()).toBe(true);
  });

  it('falls back to defaults for invalid values in a pasted URL', async () => {
    await open('/list?status=bogus&page=-2&size=7');
    expect(list.filters().status).toBe('open');
    expect(list.page()).toBe(1);
    expect(list.pageSize()).toBe(25);
  });

  it('writes changes to the URL, leaving defaults out and resetting the page', async () => {
    await open('/list?page=4');
    list.setFilter('status', 'closed');
    await settle();
    expect(query()).toEqual({ status: 'closed' });
    list.setFilter('status', 'open');
    await settle();
    expect(query()).toEqual({});
    list.setPage(2);
    await settle();
    list.setPageSize(100);
    await settle();
    expect(query()).toEqual({ size: '100' });
  });

  it('sorts descending first, then ascending, then back to the default', async () => {
    list.toggleSort('rent');
    await settle();
    expect(query()['ordering']).toBe('-rent');
    list.toggleSort('rent');
    await settle();
    expect(query()['ordering']).toBe('rent');
    list.toggleSort('rent');
    await settle();
    expect(query()['ordering']).toBeUndefined();
    expect(list.ordering()).toBe('-score');
    // The default column: its first click goes ascending, and the default never shows in the URL.
    list.toggleSort('score');
    await settle();
    expect(query()['ordering']).toBe('score');
  });

  it('debounces the search box into the URL', async () => {
    list.setSearch('sm');
    list.setSearch('smith ');
    expect(list.searchText()).toBe('smith ');
    expect(query()['q']).toBeUndefined();
    await settle(40);
    expect(query()['q']).toBe('smith');
  });

  it('clears everything', async () => {
    await open('/list?status=closed&q=x&ordering=name');
    list.clear();
    await settle();
    expect(query()).toEqual({});
    expect(list.searchText()).toBe('');
  });

  it('keeps the last page while the next loads, and leaves a page past the end', async () => {
    await open('/list?page=5');
    host.page.set({ count: 30, next: null, previous: null, results: [1, 2] });
    TestBed.tick();
    host.page.set(undefined);
    TestBed.tick();
    expect(host.shown()?.results).toEqual([1, 2]);
    host.page.set({ count: 30, next: null, previous: null, results: [] });
    await settle();
    expect(query()['page']).toBe('2');
  });
});

describe('nextOrdering', () => {
  it('cycles descending → ascending → default', () => {
    expect(nextOrdering(null, 'a')).toBe('-a');
    expect(nextOrdering('-a', 'a')).toBe('a');
    expect(nextOrdering('a', 'a')).toBeNull();
    expect(nextOrdering('-b', 'a')).toBe('-a');
  });
});
