import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { of } from 'rxjs';

import { AuthService } from '../../core/auth/auth.service';
import { Vendor } from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { VendorService } from '../../core/services/vendor.service';
import { errorMessage } from '../../core/utils/api-error';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { ToneBadgeComponent } from '../../shared/components/tone-badge.component';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import { ComplianceBadgesComponent } from './compliance-badges.component';
import {
  INVOICE_STATUS_LABELS,
  WORK_ORDER_STATUS_LABELS,
  documentBadge,
  statusWord,
} from './vendors-format';

export const VENDOR_DETAIL_ROWS = 10;

/**
 * `/vendors/:vendorId`: contact, rate, license and insurance with their badges, the vendor's latest work
 * orders (view_maintenance) and invoices (view_invoices: the card is not shown without it); Edit and
 * Deactivate for manage_maintenance.
 */
@Component({
  selector: 'app-vendor-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MoneyPipe,
    AppDatePipe,
    ToneBadgeComponent,
    ComplianceBadgesComponent,
    LoadingStateComponent,
    ErrorStateComponent,
    EmptyStateComponent,
  ],
  templateUrl: './vendor-detail.component.html',
  styleUrl: './vendor-detail.component.css',
})
export class VendorDetailComponent {
  private readonly vendors = inject(VendorService);
  private readonly toast = inject(ToastService);
  private readonly auth = inject(AuthService);

  readonly vendorId = input.required<string>();

  protected readonly canManage = computed(() => this.auth.can('manage_maintenance'));
  protected readonly canSeeWork = computed(() => this.auth.can('view_maintenance'));
  protected readonly canSeeInvoices = computed(() => this.auth.can('view_invoices'));

  protected readonly vendor = rxResource({
    params: () => this.vendorId(),
    stream: ({ params }) => this.vendors.getVendor(params),
  });
  protected readonly workOrders = rxResource({
    params: () => (this.canSeeWork() ? this.vendorId() : undefined),
    stream: ({ params }) =>
      params ? this.vendors.getWorkOrders(params, VENDOR_DETAIL_ROWS) : of(null),
  });
  protected readonly invoices = rxResource({
    params: () => (this.canSeeInvoices() ? this.vendorId() : undefined),
    stream: ({ params }) =>
      params ? this.vendors.getInvoices(params, VENDOR_DETAIL_ROWS) : of(null),
  });

  protected readonly confirming = signal(false);
  protected readonly busy = signal(false);
  protected readonly actionError = signal<string | null>(null);

  protected readonly message = errorMessage;
  protected readonly docBadge = documentBadge;
  protected readonly woStatus = (s: string) => statusWord(WORK_ORDER_STATUS_LABELS, s);
  protected readonly invoiceStatus = (s: string) => statusWord(INVOICE_STATUS_LABELS, s);

  /** Deactivate (after a confirm) or reactivate; the vendor is never deleted. */
  protected setActive(v: Vendor, active: boolean): void {
    if (this.busy()) return;
    this.busy.set(true);
    this.actionError.set(null);
    const request = active
      ? this.vendors.update(v.id, { is_active: true })
      : this.vendors.deactivate(v.id);
    request.subscribe({
      next: (updated) => {
        this.vendor.set(updated);
        this.busy.set(false);
        this.confirming.set(false);
        this.toast.success(active ? `${v.name} is active again.` : `${v.name} was deactivated.`);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.actionError.set(errorMessage(err));
      },
    });
  }
}
