import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';

import { TenantChargeStatus } from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { ResponsibilityService } from '../../core/services/responsibility.service';
import { errorMessage } from '../../core/utils/api-error';
import { PaginationComponent } from '../../shared/components/pagination.component';
import { StatCardComponent } from '../../shared/components/stat-card.component';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import { downloadBlob } from '../../shared/utils/download';
import {
  CHARGE_STATUS_LABELS,
  RESPONSIBILITY_LABELS,
  chargeTone,
  pct,
  riskLabel,
} from './responsibility-format';

const PAGE = 20;

/**
 * `/responsibility`: who pays for completed repairs. The PRP's success metrics live (agreement of the
 * coordinator with the AI, dispute rate, reasoning logged, collection rate), the queue of completed work
 * orders awaiting a decision, the tenant charges by status, and the open disputes. Decisions are taken on
 * the work order's Financial Responsibility panel.
 */
@Component({
  selector: 'app-responsibility-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    DatePipe,
    MoneyPipe,
    StatCardComponent,
    PaginationComponent,
    LoadingStateComponent,
    ErrorStateComponent,
    EmptyStateComponent,
  ],
  templateUrl: './responsibility-page.component.html',
  styleUrl: './responsibility-page.component.css',
})
export class ResponsibilityPageComponent {
  private readonly api = inject(ResponsibilityService);
  private readonly toast = inject(ToastService);
  protected readonly exporting = signal(false);

  protected readonly metrics = rxResource({ stream: () => this.api.metrics() });
  protected readonly m = computed(() => (this.metrics.hasValue() ? this.metrics.value() : null));

  protected readonly queuePage = signal(1);
  protected readonly queue = rxResource({
    params: () => this.queuePage(),
    stream: ({ params }) => this.api.queue({ page: params, page_size: PAGE }),
  });

  protected readonly status = signal<TenantChargeStatus | ''>('');
  protected readonly chargesPage = signal(1);
  protected readonly charges = rxResource({
    params: () => ({ status: this.status(), page: this.chargesPage() }),
    stream: ({ params }) =>
      this.api.charges({ status: params.status || undefined, page: params.page, page_size: PAGE }),
  });
  protected readonly disputes = rxResource({
    stream: () => this.api.charges({ status: 'disputed', page_size: 50 }),
  });

  protected readonly statuses: TenantChargeStatus[] = [
    'pending',
    'billed',
    'paid',
    'disputed',
    'waived',
  ];
  protected readonly pageSize = PAGE;
  protected readonly statusLabels = CHARGE_STATUS_LABELS;
  protected readonly labels = RESPONSIBILITY_LABELS;
  protected readonly chargeTone = chargeTone;
  protected readonly riskLabel = riskLabel;
  protected readonly pct = pct;
  protected readonly message = errorMessage;

  /** The charges under the current status filter as CSV (for the books). */
  protected exportCsv(): void {
    if (this.exporting()) return;
    this.exporting.set(true);
    const status = this.status();
    this.api.exportCharges({ status: status || undefined }).subscribe({
      next: (blob) => {
        downloadBlob(`tenant-charges${status ? '-' + status : ''}.csv`, blob);
        this.exporting.set(false);
      },
      error: (err: unknown) => {
        this.toast.error(`Export failed: ${errorMessage(err)}`);
        this.exporting.set(false);
      },
    });
  }

  protected setStatus(s: TenantChargeStatus | ''): void {
    this.status.set(s);
    this.chargesPage.set(1);
  }
}
