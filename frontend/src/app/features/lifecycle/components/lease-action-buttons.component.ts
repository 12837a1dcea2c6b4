import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { Observable } from 'rxjs';

import { AuthService } from '../../../core/auth/auth.service';
import { LeaseLifecycle } from '../../../core/models';
import { ToastService } from '../../../core/notifications/toast.service';
import { LifecycleService } from '../../../core/services/lifecycle.service';
import { errorMessage } from '../../../core/utils/api-error';
import { formatDate } from '../../../core/utils/dates';
import { ConfirmActionDialogComponent } from './confirm-action-dialog.component';
import { GiveNoticeDialogComponent } from './give-notice-dialog.component';

export type LeaseAction = 'convert-mtm' | 'give-notice' | 'mark-vacant';

/** Which actions a lifecycle state offers (spec 1.1 transition rules). */
export function actionsFor(status: string | null | undefined): LeaseAction[] {
  switch (status) {
    case 'active':
      return ['convert-mtm', 'give-notice'];
    case 'month_to_month':
      return ['give-notice'];
    case 'notice':
      return ['mark-vacant'];
    default:
      return [];
  }
}

export interface LeaseActionResult {
  action: LeaseAction;
  lease: LeaseLifecycle;
  result: LeaseLifecycle;
}

/** Per-state action buttons for a lease, with their dialogs; emits after a successful action. */
@Component({
  selector: 'app-lease-action-buttons',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [GiveNoticeDialogComponent, ConfirmActionDialogComponent],
  // Clicks on the buttons and their dialogs must not reach a clickable table row.
  host: { '(click)': '$event.stopPropagation()' },
  template: `
    @for (a of actions(); track a) {
      @switch (a) {
        @case ('convert-mtm') {
          <button
            type="button"
            class="btn"
            [class.btn-sm]="size() === 'sm'"
            data-action="convert-mtm"
            (click)="open('convert-mtm', $event)"
          >
            Convert to MTM
          </button>
        }
        @case ('give-notice') {
          <button
            type="button"
            class="btn btn-danger"
            [class.btn-sm]="size() === 'sm'"
            data-action="give-notice"
            (click)="open('give-notice', $event)"
          >
            Give Notice
          </button>
        }
        @case ('mark-vacant') {
          <button
            type="button"
            class="btn"
            [class.btn-sm]="size() === 'sm'"
            data-action="mark-vacant"
            (click)="open('mark-vacant', $event)"
          >
            Mark Vacant
          </button>
        }
      }
    } @empty {
      <span class="none">—</span>
    }

    @switch (dialog()) {
      @case ('give-notice') {
        <app-give-notice-dialog
          [lease]="lease()"
          (done)="finish('give-notice', $event)"
          (cancelled)="close()"
        />
      }
      @case ('convert-mtm') {
        <app-confirm-action-dialog
          title="Convert to month-to-month"
          [message]="convertMessage()"
          confirmLabel="Convert to MTM"
          [busy]="busy()"
          [error]="error()"
          (confirmed)="run('convert-mtm')"
          (cancelled)="close()"
        />
      }
      @case ('mark-vacant') {
        <app-confirm-action-dialog
          title="Mark vacant"
          [message]="vacantMessage()"
          confirmLabel="Mark Vacant"
          [busy]="busy()"
          [error]="error()"
          (confirmed)="run('mark-vacant')"
          (cancelled)="close()"
        />
      }
    }
  `,
  styles: `
    :host {
      display: inline-flex;
      gap: 6px;
      flex-wrap: wrap;
    }
    .none {
      color: var(--faint);
    }
  `,
})
export class LeaseActionButtonsComponent {
  private readonly lifecycle = inject(LifecycleService);
  private readonly toast = inject(ToastService);

  readonly lease = input.required<LeaseLifecycle>();
  readonly size = input<'sm' | 'md'>('sm');
  readonly actionTaken = output<LeaseActionResult>();

  private readonly auth = inject(AuthService);

  /** The state's actions, for a role that manages leases (none otherwise). */
  protected readonly actions = computed(() =>
    this.auth.can('manage_leases') ? actionsFor(this.lease().lease_status) : [],
  );
  protected readonly dialog = signal<LeaseAction | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected readonly convertMessage = computed(() => {
    const l = this.lease();
    return `Unit ${l.unit_number} · ${l.tenant_name}. The lease (ending ${formatDate(l.lease_end_date)}) becomes month-to-month from today.`;
  });
  protected readonly vacantMessage = computed(() => {
    const l = this.lease();
    return `Unit ${l.unit_number} · ${l.tenant_name} moves out (notice move-out ${formatDate(l.notice_move_out_date)}). The unit becomes vacant.`;
  });

  protected open(action: LeaseAction, event: Event): void {
    event.stopPropagation();
    this.error.set(null);
    this.busy.set(false);
    this.dialog.set(action);
  }

  protected close(): void {
    this.dialog.set(null);
  }

  protected run(action: 'convert-mtm' | 'mark-vacant'): void {
    const id = this.lease().id;
    const call: Observable<LeaseLifecycle> =
      action === 'convert-mtm' ? this.lifecycle.convertToMtm(id) : this.lifecycle.markVacant(id);
    this.busy.set(true);
    this.error.set(null);
    call.subscribe({
      next: (result) => this.finish(action, result),
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(errorMessage(err));
      },
    });
  }

  protected finish(action: LeaseAction, result: LeaseLifecycle): void {
    const l = this.lease();
    this.busy.set(false);
    this.dialog.set(null);
    const what =
      action === 'give-notice'
        ? 'Notice recorded'
        : action === 'convert-mtm'
          ? 'Converted to month-to-month'
          : 'Marked vacant';
    this.toast.success(`${what}: unit ${l.unit_number}.`);
    this.actionTaken.emit({ action, lease: l, result });
  }
}
