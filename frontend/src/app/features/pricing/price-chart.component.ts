import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import { PricingHistoryPoint } from '../../core/models';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import { chartGeometry } from './pricing-format';

/** Current, market and recommended rent over the last 90 days (inline SVG, no chart library). */
@Component({
  selector: 'app-price-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MoneyPipe],
  template: `
    @if (geometry(); as g) {
      <figure class="chart" data-testid="price-chart">
        <svg
          [attr.viewBox]="'0 0 ' + g.width + ' ' + g.height"
          role="img"
          [attr.aria-label]="ariaLabel()"
        >
          @for (t of g.yTicks; track t.label) {
            <line
              class="grid"
              [attr.x1]="56"
              [attr.x2]="g.width - 12"
              [attr.y1]="t.y"
              [attr.y2]="t.y"
            />
            <text class="tick" x="50" [attr.y]="t.y + 4" text-anchor="end">{{ t.label }}</text>
          }
          @for (t of g.xTicks; track t.x) {
            <text class="tick" [attr.x]="t.x" [attr.y]="g.height - 6" text-anchor="middle">
              {{ t.label }}
            </text>
          }
          @for (s of g.series; track s.key) {
            <path [class]="'line ' + s.key" [attr.d]="s.path" [attr.data-series]="s.key" />
            @if (s.end) {
              <circle [class]="'dot ' + s.key" [attr.cx]="s.end.x" [attr.cy]="s.end.y" r="4" />
            }
          }
        </svg>
        <figcaption class="legend">
          @for (s of g.series; track s.key) {
            <span class="key"
              ><span [class]="'swatch ' + s.key" aria-hidden="true"></span>{{ s.label }}
              <strong class="money">{{ s.last | money: 0 }}</strong></span
            >
          }
          <span class="muted">{{ points().length }} day{{ points().length === 1 ? '' : 's' }}</span>
        </figcaption>
      </figure>
    } @else {
      <p class="muted">No price history yet.</p>
    }
  `,
  styles: `
    .chart {
      margin: 0;
    }
    svg {
      width: 100%;
      height: auto;
      max-height: 260px;
      display: block;
    }
    .grid {
      stroke: var(--border);
      stroke-width: 1;
    }
    .tick {
      font-size: 11px;
      fill: var(--muted);
      font-family: var(--font-mono);
    }
    .line {
      fill: none;
      stroke-width: 2.5;
      vector-effect: non-scaling-stroke;
    }
    .dot {
      stroke: none;
    }
    .dot.current {
      fill: var(--primary);
    }
    .dot.market {
      fill: var(--teal);
    }
    .dot.recommended {
      fill: var(--gold);
    }
    .line.current,
    .swatch.current {
      stroke: var(--primary);
      background: var(--primary);
    }
    .line.market,
    .swatch.market {
      stroke: var(--teal);
      background: var(--teal);
    }
    .line.recommended,
    .swatch.recommended {
      stroke: var(--gold);
      background: var(--gold);
      stroke-dasharray: 6 4;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 16px;
      font-size: 13px;
      margin-top: 6px;
      align-items: center;
    }
    .key {
      display: inline-flex;
      align-items: center;
      gap: 6px;
    }
    .swatch {
      width: 14px;
      height: 3px;
      border-radius: 2px;
      display: inline-block;
    }
  `,
})
export class PriceChartComponent {
  readonly points = input.required<readonly PricingHistoryPoint[]>();
  protected readonly geometry = computed(() => chartGeometry(this.points()));
  protected readonly ariaLabel = computed(() => {
    const g = this.geometry();
    if (!g) return 'No price history';
    const [c, m, r] = g.series.map((s) =>
      s.last === null ? '—' : `$${s.last.toLocaleString('en-US')}`,
    );
    return `Rent over ${this.points().length} days: current ${c}, market ${m}, recommended ${r}`;
  });
}
