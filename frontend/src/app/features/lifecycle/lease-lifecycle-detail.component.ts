import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';

import { AuthService } from '../../core/auth/auth.service';
import { LEASE_STATUS_LABELS, isLeaseStatus } from '../../core/models';
import { LifecycleService } from '../../core/services/lifecycle.service';
import { errorMessage } from '../../core/utils/api-error';
import { LeaseProgressComponent } from '../../shared/components/lease-progress.component';
import { LeaseStatusBadgeComponent } from '../../shared/components/lease-status-badge.component';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import { LeaseActionButtonsComponent } from './components/lease-action-buttons.component';
import { ActorPipe } from '../../shared/pipes/actor.pipe';

/** One lease: facts, state badge, progress bar, actions and the status timeline. */
@Component({
  selector: 'app-lease-lifecycle-detail',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ActorPipe,
    RouterLink,
    DatePipe,
    AppDatePipe,
    MoneyPipe,
    LeaseStatusBadgeComponent,
    LeaseProgressComponent,
    LeaseActionButtonsComponent,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
  ],
  templateUrl: './lease-lifecycle-detail.component.html',
  styleUrl: './lease-lifecycle-detail.component.css',
})
export class LeaseLifecycleDetailComponent {
  private readonly lifecycle = inject(LifecycleService);
  private readonly auth = inject(AuthService);

  /** The lease's actions are for roles that manage leases. */
  protected readonly canAct = computed(() => this.auth.can('manage_leases'));

  /** Route param. */
  readonly leaseId = input.required<string>();

  protected readonly lease = rxResource({
    params: () => this.leaseId(),
    stream: ({ params }) => this.lifecycle.getLease(params),
  });
  protected readonly history = rxResource({
    params: () => this.leaseId(),
    stream: ({ params }) => this.lifecycle.getStatusHistory(params),
  });

  protected readonly timeline = computed(() =>
    this.history.hasValue() ? (this.history.value() ?? []) : [],
  );

  protected readonly message = errorMessage;

  protected statusLabel(s: string): string {
    return isLeaseStatus(s) ? LEASE_STATUS_LABELS[s] : s || '—';
  }

  protected onActionTaken(): void {
    this.lease.reload();
    this.history.reload();
  }
}
