import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { provideZonelessChangeDetection } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';

import { GlobalSearchComponent, SearchResult, typingIn } from './global-search.component';

const hits: SearchResult[] = [
  {
    kind: 'tenant',
    id: 't1',
    label: 'Samir James',
    sublabel: 'Unit B-204 · Aspen',
    url: '/units/u1',
  },
  { kind: 'unit', id: 'u2', label: 'Unit B-204', sublabel: 'Birch Court', url: '/units/u2' },
];

describe('GlobalSearchComponent', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    vi.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [
        provideZonelessChangeDetection(),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    vi.useRealTimers();
  });

  function type(
    fixture: ReturnType<typeof TestBed.createComponent<GlobalSearchComponent>>,
    text: string,
  ) {
    const input: HTMLInputElement = fixture.nativeElement.querySelector(
      '[data-testid="global-search"]',
    );
    input.value = text;
    input.dispatchEvent(new Event('input'));
    vi.advanceTimersByTime(250);
    fixture.detectChanges();
    return input;
  }

  it('asks the API once the person pauses, and lists the typed results', () => {
    const fixture = TestBed.createComponent(GlobalSearchComponent);
    fixture.detectChanges();
    type(fixture, 'sam');
    const req = http.expectOne((r) => r.url.endsWith('/search/'));
    expect(req.request.params.get('q')).toBe('sam');
    req.flush({ query: 'sam', results: hits });
    fixture.detectChanges();
    const rows = fixture.nativeElement.querySelectorAll('[data-testid="search-result"]');
    expect(rows.length).toBe(2);
    expect(rows[0].textContent).toContain('Samir James');
    expect(rows[1].getAttribute('data-kind')).toBe('unit');
  });

  it('does not ask for one character, and says when nothing matches', () => {
    const fixture = TestBed.createComponent(GlobalSearchComponent);
    fixture.detectChanges();
    type(fixture, 's');
    http.expectNone((r) => r.url.endsWith('/search/'));
    type(fixture, 'zzz');
    http.expectOne((r) => r.url.endsWith('/search/')).flush({ query: 'zzz', results: [] });
    fixture.detectChanges();
    expect(fixture.nativeElement.textContent).toContain('Nothing matches “zzz”');
  });

  it('arrow keys choose and Enter opens the result', () => {
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    const fixture = TestBed.createComponent(GlobalSearchComponent);
    fixture.detectChanges();
    const input = type(fixture, 'b-204');
    http.expectOne((r) => r.url.endsWith('/search/')).flush({ query: 'b-204', results: hits });
    fixture.detectChanges();
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown' }));
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(navigate).toHaveBeenCalledWith('/units/u2');
  });

  it('"/" focuses the box, except while typing elsewhere', () => {
    const fixture = TestBed.createComponent(GlobalSearchComponent);
    fixture.detectChanges();
    document.body.appendChild(fixture.nativeElement);
    document.dispatchEvent(new KeyboardEvent('keydown', { key: '/' }));
    expect(document.activeElement?.getAttribute('data-testid')).toBe('global-search');
    const other = document.createElement('textarea');
    expect(typingIn(other)).toBe(true);
    expect(typingIn(document.body)).toBe(false);
    fixture.nativeElement.remove();
  });
});
