import { HttpClient, HttpContext } from '@angular/common/http';
import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  HostListener,
  inject,
  signal,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { Router } from '@angular/router';
import { Subject, catchError, debounceTime, distinctUntilChanged, of, switchMap } from 'rxjs';

import { environment } from '../../../environments/environment';
import { IconComponent } from '../../shared/components/icon.component';
import { SILENT_ERRORS } from '../http/http-context';

export interface SearchResult {
  kind: 'property' | 'unit' | 'tenant' | 'lease';
  id: string;
  label: string;
  sublabel: string;
  url: string;
}

export const KIND_LABEL: Record<SearchResult['kind'], string> = {
  property: 'Property',
  unit: 'Unit',
  tenant: 'Tenant',
  lease: 'Lease',
};

/** True when a key press happened while the person was typing somewhere (then "/" is just a slash). */
export function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el) return false;
  const tag = el.tagName?.toLowerCase();
  return tag === 'input' || tag === 'textarea' || tag === 'select' || !!el.isContentEditable;
}

/**
 * The top bar's search: units by number, tenants by name, email or phone, properties, leases by number
 * (`GET /api/v1/search/?q=`, at most 20, only the caller's properties). `/` focuses it; arrows move, Enter
 * opens, Escape closes. On a phone it is an icon that opens a full-width box under the top bar.
 */
@Component({
  selector: 'app-global-search',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [IconComponent],
  template: `
    <button
      type="button"
      class="opener"
      aria-label="Search"
      data-testid="search-open"
      (click)="openOnPhone()"
    >
      <app-icon name="search" [size]="18" />
    </button>
    <div class="box" [class.phone-open]="phoneOpen()" role="search">
      <app-icon name="search" [size]="15" class="glass" />
      <input
        #input
        type="search"
        data-testid="global-search"
        placeholder="Search units, tenants, leases…"
        aria-label="Search units, tenants, properties and leases"
        aria-keyshortcuts="/"
        autocomplete="off"
        [attr.aria-expanded]="open()"
        aria-controls="global-search-results"
        [value]="query()"
        (input)="onInput($any($event.target).value)"
        (focus)="open.set(query().length >= 2)"
        (keydown)="onKey($event)"
      />
      <kbd class="hint" aria-hidden="true">/</kbd>
      @if (open()) {
        <ul id="global-search-results" class="results" role="listbox" data-testid="search-results">
          @if (loading() && results().length === 0) {
            <li class="note">Searching…</li>
          } @else if (results().length === 0) {
            <li class="note">Nothing matches “{{ query() }}”.</li>
          }
          @for (r of results(); track r.kind + r.id; let i = $index) {
            <li
              role="option"
              class="result"
              [class.active]="i === active()"
              [attr.aria-selected]="i === active()"
              data-testid="search-result"
              [attr.data-kind]="r.kind"
              (mousedown)="$event.preventDefault(); go(r)"
              (mouseenter)="active.set(i)"
            >
              <span class="kind">{{ kindLabel[r.kind] }}</span>
              <span class="text">
                <span class="label">{{ r.label }}</span>
                <span class="sub">{{ r.sublabel }}</span>
              </span>
            </li>
          }
        </ul>
      }
    </div>
  `,
  styles: `
    :host {
      position: relative;
      display: flex;
      flex: 1;
      max-width: 460px;
      min-width: 0;
    }
    .opener {
      display: none;
    }
    .box {
      position: relative;
      flex: 1;
      display: flex;
      align-items: center;
    }
    .glass {
      position: absolute;
      left: 10px;
      color: #94a3b8;
      pointer-events: none;
    }
    input {
      width: 100%;
      height: 36px;
      padding: 0 34px 0 32px;
      border: 1px solid var(--border, #e2e8f0);
      border-radius: 8px;
      background: #f8fafc;
      font: inherit;
      font-size: 14px;
    }
    input:focus {
      outline: 2px solid #f59e0b55;
      background: #fff;
    }
    .hint {
      position: absolute;
      right: 8px;
      padding: 0 6px;
      border: 1px solid var(--border, #e2e8f0);
      border-radius: 4px;
      color: #94a3b8;
      font-size: 12px;
    }
    .results {
      position: absolute;
      top: 42px;
      left: 0;
      right: 0;
      z-index: 60;
      margin: 0;
      padding: 4px 0;
      list-style: none;
      max-height: min(70vh, 520px);
      overflow: auto;
      background: #fff;
      border: 1px solid var(--border, #e2e8f0);
      border-radius: 10px;
      box-shadow: 0 12px 32px rgb(15 23 42 / 18%);
    }
    .result {
      display: flex;
      gap: 10px;
      align-items: baseline;
      padding: 8px 12px;
      cursor: pointer;
    }
    .result.active {
      background: #fef3c7;
    }
    .kind {
      flex: 0 0 64px;
      font-size: 11px;
      font-weight: 700;
      text-transform: uppercase;
      color: #64748b;
    }
    .text {
      display: grid;
      min-width: 0;
    }
    .label {
      font-weight: 600;
    }
    .sub {
      color: #64748b;
      font-size: 13px;
      overflow: hidden;
      text-overflow: ellipsis;
      white-space: nowrap;
    }
    .note {
      padding: 10px 12px;
      color: #64748b;
    }
    @media (max-width: 767px) {
      :host {
        flex: 0 0 auto;
      }
      .opener {
        display: inline-flex;
        align-items: center;
        justify-content: center;
        width: 36px;
        height: 36px;
        border: 1px solid var(--border, #e2e8f0);
        border-radius: 8px;
        background: #fff;
      }
      .box {
        display: none;
      }
      .box.phone-open {
        display: flex;
        position: fixed;
        top: 60px;
        left: 12px;
        right: 12px;
        z-index: 60;
      }
      .hint {
        display: none;
      }
    }
  `,
})
export class GlobalSearchComponent {
  private readonly http = inject(HttpClient);
  private readonly router = inject(Router);
  private readonly host = inject(ElementRef<HTMLElement>);
  private readonly input = viewChild.required<ElementRef<HTMLInputElement>>('input');
  private readonly queries = new Subject<string>();

  protected readonly kindLabel = KIND_LABEL;
  protected readonly query = signal('');
  protected readonly results = signal<SearchResult[]>([]);
  protected readonly loading = signal(false);
  protected readonly open = signal(false);
  protected readonly active = signal(0);
  protected readonly phoneOpen = signal(false);

  constructor() {
    this.queries
      .pipe(
        debounceTime(200),
        distinctUntilChanged(),
        switchMap((q) =>
          q.trim().length < 2
            ? of({ results: [] as SearchResult[] })
            : this.http
                .get<{ results: SearchResult[] }>(`${environment.apiUrl}/search/`, {
                  params: { q },
                  context: new HttpContext().set(SILENT_ERRORS, true),
                })
                .pipe(catchError(() => of({ results: [] as SearchResult[] }))),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe(({ results }) => {
        this.results.set(results);
        this.active.set(0);
        this.loading.set(false);
      });
  }

  protected onInput(value: string): void {
    this.query.set(value);
    this.open.set(value.trim().length >= 2);
    this.loading.set(true);
    this.queries.next(value);
  }

  protected onKey(event: KeyboardEvent): void {
    const n = this.results().length;
    if (event.key === 'ArrowDown' && n) {
      event.preventDefault();
      this.active.update((i) => (i + 1) % n);
    } else if (event.key === 'ArrowUp' && n) {
      event.preventDefault();
      this.active.update((i) => (i - 1 + n) % n);
    } else if (event.key === 'Enter' && n) {
      event.preventDefault();
      this.go(this.results()[this.active()]);
    } else if (event.key === 'Escape') {
      this.close();
      this.input().nativeElement.blur();
    }
  }

  protected go(result: SearchResult): void {
    this.close();
    this.query.set('');
    this.results.set([]);
    void this.router.navigateByUrl(result.url);
  }

  protected openOnPhone(): void {
    this.phoneOpen.set(true);
    setTimeout(() => this.input().nativeElement.focus());
  }

  private close(): void {
    this.open.set(false);
    this.phoneOpen.set(false);
  }

  @HostListener('document:keydown', ['$event'])
  protected shortcut(event: KeyboardEvent): void {
    if (
      event.key !== '/' ||
      event.ctrlKey ||
      event.metaKey ||
      event.altKey ||
      typingIn(event.target)
    )
      return;
    event.preventDefault();
    this.phoneOpen.set(true);
    this.input().nativeElement.focus();
  }

  @HostListener('document:click', ['$event'])
  protected outside(event: MouseEvent): void {
    if (!this.host.nativeElement.contains(event.target as Node)) this.close();
  }
}
