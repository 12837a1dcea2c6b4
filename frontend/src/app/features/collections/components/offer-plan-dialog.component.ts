import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  output,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';

import { CollectionCaseDetail } from '../../../core/models';
import { CollectionsService } from '../../../core/services/collections.service';
import { errorMessage } from '../../../core/utils/api-error';
import { addDays, parseIsoDate, startOfDay, toIsoDate } from '../../../core/utils/dates';
import { AppDatePipe } from '../../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../../shared/pipes/money.pipe';

export const PLAN_MIN = 2;
export const PLAN_MAX = 6;
export const PLAN_INTERVAL_DAYS = 14;
export const PLAN_FIRST_DUE_DAYS = 7;

export interface PlanPreviewRow {
  number: number;
  amount: number;
  due: string;
}

/** The API's default count: one installment per half month's rent of balance, 2 to 6. */
export function suggestedInstallments(balance: number, monthlyRent: number): number {
  const half = monthlyRent > 0 ? monthlyRent / 2 : balance;
  const n = half > 0 ? Math.ceil(balance / half) : PLAN_MIN;
  return Math.min(PLAN_MAX, Math.max(PLAN_MIN, n));
}

/**
 * The plan the API will make (collections_app/dunning.plan_installments): equal installments rounded
 * down to the cent, the last taking the remainder, due every 14 days from the start date.
 */
export function previewPlan(balance: number, count: number, start: Date): PlanPreviewRow[] {
  const cents = Math.round(balance * 100);
  if (cents <= 0) return [];
  const n = Math.max(1, Math.min(count, cents));
  const each = Math.floor(cents / n);
  return Array.from({ length: n }, (_, i) => ({
    number: i + 1,
    amount: (i === n - 1 ? cents - each * (n - 1) : each) / 100,
    due: toIsoDate(addDays(start, PLAN_INTERVAL_DAYS * i)),
  }));
}

/** Offers a payment plan of 2–6 installments with a preview; emits the refreshed case. */
@Component({
  selector: 'app-offer-plan-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MoneyPipe, AppDatePipe],
  host: { '(document:keydown.escape)': 'cancel()' },
  template: `
    <div class="backdrop" (click)="cancel()"></div>
    <form
      class="dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="op-title"
      (ngSubmit)="submit()"
      novalidate
    >
      <header>
        <h2 id="op-title">Offer a payment plan</h2>
        <div class="who">
          {{ case().tenant_name }} · balance
          <strong class="money">{{ case().current_balance | money }}</strong> · rent
          <span class="money">{{ case().monthly_rent | money }}</span>/mo
        </div>
      </header>
      <div class="grid">
        <div class="field">
          <label for="op-count">Installments</label>
          <select
            id="op-count"
            name="count"
            class="select"
            [ngModel]="count()"
            (ngModelChange)="count.set(+$event)"
            data-testid="plan-count"
          >
            @for (n of counts; track n) {
              <option [value]="n">
                {{ n }} installments{{ n === suggested() ? ' (suggested)' : '' }}
              </option>
            }
          </select>
        </div>
        <div class="field">
          <label for="op-start">First due</label>
          <input
            id="op-start"
            name="start"
            type="date"
            class="input"
            [attr.min]="today"
            [class.invalid]="startError()"
            [ngModel]="start()"
            (ngModelChange)="start.set($event)"
          />
          @if (startError(); as e) {
            <span class="error">{{ e }}</span>
          } @else {
            <span class="hint">Then every {{ interval }} days.</span>
          }
        </div>
      </div>
      @if (preview().length) {
        <table class="data-table preview" data-testid="plan-preview">
          <thead>
            <tr>
              <th>#</th>
              <th>Due</th>
              <th class="money">Amount</th>
            </tr>
          </thead>
          <tbody>
            @for (r of preview(); track r.number) {
              <tr>
                <td>{{ r.number }}</td>
                <td>{{ r.due | appDate }}</td>
                <td class="money">{{ r.amount | money }}</td>
              </tr>
            }
          </tbody>
        </table>
      }
      <p class="body small">
        The terms are emailed to the tenant; the plan starts when they accept.
      </p>
      @if (apiError(); as e) {
        <div class="api-error" role="alert" data-testid="action-error">{{ e }}</div>
      }
      <footer>
        <button type="button" class="btn" (click)="cancel()" [disabled]="saving()">Cancel</button>
        <button
          type="submit"
          class="btn btn-primary"
          [disabled]="saving() || !!startError()"
          data-testid="confirm-plan"
        >
          {{ saving() ? 'Sending…' : 'Offer plan' }}
        </button>
      </footer>
    </form>
  `,
  styleUrl: '../../../shared/styles/dialog.css',
  styles: `
    .preview {
      border: 1px solid var(--border);
      border-radius: var(--radius-sm);
    }
    .small {
      font-size: 12.5px;
    }
  `,
})
export class OfferPlanDialogComponent {
  private readonly collections = inject(CollectionsService);

  readonly case = input.required<CollectionCaseDetail>();
  readonly done = output<CollectionCaseDetail>();
  readonly cancelled = output<void>();

  protected readonly counts = Array.from(
    { length: PLAN_MAX - PLAN_MIN + 1 },
    (_, i) => PLAN_MIN + i,
  );
  protected readonly interval = PLAN_INTERVAL_DAYS;
  protected readonly today = toIsoDate(new Date());
  protected readonly suggested = computed(() =>
    suggestedInstallments(Number(this.case().current_balance), Number(this.case().monthly_rent)),
  );
  protected readonly count = linkedSignal(() => this.suggested());
  protected readonly start = signal(toIsoDate(addDays(new Date(), PLAN_FIRST_DUE_DAYS)));
  protected readonly saving = signal(false);
  protected readonly apiError = signal<string | null>(null);

  protected readonly chosen = computed(() => this.count() || this.suggested());
  protected readonly startError = computed(() => {
    const d = parseIsoDate(this.start());
    if (!d) return 'Pick the first due date.';
    return d < startOfDay(new Date()) ? 'The first installment cannot be due in the past.' : null;
  });
  protected readonly preview = computed(() => {
    const d = parseIsoDate(this.start());
    return d ? previewPlan(Number(this.case().current_balance), this.chosen(), d) : [];
  });

  protected submit(): void {
    this.apiError.set(null);
    if (this.saving() || this.startError()) return;
    this.saving.set(true);
    this.collections
      .offerPlan(this.case().id, { num_installments: this.chosen(), start_date: this.start() })
      .subscribe({
        next: (c) => this.done.emit(c),
        error: (err: unknown) => {
          this.saving.set(false);
          this.apiError.set(errorMessage(err));
        },
      });
  }

  protected cancel(): void {
    if (!this.saving()) this.cancelled.emit();
  }
}
