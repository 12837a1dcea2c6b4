import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { HttpClient } from '@angular/common/http';
import { DomSanitizer, SafeResourceUrl } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';

import { AuthService } from '../../core/auth/auth.service';
import { InvoiceExtraction } from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { InvoiceAiService } from '../../core/services/invoice-ai.service';
import { InvoiceService } from '../../core/services/invoice.service';
import { errorMessage } from '../../core/utils/api-error';
import {
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { StatusBadgeComponent } from '../../shared/components/status-badge.component';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import {
  ReviewDraft,
  approvalBody,
  confidenceOf,
  draftFrom,
  draftTotal,
  isLow,
  pct,
  stillReading,
} from './invoice-ai-format';

const POLL_MS = 1500;

/** The HTTP status behind a resource's error (Angular wraps errors that are not `Error`s). */
export function httpStatus(err: unknown): number | null {
  const e = err as { status?: number; cause?: { status?: number } } | null | undefined;
  return e?.status ?? e?.cause?.status ?? null;
}
export const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];

type Pending = 'approve' | 'flag' | 'reject' | 'link' | null;

/**
 * 3.2 side-by-side review (`/invoices/processing/:invoiceId`): the original on the left (PDF in the browser's
 * viewer or the photo, zoomable), what the AI read on the right — low-confidence fields highlighted, line
 * items, work-order candidates, price and duplicate warnings, GL code — and Approve / Flag / Reject. A failed
 * extraction shows why and leaves the same form to enter the invoice by hand.
 */
@Component({
  selector: 'app-invoice-review',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MoneyPipe,
    StatusBadgeComponent,
    LoadingStateComponent,
    ErrorStateComponent,
  ],
  templateUrl: './invoice-review.component.html',
  styleUrl: './invoice-review.component.css',
})
export class InvoiceReviewComponent {
  private readonly ai = inject(InvoiceAiService);
  private readonly invoices = inject(InvoiceService);
  private readonly http = inject(HttpClient);
  private readonly sanitizer = inject(DomSanitizer);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);
  private readonly auth = inject(AuthService);

  /** Route param. */
  readonly invoiceId = input.required<string>();

  protected readonly pct = pct;
  protected readonly canManage = computed(() => this.auth.can('manage_invoices'));

  protected readonly extraction = rxResource({
    params: () => this.invoiceId(),
    stream: ({ params }) => this.ai.extraction(params),
  });
  protected readonly vendors = rxResource({ stream: () => this.invoices.vendors(true) });
  protected readonly vendorList = computed(() =>
    this.vendors.hasValue() ? this.vendors.value() : [],
  );

  protected readonly x = computed<InvoiceExtraction | null>(() =>
    this.extraction.hasValue() ? this.extraction.value() : null,
  );
  protected readonly reading = computed(() => stillReading(this.x()));
  protected readonly draft = signal<ReviewDraft | null>(null);
  protected readonly total = computed(() => {
    const d = this.draft();
    return d ? draftTotal(d) : 0;
  });
  protected readonly open = computed(() => this.x()?.invoice_status === 'processing');

  // the original
  protected readonly docUrl = signal<SafeResourceUrl | null>(null);
  protected readonly imgUrl = signal<string | null>(null);
  protected readonly docError = signal<string | null>(null);
  protected readonly zoom = signal(1);
  private objectUrl: string | null = null;
  private loadedFor: string | null = null;

  // actions
  protected readonly pending = signal<Pending>(null);
  protected readonly error = signal<string | null>(null);
  protected readonly reasonFor = signal<'flag' | 'reject' | null>(null);
  protected readonly reason = signal('');

  constructor() {
    const destroy = inject(DestroyRef);
    let timer: ReturnType<typeof setTimeout> | null = null;
    effect(() => {
      if (timer) clearTimeout(timer);
      if (this.reading()) timer = setTimeout(() => this.extraction.reload(), POLL_MS);
    });
    // the form is drafted once, when the reading is done (polls don't overwrite the reviewer's edits)
    effect(() => {
      const x = this.x();
      if (x && !stillReading(x) && untracked(() => this.draft()) === null)
        this.draft.set(draftFrom(x));
    });
    effect(() => {
      const x = this.x();
      if (x?.document && untracked(() => this.loadedFor) !== x.id) this.loadDocument(x);
    });
    // an invoice entered by hand has no extraction: its page is the detail (the old address keeps working)
    effect(() => {
      if (httpStatus(this.extraction.error()) === 404) {
        void this.router.navigate(['/invoices', untracked(() => this.invoiceId())], {
          replaceUrl: true,
        });
      }
    });
    destroy.onDestroy(() => {
      if (timer) clearTimeout(timer);
      if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
    });
  }

  /** The bytes through the signed link into a blob: URL (the page's CSP frames only blob: and itself). */
  private loadDocument(x: InvoiceExtraction): void {
    this.loadedFor = x.id;
    const doc = x.document!;
    this.http.get(doc.url, { responseType: 'blob' }).subscribe({
      next: (blob) => {
        if (this.objectUrl) URL.revokeObjectURL(this.objectUrl);
        this.objectUrl = URL.createObjectURL(blob);
        if (doc.kind === 'pdf') {
          // the browser's viewer: the invoice's first page, fitted to the pane's width, no thumbnails
          const view = `#page=${x.first_page}&navpanes=0&view=FitH`;
          this.docUrl.set(this.sanitizer.bypassSecurityTrustResourceUrl(this.objectUrl + view));
        } else {
          this.imgUrl.set(this.objectUrl);
        }
      },
      error: (err) => this.docError.set(errorMessage(err)),
    });
  }

  protected zoomBy(step: number): void {
    const i = ZOOMS.indexOf(this.zoom());
    const next = ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, (i < 0 ? 2 : i) + step))];
    this.zoom.set(next);
  }

  protected low(field: string): boolean {
    return isLow(this.x(), field);
  }

  protected conf(field: string): number | null {
    return confidenceOf(this.x(), field);
  }

  protected set<K extends keyof ReviewDraft>(key: K, value: ReviewDraft[K]): void {
    this.draft.update((d) => (d ? { ...d, [key]: value } : d));
  }

  protected setLine(
    index: number,
    key: 'description' | 'quantity' | 'unit_price',
    value: string,
  ): void {
    this.draft.update((d) =>
      d ? { ...d, lines: d.lines.map((l, i) => (i === index ? { ...l, [key]: value } : l)) } : d,
    );
  }

  protected addLine(): void {
    this.draft.update((d) =>
      d ? { ...d, lines: [...d.lines, { description: '', quantity: '1', unit_price: '' }] } : d,
    );
  }

  protected removeLine(index: number): void {
    this.draft.update((d) => (d ? { ...d, lines: d.lines.filter((_, i) => i !== index) } : d));
  }

  protected chooseWorkOrder(id: string): void {
    this.set('work_order', id);
  }

  protected approve(): void {
    const d = this.draft();
    if (!d || this.pending()) return;
    this.pending.set('approve');
    this.error.set(null);
    this.ai.approve(this.invoiceId(), approvalBody(d)).subscribe({
      next: (invoice) => {
        this.pending.set(null);
        this.toast.success(`Invoice ${invoice.invoice_number} approved.`);
        void this.router.navigate(['/invoices', invoice.id]);
      },
      error: (err) => {
        this.pending.set(null);
        this.error.set(errorMessage(err));
      },
    });
  }

  protected askReason(kind: 'flag' | 'reject'): void {
    this.reasonFor.set(kind);
    this.reason.set('');
    this.error.set(null);
  }

  protected confirmReason(): void {
    const kind = this.reasonFor();
    const reason = this.reason().trim();
    if (!kind || this.pending()) return;
    if (!reason) {
      this.error.set(kind === 'flag' ? 'Say why you flag it.' : 'Say why the invoice is rejected.');
      return;
    }
    this.pending.set(kind);
    const done = () => {
      this.pending.set(null);
      this.reasonFor.set(null);
    };
    const fail = (err: unknown) => {
      this.pending.set(null);
      this.error.set(errorMessage(err));
    };
    if (kind === 'flag') {
      this.ai.flag(this.invoiceId(), reason).subscribe({
        next: () => {
          done();
          this.toast.success('Flagged for review.');
          this.extraction.reload();
        },
        error: fail,
      });
    } else {
      this.ai.reject(this.invoiceId(), reason).subscribe({
        next: () => {
          done();
          this.toast.success('Invoice rejected.');
          void this.router.navigate(['/invoices/processing']);
        },
        error: fail,
      });
    }
  }

  protected retry(): void {
    this.ai.retry(this.invoiceId()).subscribe({
      next: () => {
        this.draft.set(null);
        this.extraction.reload();
      },
      error: (err) => this.error.set(errorMessage(err)),
    });
  }

  protected message(err: unknown): string {
    return errorMessage(err);
  }

  protected reload(): void {
    this.extraction.reload();
  }
}
