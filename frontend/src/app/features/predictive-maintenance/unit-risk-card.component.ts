import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { forkJoin } from 'rxjs';

import { LeaseLifecycle, PreventiveSuggestion, Unit } from '../../core/models';
import { PredictiveMaintenanceService } from '../../core/services/predictive-maintenance.service';
import { WorkOrderService } from '../../core/services/work-order.service';
import { errorMessage } from '../../core/utils/api-error';
import {
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import { categoryName, factorRows, scoreFactors } from './predictive-format';
import { RiskLevelBadgeComponent } from './risk-level-badge.component';
import { SuggestionCardComponent } from './suggestion-card.component';

const GAUGE_R = 34;
const GAUGE_LEN = 2 * Math.PI * GAUGE_R;

/**
 * The unit page's Maintenance tab, top: "AI Risk Assessment" (2.3) — the latest score as a gauge with
 * its level, the five factors as bars (points of their weight), the predicted next issue and the
 * 90-day expected cost, and the pending preventive suggestion with Approve (the work order appears in
 * the list below at once).
 */
@Component({
  selector: 'app-unit-risk-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MoneyPipe,
    AppDatePipe,
    RiskLevelBadgeComponent,
    SuggestionCardComponent,
    LoadingStateComponent,
    ErrorStateComponent,
  ],
  template: `
    <section class="card risk-card" data-testid="unit-risk-card">
      <div class="card-header">
        <h2>AI Risk Assessment</h2>
        @if (score(); as s) {
          <span class="muted">Scored {{ s.score_date | appDate }}</span>
        }
      </div>
      @if (data.error(); as err) {
        <app-error-state
          title="Could not load the risk assessment"
          [message]="message(err)"
          (retry)="data.reload()"
        />
      } @else if (data.hasValue()) {
        @if (score(); as s) {
          <div class="body">
            <div class="gauge" [attr.data-level]="s.risk_level">
              <svg viewBox="0 0 80 80" width="96" height="96" aria-hidden="true">
                <circle cx="40" cy="40" [attr.r]="r" class="track" />
                <circle
                  cx="40"
                  cy="40"
                  [attr.r]="r"
                  class="arc lvl-{{ s.risk_level }}"
                  [attr.stroke-dasharray]="dash()"
                  transform="rotate(-90 40 40)"
                />
              </svg>
              <div class="value">
                <span class="num" data-testid="risk-score">{{ s.risk_score }}</span>
                <app-risk-level-badge [level]="s.risk_level" />
              </div>
            </div>
            <div class="factors">
              @for (f of factors(); track f.key) {
                <div class="factor" [attr.data-factor]="f.key">
                  <span class="label">{{ f.label }}</span>
                  <span class="bar"><i [style.width.%]="f.pct"></i></span>
                  <span class="pts num">{{ f.points }}/{{ f.weight }}</span>
                </div>
              }
            </div>
            <div class="predict">
              <div>
                <div class="k">Likely next issue</div>
                <div class="v" data-testid="risk-next">
                  @if (s.predicted_next_wo_type) {
                    {{ category(s.predicted_next_wo_type) }}
                    @if (s.predicted_next_wo_date) {
                      <span class="muted">by {{ s.predicted_next_wo_date | appDate }}</span>
                    }
                  } @else {
                    <span class="muted">No history to predict from</span>
                  }
                </div>
              </div>
              <div>
                <div class="k">Expected cost, 90 days</div>
                <div class="v money">{{ s.predicted_cost_90_days | money }}</div>
              </div>
              <div>
                <div class="k">Work orders, 12 months</div>
                <div class="v num">
                  {{ s.wo_count_12_months }}
                  <span class="muted">({{ s.total_cost_12_months | money }})</span>
                </div>
              </div>
            </div>
          </div>
          @for (sg of suggestions(); track sg.id) {
            <div class="suggestion">
              <app-suggestion-card
                [suggestion]="sg"
                [showUnit]="false"
                (decided)="decided($event)"
              />
            </div>
          }
        } @else {
          <div class="empty muted">
            Not scored yet: the weekly scoring (Mondays 05:00 UTC) covers every unit.
            <a routerLink="/predictive-maintenance/risk-heatmap">Risk heatmap →</a>
          </div>
        }
      } @else {
        <app-loading-state [rows]="3" />
      }
    </section>
  `,
  styles: `
    :host {
      display: block;
    }
    .risk-card {
      margin-bottom: 16px;
    }
    .body {
      display: grid;
      grid-template-columns: auto minmax(0, 1.3fr) minmax(0, 1fr);
      gap: 20px;
      align-items: center;
      padding: 14px 16px;
    }
    .gauge {
      position: relative;
      width: 96px;
      height: 96px;
    }
    .gauge .value {
      position: absolute;
      inset: 0;
      display: flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 2px;
    }
    .gauge .num {
      font-size: 22px;
      font-weight: 800;
    }
    .track {
      fill: none;
      stroke: var(--border, #e2e8f0);
      stroke-width: 8;
    }
    .arc {
      fill: none;
      stroke-width: 8;
      stroke-linecap: round;
    }
    .arc.lvl-low {
      stroke: #0d9488;
    }
    .arc.lvl-medium {
      stroke: #eab308;
    }
    .arc.lvl-high {
      stroke: #ea580c;
    }
    .arc.lvl-critical {
      stroke: #dc2626;
    }
    .factors {
      display: flex;
      flex-direction: column;
      gap: 6px;
    }
    .factor {
      display: grid;
      grid-template-columns: 150px minmax(0, 1fr) 48px;
      gap: 8px;
      align-items: center;
      font-size: 13px;
    }
    .bar {
      height: 8px;
      border-radius: 4px;
      background: var(--border, #e2e8f0);
      overflow: hidden;
    }
    .bar i {
      display: block;
      height: 100%;
      background: #0f172a;
    }
    .pts {
      text-align: right;
      color: var(--muted);
    }
    .predict {
      display: flex;
      flex-direction: column;
      gap: 10px;
    }
    .k {
      font-size: 12px;
      color: var(--muted);
    }
    .v {
      font-weight: 700;
    }
    .suggestion {
      padding: 0 16px 16px;
    }
    .empty {
      padding: 14px 16px;
    }
    @media (max-width: 900px) {
      .body {
        grid-template-columns: auto minmax(0, 1fr);
      }
      .predict {
        grid-column: 1 / -1;
        flex-direction: row;
        flex-wrap: wrap;
        gap: 16px;
      }
    }
    @media (max-width: 560px) {
      .body {
        grid-template-columns: minmax(0, 1fr);
      }
      .gauge {
        justify-self: start;
      }
      .factor {
        grid-template-columns: 120px minmax(0, 1fr) 44px;
      }
    }
  `,
})
export class UnitRiskCardComponent {
  private readonly api = inject(PredictiveMaintenanceService);
  private readonly workOrders = inject(WorkOrderService);

  readonly unit = input.required<Unit>();
  readonly lease = input<LeaseLifecycle | null>(null);

  protected readonly r = GAUGE_R;
  protected readonly data = rxResource({
    params: () => this.unit().id,
    stream: ({ params }) =>
      forkJoin({
        scores: this.api.riskScores({ unit: params, page_size: 1 }),
        suggestions: this.api.suggestions({ unit: params, page_size: 5 }),
      }),
  });
  private readonly decidedNow = signal<Record<string, PreventiveSuggestion>>({});
  protected readonly score = computed(() => this.data.value()?.scores.results[0] ?? null);
  protected readonly suggestions = computed(() => {
    const done = this.decidedNow();
    return (this.data.value()?.suggestions.results ?? []).map((s) => done[s.id] ?? s);
  });
  protected readonly factors = computed(() => {
    const s = this.score();
    return s ? factorRows(scoreFactors(s)) : [];
  });
  protected readonly dash = computed(() => {
    const v = Math.max(0, Math.min(100, this.score()?.risk_score ?? 0));
    return `${(GAUGE_LEN * v) / 100} ${GAUGE_LEN}`;
  });
  protected readonly category = categoryName;
  protected readonly message = errorMessage;

  protected decided(s: PreventiveSuggestion): void {
    this.decidedNow.update((d) => ({ ...d, [s.id]: s }));
    if (s.status === 'work_order_created') this.workOrders.changes.update((v) => v + 1);
  }
}
