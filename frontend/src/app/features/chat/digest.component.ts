import { HttpErrorResponse } from '@angular/common/http';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';

import { ChatService, DailyDigest } from '../../core/services/chat.service';
import { errorMessage } from '../../core/utils/api-error';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { DIGEST_SECTIONS, digestMetrics } from './chat-format';

/**
 * `/chat/digest` (spec 3.3): the morning briefing — urgent items, opportunities, portfolio health — each a link to
 * the screen that acts on it, the figures it was built from, and the text as emailed. `?date=` shows a past day's.
 */
@Component({
  selector: 'app-digest',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, LoadingStateComponent, EmptyStateComponent, ErrorStateComponent],
  template: `
    <div class="page digest-page" data-testid="digest-page">
      <div class="page-header">
        <div>
          <div class="breadcrumb"><a routerLink="/chat">Ask the portfolio</a></div>
          <h1>Daily digest</h1>
          <div class="subtitle">
            @if (digest.hasValue()) {
              {{ longDate(digest.value().digest_date) }} ·
              {{
                digest.value().stored
                  ? 'generated ' + time(digest.value().generated_at)
                  : 'live figures (the 06:00 UTC digest is not stored yet)'
              }}
            } @else {
              The morning briefing: what needs you, what could earn more, how the portfolio is
              doing.
            }
          </div>
        </div>
        <label class="date-pick">
          <span class="muted">Day</span>
          <input
            type="date"
            data-testid="digest-date"
            [value]="date() ?? ''"
            (change)="pick($any($event.target).value)"
          />
        </label>
      </div>

      @if (digest.isLoading()) {
        <app-loading-state label="Loading the digest…" [rows]="6" />
      } @else if (notFound()) {
        <section class="card">
          <app-empty-state
            title="No digest for that day"
            hint="Digests are kept from the day the agent first ran; pick another day."
          />
        </section>
      } @else if (digest.error()) {
        <app-error-state
          title="Could not load the digest"
          [message]="errorText()"
          (retry)="digest.reload()"
        />
      } @else if (digest.hasValue()) {
        <div class="sections">
          @for (s of sections(); track s.key) {
            <section class="card section" [attr.data-section]="s.key">
              <h2>{{ s.title }}</h2>
              @if (s.items.length) {
                <ul>
                  @for (h of s.items; track h.text) {
                    <li [class]="h.type">
                      <a [routerLink]="path(h.link)" [queryParams]="query(h.link)">{{ h.text }}</a>
                    </li>
                  }
                </ul>
              } @else {
                <p class="muted">Nothing needs you here today.</p>
              }
            </section>
          }
        </div>
        <section class="card metrics" data-testid="digest-metrics">
          <h2>Figures</h2>
          <dl>
            @for (m of metrics(); track m.key) {
              <div>
                <dt>{{ m.label }}</dt>
                <dd>{{ m.value }}</dd>
              </div>
            }
          </dl>
        </section>
        <section class="card">
          <h2>As emailed</h2>
          <pre class="content" data-testid="digest-content">{{ digest.value().content }}</pre>
        </section>
      }
    </div>
  `,
  styles: `
    .page-header {
      display: flex;
      justify-content: space-between;
      gap: 12px;
      flex-wrap: wrap;
    }
    .date-pick {
      display: flex;
      flex-direction: column;
      gap: 4px;
      font-size: 12px;
    }
    .sections {
      display: grid;
      grid-template-columns: repeat(3, minmax(0, 1fr));
      gap: 14px;
      margin-bottom: 14px;
    }
    .card {
      padding: 16px;
      margin-bottom: 14px;
    }
    .sections .card {
      margin-bottom: 0;
    }
    h2 {
      font: 700 14px var(--font-heading);
      margin: 0 0 10px;
    }
    ul {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
    li {
      padding-left: 10px;
      border-left: 3px solid var(--teal);
      font-size: 13px;
    }
    li.alert {
      border-color: var(--amber, #d97706);
    }
    li.success {
      border-color: var(--green, #16a34a);
    }
    dl {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(140px, 1fr));
      gap: 10px 16px;
      margin: 0;
    }
    dt {
      font-size: 12px;
      color: var(--muted);
    }
    dd {
      margin: 2px 0 0;
      font-weight: 600;
    }
    .content {
      white-space: pre-wrap;
      font: inherit;
      font-size: 13px;
      margin: 0;
    }
    @media (max-width: 900px) {
      .sections {
        grid-template-columns: 1fr;
      }
    }
  `,
})
export class DigestComponent {
  private readonly chat = inject(ChatService);
  private readonly router = inject(Router);

  /** `?date=YYYY-MM-DD` (bound by the router); none = today. */
  readonly date = input<string | undefined>();

  protected readonly digest = rxResource({
    params: () => ({ date: this.date() }),
    stream: ({ params }) => this.chat.digest(params.date || undefined),
  });
  protected readonly notFound = computed(
    () => (this.digest.error() as HttpErrorResponse | undefined)?.status === 404,
  );
  protected readonly errorText = computed(() => errorMessage(this.digest.error()));
  protected readonly sections = computed(() => {
    const d: DailyDigest | undefined = this.digest.hasValue() ? this.digest.value() : undefined;
    return DIGEST_SECTIONS.map((s) => ({
      ...s,
      items: (d?.highlights ?? []).filter((h) => h.section === s.key),
    }));
  });
  protected readonly metrics = computed(() =>
    this.digest.hasValue() ? digestMetrics(this.digest.value().metrics) : [],
  );

  protected pick(value: string): void {
    void this.router.navigate([], { queryParams: { date: value || null }, replaceUrl: true });
  }

  protected path(link: string): string {
    return link.split('?')[0] || '/';
  }

  protected query(link: string): Record<string, string> {
    return Object.fromEntries(new URLSearchParams(link.split('?')[1] ?? ''));
  }

  protected longDate(iso: string): string {
    return new Date(`${iso}T12:00:00`).toLocaleDateString('en-US', {
      weekday: 'long',
      month: 'long',
      day: 'numeric',
      year: 'numeric',
    });
  }

  protected time(iso: string | null): string {
    return iso
      ? new Date(iso).toLocaleTimeString('en-US', { hour: '2-digit', minute: '2-digit' })
      : '';
  }
}
