import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { rxResource, toSignal } from '@angular/core/rxjs-interop';
import { FormsModule } from '@angular/forms';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { map } from 'rxjs';

import {
  ActionType,
  BatchStatus,
  BulkActionBatch,
  CommandCenterService,
} from '../../../core/services/command-center.service';
import { errorMessage } from '../../../core/utils/api-error';
import { PaginationComponent } from '../../../shared/components/pagination.component';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../../shared/components/state-views.component';
import { ActorPipe } from '../../../shared/pipes/actor.pipe';
import { ACTION_LABELS, METHOD_LABELS } from '../command-center-format';

export const BATCH_STATUS_LABELS: Record<BatchStatus, string> = {
  pending: 'Scheduled',
  running: 'Running',
  sent: 'Done',
  partial: 'Partly failed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

const PAGE_SIZE = 20;

export interface BulkHistoryQuery {
  action_type: '' | ActionType;
  status: '' | BatchStatus;
  page: number;
}

export function readBulkHistoryQuery(params: Record<string, string | undefined>): BulkHistoryQuery {
  const page = Number(params['page']);
  const action = params['action_type'] ?? '';
  const status = params['status'] ?? '';
  return {
    action_type: action in ACTION_LABELS ? (action as ActionType) : '',
    status: status in BATCH_STATUS_LABELS ? (status as BatchStatus) : '',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** Every bulk action run from the command center: who ran it, on how many units, and what happened to each unit. */
@Component({
  selector: 'app-bulk-history',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DatePipe,
    FormsModule,
    RouterLink,
    ActorPipe,
    PaginationComponent,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
  ],
  templateUrl: './bulk-history.component.html',
  styleUrl: './bulk-history.component.css',
})
export class BulkHistoryComponent {
  private readonly api = inject(CommandCenterService);
  private readonly router = inject(Router);
  private readonly route = inject(ActivatedRoute);

  protected readonly pageSize = PAGE_SIZE;
  protected readonly actionLabels = ACTION_LABELS;
  protected readonly actionTypes = Object.keys(ACTION_LABELS) as ActionType[];
  protected readonly statusLabels = BATCH_STATUS_LABELS;
  protected readonly statuses = Object.keys(BATCH_STATUS_LABELS) as BatchStatus[];
  protected readonly methodLabels = METHOD_LABELS;
  protected readonly message = errorMessage;

  protected readonly query = toSignal(
    this.route.queryParams.pipe(map((p) => readBulkHistoryQuery(p as Record<string, string>))),
    { initialValue: readBulkHistoryQuery({}) },
  );
  protected readonly open = signal<string | null>(null);

  protected readonly batches = rxResource({
    params: () => this.query(),
    stream: ({ params }) => this.api.getBatches({ ...params, page_size: PAGE_SIZE }),
  });
  protected readonly hasFilters = computed(
    () => !!(this.query().action_type || this.query().status),
  );

  protected setQuery(change: Partial<BulkHistoryQuery>): void {
    const next = { ...this.query(), page: 1, ...change };
    void this.router.navigate([], {
      relativeTo: this.route,
      queryParams: {
        action_type: next.action_type || null,
        status: next.status || null,
        page: next.page > 1 ? next.page : null,
      },
    });
  }

  protected toggle(batch: BulkActionBatch): void {
    this.open.update((id) => (id === batch.id ? null : batch.id));
  }

  protected resultLabel(status: string): string {
    return status === 'done'
      ? 'Done'
      : status === 'skipped'
        ? 'Skipped'
        : status === 'failed'
          ? 'Failed'
          : status;
  }
}
