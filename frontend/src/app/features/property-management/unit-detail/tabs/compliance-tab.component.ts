import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';

import { AuthService } from '../../../../core/auth/auth.service';
import { Equipment, LeaseLifecycle, Unit } from '../../../../core/models';
import { UnitService } from '../../../../core/services/unit.service';
import { errorMessage } from '../../../../core/utils/api-error';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../../../shared/components/state-views.component';
import { AppDatePipe } from '../../../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../../../shared/pipes/money.pipe';
import { UnitTabCardsComponent } from '../unit-detail-cards';
import { codeLabel, warrantyState } from './unit-format';

/** The unit page's Compliance tab: lease dates, deposit, equipment and warranties (loads equipment itself). */
@Component({
  selector: 'app-unit-compliance-tab',
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
    @let l = lease();
    <app-unit-tab-cards tab="compliance" placement="before" [unit]="unit()" [lease]="lease()" />
    <div class="two-col">
      <section class="card">
        <div class="card-header"><h2>Lease dates &amp; deposit</h2></div>
        <div class="card-body">
          @if (l) {
            <dl class="facts">
              <div>
                <dt>Security deposit</dt>
                <dd class="money">{{ l.security_deposit | money }}</dd>
              </div>
              <div>
                <dt>Lease begins</dt>
                <dd>{{ l.lease_begin_date | appDate }}</dd>
              </div>
              <div>
                <dt>Lease ends</dt>
                <dd>{{ l.lease_end_date | appDate }}</dd>
              </div>
              <div>
                <dt>Notice given</dt>
                <dd>{{ l.notice_date | appDate }}</dd>
              </div>
              <div>
                <dt>Move-out (notice)</dt>
                <dd>{{ l.notice_move_out_date | appDate }}</dd>
              </div>
              <div>
                <dt>Moved out</dt>
                <dd>{{ l.actual_move_out_date | appDate }}</dd>
              </div>
            </dl>
          } @else if (leasesLoaded()) {
            <span class="muted">No lease on record.</span>
          } @else {
            <app-loading-state [rows]="2" />
          }
        </div>
      </section>
      @if (canSeeEquipment()) {
        <section class="card">
          <div class="card-header"><h2>Warranty summary</h2></div>
          <div class="card-body">
            @if (equipment.hasValue()) {
              @let eq = equipment.value().results;
              <div class="warranty-summary">
                @for (w of ['active', 'expiring', 'expired', 'none']; track w) {
                  <div>
                    <div class="v num">{{ countWarranty(eq, w) }}</div>
                    <div class="k cap">{{ w === 'none' ? 'No warranty' : w }}</div>
                  </div>
                }
              </div>
            } @else {
              <app-loading-state [rows]="1" />
            }
          </div>
        </section>
      }
    </div>

    @if (canSeeEquipment()) {
      <section class="card">
        <div class="card-header"><h2>Equipment</h2></div>
        @if (equipment.error(); as err) {
          <app-error-state
            title="Could not load equipment"
            [message]="message(err)"
            (retry)="equipment.reload()"
          />
        } @else if (equipment.hasValue()) {
          @if (equipment.value().results.length === 0) {
            <app-empty-state title="No equipment on record" />
          } @else {
            <div class="table-wrap">
              <table class="data-table" data-testid="equipment-table">
                <thead>
                  <tr>
                    <th>Equipment</th>
                    <th>Manufacturer</th>
                    <th>Installed</th>
                    <th class="num">Age / life</th>
                    <th>Condition</th>
                    <th>Warranty</th>
                  </tr>
                </thead>
                <tbody>
                  @for (e of equipment.value().results; track e.id) {
                    @let ws = warrantyState(e);
                    <tr>
                      <td>
                        <div class="strong">{{ e.name }}</div>
                        <div class="sub cap">{{ label(e.equipment_type) }}</div>
                      </td>
                      <td>{{ e.manufacturer || '—' }}</td>
                      <td class="nowrap">{{ e.install_date | appDate }}</td>
                      <td class="num">
                        {{ e.age_years ?? '—' }} / {{ e.expected_lifespan_years ?? '—' }} yrs
                      </td>
                      <td>
                        <span
                          class="chip cap"
                          [class.chip-danger]="e.condition === 'poor'"
                          [class.chip-warn]="e.condition === 'fair'"
                          >{{ label(e.condition) }}</span
                        >
                      </td>
                      <td>
                        <span
                          class="chip"
                          [class.chip-ok]="ws === 'active'"
                          [class.chip-warn]="ws === 'expiring'"
                          [class.chip-danger]="ws === 'expired'"
                          >{{
                            ws === 'active'
                              ? 'Under warranty'
                              : ws === 'expiring'
                                ? 'Expiring soon'
                                : ws === 'expired'
                                  ? 'Expired'
                                  : 'None'
                          }}</span
                        >
                        @if (e.warranty_expiration) {
                          <div class="sub">
                            {{ e.warranty_provider }} · until {{ e.warranty_expiration | appDate }}
                          </div>
                        }
                      </td>
                    </tr>
                  }
                </tbody>
              </table>
            </div>
          }
        } @else {
          <app-loading-state [rows]="3" />
        }
      </section>
    }
    <app-unit-tab-cards tab="compliance" [unit]="unit()" [lease]="lease()" />
  `,
  styleUrl: './unit-tab.css',
})
export class UnitComplianceTabComponent {
  private readonly units = inject(UnitService);

  readonly unit = input.required<Unit>();
  readonly lease = input<LeaseLifecycle | null>(null);
  readonly leasesLoaded = input(false);

  private readonly auth = inject(AuthService);
  /** Equipment and warranties are maintenance data (view_maintenance); other roles see the lease dates only. */
  protected readonly canSeeEquipment = computed(() => this.auth.can('view_maintenance'));

  /** Loaded when the tab is first shown (never for a role that can't see it). */
  protected readonly equipment = rxResource({
    params: () => (this.canSeeEquipment() ? this.unit().id : undefined),
    stream: ({ params }) => this.units.getEquipment(params),
  });

  protected readonly warrantyState = warrantyState;
  protected readonly message = errorMessage;
  protected readonly label = codeLabel;

  protected countWarranty(items: Equipment[], state: string): number {
    return items.filter((e) => warrantyState(e) === state).length;
  }
}
