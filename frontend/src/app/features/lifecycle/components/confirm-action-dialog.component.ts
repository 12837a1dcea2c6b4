import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';

/** A small confirmation with the API's error shown inline. */
@Component({
  selector: 'app-confirm-action-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { '(document:keydown.escape)': '!busy() && cancelled.emit()' },
  template: `
    <div class="backdrop" (click)="!busy() && cancelled.emit()"></div>
    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="ca-title">
      <header>
        <h2 id="ca-title">{{ title() }}</h2>
      </header>
      <p class="body">{{ message() }}</p>
      @if (error(); as e) {
        <div class="api-error" role="alert" data-testid="action-error">{{ e }}</div>
      }
      <footer>
        <button type="button" class="btn" (click)="cancelled.emit()" [disabled]="busy()">
          Cancel
        </button>
        <button
          type="button"
          class="btn btn-primary"
          (click)="confirmed.emit()"
          [disabled]="busy()"
          data-testid="confirm-action"
        >
          {{ busy() ? 'Saving…' : confirmLabel() }}
        </button>
      </footer>
    </div>
  `,
  styleUrl: '../../../shared/styles/dialog.css',
})
export class ConfirmActionDialogComponent {
  readonly title = input.required<string>();
  readonly message = input.required<string>();
  readonly confirmLabel = input('Confirm');
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly confirmed = output<void>();
  readonly cancelled = output<void>();
}
