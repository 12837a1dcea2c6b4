import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { Observable } from 'rxjs';

import {
  ACTION_TYPE_LABELS,
  CollectionAction,
  CollectionCaseDetail,
  DELIVERY_STATUS_LABELS,
  MAX_ESCALATION_LEVEL,
  PLAN_STATUS_LABELS,
  UNRESOLVED_STATUSES,
} from '../../core/models';
import { AuthService } from '../../core/auth/auth.service';
import { ToastService } from '../../core/notifications/toast.service';
import { CollectionsService } from '../../core/services/collections.service';
import { errorMessage } from '../../core/utils/api-error';
import { EscalationDotsComponent } from '../../shared/components/escalation-dots.component';
import { IconComponent } from '../../shared/components/icon.component';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { ActorPipe } from '../../shared/pipes/actor.pipe';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import {
  channelLabel as contactLabel,
  deliveryInWords,
  scheduledInWords,
} from '../../shared/utils/wording';
import { channelLabel, nextActionView } from './collections-format';
import { CaseConfirmDialogComponent } from './components/case-confirm-dialog.component';
import {
  CollectionStatusBadgeComponent,
  RiskProfileBadgeComponent,
  ToneBadgeComponent,
} from './components/collection-badges.component';
import { DunningTimelineComponent } from './components/dunning-timeline.component';
import { OfferPlanDialogComponent } from './components/offer-plan-dialog.component';
import { RecordPaymentDialogComponent } from './components/record-payment-dialog.component';

type Dialog =
  'payment' | 'plan' | 'reminder' | 'accept' | 'escalate' | 'approve-legal' | 'dismiss-legal';

export interface CaseActions {
  sendReminder: boolean;
  offerPlan: boolean;
  acceptPlan: boolean;
  recordPayment: boolean;
  escalate: boolean;
}

/** The last step the agent sends on its own; the legal step after it needs a manager's approval. */
export const AUTOMATIC_MAX_LEVEL = MAX_ESCALATION_LEVEL - 1;

/** Which actions a case offers (the API enforces the same rules and explains a refusal). */
export function caseActions(
  c: Pick<CollectionCaseDetail, 'status' | 'escalation_level' | 'current_balance' | 'payment_plan'>,
): CaseActions {
  const unresolved = (UNRESOLVED_STATUSES as readonly string[]).includes(c.status);
  const owes = Number(c.current_balance) > 0;
  const plan = c.payment_plan?.status ?? null;
  // A plan can be (re)offered and accepted on an open or escalated case, unless one is already in force.
  const planCase = c.status === 'open' || c.status === 'escalated';
  return {
    // The legal step is never a reminder: it is approved (or escalated) below.
    sendReminder: c.status === 'open' && c.escalation_level < AUTOMATIC_MAX_LEVEL,
    offerPlan: planCase && owes && (plan === null || plan === 'proposed' || plan === 'defaulted'),
    acceptPlan: planCase && plan === 'proposed',
    recordPayment: unresolved && owes,
    escalate: c.status === 'open' || c.status === 'payment_plan',
  };
}

/**
 * One collection case (spec 1.3 "/collections/:caseId"): header, the dunning strip, every message with
 * its delivery per channel, the payment plan, and the manager's actions (each answers the fresh case).
 */
@Component({
  selector: 'app-collection-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ActorPipe,
    RouterLink,
    DatePipe,
    AppDatePipe,
    MoneyPipe,
    IconComponent,
    EscalationDotsComponent,
    DunningTimelineComponent,
    ToneBadgeComponent,
    RiskProfileBadgeComponent,
    CollectionStatusBadgeComponent,
    RecordPaymentDialogComponent,
    OfferPlanDialogComponent,
    CaseConfirmDialogComponent,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
  ],
  templateUrl: './collection-detail.component.html',
  styleUrl: './collection-detail.component.css',
})
export class CollectionDetailComponent {
  private readonly collections = inject(CollectionsService);
  private readonly toast = inject(ToastService);
  private readonly auth = inject(AuthService);

  /** What the role may do here: reminders, plans, escalation and legal decisions; payments and plan acceptance. */
  protected readonly role = computed(() => ({
    manage: this.auth.can('manage_collections'),
    pay: this.auth.can('record_payments'),
    messages: this.auth.can('view_messages'),
  }));

  /** Route param. */
  readonly caseId = input.required<string>();

  protected readonly case = rxResource({
    params: () => this.caseId(),
    stream: ({ params }) => this.collections.getCase(params),
  });

  protected readonly actions = computed(() =>
    this.case.hasValue() ? caseActions(this.case.value()) : null,
  );
  protected readonly next = computed(() =>
    this.case.hasValue() ? nextActionView(this.case.value()) : null,
  );
  protected readonly planPaidPct = computed(() => {
    const plan = this.case.hasValue() ? this.case.value().payment_plan : null;
    if (!plan || !(Number(plan.total_amount) > 0)) return 0;
    return Math.min(100, Math.round((Number(plan.amount_paid) / Number(plan.total_amount)) * 100));
  });
  /** Newest message first. */
  protected readonly history = computed(() =>
    this.case.hasValue() ? [...this.case.value().actions].reverse() : [],
  );

  protected readonly dialog = signal<Dialog | null>(null);
  protected readonly busy = signal(false);
  protected readonly dialogError = signal<string | null>(null);
  /** Messages shown in full (long letters are clamped). */
  protected readonly expanded = signal<ReadonlySet<string>>(new Set());

  protected readonly message = errorMessage;
  protected readonly channelLabel = channelLabel;
  protected readonly planLabels = PLAN_STATUS_LABELS;
  protected readonly deliveryLabels = DELIVERY_STATUS_LABELS;
  protected readonly deliveryWords = deliveryInWords;
  protected readonly scheduledWords = scheduledInWords;
  protected readonly contactLabel = contactLabel;

  protected actionLabel(a: CollectionAction): string {
    const label = ACTION_TYPE_LABELS[a.action_type] ?? a.action_type;
    return a.step_level ? `Step ${a.step_level} · ${label}` : label;
  }

  protected isLong(a: CollectionAction): boolean {
    return a.message_text.length > 420 || a.message_text.split('\n').length > 7;
  }

  protected toggleExpanded(id: string): void {
    this.expanded.update((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  protected open(d: Dialog): void {
    this.dialogError.set(null);
    this.busy.set(false);
    this.dialog.set(d);
  }

  protected close(): void {
    if (!this.busy()) this.dialog.set(null);
  }

  /** A dialog that called the API itself (payment, plan) hands over the fresh case. */
  protected applied(fresh: CollectionCaseDetail, message: string): void {
    this.case.set(fresh);
    this.dialog.set(null);
    this.toast.success(message);
  }

  protected confirm(note: string): void {
    const d = this.dialog();
    const id = this.caseId();
    let call: Observable<CollectionCaseDetail>;
    let done: string;
    switch (d) {
      case 'reminder':
        call = this.collections.sendReminder(id);
        done = 'Reminder sent.';
        break;
      case 'accept':
        call = this.collections.acceptPlan(id);
        done = 'Payment plan accepted.';
        break;
      case 'escalate':
        call = this.collections.escalate(id, note);
        done = 'Case escalated to legal.';
        break;
      case 'approve-legal':
        call = this.collections.approveLegal(id);
        done = 'Legal referral approved: the final notice letter is ready to print and mail.';
        break;
      case 'dismiss-legal':
        call = this.collections.dismissLegal(id, note);
        done = 'Legal referral dismissed. Nothing was sent.';
        break;
      default:
        return;
    }
    this.busy.set(true);
    this.dialogError.set(null);
    call.subscribe({
      next: (fresh) => {
        this.busy.set(false);
        this.applied(fresh, done);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.dialogError.set(errorMessage(err));
      },
    });
  }
}
