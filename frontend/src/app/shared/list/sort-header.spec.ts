import {
  ChangeDetectionStrategy,
  Component,
  provideZonelessChangeDetection,
  signal,
} from '@angular/core';
import { TestBed } from '@angular/core/testing';

import { Sortable } from './list-state';
import { SORT_HEADER } from './sort-header';

@Component({
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [SORT_HEADER],
  template: `
    <table [appSortTable]="sort">
      <thead>
        <tr>
          <th appSortHeader="rent">Rent</th>
          <th appSortHeader="name">Name</th>
        </tr>
      </thead>
    </table>
  `,
})
class TableHostComponent {
  readonly ordering = signal<string | null>(null);
  readonly sort: Sortable = { ordering: this.ordering, sortBy: (o) => this.ordering.set(o) };
}

describe('sortHeader', () => {
  async function setup() {
    TestBed.configureTestingModule({ providers: [provideZonelessChangeDetection()] });
    const fixture = TestBed.createComponent(TableHostComponent);
    await fixture.whenStable();
    const el: HTMLElement = fixture.nativeElement;
    const th = (f: string) => el.querySelector(`th[appSortHeader=${f}]`) as HTMLElement;
    const click = async (f: string) => {
      (th(f).querySelector('button') as HTMLButtonElement).click();
      await fixture.whenStable();
    };
    return { fixture, host: fixture.componentInstance, th, click };
  }

  it('renders a button with the field and the label', async () => {
    const { th } = await setup();
    const button = th('rent').querySelector('button')!;
    expect(button.getAttribute('data-sort')).toBe('rent');
    expect(button.textContent?.trim()).toBe('Rent');
    expect(th('rent').getAttribute('aria-sort')).toBeNull();
  });

  it('cycles descending → ascending → default and sets aria-sort', async () => {
    const { host, th, click } = await setup();
    await click('rent');
    expect(host.ordering()).toBe('-rent');
    expect(th('rent').getAttribute('aria-sort')).toBe('descending');
    expect(th('name').getAttribute('aria-sort')).toBeNull();
    await click('rent');
    expect(host.ordering()).toBe('rent');
    expect(th('rent').getAttribute('aria-sort')).toBe('ascending');
    await click('rent');
    expect(host.ordering()).toBeNull();
    expect(th('rent').getAttribute('aria-sort')).toBeNull();
  });

  it('moves to another column descending first', async () => {
    const { host, click } = await setup();
    host.ordering.set('rent');
    await click('name');
    expect(host.ordering()).toBe('-name');
  });
});
