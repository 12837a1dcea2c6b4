import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';

import { PreventiveSuggestion } from '../../core/models';
import { PredictiveMaintenanceService } from '../../core/services/predictive-maintenance.service';
import { errorMessage } from '../../core/utils/api-error';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { PredictiveRefresh } from './predictive-refresh';
import { SuggestionCardComponent } from './suggestion-card.component';

export const SUGGESTIONS_PAGE_SIZE = 20;

/** The pending preventive suggestions, riskiest first, with approve / dismiss on each. */
@Component({
  selector: 'app-suggestions-queue',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    SuggestionCardComponent,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
  ],
  template: `
    <section class="card" data-testid="suggestions-queue">
      <div class="card-header">
        <h2>Preventive work orders to approve</h2>
        @if (list.hasValue()) {
          <span class="muted">{{ list.value().count }} pending</span>
        }
      </div>
      @if (list.error(); as err) {
        <app-error-state
          title="Could not load the suggestions"
          [message]="message(err)"
          (retry)="list.reload()"
        />
      } @else if (list.hasValue()) {
        @if (list.value().results.length === 0) {
          <app-empty-state
            title="No suggestions waiting"
            hint="High- and critical-risk units get one when the weekly scoring runs."
          />
        } @else {
          <div class="grid">
            @for (s of shown(); track s.id) {
              <app-suggestion-card [suggestion]="s" (decided)="decided($event)" />
            }
          </div>
          @if (pages() > 1) {
            <div class="pager">
              <button
                type="button"
                class="btn btn-sm"
                [disabled]="page() === 1"
                (click)="page.set(page() - 1)"
              >
                Previous
              </button>
              <span class="muted">Page {{ page() }} of {{ pages() }}</span>
              <button
                type="button"
                class="btn btn-sm"
                [disabled]="page() >= pages()"
                (click)="page.set(page() + 1)"
              >
                Next
              </button>
            </div>
          }
        }
      } @else {
        <app-loading-state [rows]="4" />
      }
    </section>
  `,
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(340px, 1fr));
      gap: 12px;
      padding: 12px;
    }
    .pager {
      display: flex;
      gap: 12px;
      align-items: center;
      justify-content: center;
      padding: 0 12px 12px;
    }
    @media (max-width: 720px) {
      .grid {
        grid-template-columns: minmax(0, 1fr);
        padding: 8px;
      }
    }
  `,
})
export class SuggestionsQueueComponent {
  private readonly api = inject(PredictiveMaintenanceService);
  private readonly refresh = inject(PredictiveRefresh, { optional: true });
  protected readonly page = signal(1);
  /** Decided here: shown with their outcome until the next load. */
  private readonly decidedNow = signal<Record<string, PreventiveSuggestion>>({});

  protected readonly list = rxResource({
    params: () => this.page(),
    stream: ({ params }) =>
      this.api.suggestions({ page: params, page_size: SUGGESTIONS_PAGE_SIZE }),
  });
  protected readonly shown = computed(() => {
    const done = this.decidedNow();
    return (this.list.value()?.results ?? []).map((s) => done[s.id] ?? s);
  });
  protected readonly pages = computed(() =>
    Math.max(1, Math.ceil((this.list.value()?.count ?? 0) / SUGGESTIONS_PAGE_SIZE)),
  );
  protected readonly message = errorMessage;

  protected decided(s: PreventiveSuggestion): void {
    this.decidedNow.update((d) => ({ ...d, [s.id]: s }));
    this.refresh?.bump();
  }
}
