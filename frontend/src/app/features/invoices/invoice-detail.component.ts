import { DatePipe, NgComponentOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { concatMap, from, last } from 'rxjs';

import { AuthService } from '../../core/auth/auth.service';
import { InvoiceAttachment, InvoiceDetail, InvoiceTransitionRequest } from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { StoredFile } from '../../core/services/file.service';
import { InvoiceService } from '../../core/services/invoice.service';
import { errorMessage } from '../../core/utils/api-error';
import { FileUploadComponent } from '../../shared/components/file-upload.component';
import { FileViewerComponent } from '../../shared/components/file-viewer.component';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { StatusBadgeComponent } from '../../shared/components/status-badge.component';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import { INVOICE_SIDE_PANELS, sortedPanels } from './invoice-side-panels';
import { InvoiceTransitionDialogComponent } from './invoice-transition-dialog.component';
import { InvoiceAction, eventTitle, invoiceActions } from './invoices-format';

/** What the toast says after each move (by the action's test id). */
const DONE: Record<string, string> = {
  'action-approve': 'approved',
  'action-pay': 'marked paid',
  'action-reject': 'rejected',
  'action-reopen': 're-opened',
  'action-send-back': 'sent back to received',
};

/**
 * One vendor invoice (`/invoices/:invoiceId`): header with its status, where the work was (work order,
 * unit, vendor), line items and totals, attachments (signed links, the file viewer), the history, and the
 * moves the role may make (approve, reject, mark paid, send back, re-open), each with a confirm step.
 * Panels other features provide (3.2 AI extraction) sit beside it (invoice-side-panels.ts).
 */
@Component({
  selector: 'app-invoice-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    DatePipe,
    NgComponentOutlet,
    AppDatePipe,
    MoneyPipe,
    StatusBadgeComponent,
    FileUploadComponent,
    FileViewerComponent,
    InvoiceTransitionDialogComponent,
    LoadingStateComponent,
    ErrorStateComponent,
    EmptyStateComponent,
  ],
  templateUrl: './invoice-detail.component.html',
  styleUrl: './invoice-detail.component.css',
})
export class InvoiceDetailComponent {
  private readonly invoices = inject(InvoiceService);
  private readonly toast = inject(ToastService);
  private readonly auth = inject(AuthService);

  /** Route param. */
  readonly invoiceId = input.required<string>();

  protected readonly canManage = computed(() => this.auth.can('manage_invoices'));
  /** The work-order screen is for roles that see maintenance (an accountant reads the number only). */
  protected readonly canOpenWorkOrders = computed(() => this.auth.can('view_maintenance'));
  protected readonly panels = sortedPanels(inject(INVOICE_SIDE_PANELS, { optional: true }));

  protected readonly invoice = rxResource({
    params: () => this.invoiceId(),
    stream: ({ params }) => this.invoices.get(params),
  });

  protected readonly actions = computed<InvoiceAction[]>(() => {
    if (!this.invoice.hasValue() || !this.canManage()) return [];
    const inv = this.invoice.value();
    return invoiceActions(inv.status, inv.allowed_transitions);
  });

  protected readonly dialog = signal<InvoiceAction | null>(null);
  protected readonly busy = signal(false);
  protected readonly dialogError = signal<string | null>(null);
  protected readonly attaching = signal(false);
  protected readonly message = errorMessage;
  protected readonly eventTitle = eventTitle;
  protected readonly reload = () => this.invoice.reload();

  protected open(action: InvoiceAction): void {
    this.dialogError.set(null);
    this.busy.set(false);
    this.dialog.set(action);
  }

  protected close(): void {
    if (!this.busy()) this.dialog.set(null);
  }

  protected confirm(body: InvoiceTransitionRequest): void {
    const action = this.dialog();
    if (!action) return;
    this.busy.set(true);
    this.dialogError.set(null);
    this.invoices.transition(this.invoiceId(), body).subscribe({
      next: (fresh) => {
        this.busy.set(false);
        this.invoice.set(fresh);
        this.dialog.set(null);
        this.toast.success(`Invoice ${fresh.invoice_number} ${DONE[action.testId] ?? 'updated'}.`);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.dialogError.set(errorMessage(err));
      },
    });
  }

  /** Attaches every file the upload zone stored, then shows the fresh invoice. */
  protected attach(files: StoredFile[], upload: FileUploadComponent): void {
    if (!files.length || this.attaching()) return;
    this.attaching.set(true);
    from(files)
      .pipe(
        concatMap((f) => this.invoices.attach(this.invoiceId(), f.id)),
        last(),
      )
      .subscribe({
        next: (fresh) => {
          this.attaching.set(false);
          this.invoice.set(fresh);
          upload.clear();
          this.toast.success(
            files.length === 1 ? 'File attached.' : `${files.length} files attached.`,
          );
        },
        error: (err: unknown) => {
          this.attaching.set(false);
          this.toast.error(`Could not attach: ${errorMessage(err)}`);
          this.invoice.reload();
        },
      });
  }

  protected remove(a: InvoiceAttachment): void {
    this.invoices.removeAttachment(this.invoiceId(), a.id).subscribe({
      next: () => {
        this.toast.success(`${a.original_name} removed.`);
        this.invoice.reload();
      },
      error: (err: unknown) => this.toast.error(`Could not remove: ${errorMessage(err)}`),
    });
  }

  /** Each attachment with what the file viewer takes, built once per answer (a fresh object on every change
   * detection would reset the viewer). The viewer reads the bytes through the signed links, minted after the
   * invoice's own scoped lookup, so anyone who may open the invoice may open its files. */
  protected readonly files = computed(() =>
    (this.invoice.hasValue() ? this.invoice.value().attachments : []).map((a) => ({
      a,
      file: {
        id: a.file,
        kind: a.kind,
        original_name: a.original_name,
        thumbnail: a.thumbnail_url,
      },
      signed: { url: a.url, thumbnailUrl: a.thumbnail_url },
    })),
  );

  protected panelInputs(inv: InvoiceDetail) {
    return { invoice: inv, reload: this.reload };
  }
}
