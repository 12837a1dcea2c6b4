import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { DecimalPipe } from '@angular/common';
import { Router, RouterLink } from '@angular/router';

import { RISK_LEVELS } from '../../core/models';
import { PredictiveMaintenanceService } from '../../core/services/predictive-maintenance.service';
import { errorMessage } from '../../core/utils/api-error';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { LEVEL_LABELS, cellTitle } from './predictive-format';

/**
 * `/predictive-maintenance/risk-heatmap`: one property at a time (`?property=`, default the one with
 * the most critical and high units), building by building, top floor first, each unit a cell coloured
 * by its level; hover shows the factors, a click opens the unit's Maintenance tab.
 */
@Component({
  selector: 'app-risk-heatmap',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    DecimalPipe,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
  ],
  template: `
    <section class="card" data-testid="risk-heatmap">
      <div class="card-header">
        <h2>
          Risk heatmap
          @if (current(); as p) {
            — {{ p.name }}
          }
        </h2>
        @if (data.hasValue() && data.value().properties.length > 1) {
          <label>
            <span class="sr-only">Property</span>
            <select
              class="select"
              data-testid="heatmap-property"
              (change)="pick($any($event.target).value)"
            >
              @for (p of data.value().properties; track p.id) {
                <option [value]="p.id" [selected]="p.id === current()?.id">
                  {{ p.name }} ({{ p.counts.critical + p.counts.high }} high+)
                </option>
              }
            </select>
          </label>
        }
      </div>
      @if (data.error(); as err) {
        <app-error-state
          title="Could not load the heatmap"
          [message]="message(err)"
          (retry)="data.reload()"
        />
      } @else if (data.hasValue()) {
        @if (current(); as p) {
          <div class="legend" aria-label="Legend">
            @for (l of levels; track l) {
              <span class="key"
                ><i class="cell-swatch lvl-{{ l }}"></i>{{ labels[l] }} {{ p.counts[l] }}</span
              >
            }
          </div>
          <div class="buildings">
            @for (b of p.buildings; track b.building) {
              <div class="building" [attr.data-building]="b.building">
                <h3>Building {{ b.building }}</h3>
                @for (f of b.floors; track f.floor) {
                  <div class="floor">
                    <span class="floor-label">Floor {{ f.floor }}</span>
                    <div class="cells">
                      @for (u of f.units; track u.unit_id) {
                        <a
                          class="cell lvl-{{ u.risk_level }}"
                          data-testid="heat-cell"
                          [attr.data-level]="u.risk_level"
                          [attr.data-unit]="u.unit_id"
                          [title]="title(u)"
                          [attr.aria-label]="title(u)"
                          [routerLink]="['/units', u.unit_id]"
                          [queryParams]="{ tab: 'maintenance' }"
                          >{{ u.unit_number
                          }}<span class="s">{{ u.risk_score | number: '1.0-0' }}</span></a
                        >
                      }
                    </div>
                  </div>
                }
              </div>
            }
          </div>
        } @else {
          <app-empty-state
            title="No risk scores yet"
            hint="The weekly scoring (Mondays 05:00 UTC) fills this in; run predictive_maintenance.compute_all_risk_scores to score now."
          />
        }
      } @else {
        <app-loading-state [rows]="6" />
      }
    </section>
  `,
  styles: `
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 14px;
      padding: 10px 16px 0;
      font-size: 13px;
      color: var(--muted);
    }
    .key {
      display: inline-flex;
      align-items: center;
      gap: 6px;
    }
    .cell-swatch {
      width: 14px;
      height: 14px;
      border-radius: 3px;
      display: inline-block;
    }
    .buildings {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(min(100%, 560px), 1fr));
      gap: 4px 12px;
      padding: 6px 0;
    }
    .building {
      padding: 10px 16px;
      min-width: 0;
    }
    .building h3 {
      margin: 6px 0 8px;
      font-size: 14px;
    }
    .floor {
      display: flex;
      align-items: flex-start;
      gap: 10px;
      margin-bottom: 6px;
    }
    .floor-label {
      width: 58px;
      flex-shrink: 0;
      font-size: 12px;
      color: var(--muted);
      padding-top: 8px;
    }
    .cells {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      min-width: 0;
    }
    .cell {
      display: inline-flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      min-width: 58px;
      padding: 5px 6px;
      border-radius: 6px;
      font-size: 12px;
      font-weight: 700;
      text-decoration: none;
      color: #0f172a;
      border: 1px solid rgba(15, 23, 42, 0.08);
    }
    .cell .s {
      font-weight: 500;
      font-size: 11px;
      opacity: 0.8;
    }
    .cell:hover,
    .cell:focus-visible {
      outline: 2px solid #0f172a;
      outline-offset: 1px;
    }
    .lvl-low {
      background: #99f6e4;
    }
    .lvl-medium {
      background: #fde68a;
    }
    .lvl-high {
      background: #fdba74;
    }
    .lvl-critical {
      background: #dc2626;
      color: #fff;
    }
    @media (max-width: 720px) {
      .floor {
        flex-direction: column;
        gap: 4px;
      }
      .floor-label {
        padding-top: 0;
      }
      .cell {
        min-width: 52px;
      }
    }
  `,
})
export class RiskHeatmapComponent {
  private readonly api = inject(PredictiveMaintenanceService);
  private readonly router = inject(Router);
  /** `?property=` (route input binding). */
  readonly property = input<string | undefined>();

  protected readonly levels = [...RISK_LEVELS].reverse();
  protected readonly labels = LEVEL_LABELS;
  protected readonly data = rxResource({ stream: () => this.api.heatmap() });
  protected readonly current = computed(() => {
    const props = this.data.value()?.properties ?? [];
    if (!props.length) return null;
    const wanted = props.find((p) => p.id === this.property());
    if (wanted) return wanted;
    return [...props].sort(
      (a, b) => b.counts.critical - a.counts.critical || b.counts.high - a.counts.high,
    )[0];
  });
  protected readonly title = cellTitle;
  protected readonly message = errorMessage;

  protected pick(id: string): void {
    void this.router.navigate([], { queryParams: { property: id }, queryParamsHandling: 'merge' });
  }
}
