import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';

import { LeaseLifecycle, Unit } from '../../../../core/models';
import { TenantService } from '../../../../core/services/tenant.service';
import { errorMessage } from '../../../../core/utils/api-error';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../../../shared/components/state-views.component';
import { AppDatePipe } from '../../../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../../../shared/pipes/money.pipe';
import { ledgerWithRunningBalance, signedAmount } from '../ledger';
import { UnitTabCardsComponent } from '../unit-detail-cards';

/** The unit page's Financials tab: the current tenant's ledger with a running balance (loads it itself). */
@Component({
  selector: 'app-unit-financials-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MoneyPipe,
    AppDatePipe,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
    UnitTabCardsComponent,
  ],
  template: `
    <app-unit-tab-cards tab="financials" placement="before" [unit]="unit()" [lease]="lease()" />
    <section class="card">
      <div class="card-header">
        <h2>Ledger</h2>
        @if (ledger.hasValue() && ledgerRows().length) {
          <span class="totals">
            Charges <span class="money">{{ ledgerTotals().charges | money }}</span> · Paid
            <span class="money">{{ ledgerTotals().paid | money }}</span>
          </span>
        }
      </div>
      @if (!tenantIdKnown()) {
        @if (leasesLoaded()) {
          <app-empty-state title="No ledger" hint="There is no current tenant on this unit." />
        } @else {
          <app-loading-state />
        }
      } @else if (ledger.error(); as err) {
        <app-error-state
          title="Could not load the ledger"
          [message]="message(err)"
          (retry)="ledger.reload()"
        />
      } @else if (ledger.hasValue()) {
        @if (ledgerRows().length === 0) {
          <app-empty-state title="No transactions yet" />
        } @else {
          @if (ledger.value().count > ledger.value().results.length) {
            <div class="note">
              Showing the latest {{ ledger.value().results.length }} of
              {{ ledger.value().count }} entries.
            </div>
          }
          <div class="table-wrap">
            <table class="data-table" data-testid="ledger-table">
              <thead>
                <tr>
                  <th>Date</th>
                  <th>Type</th>
                  <th>Code</th>
                  <th>Description</th>
                  <th>Due</th>
                  <th class="money">Charge</th>
                  <th class="money">Payment / credit</th>
                  <th class="money">Balance</th>
                </tr>
              </thead>
              <tbody>
                @for (r of ledgerRows(); track r.id) {
                  <tr>
                    <td class="nowrap">{{ r.trans_date | appDate }}</td>
                    <td>
                      <span class="chip" [class.chip-ok]="r.trans_type !== 'Charge'">{{
                        r.trans_type
                      }}</span>
                    </td>
                    <td class="mono muted">{{ r.charge_code }}</td>
                    <td>{{ r.description }}</td>
                    <td class="nowrap muted">{{ r.due_date | appDate }}</td>
                    <td class="money">{{ r.signed > 0 ? (r.signed | money) : '' }}</td>
                    <td class="money text-green">{{ r.signed < 0 ? (-r.signed | money) : '' }}</td>
                    <td class="money strong" [class.text-red]="r.running > 0">
                      {{ r.running | money }}
                    </td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
        }
      } @else {
        <app-loading-state [rows]="5" />
      }
    </section>
    <app-unit-tab-cards tab="financials" [unit]="unit()" [lease]="lease()" />
  `,
  styleUrl: './unit-tab.css',
})
export class UnitFinancialsTabComponent {
  private readonly tenants = inject(TenantService);

  readonly unit = input.required<Unit>();
  readonly lease = input<LeaseLifecycle | null>(null);
  /** Whether the page's lease list has arrived (until then "no tenant" is not known). */
  readonly leasesLoaded = input(false);
  /** The tenant's balance (the page has it), to anchor the running balance of a partial ledger. */
  readonly balance = input<number | null>(null);

  private readonly tenantId = computed(() => {
    const l = this.lease();
    return l && l.lease_status !== 'vacant' ? l.tenant : undefined;
  });
  protected readonly tenantIdKnown = computed(() => !!this.tenantId());

  /** Loaded when the tab is first shown. */
  protected readonly ledger = rxResource({
    params: () => this.tenantId(),
    stream: ({ params }) => this.tenants.getLedger(params, 100),
  });
  protected readonly ledgerRows = computed(() => {
    if (!this.ledger.hasValue()) return [];
    const page = this.ledger.value();
    return ledgerWithRunningBalance(page.results, {
      complete: page.count <= page.results.length,
      currentBalance: this.balance(),
    });
  });
  protected readonly ledgerTotals = computed(() => {
    let charges = 0;
    let paid = 0;
    for (const r of this.ledgerRows()) {
      const s = signedAmount(r);
      if (s > 0) charges += s;
      else paid -= s;
    }
    return { charges, paid };
  });
  protected readonly message = errorMessage;
}
