import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';

import {
  CHURN_FACTOR_LABELS,
  CHURN_FACTOR_WEIGHTS,
  ChurnFactor,
  ChurnFactorKey,
} from '../../../core/models';

export interface FactorBar {
  key: string;
  label: string;
  /** 0–100: how strongly the factor applies (its normalised value). */
  valuePct: number;
  /** 0–100: its weight in the score. */
  weightPct: number;
  /** Points it adds to the 0–100 score (value × weight × 100). */
  points: number;
  /** Share of the weight it used up (value): bands the colour. */
  band: 'low' | 'mid' | 'high';
}

const clamp01 = (n: number) => Math.min(1, Math.max(0, Number.isFinite(n) ? n : 0));

/**
 * Bars for the five factors, in the spec's order, from the API's breakdown — or from the raw
 * `churn_factors` with the spec's weights when the breakdown is missing.
 */
export function factorBars(
  breakdown: readonly ChurnFactor[] | null | undefined,
  raw?: Record<string, number> | null,
): FactorBar[] {
  const rows: ChurnFactor[] = breakdown?.length
    ? [...breakdown]
    : (Object.keys(CHURN_FACTOR_WEIGHTS) as ChurnFactorKey[]).map((key) => ({
        key,
        label: CHURN_FACTOR_LABELS[key],
        value: raw?.[key] ?? 0,
        weight: CHURN_FACTOR_WEIGHTS[key],
        contribution: (raw?.[key] ?? 0) * CHURN_FACTOR_WEIGHTS[key],
      }));
  return rows.map((f) => {
    const v = clamp01(f.value);
    return {
      key: f.key,
      label: f.label || CHURN_FACTOR_LABELS[f.key as ChurnFactorKey] || f.key,
      valuePct: Math.round(v * 100),
      weightPct: Math.round(clamp01(f.weight) * 100),
      points: Math.round(v * clamp01(f.weight) * 1000) / 10,
      band: v >= 0.67 ? 'high' : v >= 0.34 ? 'mid' : 'low',
    };
  });
}

/**
 * Horizontal bars of the five churn factors (spec 1.2 ChurnFactorsChartComponent): each bar is the
 * factor's strength 0–100, labelled with its weight and the points it adds to the score. CSS only.
 */
@Component({
  selector: 'app-churn-factors-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    <ul class="bars" role="list">
      @for (b of bars(); track b.key) {
        <li
          class="row"
          [attr.data-factor]="b.key"
          [attr.aria-label]="
            b.label +
            ': ' +
            b.valuePct +
            ' of 100, weight ' +
            b.weightPct +
            '%, adds ' +
            b.points +
            ' points'
          "
        >
          <div class="head">
            <span class="name">{{ b.label }}</span>
            <span class="weight">weight {{ b.weightPct }}%</span>
          </div>
          <div class="track" aria-hidden="true">
            <span class="fill" [class]="'fill band-' + b.band" [style.width.%]="b.valuePct"></span>
          </div>
          <div class="nums">
            <span class="val num" data-testid="factor-value">{{ b.valuePct }}</span>
            <span class="pts num">+{{ b.points.toFixed(1) }} pts</span>
          </div>
        </li>
      }
    </ul>
    <div class="total">
      <span>Churn score = Σ value × weight</span>
      <strong class="num">{{ total() }}</strong>
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .bars {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    .row {
      display: grid;
      grid-template-columns: minmax(0, 1fr) 92px;
      grid-template-areas:
        'head nums'
        'track nums';
      column-gap: 12px;
      row-gap: 4px;
      align-items: center;
    }
    .head {
      grid-area: head;
      display: flex;
      justify-content: space-between;
      gap: 8px;
      font-size: 12.5px;
    }
    .name {
      font-weight: 600;
      color: var(--text-2);
    }
    .weight {
      color: var(--muted);
      font-size: 11.5px;
    }
    .track {
      grid-area: track;
      height: 10px;
      border-radius: 999px;
      background: #eef2f6;
      overflow: hidden;
    }
    .fill {
      display: block;
      height: 100%;
      min-width: 2px;
      border-radius: inherit;
      transition: width 0.4s ease;
    }
    .band-low {
      background: var(--teal);
    }
    .band-mid {
      background: var(--amber);
    }
    .band-high {
      background: var(--red);
    }
    .nums {
      grid-area: nums;
      display: flex;
      flex-direction: column;
      align-items: flex-end;
      line-height: 1.2;
    }
    .val {
      font-size: 15px;
      font-weight: 700;
      color: var(--primary);
    }
    .pts {
      font-size: 11.5px;
      color: var(--muted);
    }
    .total {
      display: flex;
      justify-content: space-between;
      align-items: baseline;
      margin-top: 14px;
      padding-top: 10px;
      border-top: 1px dashed var(--border);
      font-size: 12.5px;
      color: var(--muted);
    }
    .total strong {
      font-size: 15px;
      color: var(--primary);
    }
  `,
})
export class ChurnFactorsChartComponent {
  readonly factors = input<readonly ChurnFactor[] | null>(null);
  /** Raw `churn_factors` ({late_payments: 0.3, …}) when there is no breakdown. */
  readonly raw = input<Record<string, number> | null>(null);

  protected readonly bars = computed(() => factorBars(this.factors(), this.raw()));
  /** Sum of the points, 0–100. */
  protected readonly total = computed(() =>
    Math.round(this.bars().reduce((s, b) => s + b.points, 0)),
  );
}
