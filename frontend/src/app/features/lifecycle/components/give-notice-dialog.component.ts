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

import { LeaseLifecycle } from '../../../core/models';
import { LifecycleService } from '../../../core/services/lifecycle.service';
import { ApiError, errorMessage } from '../../../core/utils/api-error';
import { addDays, daysBetween, parseIsoDate, toIsoDate } from '../../../core/utils/dates';
import { LeaseStatusBadgeComponent } from '../../../shared/components/lease-status-badge.component';

/** Notice period minimum (spec 1.1 thresholds; the API validates it too). */
export const MIN_NOTICE_DAYS = 30;

/** Client-side check of a notice: both dates present and move-out at least 30 days after notice. */
export function validateNotice(
  noticeDate: string,
  moveOutDate: string,
): { notice?: string; moveOut?: string } {
  const errors: { notice?: string; moveOut?: string } = {};
  const notice = parseIsoDate(noticeDate);
  const moveOut = parseIsoDate(moveOutDate);
  if (!notice) errors.notice = 'Enter the date notice was given.';
  if (!moveOut) errors.moveOut = 'Enter the expected move-out date.';
  else if (notice && daysBetween(notice, moveOut) < MIN_NOTICE_DAYS) {
    errors.moveOut = `Move-out must be at least ${MIN_NOTICE_DAYS} days after the notice date.`;
  }
  return errors;
}

@Component({
  selector: 'app-give-notice-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, LeaseStatusBadgeComponent],
  host: { '(document:keydown.escape)': 'cancel()' },
  template: `
    <div class="backdrop" (click)="cancel()"></div>
    <form
      class="dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="gn-title"
      (ngSubmit)="submit()"
      novalidate
    >
      <header>
        <h2 id="gn-title">Give notice</h2>
        <div class="who">
          Unit <strong>{{ lease().unit_number }}</strong> · {{ lease().tenant_name }}
          <app-lease-status-badge [status]="lease().lease_status" [short]="true" />
        </div>
      </header>
      <div class="grid">
        <div class="field">
          <label for="gn-notice">Notice date</label>
          <input
            id="gn-notice"
            name="notice_date"
            type="date"
            class="input"
            [class.invalid]="showErrors() && errors().notice"
            [ngModel]="noticeDate()"
            (ngModelChange)="noticeDate.set($event)"
          />
          @if (showErrors() && errors().notice; as e) {
            <span class="error">{{ e }}</span>
          }
        </div>
        <div class="field">
          <label for="gn-moveout">Move-out date</label>
          <input
            id="gn-moveout"
            name="notice_move_out_date"
            type="date"
            class="input"
            [class.invalid]="showErrors() && errors().moveOut"
            [attr.min]="minMoveOut()"
            [ngModel]="moveOutDate()"
            (ngModelChange)="moveOutDate.set($event)"
          />
          @if (showErrors() && errors().moveOut; as e) {
            <span class="error" data-testid="moveout-error">{{ e }}</span>
          } @else {
            <span class="hint">At least {{ minDays }} days after notice.</span>
          }
        </div>
      </div>
      <div class="field">
        <label for="gn-reason">Reason <span class="muted">(optional)</span></label>
        <textarea
          id="gn-reason"
          name="reason"
          class="input"
          rows="2"
          maxlength="200"
          placeholder="e.g. Tenant relocating for work"
          [ngModel]="reason()"
          (ngModelChange)="reason.set($event)"
        ></textarea>
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
          data-testid="confirm-notice"
        >
          {{ saving() ? 'Saving…' : 'Record notice' }}
        </button>
      </footer>
    </form>
  `,
  styleUrl: '../../../shared/styles/dialog.css',
})
export class GiveNoticeDialogComponent {
  private readonly lifecycle = inject(LifecycleService);

  readonly lease = input.required<LeaseLifecycle>();
  readonly done = output<LeaseLifecycle>();
  readonly cancelled = output<void>();

  protected readonly minDays = MIN_NOTICE_DAYS;
  protected readonly noticeDate = signal(toIsoDate(new Date()));
  protected readonly moveOutDate = signal(toIsoDate(addDays(new Date(), MIN_NOTICE_DAYS)));
  protected readonly reason = signal('');
  protected readonly saving = signal(false);
  protected readonly showErrors = signal(false);
  protected readonly apiError = signal<string | null>(null);

  protected readonly errors = computed(() => validateNotice(this.noticeDate(), this.moveOutDate()));
  protected readonly minMoveOut = computed(() => {
    const n = parseIsoDate(this.noticeDate());
    return n ? toIsoDate(addDays(n, MIN_NOTICE_DAYS)) : null;
  });

  protected submit(): void {
    this.showErrors.set(true);
    this.apiError.set(null);
    if (Object.keys(this.errors()).length || this.saving()) return;
    this.saving.set(true);
    this.lifecycle
      .giveNotice(this.lease().id, {
        notice_date: this.noticeDate(),
        notice_move_out_date: this.moveOutDate(),
        reason: this.reason().trim(),
      })
      .subscribe({
        next: (result) => this.done.emit(result),
        error: (err: unknown) => {
          this.saving.set(false);
          const fields = err instanceof ApiError ? Object.entries(err.fieldErrors) : [];
          const detail = errorMessage(err);
          this.apiError.set(
            fields.length > 1
              ? `${detail} ${fields
                  .slice(1)
                  .map(([, m]) => m.join(' '))
                  .join(' ')}`
              : detail,
          );
        },
      });
  }

  protected cancel(): void {
    if (!this.saving()) this.cancelled.emit();
  }
}
