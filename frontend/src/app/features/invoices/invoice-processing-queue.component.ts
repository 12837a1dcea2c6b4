import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';

import { AuthService } from '../../core/auth/auth.service';
import {
  INVOICE_STAGES,
  INVOICE_STAGE_LABELS,
  InvoiceStage,
  ProcessingQueueRow,
} from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { InvoiceAiService } from '../../core/services/invoice-ai.service';
import { errorMessage } from '../../core/utils/api-error';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { StatusBadgeComponent } from '../../shared/components/status-badge.component';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import { pct } from './invoice-ai-format';

const POLL_MS = 2000;
const ACCEPT = 'application/pdf,image/jpeg,image/png,image/webp';

/** The stages a row waits in (the queue polls while one of them is showing). */
export function isWaiting(row: Pick<ProcessingQueueRow, 'stage'>): boolean {
  return row.stage === 'queued' || row.stage === 'extracting';
}

/**
 * 3.2 Invoice AI, the processing queue (`/invoices/processing`): drop vendor PDFs or photos (or choose
 * them), watch each one being read, filter by stage, open one for the side-by-side review.
 */
@Component({
  selector: 'app-invoice-processing-queue',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MoneyPipe,
    AppDatePipe,
    StatusBadgeComponent,
    LoadingStateComponent,
    ErrorStateComponent,
    EmptyStateComponent,
  ],
  templateUrl: './invoice-processing-queue.component.html',
  styleUrls: ['../../shared/styles/dashboard-page.css', './invoice-processing-queue.component.css'],
})
export class InvoiceProcessingQueueComponent {
  private readonly ai = inject(InvoiceAiService);
  private readonly auth = inject(AuthService);
  private readonly toast = inject(ToastService);

  protected readonly accept = ACCEPT;
  protected readonly stages = INVOICE_STAGES;
  protected readonly stageLabels = INVOICE_STAGE_LABELS;
  protected readonly pct = pct;
  protected readonly canUpload = computed(() => this.auth.can('manage_invoices'));
  /** Scoped people choose the property the bills are for (the API requires it). */
  protected readonly properties = computed(() => this.auth.user()?.properties ?? null);
  protected readonly property = signal<string>('');

  protected readonly stage = signal<InvoiceStage | ''>('');
  protected readonly showDone = signal(false);
  protected readonly dragging = signal(false);
  protected readonly uploading = signal(false);
  protected readonly uploadError = signal<string | null>(null);
  protected readonly lastUpload = signal<string | null>(null);

  protected readonly queue = rxResource({
    params: () => ({ includeDone: this.showDone() }),
    stream: ({ params }) => this.ai.queue({ include_done: params.includeDone }),
  });

  protected readonly data = computed(() => (this.queue.hasValue() ? this.queue.value() : null));
  protected readonly rows = computed(() => {
    const all = this.data()?.results ?? [];
    const stage = this.stage();
    return stage ? all.filter((r) => r.stage === stage) : all;
  });
  protected readonly counts = computed(() => this.data()?.counts ?? null);
  protected readonly waiting = computed(() =>
    (this.data()?.results ?? []).some((r) => isWaiting(r)),
  );

  constructor() {
    const destroy = inject(DestroyRef);
    let timer: ReturnType<typeof setTimeout> | null = null;
    effect(() => {
      if (timer) clearTimeout(timer);
      if (this.waiting()) timer = setTimeout(() => this.queue.reload(), POLL_MS);
    });
    destroy.onDestroy(() => timer && clearTimeout(timer));
  }

  protected setStage(stage: InvoiceStage | ''): void {
    this.stage.set(stage);
    if (stage === 'approved' || stage === 'rejected') this.showDone.set(true);
  }

  protected onDragOver(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(true);
  }

  protected onDrop(event: DragEvent): void {
    event.preventDefault();
    this.dragging.set(false);
    const files = Array.from(event.dataTransfer?.files ?? []);
    if (files.length) this.upload(files);
  }

  protected onChoose(input: HTMLInputElement): void {
    const files = Array.from(input.files ?? []);
    input.value = '';
    if (files.length) this.upload(files);
  }

  private upload(files: File[]): void {
    const scoped = this.properties();
    if (scoped && !this.property()) {
      this.uploadError.set('Choose the property these invoices are for first.');
      return;
    }
    this.uploading.set(true);
    this.uploadError.set(null);
    this.ai.upload(files, this.property() || null).subscribe({
      next: (result) => {
        this.uploading.set(false);
        const n = result.count;
        const message = `${n} invoice${n === 1 ? '' : 's'} uploaded from ${files.length} file${files.length === 1 ? '' : 's'}.`;
        this.lastUpload.set(message);
        this.toast.success(message);
        this.queue.reload();
      },
      error: (err) => {
        this.uploading.set(false);
        this.uploadError.set(errorMessage(err));
      },
    });
  }

  protected message(err: unknown): string {
    return errorMessage(err);
  }

  protected reload(): void {
    this.queue.reload();
  }
}
