import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';

import { InvoiceTransitionRequest } from '../../core/models';
import { toIsoDate } from '../../core/utils/dates';
import { formatMoney } from '../../shared/pipes/money.pipe';
import { InvoiceAction } from './invoices-format';

/**
 * The confirm step of an invoice move: what will happen, the note (required to reject or send back), and for a
 * payment the day it went out and its reference. The API's refusal shows inline.
 */
@Component({
  selector: 'app-invoice-transition-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown.escape)': '!busy() && cancelled.emit()' },
  template: `
    <div class="backdrop" (click)="!busy() && cancelled.emit()"></div>
    <div
      class="dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="it-title"
      data-testid="transition-dialog"
    >
      <header>
        <h2 id="it-title">{{ action().label }} · {{ invoiceNumber() }}</h2>
      </header>
      <p class="body">{{ action().confirm }}</p>
      <p class="amount">
        Total <strong class="money">{{ money(total()) }}</strong>
      </p>
      @if (action().to === 'paid') {
        <div class="grid">
          <div class="field">
            <label for="it-date">Paid on</label>
            <input
              id="it-date"
              class="input"
              type="date"
              [max]="today"
              [value]="paidDate()"
              (change)="paidDate.set($any($event.target).value)"
              data-testid="paid-date"
            />
          </div>
          <div class="field">
            <label for="it-ref">Check / ACH reference</label>
            <input
              id="it-ref"
              class="input"
              maxlength="100"
              [value]="reference()"
              (input)="reference.set($any($event.target).value)"
              data-testid="payment-reference"
            />
          </div>
        </div>
      }
      @if (action().note; as label) {
        <div class="field">
          <label for="it-note"
            >{{ label }}
            @if (!action().noteRequired) {
              <span class="muted">(optional)</span>
            }
          </label>
          <textarea
            id="it-note"
            class="input"
            rows="3"
            maxlength="2000"
            [value]="note()"
            (input)="note.set($any($event.target).value)"
            data-testid="transition-note"
          ></textarea>
        </div>
      }
      @if (error(); as e) {
        <div class="api-error" role="alert" data-testid="action-error">{{ e }}</div>
      }
      <footer>
        <button type="button" class="btn" (click)="cancelled.emit()" [disabled]="busy()">
          Cancel
        </button>
        <button
          type="button"
          class="btn"
          [class.btn-primary]="action().tone !== 'danger'"
          [class.btn-danger-solid]="action().tone === 'danger'"
          (click)="confirm()"
          [disabled]="busy() || !ready()"
          data-testid="confirm-transition"
        >
          {{ busy() ? 'Working…' : action().label }}
        </button>
      </footer>
    </div>
  `,
  styleUrl: '../../shared/styles/dialog.css',
  styles: `
    .amount {
      margin: 0;
      color: var(--text-2);
    }
  `,
})
export class InvoiceTransitionDialogComponent {
  readonly action = input.required<InvoiceAction>();
  readonly invoiceNumber = input.required<string>();
  readonly total = input.required<string>();
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly confirmed = output<InvoiceTransitionRequest>();
  readonly cancelled = output<void>();

  protected readonly today = toIsoDate(new Date());
  protected readonly note = signal('');
  protected readonly paidDate = signal(this.today);
  protected readonly reference = signal('');
  protected readonly money = formatMoney;

  protected readonly ready = computed(
    () =>
      (!this.action().noteRequired || this.note().trim().length > 0) &&
      (this.action().to !== 'paid' || !!this.paidDate()),
  );

  protected confirm(): void {
    if (!this.ready()) return;
    const a = this.action();
    this.confirmed.emit({
      status: a.to,
      note: this.note().trim(),
      ...(a.to === 'paid'
        ? { paid_date: this.paidDate(), payment_reference: this.reference().trim() }
        : {}),
    });
  }
}
