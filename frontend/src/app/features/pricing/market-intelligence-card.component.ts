import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';

import { LeaseLifecycle, Unit } from '../../core/models';
import { PricingService } from '../../core/services/pricing.service';
import { errorMessage } from '../../core/utils/api-error';
import {
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import { formatGapPct } from '../../shared/utils/market-gap';
import { confidenceLabel } from './pricing-format';

/** Unit detail › Overview: Market Intelligence (spec 2.2) — current vs market rent, the gap, and a link. */
@Component({
  selector: 'app-market-intelligence-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, MoneyPipe, LoadingStateComponent, ErrorStateComponent],
  template: `
    <section class="card mi" data-testid="market-intelligence">
      <div class="card-header">
        <h2>Market Intelligence</h2>
        <a [routerLink]="['/pricing', unit().id]" class="small" data-testid="mi-link"
          >Pricing history →</a
        >
      </div>
      <div class="card-body">
        @if (data.error(); as err) {
          <app-error-state
            title="Could not load the market rent"
            [message]="message(err)"
            (retry)="data.reload()"
          />
        } @else if (data.hasValue()) {
          @if (snap(); as s) {
            <div class="row">
              <div>
                <span class="k">{{ s.is_vacant ? 'Asking' : 'Current' }}</span>
                <strong class="money">{{ s.current_rent | money: 0 }}</strong>
              </div>
              <div>
                <span class="k">Market</span>
                <strong class="money" data-testid="mi-market">{{
                  s.market_rent | money: 0
                }}</strong>
              </div>
              <div>
                <span class="k">Gap</span>
                <strong class="money" [class.text-red]="s.rent_gap_pct < -1" data-testid="mi-gap"
                  >{{ s.rent_gap_amount | money: 0 }} ({{ gapPct(s.rent_gap_pct) }})</strong
                >
              </div>
              <div>
                <span class="k">Recommended</span>
                <strong class="money">{{ s.recommended_rent | money: 0 }}</strong>
              </div>
            </div>
            <div class="gauge" aria-hidden="true">
              <span class="marker" [style.left.%]="markerPct()"></span>
            </div>
            <p class="muted small" data-testid="mi-summary">
              {{ s.summary }} · confidence {{ confidence(s.confidence_score) }}
            </p>
            @if (!s.is_vacant && s.rent_gap_pct < -1) {
              <p class="small">
                Below market by {{ gapPct(s.rent_gap_pct) }}: about
                <strong class="money">{{ annualGap() | money: 0 }}</strong> a year at renewal.
              </p>
            }
          } @else {
            <p class="muted small">Not priced yet: the pricing engine runs daily at 04:00 UTC.</p>
          }
        } @else {
          <app-loading-state [rows]="2" />
        }
      </div>
    </section>
  `,
  styles: `
    .mi {
      margin-bottom: 14px;
    }
    .row {
      display: grid;
      grid-template-columns: repeat(4, minmax(0, 1fr));
      gap: 10px;
    }
    .row > div {
      display: flex;
      flex-direction: column;
      gap: 2px;
    }
    .k {
      font-size: 12px;
      color: var(--muted);
    }
    .small {
      font-size: 12px;
    }
    .gauge {
      position: relative;
      height: 6px;
      margin: 12px 0 8px;
      border-radius: 3px;
      background: linear-gradient(
        90deg,
        var(--red) 0%,
        var(--teal) 45%,
        var(--teal) 55%,
        var(--amber) 100%
      );
      opacity: 0.8;
    }
    .marker {
      position: absolute;
      top: -4px;
      width: 4px;
      height: 14px;
      margin-left: -2px;
      background: var(--primary);
      border-radius: 2px;
    }
    @media (max-width: 640px) {
      .row {
        grid-template-columns: repeat(2, minmax(0, 1fr));
      }
    }
  `,
})
export class MarketIntelligenceCardComponent {
  private readonly pricing = inject(PricingService);
  readonly unit = input.required<Unit>();
  readonly lease = input<LeaseLifecycle | null>(null);

  protected readonly data = rxResource({
    params: () => this.unit().id,
    stream: ({ params }) => this.pricing.getUnitPricing(params),
  });
  protected readonly snap = computed(() =>
    this.data.hasValue() ? this.data.value().latest : null,
  );
  /** Where the gap sits on a −10 % … +10 % gauge. */
  protected readonly markerPct = computed(() => {
    const g = this.snap()?.rent_gap_pct ?? 0;
    return Math.min(100, Math.max(0, ((g + 10) / 20) * 100));
  });
  protected readonly annualGap = computed(() => {
    const s = this.snap();
    return s ? Math.abs(Number(s.rent_gap_amount)) * 12 : 0;
  });
  protected readonly message = errorMessage;
  protected readonly gapPct = formatGapPct;
  protected readonly confidence = confidenceLabel;
}
