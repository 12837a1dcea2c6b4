import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { Router, RouterLink } from '@angular/router';

import { AuthService } from '../../../core/auth/auth.service';
import { LeaseLifecycle } from '../../../core/models';
import { LeaseStatusBadgeComponent } from '../../../shared/components/lease-status-badge.component';
import { AppDatePipe } from '../../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../../shared/pipes/money.pipe';
import { Sortable } from '../../../shared/list/list-state';
import { SORT_HEADER } from '../../../shared/list/sort-header';
import { LeaseActionButtonsComponent, LeaseActionResult } from './lease-action-buttons.component';

export interface LeaseColumn {
  key: string;
  label: string;
  /** The API's `ordering` field. */
  field: string;
  align?: 'right';
}

export const LEASE_COLUMNS: LeaseColumn[] = [
  { key: 'unit', label: 'Unit', field: 'unit__unit_number' },
  { key: 'tenant', label: 'Tenant', field: 'tenant__last_name' },
  { key: 'status', label: 'Status', field: 'lease_status' },
  { key: 'rent', label: 'Rent', field: 'monthly_rent_amount', align: 'right' },
  { key: 'end', label: 'End date', field: 'lease_end_date' },
];

/** Lease rows with sortable headers and per-state actions (presentational). */
@Component({
  selector: 'app-expiring-leases-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    SORT_HEADER,
    LeaseStatusBadgeComponent,
    LeaseActionButtonsComponent,
    MoneyPipe,
    AppDatePipe,
  ],
  template: `
    <div class="table-wrap">
      <table class="data-table" [class.busy]="busy()" [appSortTable]="sort()">
        <thead>
          <tr>
            @for (c of columns; track c.key) {
              <th [class.money]="c.align === 'right'" [appSortHeader]="c.field">{{ c.label }}</th>
            }
            <th>Timing</th>
            @if (canAct()) {
              <th class="actions-col">Actions</th>
            }
          </tr>
        </thead>
        <tbody>
          @for (l of leases(); track l.id) {
            <tr class="row" [attr.data-lease-id]="l.id" (click)="openLease(l)">
              <td class="unit">
                <a
                  [routerLink]="['/units', l.unit]"
                  (click)="$event.stopPropagation()"
                  class="link-cell"
                  >{{ l.unit_number }}</a
                >
                <div class="sub">{{ l.property_name }}</div>
              </td>
              <td>
                <a [routerLink]="['/lifecycle', l.id]" class="tenant">{{ l.tenant_name }}</a>
                <div class="sub mono">{{ l.lease_number }}</div>
              </td>
              <td><app-lease-status-badge [status]="l.lease_status" /></td>
              <td class="money">{{ l.monthly_rent_amount | money }}</td>
              <td class="nowrap">{{ l.lease_end_date | appDate }}</td>
              <td class="timing">
                @switch (l.lease_status) {
                  @case ('active') {
                    @if (l.days_until_expiry !== null) {
                      <span
                        class="chip"
                        [class.chip-danger]="l.expiry_flag === 'critical'"
                        [class.chip-warn]="l.expiry_flag === 'soon'"
                      >
                        {{
                          l.days_until_expiry === 0
                            ? 'Ends today'
                            : l.days_until_expiry < 0
                              ? 'Ended'
                              : l.days_until_expiry + 'd left'
                        }}
                      </span>
                    }
                  }
                  @case ('month_to_month') {
                    <span class="chip" [class.chip-warn]="l.is_long_holdover"
                      >{{ l.holdover_days ?? 0 }}d holdover</span
                    >
                  }
                  @case ('notice') {
                    <span class="text-red">Out {{ l.notice_move_out_date | appDate }}</span>
                  }
                  @case ('vacant') {
                    <span class="muted">Since {{ l.actual_move_out_date | appDate }}</span>
                  }
                }
              </td>
              @if (canAct()) {
                <td class="actions-col">
                  <app-lease-action-buttons [lease]="l" (actionTaken)="actionTaken.emit($event)" />
                </td>
              }
            </tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styles: `
    .busy tbody {
      opacity: 0.55;
      transition: opacity 0.15s;
    }
    .row {
      cursor: pointer;
    }
    .sub {
      font-size: 11.5px;
      color: var(--muted);
    }
    .tenant {
      color: var(--text);
      font-weight: 500;
    }
    .nowrap {
      white-space: nowrap;
    }
    .timing {
      white-space: nowrap;
      font-size: 12.5px;
    }
    .actions-col {
      width: 1%;
      white-space: nowrap;
    }
  `,
})
export class ExpiringLeasesTableComponent {
  private readonly router = inject(Router);
  private readonly auth = inject(AuthService);

  /** The Actions column is for roles that manage leases. */
  protected readonly canAct = computed(() => this.auth.can('manage_leases'));

  readonly leases = input.required<LeaseLifecycle[]>();
  /** The list's sort (its headers read and change it). */
  readonly sort = input.required<Sortable>();
  readonly busy = input(false);
  readonly actionTaken = output<LeaseActionResult>();

  protected readonly columns = LEASE_COLUMNS;

  protected openLease(l: LeaseLifecycle): void {
    void this.router.navigate(['/lifecycle', l.id]);
  }
}
