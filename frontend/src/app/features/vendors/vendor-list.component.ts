import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';

import { AuthService } from '../../core/auth/auth.service';
import { DOCUMENT_STATES, TRADES, TRADE_LABELS, Vendor, VendorFilters } from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { VendorService } from '../../core/services/vendor.service';
import { errorMessage } from '../../core/utils/api-error';
import { toIsoDate } from '../../core/utils/dates';
import { IconComponent } from '../../shared/components/icon.component';
import { filterOptions } from '../../shared/list/filter-select.component';
import { ListBodyComponent } from '../../shared/list/list-body.component';
import { ListToolbarComponent, ToolbarFilter } from '../../shared/list/list-toolbar.component';
import { listState, oneOf } from '../../shared/list/list-state';
import { SORT_HEADER } from '../../shared/list/sort-header';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import { downloadBlob } from '../renewals/renewals-format';
import { ComplianceBadgesComponent } from './compliance-badges.component';

export const VENDORS_PAGE_SIZE = 25;
const ACTIVE_CHOICES = ['true', 'false', 'all'];
const COMPLIANCE_LABELS: Record<string, string> = {
  active: 'Compliant',
  expiring: 'Expiring within 30 days',
  expired: 'Expired',
  missing: 'Missing a document',
};

/** The API's `is_active` for the status filter ('all': no filter). */
export function activeParam(choice: string): string | null {
  return choice === 'all' ? null : choice;
}

/**
 * The vendor list: trade, paperwork (insurance/license, expiring within 30 days) and the last 12 months of
 * work; filters, search and sort in the URL; CSV of the filter; "New vendor" for manage_maintenance.
 */
@Component({
  selector: 'app-vendor-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MoneyPipe,
    IconComponent,
    SORT_HEADER,
    ListToolbarComponent,
    ListBodyComponent,
    ComplianceBadgesComponent,
  ],
  templateUrl: './vendor-list.component.html',
  styleUrls: ['../../shared/styles/dashboard-page.css', './vendor-list.component.css'],
})
export class VendorListComponent {
  private readonly vendors = inject(VendorService);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);
  private readonly auth = inject(AuthService);

  protected readonly canManage = computed(() => this.auth.can('manage_maintenance'));

  protected readonly toolbarFilters: readonly ToolbarFilter[] = [
    {
      key: 'trade',
      label: 'Trade',
      testId: 'trade-filter',
      options: filterOptions(TRADES, TRADE_LABELS, { first: [{ value: '', label: 'Any trade' }] }),
    },
    {
      key: 'compliance',
      label: 'Paperwork',
      testId: 'compliance-filter',
      options: filterOptions(DOCUMENT_STATES, COMPLIANCE_LABELS, {
        first: [{ value: '', label: 'Any paperwork' }],
      }),
    },
    {
      key: 'active',
      label: 'Status',
      testId: 'active-filter',
      options: [
        { value: 'true', label: 'Active vendors' },
        { value: 'false', label: 'Inactive vendors' },
        { value: 'all', label: 'All vendors' },
      ],
    },
  ];

  protected readonly list = listState({
    filters: {
      trade: { parse: oneOf(TRADES) },
      compliance: { parse: oneOf(DOCUMENT_STATES) },
      active: { default: 'true', parse: oneOf(ACTIVE_CHOICES) },
    },
    pageSize: VENDORS_PAGE_SIZE,
  });

  protected readonly filters = computed<VendorFilters>(() => {
    const f = this.list.filters();
    return {
      trade: f.trade || null,
      compliance: f.compliance || null,
      is_active: activeParam(f.active),
      ...this.list.query(),
    };
  });

  protected readonly page = rxResource({
    params: () => this.filters(),
    stream: ({ params }) => this.vendors.getVendors(params),
  });
  private readonly shown = this.list.keepPage(() =>
    this.page.hasValue() ? this.page.value() : undefined,
  );
  protected readonly rows = computed(() => this.shown()?.results ?? []);
  protected readonly total = computed(() => this.shown()?.count ?? 0);

  protected readonly exporting = signal(false);

  protected exportCsv(): void {
    if (this.exporting()) return;
    this.exporting.set(true);
    this.vendors.exportCsv(this.filters()).subscribe({
      next: (blob) => {
        downloadBlob(`vendors-${toIsoDate(new Date())}.csv`, blob);
        this.exporting.set(false);
      },
      error: (err: unknown) => {
        this.toast.error(`Export failed: ${errorMessage(err)}`);
        this.exporting.set(false);
      },
    });
  }

  protected open(v: Vendor): void {
    void this.router.navigate(['/vendors', v.id]);
  }
}
