import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { FormsModule } from '@angular/forms';

import { CollectionCaseDetail } from '../../../core/models';
import { CollectionsService } from '../../../core/services/collections.service';
import { normaliseAmount } from '../../../core/utils/amount';
import { errorMessage } from '../../../core/utils/api-error';
import { parseIsoDate, startOfDay, toIsoDate } from '../../../core/utils/dates';
import { MoneyPipe } from '../../../shared/pipes/money.pipe';

export interface PaymentErrors {
  amount?: string;
  paidOn?: string;
  reference?: string;
}

/**
 * Client-side checks of a payment: an amount (> 0, cents at most), a date not in the future, a short
 * reference. Whether it fits the balance is the API's rule; its `detail` is shown as is.
 */
export function validatePayment(
  amount: string,
  paidOn: string,
  reference: string,
  today = new Date(),
): PaymentErrors {
  const errors: PaymentErrors = {};
  if (!String(amount ?? '').trim()) errors.amount = 'Enter the amount received.';
  else {
    const n = normaliseAmount(amount);
    if (n === null) errors.amount = 'Enter an amount like 250.00 (at most two decimals).';
    else if (Number(n) <= 0) errors.amount = 'The amount must be greater than zero.';
  }
  const d = parseIsoDate(paidOn);
  if (!d) errors.paidOn = 'Enter the date the payment was received.';
  else if (d > startOfDay(today)) errors.paidOn = 'The payment date cannot be in the future.';
  if ((reference ?? '').length > 60) errors.reference = 'At most 60 characters.';
  return errors;
}

/** Records a payment against a case (amount, date, reference); emits the refreshed case. */
@Component({
  selector: 'app-record-payment-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, MoneyPipe],
  host: { '(document:keydown.escape)': 'cancel()' },
  template: `
    <div class="backdrop" (click)="cancel()"></div>
    <form
      class="dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="rp-title"
      (ngSubmit)="submit()"
      novalidate
    >
      <header>
        <h2 id="rp-title">Record payment</h2>
        <div class="who">
          {{ case().tenant_name }} · Unit {{ case().unit_number }} · balance
          <strong class="money" data-testid="dialog-balance">{{
            case().current_balance | money
          }}</strong>
        </div>
      </header>
      <div class="grid">
        <div class="field">
          <label for="rp-amount">Amount</label>
          <div class="amount-row">
            <span class="prefix" aria-hidden="true">$</span>
            <input
              id="rp-amount"
              name="amount"
              class="input money-input"
              inputmode="decimal"
              autocomplete="off"
              placeholder="0.00"
              [class.invalid]="showErrors() && errors().amount"
              [ngModel]="amount()"
              (ngModelChange)="amount.set($event)"
            />
          </div>
          @if (showErrors() && errors().amount; as e) {
            <span class="error" data-testid="amount-error">{{ e }}</span>
          } @else {
            <button type="button" class="link-btn" (click)="payInFull()">
              Pay in full ({{ case().current_balance | money }})
            </button>
          }
        </div>
        <div class="field">
          <label for="rp-date">Received on</label>
          <input
            id="rp-date"
            name="paid_on"
            type="date"
            class="input"
            [attr.max]="today"
            [class.invalid]="showErrors() && errors().paidOn"
            [ngModel]="paidOn()"
            (ngModelChange)="paidOn.set($event)"
          />
          @if (showErrors() && errors().paidOn; as e) {
            <span class="error">{{ e }}</span>
          }
        </div>
      </div>
      <div class="field">
        <label for="rp-ref">Reference <span class="muted">(optional)</span></label>
        <input
          id="rp-ref"
          name="reference"
          class="input"
          maxlength="60"
          placeholder="Check #, transaction id…"
          [ngModel]="reference()"
          (ngModelChange)="reference.set($event)"
        />
        @if (showErrors() && errors().reference; as e) {
          <span class="error">{{ e }}</span>
        }
      </div>
      @if (apiError(); as e) {
        <div class="api-error" role="alert" data-testid="action-error">{{ e }}</div>
      }
      <footer>
        <button type="button" class="btn" (click)="cancel()" [disabled]="saving()">Cancel</button>
        <button
          type="submit"
          class="btn btn-primary"
          [disabled]="saving()"
          data-testid="confirm-payment"
        >
          {{ saving() ? 'Saving…' : 'Record payment' }}
        </button>
      </footer>
    </form>
  `,
  styleUrl: '../../../shared/styles/dialog.css',
  styles: `
    .amount-row {
      position: relative;
      display: flex;
      align-items: center;
    }
    .prefix {
      position: absolute;
      left: 10px;
      color: var(--muted);
      font-family: var(--font-mono);
    }
    .money-input {
      width: 100%;
      padding-left: 22px;
      font-family: var(--font-mono);
      text-align: right;
    }
    .link-btn {
      align-self: flex-start;
      padding: 0;
      border: none;
      background: none;
      color: var(--teal);
      font: 500 12px var(--font-body);
      cursor: pointer;
    }
  `,
})
export class RecordPaymentDialogComponent {
  private readonly collections = inject(CollectionsService);

  readonly case = input.required<CollectionCaseDetail>();
  readonly done = output<CollectionCaseDetail>();
  readonly cancelled = output<void>();

  protected readonly today = toIsoDate(new Date());
  protected readonly amount = signal('');
  protected readonly paidOn = signal(this.today);
  protected readonly reference = signal('');
  protected readonly saving = signal(false);
  protected readonly showErrors = signal(false);
  protected readonly apiError = signal<string | null>(null);

  protected readonly errors = computed(() =>
    validatePayment(this.amount(), this.paidOn(), this.reference()),
  );

  protected payInFull(): void {
    this.amount.set(Number(this.case().current_balance).toFixed(2));
  }

  protected submit(): void {
    this.showErrors.set(true);
    this.apiError.set(null);
    if (Object.keys(this.errors()).length || this.saving()) return;
    this.saving.set(true);
    this.collections
      .recordPayment(this.case().id, {
        amount: normaliseAmount(this.amount())!,
        paid_on: this.paidOn(),
        reference: this.reference().trim(),
      })
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
