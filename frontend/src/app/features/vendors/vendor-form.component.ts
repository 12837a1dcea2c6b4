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
import { FormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { of } from 'rxjs';

import { AuthService } from '../../core/auth/auth.service';
import { TRADES, TRADE_LABELS, Vendor } from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { VendorService } from '../../core/services/vendor.service';
import { ApiError, errorMessage } from '../../core/utils/api-error';
import {
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import {
  EMPTY_VENDOR_FORM,
  VendorForm,
  VendorFormErrors,
  validateVendor,
  vendorBody,
  vendorForm,
} from './vendors-format';

/** `/vendors/new` and `/vendors/:vendorId/edit`: the vendor's contact, trade, rate and paperwork. */
@Component({
  selector: 'app-vendor-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, RouterLink, LoadingStateComponent, ErrorStateComponent],
  templateUrl: './vendor-form.component.html',
  styleUrl: './vendor-form.component.css',
})
export class VendorFormComponent {
  private readonly vendors = inject(VendorService);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);
  private readonly auth = inject(AuthService);

  /** The route's `:vendorId` (edit); absent on /vendors/new. */
  readonly vendorId = input<string | undefined>();

  protected readonly trades = TRADES;
  protected readonly tradeLabels = TRADE_LABELS;
  protected readonly canManage = computed(() => this.auth.can('manage_maintenance'));
  protected readonly editing = computed(() => !!this.vendorId());

  protected readonly vendor = rxResource({
    params: () => this.vendorId(),
    stream: ({ params }) => (params ? this.vendors.getVendor(params) : of(null)),
  });

  protected readonly form = signal<VendorForm>({ ...EMPTY_VENDOR_FORM });
  protected readonly showErrors = signal(false);
  protected readonly saving = signal(false);
  protected readonly apiError = signal<string | null>(null);
  protected readonly serverErrors = signal<VendorFormErrors>({});
  protected readonly errors = computed<VendorFormErrors>(() => ({
    ...this.serverErrors(),
    ...validateVendor(this.form()),
  }));
  protected readonly message = errorMessage;

  constructor() {
    // editing: the vendor's values, once loaded
    effect(() => {
      const v = this.vendor.hasValue() ? this.vendor.value() : null;
      if (v) this.form.set(vendorForm(v));
    });
  }

  protected set<K extends keyof VendorForm>(key: K, value: VendorForm[K]): void {
    this.form.update((f) => ({ ...f, [key]: value }));
    if (this.serverErrors()[key]) this.serverErrors.update((e) => ({ ...e, [key]: undefined }));
  }

  protected error(key: keyof VendorForm): string | undefined {
    return this.showErrors() ? this.errors()[key] : undefined;
  }

  protected submit(): void {
    this.showErrors.set(true);
    this.apiError.set(null);
    const clientErrors = validateVendor(this.form());
    if (Object.keys(clientErrors).length || this.saving()) return;
    this.saving.set(true);
    const id = this.vendorId();
    const body = vendorBody(this.form());
    const request = id ? this.vendors.update(id, body) : this.vendors.create(body);
    request.subscribe({
      next: (v: Vendor) => {
        this.toast.success(id ? `Saved ${v.name}.` : `Added ${v.name}.`);
        void this.router.navigate(['/vendors', v.id]);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        const fields = err instanceof ApiError ? err.fieldErrors : {};
        const mapped: VendorFormErrors = {};
        for (const [field, messages] of Object.entries(fields)) {
          if (field in EMPTY_VENDOR_FORM) mapped[field as keyof VendorForm] = messages[0];
        }
        this.serverErrors.set(mapped);
        this.apiError.set(errorMessage(err));
      },
    });
  }
}
