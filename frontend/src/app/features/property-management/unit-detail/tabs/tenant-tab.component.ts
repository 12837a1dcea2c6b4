import { ChangeDetectionStrategy, Component, ResourceRef, computed, input } from '@angular/core';
import { RouterLink } from '@angular/router';

import { LeaseLifecycle, Paginated, Tenant, Unit } from '../../../../core/models';
import { errorMessage } from '../../../../core/utils/api-error';
import { LeaseStatusBadgeComponent } from '../../../../shared/components/lease-status-badge.component';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../../../shared/components/state-views.component';
import { AppDatePipe } from '../../../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../../../shared/pipes/money.pipe';
import { UnitTabCardsComponent } from '../unit-detail-cards';

/** The unit page's Tenant tab: contact, account and earlier leases (data from the page). */
@Component({
  selector: 'app-unit-tenant-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MoneyPipe,
    AppDatePipe,
    LeaseStatusBadgeComponent,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
    UnitTabCardsComponent,
  ],
  template: `
    <app-unit-tab-cards tab="tenant" placement="before" [unit]="unit()" [lease]="lease()" />
    @if (!tenantIdKnown()) {
      <section class="card">
        @if (leases().hasValue()) {
          <app-empty-state title="No current tenant" hint="The unit is vacant." />
        } @else {
          <app-loading-state />
        }
      </section>
    } @else if (tenant().error(); as err) {
      <section class="card">
        <app-error-state [message]="message(err)" (retry)="tenant().reload()" />
      </section>
    } @else if (tenant().hasValue()) {
      @let t = tenantValue()!;
      <div class="two-col">
        <section class="card">
          <div class="card-header">
            <h2>{{ t.first_name }} {{ t.last_name }}</h2>
          </div>
          <div class="card-body">
            <dl class="facts">
              <div>
                <dt>Email</dt>
                <dd>
                  <a [href]="'mailto:' + t.email">{{ t.email }}</a>
                </dd>
              </div>
              <div>
                <dt>Phone</dt>
                <dd>
                  <a [href]="'tel:' + t.phone">{{ t.phone || '—' }}</a>
                </dd>
              </div>
              <div>
                <dt>Preferred contact</dt>
                <dd class="cap">{{ t.preferred_contact || '—' }}</dd>
              </div>
              @if (t.emergency_contact_name) {
                <div>
                  <dt>Emergency contact</dt>
                  <dd>
                    {{ t.emergency_contact_name }}
                    <span class="muted">{{ t.emergency_contact_phone }}</span>
                  </dd>
                </div>
              }
            </dl>
          </div>
        </section>
        <section class="card">
          <div class="card-header"><h2>Account</h2></div>
          <div class="card-body">
            <dl class="facts">
              <div>
                <dt>Balance</dt>
                <dd
                  class="money"
                  [class.text-red]="+t.balance > 0"
                  [class.text-green]="+t.balance <= 0"
                >
                  {{ t.balance | money }}
                </dd>
              </div>
              <div>
                <dt>Overdue</dt>
                <dd class="money" [class.text-red]="+t.overdue_balance > 0">
                  {{ t.overdue_balance | money }}
                </dd>
              </div>
            </dl>
          </div>
        </section>
      </div>
    } @else {
      <section class="card"><app-loading-state /></section>
    }
    @if (pastLeases().length) {
      <section class="card">
        <div class="card-header"><h2>Earlier leases</h2></div>
        <table class="data-table">
          <thead>
            <tr>
              <th>Lease #</th>
              <th>Tenant</th>
              <th>State</th>
              <th>Term</th>
              <th class="money">Rent</th>
            </tr>
          </thead>
          <tbody>
            @for (p of pastLeases(); track p.id) {
              <tr>
                <td class="mono">
                  <a [routerLink]="['/lifecycle', p.id]">{{ p.lease_number }}</a>
                </td>
                <td>{{ p.tenant_name }}</td>
                <td><app-lease-status-badge [status]="p.lease_status" [short]="true" /></td>
                <td>{{ p.lease_begin_date | appDate }} – {{ p.lease_end_date | appDate }}</td>
                <td class="money">{{ p.monthly_rent_amount | money }}</td>
              </tr>
            }
          </tbody>
        </table>
      </section>
    }
    <app-unit-tab-cards tab="tenant" [unit]="unit()" [lease]="lease()" />
  `,
  styleUrl: './unit-tab.css',
})
export class UnitTenantTabComponent {
  readonly unit = input.required<Unit>();
  readonly lease = input<LeaseLifecycle | null>(null);
  readonly leases = input.required<ResourceRef<Paginated<LeaseLifecycle> | undefined>>();
  /** The current tenant's account (the page loads it for the Balance cell). */
  readonly tenant = input.required<ResourceRef<Tenant | undefined>>();

  protected readonly tenantIdKnown = computed(() => {
    const l = this.lease();
    return !!l && l.lease_status !== 'vacant';
  });
  protected readonly pastLeases = computed(() =>
    this.leases().hasValue() ? this.leases().value()!.results.slice(1) : [],
  );
  protected readonly tenantValue = computed(() =>
    this.tenant().hasValue() ? this.tenant().value() : undefined,
  );
  protected readonly message = errorMessage;
}
