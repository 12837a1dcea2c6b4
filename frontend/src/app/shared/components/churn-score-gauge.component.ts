import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import {
  CHURN_RISK_LABELS,
  ChurnRiskLevel,
  churnRiskLevel,
  isChurnRiskLevel,
} from '../../core/models';

/** The gauge sweeps 270° (a gap at the bottom); values are in "percent of the sweep". */
export const GAUGE_SWEEP = 0.75;

/** 0–100 from a 0.0–1.0 churn score, clamped and rounded. */
export function churnPercent(score: number | null | undefined): number {
  const s = Number(score);
  if (!Number.isFinite(s)) return 0;
  return Math.round(Math.min(1, Math.max(0, s)) * 100);
}

/**
 * Circular churn-score gauge (spec 1.2 ChurnScoreGaugeComponent): SVG arc from 0 to 100 coloured by the
 * risk band, the score in the middle and, when large, the risk level under it. Shared with unit detail.
 */
@Component({
  selector: 'app-churn-score-gauge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: {
    role: 'meter',
    'aria-valuemin': '0',
    'aria-valuemax': '100',
    '[attr.aria-valuenow]': 'percent()',
    '[attr.aria-label]': '"Churn risk " + percent() + " of 100, " + label()',
    '[attr.data-risk]': 'risk()',
    '[class]': '"gauge risk-" + risk()',
    '[style.width.px]': 'size()',
    '[style.height.px]': 'size()',
    '[style.--gauge-size]': 'size() + "px"',
  },
  template: `
    <svg [attr.viewBox]="'0 0 ' + box + ' ' + box" aria-hidden="true">
      <circle
        class="track"
        [attr.cx]="c"
        [attr.cy]="c"
        [attr.r]="r"
        pathLength="100"
        [attr.stroke-width]="stroke()"
        [attr.stroke-dasharray]="trackDash"
        [attr.transform]="rotate"
      />
      @if (percent() > 0) {
        <circle
          class="value"
          data-testid="gauge-arc"
          [attr.cx]="c"
          [attr.cy]="c"
          [attr.r]="r"
          pathLength="100"
          [attr.stroke-width]="stroke()"
          [attr.stroke-dasharray]="valueDash()"
          [attr.transform]="rotate"
        />
      }
    </svg>
    <div class="center">
      <span class="score" data-testid="gauge-score">{{ percent() }}</span>
      @if (showLabel()) {
        <span class="caption">{{ label() }}</span>
      }
    </div>
  `,
  styles: `
    :host {
      position: relative;
      display: inline-block;
      flex-shrink: 0;
      --gauge: var(--green);
    }
    :host(.risk-medium) {
      --gauge: var(--amber);
    }
    :host(.risk-high) {
      --gauge: var(--orange);
    }
    :host(.risk-critical) {
      --gauge: var(--red);
    }
    svg {
      display: block;
      width: 100%;
      height: 100%;
    }
    circle {
      fill: none;
      stroke-linecap: round;
    }
    .track {
      stroke: #e9eef4;
    }
    .value {
      stroke: var(--gauge);
      transition: stroke-dasharray 0.4s ease;
    }
    .center {
      position: absolute;
      inset: 0;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      line-height: 1;
    }
    .score {
      font: 700 calc(var(--gauge-size, 120px) * 0.27) var(--font-mono);
      font-variant-numeric: tabular-nums;
      color: var(--primary);
    }
    .caption {
      margin-top: 4px;
      font: 700 calc(var(--gauge-size, 120px) * 0.1) var(--font-heading);
      text-transform: uppercase;
      letter-spacing: 0.06em;
      color: var(--gauge);
    }
  `,
})
export class ChurnScoreGaugeComponent {
  /** The churn score, 0.0 – 1.0 (shown as 0 – 100). */
  readonly score = input.required<number>();
  /** The API's churn_risk_level; derived from the score when not given. */
  readonly level = input<ChurnRiskLevel | string | null>(null);
  /** Width and height in px. */
  readonly size = input(120);
  /** The risk level under the number (hidden automatically below 64 px). */
  readonly caption = input(true);

  protected readonly box = 100;
  protected readonly c = 50;
  protected readonly r = 42;
  protected readonly rotate = 'rotate(135 50 50)';
  protected readonly trackDash = `${GAUGE_SWEEP * 100} 100`;

  protected readonly percent = computed(() => churnPercent(this.score()));
  protected readonly risk = computed<ChurnRiskLevel>(() => {
    const l = this.level();
    return isChurnRiskLevel(l) ? l : churnRiskLevel(this.percent() / 100);
  });
  protected readonly label = computed(() => CHURN_RISK_LABELS[this.risk()]);
  protected readonly stroke = computed(() => (this.size() < 64 ? 11 : 9));
  protected readonly valueDash = computed(() => `${(this.percent() * GAUGE_SWEEP).toFixed(2)} 100`);
  protected readonly showLabel = computed(() => this.caption() && this.size() >= 64);
}
