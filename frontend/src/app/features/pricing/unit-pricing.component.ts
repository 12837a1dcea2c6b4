import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';

import { AuthService } from '../../core/auth/auth.service';
import { PRICING_STRATEGY_LABELS, UnitPricing } from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { PricingService } from '../../core/services/pricing.service';
import { errorMessage } from '../../core/utils/api-error';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import { formatGapPct } from '../../shared/utils/market-gap';
import { PriceChartComponent } from './price-chart.component';
import { confidenceLabel, similarityPct } from './pricing-format';

/**
 * A unit's pricing (spec 2.2 `/pricing/:unitId`): 90 days of current / market / recommended rent, today's price
 * explained (comps, adjustments, fallback, strategy, price drop) and, for a vacant unit, "Apply recommended rent".
 */
@Component({
  selector: 'app-unit-pricing',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MoneyPipe,
    AppDatePipe,
    PriceChartComponent,
    LoadingStateComponent,
    ErrorStateComponent,
    EmptyStateComponent,
  ],
  templateUrl: './unit-pricing.component.html',
  styleUrl: './unit-pricing.component.css',
})
export class UnitPricingComponent {
  private readonly pricing = inject(PricingService);
  private readonly toast = inject(ToastService);
  private readonly auth = inject(AuthService);

  /** The route's `:unitId` (component input binding). */
  readonly unitId = input.required<string>();

  protected readonly data = rxResource({
    params: () => this.unitId(),
    stream: ({ params }) => this.pricing.getUnitPricing(params),
  });
  /** The last apply's answer (shown until the next load). */
  private readonly applied = signal<UnitPricing | null>(null);
  protected readonly view = computed(() => {
    const fresh = this.applied();
    if (fresh && fresh.unit_id === this.unitId()) return fresh;
    return this.data.hasValue() ? this.data.value() : null;
  });
  protected readonly canApply = computed(() => this.auth.can('manage_leases'));
  protected readonly applying = signal(false);
  protected readonly applyError = signal<string | null>(null);
  /** The recommendation is already the asking rent (applied, or the same figure). */
  protected readonly alreadyApplied = computed(() => {
    const v = this.view();
    return !!v?.latest && Number(v.asking_rent) === Number(v.latest.recommended_rent);
  });

  protected readonly message = errorMessage;
  protected readonly gapPct = formatGapPct;
  protected readonly confidence = confidenceLabel;
  protected readonly similarity = similarityPct;
  protected readonly strategyLabels = PRICING_STRATEGY_LABELS;

  protected apply(): void {
    if (this.applying()) return;
    this.applying.set(true);
    this.applyError.set(null);
    this.pricing.applyRecommended(this.unitId()).subscribe({
      next: (res) => {
        this.applying.set(false);
        this.applied.set(res);
        this.toast.success(
          `Asking rent set to $${Number(res.asking_rent).toLocaleString('en-US')}.`,
        );
      },
      error: (err: unknown) => {
        this.applying.set(false);
        this.applyError.set(errorMessage(err));
      },
    });
  }

  protected reload(): void {
    this.applied.set(null);
    this.data.reload();
  }
}
