import { DatePipe } from '@angular/common';
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
import { Observable } from 'rxjs';

import { AuthService } from '../../core/auth/auth.service';
import { TenantCharge, WorkOrderDetail } from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { ResponsibilityService } from '../../core/services/responsibility.service';
import { errorMessage } from '../../core/utils/api-error';
import {
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import {
  CHARGE_STATUS_LABELS,
  LOG_LABELS,
  RESPONSIBILITY_LABELS,
  chargeTone,
  isOverride,
  riskLabel,
} from './responsibility-format';

/**
 * The Financial Responsibility panel on the work-order page (PRP wireframe): the determination with its
 * confidence, reasoning, evidence checklist, recommended charge and dispute risk; the coordinator's choice
 * (responsibility and amount editable, an override needs a reason): Confirm & Create Charge / Waive – Owner
 * Pays; then the charge's bill, payment, dispute and resolution, and the decision log.
 */
@Component({
  selector: 'app-responsibility-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [FormsModule, DatePipe, MoneyPipe, LoadingStateComponent, ErrorStateComponent],
  templateUrl: './responsibility-panel.component.html',
  styleUrl: './responsibility-panel.component.css',
})
export class ResponsibilityPanelComponent {
  private readonly api = inject(ResponsibilityService);
  private readonly auth = inject(AuthService);
  private readonly toast = inject(ToastService);

  readonly workOrder = input.required<WorkOrderDetail>();
  readonly refresh = input<() => void>(() => undefined);

  protected readonly canDecide = computed(() => this.auth.can('manage_maintenance'));
  protected readonly canBill = computed(() => this.auth.can('record_payments'));
  protected readonly done = computed(() =>
    ['completed', 'closed'].includes(this.workOrder().status),
  );

  protected readonly panel = rxResource({
    params: () => ({ id: this.workOrder().id, status: this.workOrder().status }),
    stream: ({ params }) => this.api.forWorkOrder(params.id),
  });
  protected readonly p = computed(() => (this.panel.hasValue() ? this.panel.value() : null));
  protected readonly evidence = computed(() => this.p()?.responsibility_evidence ?? {});

  // the coordinator's choice
  protected readonly choice = signal<'tenant' | 'shared' | 'owner'>('owner');
  protected readonly amount = signal('');
  protected readonly reason = signal('');
  protected readonly busy = signal(false);
  protected readonly error = signal('');

  // a charge being disputed or resolved
  protected readonly disputeFor = signal<string | null>(null);
  protected readonly disputeText = signal('');
  protected readonly resolveFor = signal<string | null>(null);
  protected readonly outcome = signal<'uphold' | 'adjust' | 'waive'>('uphold');
  protected readonly resolveAmount = signal('');
  protected readonly resolveReason = signal('');

  protected readonly override = computed(() => {
    const p = this.p();
    if (!p || !p.responsibility) return false;
    return isOverride(
      { responsibility: p.responsibility, amount: p.tenant_charge_amount },
      { responsibility: this.choice(), amount: this.amount() },
    );
  });

  protected readonly labels = RESPONSIBILITY_LABELS;
  protected readonly statusLabels = CHARGE_STATUS_LABELS;
  protected readonly logLabels = LOG_LABELS;
  protected readonly riskLabel = riskLabel;
  protected readonly chargeTone = chargeTone;
  protected readonly message = errorMessage;

  constructor() {
    effect(() => {
      const p = this.p();
      if (!p || !p.responsibility) return;
      this.choice.set(p.responsibility);
      this.amount.set(p.tenant_charge_amount ?? '');
      this.reason.set('');
    });
  }

  protected determine(): void {
    this.run(this.api.determine(this.workOrder().id), 'Responsibility determined.');
  }

  protected confirm(): void {
    const c = this.choice();
    if (c === 'owner') return this.waive();
    this.run(
      this.api.confirm(this.workOrder().id, {
        responsibility: c,
        amount: this.amount(),
        reason: this.reason(),
      }),
      'Charge created (pending).',
    );
  }

  protected waive(): void {
    this.run(this.api.waive(this.workOrder().id, this.reason()), 'Waived: the owner pays.');
  }

  protected bill(c: TenantCharge): void {
    this.run(this.api.bill(c.id), "Billed to the tenant's ledger.");
  }

  protected pay(c: TenantCharge): void {
    this.run(this.api.pay(c.id), 'Payment recorded.');
  }

  protected dispute(c: TenantCharge): void {
    this.run(this.api.dispute(c.id, this.disputeText()), 'Dispute recorded.', () => {
      this.disputeFor.set(null);
      this.disputeText.set('');
    });
  }

  protected resolve(c: TenantCharge): void {
    const outcome = this.outcome();
    this.run(
      this.api.resolve(c.id, {
        outcome,
        reason: this.resolveReason(),
        amount: outcome === 'adjust' ? this.resolveAmount() : null,
      }),
      'Dispute resolved.',
      () => {
        this.resolveFor.set(null);
        this.resolveReason.set('');
        this.resolveAmount.set('');
      },
    );
  }

  private run(call: Observable<unknown>, ok: string, after?: () => void): void {
    this.busy.set(true);
    this.error.set('');
    call.subscribe({
      next: () => {
        this.busy.set(false);
        after?.();
        this.toast.success(ok);
        this.panel.reload();
        this.refresh()();
      },
      error: (err) => {
        this.busy.set(false);
        this.error.set(errorMessage(err));
      },
    });
  }
}
