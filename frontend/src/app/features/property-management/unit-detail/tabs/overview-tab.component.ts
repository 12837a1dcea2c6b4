import { ChangeDetectionStrategy, Component, ResourceRef, computed, input } from '@angular/core';

import { LeaseLifecycle, Paginated, Unit } from '../../../../core/models';
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
import { codeLabel } from './unit-format';

/** The unit page's Overview: unit facts, rent vs market and the current lease (no requests of its own). */
@Component({
  selector: 'app-unit-overview-tab',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MoneyPipe,
    AppDatePipe,
    LeaseStatusBadgeComponent,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
    UnitTabCardsComponent,
  ],
  template: `
    @let u = unit();
    @let l = lease();
    <app-unit-tab-cards tab="overview" placement="before" [unit]="unit()" [lease]="lease()" />
    <div class="two-col">
      <section class="card">
        <div class="card-header">
          <h2>Unit</h2>
          <span class="chip cap">{{ label(u.status) }}</span>
        </div>
        <div class="card-body">
          <dl class="facts">
            <div>
              <dt>Unit</dt>
              <dd>{{ u.unit_number }}</dd>
            </div>
            <div>
              <dt>Type</dt>
              <dd>{{ u.unit_type }}</dd>
            </div>
            <div>
              <dt>Bedrooms</dt>
              <dd>{{ u.bedrooms }}</dd>
            </div>
            <div>
              <dt>Bathrooms</dt>
              <dd>{{ u.bathrooms }}</dd>
            </div>
            <div>
              <dt>Square feet</dt>
              <dd class="num">{{ u.square_feet.toLocaleString('en-US') }}</dd>
            </div>
            <div>
              <dt>Building / floor</dt>
              <dd>{{ u.building }} / {{ u.floor }}</dd>
            </div>
          </dl>
          @if (amenities().length) {
            <div class="amenities">
              @for (a of amenities(); track a) {
                <span class="chip cap">{{ a }}</span>
              }
            </div>
          }
        </div>
      </section>

      <section class="card">
        <div class="card-header"><h2>Rent</h2></div>
        <div class="card-body">
          @if (vacant()) {
            <div class="rent-compare" data-testid="vacant-rent">
              <div>
                <div class="k">Asking (market)</div>
                <div class="v money">{{ unit().market_rent | money }}</div>
              </div>
              @if (lease(); as l) {
                <div>
                  <div class="k">Last tenant paid</div>
                  <div class="v money">{{ l.monthly_rent_amount | money }}</div>
                </div>
              }
            </div>
            <div class="sub">Vacant: no current rent, so no gap to market.</div>
          } @else if (rentGap(); as g) {
            <div class="rent-compare">
              <div>
                <div class="k">Current</div>
                <div class="v money">{{ g.current | money }}</div>
              </div>
              <div>
                <div class="k">Market</div>
                <div class="v money">{{ g.market | money }}</div>
              </div>
              <div>
                <div class="k">Gap</div>
                <div class="v money" [class.text-red]="g.gap > 0" [class.text-green]="g.gap <= 0">
                  {{ g.gap > 0 ? '−' : '+' }}{{ (g.gap < 0 ? -g.gap : g.gap) | money }}
                </div>
                <div class="sub">
                  {{
                    g.gap > 0
                      ? g.pct + '% below market'
                      : g.gap < 0
                        ? -g.pct + '% above market'
                        : 'At market'
                  }}
                </div>
              </div>
            </div>
            <div class="rent-bar" aria-hidden="true">
              <span class="rent-fill" [style.width.%]="g.ratio"></span>
            </div>
          } @else {
            <span class="muted">No market rent on record.</span>
          }
        </div>
      </section>
    </div>

    <section class="card">
      <div class="card-header">
        <h2>{{ l && l.lease_status === 'vacant' ? 'Last lease' : 'Current lease' }}</h2>
        @if (l) {
          <app-lease-status-badge [status]="l.lease_status" />
        }
      </div>
      @if (leases().error(); as err) {
        <app-error-state [message]="message(err)" (retry)="leases().reload()" />
      } @else if (!leases().hasValue()) {
        <app-loading-state [rows]="2" />
      } @else if (!l) {
        <app-empty-state title="No lease on record" hint="This unit has never been leased." />
      } @else {
        <div class="card-body">
          <dl class="facts">
            <div>
              <dt>Lease #</dt>
              <dd class="mono">{{ l.lease_number }}</dd>
            </div>
            <div>
              <dt>Tenant</dt>
              <dd>{{ l.tenant_name }}</dd>
            </div>
            <div>
              <dt>Rent</dt>
              <dd class="money">{{ l.monthly_rent_amount | money }}</dd>
            </div>
            <div>
              <dt>Begins</dt>
              <dd>{{ l.lease_begin_date | appDate }}</dd>
            </div>
            <div>
              <dt>Ends</dt>
              <dd>{{ l.lease_end_date | appDate }}</dd>
            </div>
            @if (l.holdover_start_date) {
              <div>
                <dt>Month-to-month since</dt>
                <dd>{{ l.holdover_start_date | appDate }}</dd>
              </div>
            }
            @if (l.notice_date) {
              <div>
                <dt>Notice given</dt>
                <dd>{{ l.notice_date | appDate }}</dd>
              </div>
            }
            @if (l.notice_move_out_date && !l.actual_move_out_date) {
              <div>
                <dt>Moving out</dt>
                <dd class="text-red">{{ l.notice_move_out_date | appDate }}</dd>
              </div>
            }
            @if (l.actual_move_out_date) {
              <div>
                <dt>Moved out</dt>
                <dd>{{ l.actual_move_out_date | appDate }}</dd>
              </div>
            }
          </dl>
        </div>
      }
    </section>
    <app-unit-tab-cards tab="overview" [unit]="unit()" [lease]="lease()" />
  `,
  styleUrl: './unit-tab.css',
})
export class UnitOverviewTabComponent {
  readonly unit = input.required<Unit>();
  /** The unit's current (latest) lease, or null. */
  readonly lease = input<LeaseLifecycle | null>(null);
  /** The page's lease list (loading / error / value). */
  readonly leases = input.required<ResourceRef<Paginated<LeaseLifecycle> | undefined>>();

  /** No tenant in the unit: the rent figures are the asking (market) rent, never the last tenant's. */
  protected readonly vacant = computed(() => {
    const l = this.lease();
    return this.unit().status === 'vacant' || !l || l.lease_status === 'vacant';
  });

  protected readonly rentGap = computed(() => {
    if (this.vacant()) return null;
    const u = this.unit();
    const current = Number(this.lease()?.monthly_rent_amount ?? u.current_rent) || 0;
    const market = Number(u.market_rent) || 0;
    if (!market) return null;
    const gap = market - current;
    return {
      current,
      market,
      gap,
      pct: Math.round((gap / market) * 1000) / 10,
      ratio: Math.min(100, (current / market) * 100),
    };
  });

  protected readonly amenities = computed(() => {
    const a = this.unit().amenities;
    if (!a) return [];
    return Array.isArray(a)
      ? a
      : String(a)
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
  });

  protected readonly message = errorMessage;
  protected readonly label = codeLabel;
}
