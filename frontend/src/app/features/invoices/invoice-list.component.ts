import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';

import { AuthService } from '../../core/auth/auth.service';
import {
  INVOICE_STATUSES,
  INVOICE_STATUS_LABELS,
  Invoice,
  InvoiceFilters,
  InvoiceStatus,
} from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { InvoiceService } from '../../core/services/invoice.service';
import { errorMessage } from '../../core/utils/api-error';
import { toIsoDate } from '../../core/utils/dates';
import { IconComponent } from '../../shared/components/icon.component';
import { StatusBadgeComponent } from '../../shared/components/status-badge.component';
import { ListBodyComponent } from '../../shared/list/list-body.component';
import { ListToolbarComponent, ToolbarFilter } from '../../shared/list/list-toolbar.component';
import { listState, oneOf } from '../../shared/list/list-state';
import { SORT_HEADER } from '../../shared/list/sort-header';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { MoneyPipe, formatMoney } from '../../shared/pipes/money.pipe';
import { centsToDecimal, parseHundredths } from './invoices-format';
import { downloadBlob } from '../../shared/utils/download';

export const INVOICES_PAGE_SIZE = 25;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f-]{32,36}$/i;

/** The status chip: one status, `open` (received + approved: not paid, not refused), or '' for all. */
export function statusParam(choice: string): string | null {
  if (!choice) return null;
  if (choice === 'open') return 'received,approved';
  return choice;
}

interface Chip {
  value: string;
  label: string;
  count: number | null;
  total: string | null;
}

/**
 * Vendor invoices (issue 16): status chips with counts and totals, filters (vendor, property, dates,
 * amount, search) in the URL, a sortable table, CSV export, and "New invoice" for roles that enter them.
 */
@Component({
  selector: 'app-invoice-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MoneyPipe,
    AppDatePipe,
    IconComponent,
    StatusBadgeComponent,
    SORT_HEADER,
    ListToolbarComponent,
    ListBodyComponent,
  ],
  templateUrl: './invoice-list.component.html',
  styleUrls: ['../../shared/styles/dashboard-page.css', './invoice-list.component.css'],
})
export class InvoiceListComponent {
  private readonly invoices = inject(InvoiceService);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);
  private readonly auth = inject(AuthService);

  protected readonly canEnter = computed(() => this.auth.can('manage_invoices'));

  protected readonly list = listState({
    filters: {
      status: { parse: oneOf(['open', ...INVOICE_STATUSES]) },
      overdue: { parse: oneOf(['true']) },
      vendor: { parse: (v) => (UUID.test(v) ? v : null) },
      property: {},
      from: { parse: (v) => (ISO_DATE.test(v) ? v : null) },
      to: { parse: (v) => (ISO_DATE.test(v) ? v : null) },
      min: { parse: (v) => (parseHundredths(v) !== null ? v : null) },
      max: { parse: (v) => (parseHundredths(v) !== null ? v : null) },
    },
    defaultSort: '-invoice_date',
    pageSize: INVOICES_PAGE_SIZE,
  });

  private readonly vendors = rxResource({ stream: () => this.invoices.vendors(true) });

  protected readonly toolbarFilters = computed<readonly ToolbarFilter[]>(() => {
    const vendors = this.vendors.hasValue() ? this.vendors.value() : [];
    return [
      {
        key: 'vendor',
        label: 'Vendor',
        testId: 'vendor-filter',
        options: [
          { value: '', label: 'All vendors' },
          ...vendors.map((v) => ({ value: v.id, label: v.name })),
        ],
      },
    ];
  });

  /** Everything but the status, page and sort: what the chips count over. */
  private readonly baseFilters = computed<InvoiceFilters>(() => {
    const f = this.list.filters();
    return {
      vendor: f.vendor || null,
      property: f.property || null,
      invoice_date__gte: f.from || null,
      invoice_date__lte: f.to || null,
      total_amount__gte: f.min ? centsToDecimal(parseHundredths(f.min) ?? 0) : null,
      total_amount__lte: f.max ? centsToDecimal(parseHundredths(f.max) ?? 0) : null,
      overdue: f.overdue === 'true' ? true : null,
      search: this.list.search() || null,
    };
  });

  protected readonly filters = computed<InvoiceFilters>(() => ({
    ...this.baseFilters(),
    status: statusParam(this.list.filters().status),
    ...this.list.query(),
  }));

  protected readonly summary = rxResource({
    params: () => this.baseFilters(),
    stream: ({ params }) => this.invoices.summary(params),
  });
  protected readonly page = rxResource({
    params: () => this.filters(),
    stream: ({ params }) => this.invoices.list(params),
  });
  private readonly shown = this.list.keepPage(() =>
    this.page.hasValue() ? this.page.value() : undefined,
  );
  protected readonly rows = computed(() => this.shown()?.results ?? []);
  protected readonly total = computed(() => this.shown()?.count ?? 0);

  protected readonly chips = computed<Chip[]>(() => {
    const s = this.summary.hasValue() ? this.summary.value() : null;
    const bucket = (status: InvoiceStatus) => s?.by_status[status] ?? null;
    const open =
      s === null
        ? null
        : {
            count: s.by_status.received.count + s.by_status.approved.count,
            total: centsToDecimal(
              (parseHundredths(s.by_status.received.total) ?? 0) +
                (parseHundredths(s.by_status.approved.total) ?? 0),
            ),
          };
    return [
      { value: '', label: 'All', count: s?.count ?? null, total: s?.total ?? null },
      { value: 'open', label: 'Unpaid', count: open?.count ?? null, total: open?.total ?? null },
      ...INVOICE_STATUSES.map((status) => ({
        value: status,
        label: INVOICE_STATUS_LABELS[status],
        count: bucket(status)?.count ?? null,
        total: bucket(status)?.total ?? null,
      })),
    ];
  });
  protected readonly overdue = computed(() =>
    this.summary.hasValue() ? this.summary.value().overdue : null,
  );

  /** The amount range as typed, until it is applied (Enter or leaving the field). */
  protected readonly amountError = signal<string | null>(null);
  protected readonly exporting = signal(false);
  protected readonly message = errorMessage;
  protected readonly fmt = formatMoney;

  protected setStatus(value: string): void {
    this.list.setFilter('status', value);
  }

  protected toggleOverdue(): void {
    this.list.toggleFilter('overdue', 'true');
  }

  protected setDate(key: 'from' | 'to', value: string): void {
    this.list.setFilter(key, ISO_DATE.test(value) ? value : null);
  }

  protected setAmount(key: 'min' | 'max', value: string): void {
    const text = value.trim();
    if (text && parseHundredths(text) === null) {
      this.amountError.set('Amounts like 250 or 1250.50.');
      return;
    }
    this.amountError.set(null);
    this.list.setFilter(key, text || null);
  }

  protected open(row: Invoice): void {
    const path =
      row.status === 'processing' ? ['/invoices/processing', row.id] : ['/invoices', row.id];
    void this.router.navigate(path);
  }

  /** Every invoice matching the filters, as CSV (the API's export). */
  protected exportCsv(): void {
    if (this.exporting()) return;
    this.exporting.set(true);
    this.invoices.exportCsv(this.filters()).subscribe({
      next: (blob) => {
        downloadBlob(`invoices-${toIsoDate(new Date())}.csv`, blob);
        this.exporting.set(false);
      },
      error: (err: unknown) => {
        this.toast.error(`Export failed: ${errorMessage(err)}`);
        this.exporting.set(false);
      },
    });
  }
}
