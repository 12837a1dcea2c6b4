import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { FormsModule } from '@angular/forms';

/** A confirmation for a case action, with an optional note and the API's error inline. */
@Component({
  selector: 'app-case-confirm-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule],
  host: { '(document:keydown.escape)': '!busy() && cancelled.emit()' },
  template: `
    <div class="backdrop" (click)="!busy() && cancelled.emit()"></div>
    <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="cc-title">
      <header>
        <h2 id="cc-title">{{ title() }}</h2>
      </header>
      <p class="body">{{ message() }}</p>
      @if (noteLabel(); as label) {
        <div class="field">
          <label for="cc-note">{{ label }} <span class="muted">(optional)</span></label>
          <textarea
            id="cc-note"
            class="input"
            rows="3"
            maxlength="2000"
            [ngModel]="note()"
            (ngModelChange)="note.set($event)"
            data-testid="confirm-note"
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
          [class.btn-primary]="!danger()"
          [class.btn-danger-solid]="danger()"
          (click)="confirmed.emit(note().trim())"
          [disabled]="busy()"
          data-testid="confirm-action"
        >
          {{ busy() ? 'Working…' : confirmLabel() }}
        </button>
      </footer>
    </div>
  `,
  styleUrl: '../../../shared/styles/dialog.css',
})
export class CaseConfirmDialogComponent {
  readonly title = input.required<string>();
  readonly message = input.required<string>();
  readonly confirmLabel = input('Confirm');
  readonly danger = input(false);
  /** Shows a note field with this label. */
  readonly noteLabel = input<string | null>(null);
  readonly busy = input(false);
  readonly error = input<string | null>(null);
  readonly confirmed = output<string>();
  readonly cancelled = output<void>();

  protected readonly note = signal('');
}
