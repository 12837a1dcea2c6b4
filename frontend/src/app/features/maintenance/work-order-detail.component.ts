import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { catchError, of } from 'rxjs';

import { AuthService } from '../../core/auth/auth.service';
import { WorkOrderDetail } from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { WorkOrderService } from '../../core/services/work-order.service';
import { errorMessage } from '../../core/utils/api-error';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import {
  WorkOrderPriorityBadgeComponent,
  WorkOrderStatusBadgeComponent,
} from './components/work-order-badges.component';
import { TransitionDialogComponent } from './components/transition-dialog.component';
import { WorkOrderEditComponent } from './components/work-order-edit.component';
import { WorkOrderFilesComponent } from './components/work-order-files.component';
import { WorkOrderPanelsComponent } from './work-order-panels';
import {
  TransitionAction,
  ageText,
  categoryLabel,
  costVariance,
  eventText,
  isFinal,
  slaText,
  statusLabel,
  transitionActions,
} from './work-order-format';

/**
 * One work order (`/maintenance/:id`): header with status, priority and the moves the API allows now
 * (assign, start, complete, close, reopen, cancel), an edit mode, details and SLA, costs, photos and
 * documents, invoices, the vendor, the linked lease and tenant, the timeline, and the panels later
 * features add (`WORK_ORDER_PANELS`: responsibility, dispatch…).
 */
@Component({
  selector: 'app-work-order-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    DatePipe,
    AppDatePipe,
    MoneyPipe,
    LoadingStateComponent,
    ErrorStateComponent,
    EmptyStateComponent,
    WorkOrderStatusBadgeComponent,
    WorkOrderPriorityBadgeComponent,
    TransitionDialogComponent,
    WorkOrderEditComponent,
    WorkOrderFilesComponent,
    WorkOrderPanelsComponent,
  ],
  templateUrl: './work-order-detail.component.html',
  styleUrl: './work-order-detail.component.css',
})
export class WorkOrderDetailComponent {
  private readonly workOrders = inject(WorkOrderService);
  private readonly toast = inject(ToastService);
  private readonly auth = inject(AuthService);

  /** Route param. */
  readonly id = input.required<string>();

  protected readonly canManage = computed(() => this.auth.can('manage_maintenance'));
  protected readonly canSeeInvoices = computed(() => this.auth.can('view_invoices'));

  protected readonly workOrder = rxResource({
    params: () => this.id(),
    stream: ({ params }) => this.workOrders.get(params),
  });
  protected readonly wo = computed(() =>
    this.workOrder.hasValue() ? this.workOrder.value() : null,
  );

  /** The vendor's contact (quietly nothing when the vendor list can't be read). */
  protected readonly vendor = rxResource({
    params: () => this.wo()?.assigned_vendor || undefined,
    stream: ({ params }) => this.workOrders.vendor(params).pipe(catchError(() => of(null))),
  });

  protected readonly actions = computed(() => {
    const w = this.wo();
    return w && this.canManage() ? transitionActions(w) : [];
  });
  protected readonly canEdit = computed(() => {
    const w = this.wo();
    return !!w && this.canManage() && !isFinal(w.status);
  });
  protected readonly variance = computed(() => {
    const w = this.wo();
    return w ? costVariance(w.estimated_cost, w.actual_cost) : null;
  });

  protected readonly editing = signal(false);
  /** The open move: its action and the work order as it was when the dialog opened. */
  protected readonly dialog = signal<{ action: TransitionAction; wo: WorkOrderDetail } | null>(
    null,
  );

  /** For the panels: reload the work order. */
  protected readonly refresh = () => this.workOrder.reload();

  protected readonly message = errorMessage;
  protected readonly categoryLabel = categoryLabel;
  protected readonly statusLabel = statusLabel;
  protected readonly ageText = ageText;
  protected readonly slaText = slaText;
  protected readonly eventText = eventText;

  protected openAction(action: TransitionAction): void {
    const w = this.wo();
    if (!w) return;
    this.editing.set(false);
    this.dialog.set({ action, wo: w });
  }

  protected moved(fresh: WorkOrderDetail): void {
    const to = this.dialog()?.action.to;
    this.workOrder.set(fresh);
    this.dialog.set(null);
    this.toast.success(
      `${fresh.work_order_number} is ${statusLabel(fresh.status || to).toLowerCase()}.`,
    );
  }

  protected saved(fresh: WorkOrderDetail): void {
    this.workOrder.set(fresh);
    this.editing.set(false);
    this.toast.success('Work order updated.');
  }
}
