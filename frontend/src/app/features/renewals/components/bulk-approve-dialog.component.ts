import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

import { MoneyPipe } from '../../../shared/pipes/money.pipe';

/** "Approve 12 renewal offers, $21,450.00 a month in new rent?" — the bulk approval's confirmation. */
@Component({
  selector: 'app-bulk-approve-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MoneyPipe],
  host: { '(document:keydown.escape)': 'cancel()' },
  template: `
    <div class="backdrop" (click)="cancel()"></div>
    <div
      class="dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="ba-title"
      data-testid="bulk-approve-dialog"
    >
      <header>
        <h2 id="ba-title">Approve {{ count() }} renewal offer{{ count() === 1 ? '' : 's' }}?</h2>
      </header>
      <p class="body">
        Each selected recommendation is approved at its offered rent:
        <strong class="money" data-testid="bulk-total-rent">{{ totalRent() | money }}</strong> a
        month in new rent across <strong data-testid="bulk-count">{{ count() }}</strong> lease{{
          count() === 1 ? '' : 's'
        }}. Letters are not sent yet; recommendations that are no longer pending are skipped.
      </p>
      <footer>
        <button type="button" class="btn" (click)="cancel()" [disabled]="busy()">Cancel</button>
        <button
          type="button"
          class="btn btn-primary"
          data-testid="bulk-approve-confirm"
          (click)="confirm.emit()"
          [disabled]="busy()"
        >
          {{ busy() ? 'Approving…' : 'Approve ' + count() }}
        </button>
      </footer>
    </div>
  `,
  styleUrl: '../../../shared/styles/dialog.css',
})
export class BulkApproveDialogComponent {
  readonly count = input.required<number>();
  readonly totalRent = input.required<number>();
  readonly busy = input(false);
  readonly confirm = output<void>();
  readonly closed = output<void>();

  protected cancel(): void {
    if (!this.busy()) this.closed.emit();
  }
}
