import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
} from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';
import { Observable, catchError, concatMap, from, last, map, of } from 'rxjs';

import {
  InvoiceCreateRequest,
  InvoiceDetail,
  InvoiceLineInput,
  InvoiceWorkOrderOption,
} from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { InvoiceService } from '../../core/services/invoice.service';
import { PropertyService } from '../../core/services/property.service';
import { StoredFile } from '../../core/services/file.service';
import { errorMessage } from '../../core/utils/api-error';
import { addDays, toIsoDate } from '../../core/utils/dates';
import { FileUploadComponent } from '../../shared/components/file-upload.component';
import {
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { formatMoney } from '../../shared/pipes/money.pipe';
import {
  LINES_MAX,
  LineDraft,
  centsToDecimal,
  draftTotals,
  hundredthsToText,
  parseHundredths,
} from './invoices-format';

interface LineRow extends LineDraft {
  key: number;
  gl_code: string;
}

/** Work orders a vendor bills for: anything but cancelled. */
const BILLABLE = new Set(['open', 'assigned', 'in_progress', 'completed', 'closed']);

/**
 * Enter a vendor invoice (`/invoices/new`) or correct a received one (`/invoices/:invoiceId/edit`): vendor,
 * number, dates, where the work was (property → unit → work order), line items with live totals computed in
 * integer cents (the server computes the same), tax, and the vendor's PDF or photo (uploaded through
 * core/files and attached once the invoice exists).
 */
@Component({
  selector: 'app-invoice-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, FileUploadComponent, LoadingStateComponent, ErrorStateComponent],
  templateUrl: './invoice-form.component.html',
  styleUrl: './invoice-form.component.css',
})
export class InvoiceFormComponent {
  private readonly invoices = inject(InvoiceService);
  private readonly propertiesApi = inject(PropertyService);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);

  /** Route param on `/invoices/:invoiceId/edit`; absent for a new invoice. */
  readonly invoiceId = input<string | undefined>(undefined);
  protected readonly editing = computed(() => !!this.invoiceId());

  protected readonly existing = rxResource({
    params: () => this.invoiceId() || undefined,
    stream: ({ params }) => this.invoices.get(params),
  });

  protected readonly vendors = rxResource({ stream: () => this.invoices.vendors() });
  protected readonly properties = rxResource({
    stream: () => this.propertiesApi.getProperties({ page_size: 500, ordering: 'name' }),
  });

  // --- the form -----------------------------------------------------------------------------------------
  protected readonly vendor = signal('');
  protected readonly invoiceNumber = signal('');
  protected readonly invoiceDate = signal(toIsoDate(new Date()));
  protected readonly dueDate = signal(toIsoDate(addDays(new Date(), 30)));
  protected readonly property = signal('');
  protected readonly unit = signal('');
  protected readonly workOrder = signal('');
  protected readonly glCode = signal('');
  protected readonly notes = signal('');
  protected readonly tax = signal('0.00');
  private nextKey = 1;
  protected readonly lines = signal<LineRow[]>([this.blankLine()]);
  protected readonly files = signal<StoredFile[]>([]);

  protected readonly units = rxResource({
    params: () => this.property() || undefined,
    stream: ({ params }) => this.invoices.units(params),
  });
  protected readonly workOrders = rxResource({
    params: () => this.unit() || undefined,
    stream: ({ params }) => this.invoices.workOrderOptions({ unit: params }),
  });
  protected readonly billable = computed<InvoiceWorkOrderOption[]>(() =>
    this.workOrders.hasValue() ? this.workOrders.value().filter((w) => BILLABLE.has(w.status)) : [],
  );

  protected readonly totals = computed(() => draftTotals(this.lines(), this.tax()));
  protected readonly money = (cents: number | null) =>
    cents === null ? '—' : formatMoney(centsToDecimal(cents));
  protected readonly linesMax = LINES_MAX;
  protected readonly errorMessage = errorMessage;

  /** A work order assigned to another vendor: allowed, said before saving (the API says it too). */
  protected readonly vendorMismatch = computed(() => {
    const wo = this.billable().find((w) => w.id === this.workOrder());
    if (!wo || !wo.assigned_vendor || !this.vendor() || wo.assigned_vendor === this.vendor())
      return null;
    return `Work order ${wo.work_order_number} is assigned to ${wo.vendor_name ?? 'another vendor'}, not the vendor on this invoice.`;
  });

  protected readonly submitted = signal(false);
  protected readonly saving = signal(false);
  protected readonly apiError = signal<string | null>(null);

  /** What stops the form from being sent (shown once the person tried). */
  protected readonly problems = computed(() => {
    const out: Record<string, string> = {};
    if (!this.vendor()) out['vendor'] = 'Choose the vendor.';
    if (!this.invoiceNumber().trim()) out['number'] = 'The vendor’s invoice number.';
    if (!this.invoiceDate()) out['date'] = 'The date on the invoice.';
    else if (this.invoiceDate() > toIsoDate(new Date()))
      out['date'] = 'The invoice date can’t be in the future.';
    if (this.dueDate() && this.invoiceDate() && this.dueDate() < this.invoiceDate())
      out['due'] = 'Due on or after the invoice date.';
    const t = this.totals().error;
    if (t) out['lines'] = t;
    return out;
  });
  protected readonly valid = computed(() => Object.keys(this.problems()).length === 0);

  constructor() {
    // Editing: fill the form from the invoice once it arrives.
    effect(() => {
      if (!this.existing.hasValue()) return;
      this.fill(this.existing.value());
    });
  }

  private blankLine(): LineRow {
    return { key: this.nextKey++, description: '', quantity: '1', unit_price: '', gl_code: '' };
  }

  private fill(inv: InvoiceDetail): void {
    this.vendor.set(inv.vendor ?? '');
    this.invoiceNumber.set(inv.invoice_number);
    this.invoiceDate.set(inv.invoice_date);
    this.dueDate.set(inv.due_date ?? '');
    this.property.set(inv.property ?? '');
    this.unit.set(inv.unit ?? '');
    this.workOrder.set(inv.work_order ?? '');
    this.glCode.set(inv.gl_code);
    this.notes.set(inv.notes);
    this.tax.set(inv.tax_amount);
    this.lines.set(
      inv.line_items.map((li) => ({
        key: this.nextKey++,
        description: li.description,
        quantity: hundredthsToText(parseHundredths(li.quantity) ?? 100),
        unit_price: li.unit_price,
        gl_code: li.gl_code === inv.gl_code ? '' : li.gl_code,
      })),
    );
  }

  protected setProperty(id: string): void {
    this.property.set(id);
    this.unit.set('');
    this.workOrder.set('');
  }

  protected setUnit(id: string): void {
    this.unit.set(id);
    this.workOrder.set('');
  }

  protected updateLine(key: number, field: keyof LineDraft | 'gl_code', value: string): void {
    this.lines.update((rows) => rows.map((r) => (r.key === key ? { ...r, [field]: value } : r)));
  }

  protected addLine(): void {
    if (this.lines().length < LINES_MAX) this.lines.update((rows) => [...rows, this.blankLine()]);
  }

  protected removeLine(key: number): void {
    this.lines.update((rows) => (rows.length > 1 ? rows.filter((r) => r.key !== key) : rows));
  }

  protected amountOf(index: number): number | null {
    return this.totals().lines[index]?.amount ?? null;
  }

  private body(): InvoiceCreateRequest {
    const lines: InvoiceLineInput[] = this.lines().map((r) => ({
      description: r.description.trim(),
      quantity: centsToDecimal(parseHundredths(r.quantity || '1') ?? 0),
      unit_price: centsToDecimal(parseHundredths(r.unit_price || '0') ?? 0),
      ...(r.gl_code.trim() ? { gl_code: r.gl_code.trim() } : {}),
    }));
    return {
      vendor: this.vendor(),
      invoice_number: this.invoiceNumber().trim(),
      invoice_date: this.invoiceDate(),
      due_date: this.dueDate() || null,
      property: this.property() || null,
      unit: this.unit() || null,
      work_order: this.workOrder() || null,
      tax_amount: centsToDecimal(this.totals().tax ?? 0),
      gl_code: this.glCode().trim(),
      notes: this.notes().trim(),
      line_items: lines,
    };
  }

  protected save(): void {
    this.submitted.set(true);
    this.apiError.set(null);
    if (!this.valid() || this.saving()) return;
    this.saving.set(true);
    const id = this.invoiceId();
    const call: Observable<InvoiceDetail> = id
      ? this.invoices.update(id, this.body())
      : this.invoices.create(this.body());
    call.pipe(concatMap((inv) => this.attachAll(inv))).subscribe({
      next: (inv) => {
        this.saving.set(false);
        this.toast.success(
          id ? `Invoice ${inv.invoice_number} saved.` : `Invoice ${inv.invoice_number} entered.`,
        );
        void this.router.navigate(['/invoices', inv.id]);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.apiError.set(errorMessage(err));
      },
    });
  }

  /** Attaches the uploaded files one by one; answers the invoice as it stands after the last. */
  private attachAll(inv: InvoiceDetail): Observable<InvoiceDetail> {
    const files = this.files();
    if (!files.length) return of(inv);
    // The invoice exists now: a file that can't be attached is reported, and the detail page opens anyway
    // (sending the form again would only meet the duplicate-number check).
    return from(files).pipe(
      concatMap((f) => this.invoices.attach(inv.id, f.id)),
      last(),
      catchError((err: unknown) => {
        this.toast.error(
          `The invoice was saved, but a file was not attached: ${errorMessage(err)}`,
        );
        return of(inv);
      }),
      map((fresh) => fresh ?? inv),
    );
  }
}
