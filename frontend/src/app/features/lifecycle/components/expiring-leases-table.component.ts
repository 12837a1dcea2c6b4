import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { inject } from '@angular/core';

import { LeaseLifecycle } from '../../../core/models';
import { IconComponent } from '../../../shared/components/icon.component';
import { LeaseStatusBadgeComponent } from '../../../shared/components/lease-status-badge.component';
import { AppDatePipe } from '../../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../../shared/pipes/money.pipe';
import { LeaseActionButtonsComponent, LeaseActionResult } from './lease-action-buttons.component';

export interface SortableColumn {
  key: string;
  label: string;
  /** The API's `ordering` field. */
  field: string;
  align?: 'right';
}

export const LEASE_COLUMNS: SortableColumn[] = [
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
  imports: [RouterLink, IconComponent, LeaseStatusBadgeComponent, LeaseActionButtonsComponent, MoneyPipe, AppDatePipe],
  template: `
    <div class="table-wrap">
      <table class="data-table" [class.busy]="busy()">
        <thead>
          <tr>
            @for (c of columns; track c.key) {
              <th [class.money]="c.align === 'right'" [attr.aria-sort]="ariaSort(c)">
                <button type="button" class="sort" [class.on]="sortField() === c.field" [attr.data-sort]="c.field" (click)="toggleSort(c)">
                  {{ c.label }}
                  @if (sortField() === c.field) {
                    <app-icon [name]="descending() ? 'arrowDown' : 'arrowUp'" [size]="12" />
                  } @else {
                    <app-icon name="sort" [size]="12" class="idle" />
                  }
                </button>
              </th>
            }
            <th>Timing</th>
            <th class="actions-col">Actions</th>
          </tr>
        </thead>
        <tbody>
          @for (l of leases(); track l.id) {
            <tr class="row" [attr.data-lease-id]="l.id" (click)="openLease(l)">
              <td class="unit">
                <a [routerLink]="['/units', l.unit]" (click)="$event.stopPropagation()" class="link-cell">{{ l.unit_number }}</a>
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
                      <span class="chip" [class.chip-danger]="l.expiry_flag === 'critical'" [class.chip-warn]="l.expiry_flag === 'soon'">
                        {{ l.days_until_expiry === 0 ? 'Ends today' : l.days_until_expiry < 0 ? 'Ended' : l.days_until_expiry + 'd left' }}
                      </span>
                    }
                  }
                  @case ('month_to_month') {
                    <span class="chip" [class.chip-warn]="l.is_long_holdover">{{ l.holdover_days ?? 0 }}d holdover</span>
                  }
                  @case ('notice') {
                    <span class="text-red">Out {{ l.notice_move_out_date | appDate }}</span>
                  }
                  @case ('vacant') {
                    <span class="muted">Since {{ l.actual_move_out_date | appDate }}</span>
                  }
                }
              </td>
              <td class="actions-col">
                <app-lease-action-buttons [lease]="l" (actionTaken)="actionTaken.emit($event)" />
              </td>
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
    .sort {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      padding: 0;
      background: none;
      border: none;
      font: inherit;
      color: inherit;
      text-transform: inherit;
      letter-spacing: inherit;
      cursor: pointer;
    }
    .sort.on {
      color: var(--primary);
    }
    .sort .idle {
      opacity: 0.35;
    }
    th.money .sort {
      flex-direction: row-reverse;
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

  readonly leases = input.required<LeaseLifecycle[]>();
  /** The API ordering, e.g. "lease_end_date" or "-monthly_rent_amount". */
  readonly ordering = input<string | null>(null);
  readonly busy = input(false);
  readonly sortChange = output<string | null>();
  readonly actionTaken = output<LeaseActionResult>();

  protected readonly columns = LEASE_COLUMNS;

  protected sortField(): string | null {
    return this.ordering()?.replace(/^-/, '') ?? null;
  }

  protected descending(): boolean {
    return this.ordering()?.startsWith('-') ?? false;
  }

  protected ariaSort(c: SortableColumn): string | null {
    if (this.sortField() !== c.field) return null;
    return this.descending() ? 'descending' : 'ascending';
  }

  /** Ascending → descending → no sort. */
  protected toggleSort(c: SortableColumn): void {
    if (this.sortField() !== c.field) this.sortChange.emit(c.field);
    else if (!this.descending()) this.sortChange.emit(`-${c.field}`);
    else this.sortChange.emit(null);
  }

  protected openLease(l: LeaseLifecycle): void {
    void this.router.navigate(['/lifecycle', l.id]);
  }
}
