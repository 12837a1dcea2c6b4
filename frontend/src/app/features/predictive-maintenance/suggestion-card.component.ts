import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import { RouterLink } from '@angular/router';

import { AuthService } from '../../core/auth/auth.service';
import { PreventiveSuggestion } from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { PredictiveMaintenanceService } from '../../core/services/predictive-maintenance.service';
import { errorMessage } from '../../core/utils/api-error';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import { categoryName } from './predictive-format';
import { RiskLevelBadgeComponent } from './risk-level-badge.component';

/** One preventive suggestion with Approve (opens the work order) and Dismiss (asks why), for
 * manage_maintenance; the queue and the unit's risk card both show it. */
@Component({
  selector: 'app-suggestion-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MoneyPipe, AppDatePipe, RiskLevelBadgeComponent],
  host: { 'data-testid': 'suggestion', '[attr.data-id]': 'suggestion().id' },
  template: `
    @let s = suggestion();
    <div class="top">
      <app-risk-level-badge [level]="s.risk_level" />
      <span class="score num">{{ s.risk_score_value }}</span>
      @if (showUnit()) {
        <a class="unit" [routerLink]="['/units', s.unit]" [queryParams]="{ tab: 'maintenance' }"
          >{{ s.property_name }} · Unit {{ s.unit_number }}</a
        >
      }
      <span class="spacer"></span>
      <span class="prio prio-{{ s.priority }}">{{ s.priority }}</span>
    </div>
    <h3 class="title">{{ s.title }}</h3>
    <p class="desc">{{ s.description }}</p>
    <p class="why"><strong>Why:</strong> {{ s.reasoning }}</p>
    <div class="facts">
      <span>{{ category(s.category) }}</span>
      <span>By {{ s.suggested_date | appDate }}</span>
      <span class="money">~{{ s.estimated_cost | money }}</span>
      @if (s.ai_provider === 'offline') {
        <span class="muted" title="Written from the factors by the offline template">template</span>
      }
    </div>
    @if (s.status === 'work_order_created') {
      <div class="done" data-testid="suggestion-done">
        Work order
        <a [routerLink]="['/maintenance', s.work_order]">{{ s.work_order_number }}</a>
        created{{ s.decided_by_name ? ' by ' + s.decided_by_name : '' }}.
      </div>
    } @else if (s.status === 'dismissed') {
      <div class="done muted">Dismissed: {{ s.dismiss_reason }}</div>
    } @else if (canManage()) {
      @if (dismissing()) {
        <form class="dismiss" (submit)="$event.preventDefault(); dismiss()">
          <label>
            <span class="sr-only">Why dismiss it?</span>
            <input
              class="input"
              data-testid="dismiss-reason"
              maxlength="500"
              placeholder="Why? e.g. serviced last week"
              [value]="reason()"
              (input)="reason.set($any($event.target).value)"
            />
          </label>
          <button type="submit" class="btn btn-sm" [disabled]="busy() || !reason().trim()">
            Dismiss
          </button>
          <button type="button" class="btn btn-sm btn-ghost" (click)="dismissing.set(false)">
            Cancel
          </button>
        </form>
      } @else {
        <div class="actions">
          <button
            type="button"
            class="btn btn-sm btn-primary"
            data-testid="approve-suggestion"
            [disabled]="busy()"
            (click)="approve()"
          >
            {{ busy() ? 'Creating…' : 'Approve · create work order' }}
          </button>
          <button
            type="button"
            class="btn btn-sm"
            data-testid="dismiss-suggestion"
            [disabled]="busy()"
            (click)="dismissing.set(true)"
          >
            Dismiss
          </button>
        </div>
      }
    }
    @if (error(); as e) {
      <div class="error" role="alert">{{ e }}</div>
    }
  `,
  styles: `
    :host {
      display: block;
      padding: 14px 16px;
      border: 1px solid var(--border);
      border-radius: var(--radius);
      background: var(--surface);
    }
    .top {
      display: flex;
      align-items: center;
      gap: 8px;
      flex-wrap: wrap;
    }
    .score {
      font-weight: 800;
    }
    .unit {
      font-weight: 600;
    }
    .spacer {
      flex: 1;
    }
    .prio {
      font-size: 12px;
      font-weight: 700;
      text-transform: uppercase;
      color: var(--muted);
    }
    .prio-urgent {
      color: #b91c1c;
    }
    .title {
      margin: 8px 0 4px;
      font-size: 15px;
    }
    .desc,
    .why {
      margin: 4px 0;
      color: var(--text-2, #334155);
      overflow-wrap: anywhere;
    }
    .facts {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      margin: 8px 0;
      font-size: 13px;
      color: var(--muted);
    }
    .actions,
    .dismiss {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: center;
    }
    .dismiss label {
      flex: 1;
      min-width: 180px;
    }
    .dismiss input {
      width: 100%;
    }
    .done {
      font-weight: 600;
    }
    .error {
      margin-top: 8px;
      color: var(--red, #b91c1c);
    }
  `,
})
export class SuggestionCardComponent {
  private readonly api = inject(PredictiveMaintenanceService);
  private readonly toast = inject(ToastService);
  private readonly auth = inject(AuthService);

  readonly suggestion = input.required<PreventiveSuggestion>();
  readonly showUnit = input(true);
  readonly decided = output<PreventiveSuggestion>();

  protected readonly canManage = () => this.auth.can('manage_maintenance');
  protected readonly busy = signal(false);
  protected readonly dismissing = signal(false);
  protected readonly reason = signal('');
  protected readonly error = signal<string | null>(null);
  protected readonly category = categoryName;
  private key = '';

  protected approve(): void {
    this.busy.set(true);
    this.error.set(null);
    this.key ||= `approve-${this.suggestion().id}-${Date.now().toString(36)}`;
    this.api.approve(this.suggestion().id, this.key).subscribe({
      next: (done) => {
        this.busy.set(false);
        this.toast.success(
          `Work order ${done.work_order_number} created for unit ${done.unit_number}.`,
        );
        this.decided.emit(done);
      },
      error: (err) => {
        this.busy.set(false);
        this.error.set(errorMessage(err));
      },
    });
  }

  protected dismiss(): void {
    this.busy.set(true);
    this.error.set(null);
    this.api.dismiss(this.suggestion().id, this.reason().trim()).subscribe({
      next: (done) => {
        this.busy.set(false);
        this.dismissing.set(false);
        this.toast.success(`Suggestion for unit ${done.unit_number} dismissed.`);
        this.decided.emit(done);
      },
      error: (err) => {
        this.busy.set(false);
        this.error.set(errorMessage(err));
      },
    });
  }
}
