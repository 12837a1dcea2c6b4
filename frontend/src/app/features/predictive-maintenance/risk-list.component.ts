import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { Router, RouterLink } from '@angular/router';

import { RISK_LEVELS, RiskLevel, RiskScoreFilters } from '../../core/models';
import { ToastService } from '../../core/notifications/toast.service';
import { PredictiveMaintenanceService } from '../../core/services/predictive-maintenance.service';
import { errorMessage } from '../../core/utils/api-error';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { MoneyPipe } from '../../shared/pipes/money.pipe';
import { downloadBlob } from '../renewals/renewals-format';
import { LEVEL_LABELS, categoryName } from './predictive-format';
import { RiskLevelBadgeComponent } from './risk-level-badge.component';

export const RISK_PAGE_SIZE = 25;

/** `/predictive-maintenance/risk-scores`: every unit's latest score, riskiest first; `?level=` and
 * `?page=` in the URL; CSV of the filter. */
@Component({
  selector: 'app-risk-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    MoneyPipe,
    AppDatePipe,
    RiskLevelBadgeComponent,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
  ],
  template: `
    <section class="card table-card" data-testid="risk-list">
      <div class="toolbar">
        <div class="chips" role="group" aria-label="Risk level">
          <button type="button" class="pill" [class.on]="!levelValue()" (click)="go(null, 1)">
            All
          </button>
          @for (l of levels; track l) {
            <button
              type="button"
              class="pill"
              [class.on]="levelValue() === l"
              [attr.data-level]="l"
              (click)="go(l, 1)"
            >
              {{ labels[l] }}
            </button>
          }
        </div>
        <span class="spacer"></span>
        <button
          type="button"
          class="btn btn-sm"
          data-testid="risk-export"
          [disabled]="exporting()"
          (click)="exportCsv()"
        >
          {{ exporting() ? 'Exporting…' : 'Export CSV' }}
        </button>
      </div>
      @if (rows.error(); as err) {
        <app-error-state
          title="Could not load the risk scores"
          [message]="message(err)"
          (retry)="rows.reload()"
        />
      } @else if (rows.hasValue()) {
        @if (rows.value().results.length === 0) {
          <app-empty-state title="No units at this level" />
        } @else {
          <div class="table-wrap">
            <table class="data-table" data-testid="risk-table">
              <thead>
                <tr>
                  <th>Unit</th>
                  <th>Property</th>
                  <th class="num">Score</th>
                  <th>Level</th>
                  <th>Likely next</th>
                  <th class="num">WOs 12 mo</th>
                  <th class="money">Expected 90 days</th>
                </tr>
              </thead>
              <tbody>
                @for (r of rows.value().results; track r.id) {
                  <tr class="row" [attr.data-level]="r.risk_level">
                    <td>
                      <a [routerLink]="['/units', r.unit]" [queryParams]="{ tab: 'maintenance' }">{{
                        r.unit_number
                      }}</a>
                    </td>
                    <td>{{ r.property_name }}</td>
                    <td class="num strong">{{ r.risk_score }}</td>
                    <td><app-risk-level-badge [level]="r.risk_level" /></td>
                    <td>
                      {{ category(r.predicted_next_wo_type) }}
                      @if (r.predicted_next_wo_date) {
                        <span class="muted">· {{ r.predicted_next_wo_date | appDate }}</span>
                      }
                    </td>
                    <td class="num">{{ r.wo_count_12_months }}</td>
                    <td class="money">{{ r.predicted_cost_90_days | money }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </div>
          <div class="pager">
            <button
              type="button"
              class="btn btn-sm"
              [disabled]="pageValue() === 1"
              (click)="go(levelValue(), pageValue() - 1)"
            >
              Previous
            </button>
            <span class="muted"
              >Page {{ pageValue() }} of {{ pages() }} · {{ rows.value().count }} units</span
            >
            <button
              type="button"
              class="btn btn-sm"
              [disabled]="pageValue() >= pages()"
              (click)="go(levelValue(), pageValue() + 1)"
            >
              Next
            </button>
          </div>
        }
      } @else {
        <app-loading-state [rows]="6" />
      }
    </section>
  `,
  styles: `
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 10px;
      align-items: center;
      padding: 12px 14px;
      border-bottom: 1px solid var(--border);
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
    }
    .spacer {
      flex: 1;
    }
    .pager {
      display: flex;
      gap: 12px;
      align-items: center;
      justify-content: center;
      padding: 12px;
    }
  `,
})
export class RiskListComponent {
  private readonly api = inject(PredictiveMaintenanceService);
  private readonly router = inject(Router);
  private readonly toast = inject(ToastService);
  /** `?level=` and `?page=` (route input binding). */
  readonly level = input<string | undefined>();
  readonly page = input<string | undefined>();

  protected readonly levels = RISK_LEVELS;
  protected readonly labels = LEVEL_LABELS;
  protected readonly category = categoryName;
  protected readonly message = errorMessage;
  protected readonly exporting = signal(false);
  protected readonly levelValue = computed<RiskLevel | null>(() => {
    const l = this.level();
    return (RISK_LEVELS as readonly string[]).includes(l ?? '') ? (l as RiskLevel) : null;
  });
  protected readonly pageValue = computed(() => Math.max(1, Number(this.page()) || 1));
  private readonly filters = computed<RiskScoreFilters>(() => ({
    risk_level: this.levelValue(),
    page: this.pageValue(),
    page_size: RISK_PAGE_SIZE,
  }));
  protected readonly rows = rxResource({
    params: () => this.filters(),
    stream: ({ params }) => this.api.riskScores(params),
  });
  protected readonly pages = computed(() =>
    Math.max(1, Math.ceil((this.rows.value()?.count ?? 0) / RISK_PAGE_SIZE)),
  );

  protected go(level: string | null, page: number): void {
    void this.router.navigate([], {
      queryParams: { level, page: page > 1 ? page : null },
      queryParamsHandling: 'merge',
    });
  }

  protected exportCsv(): void {
    this.exporting.set(true);
    this.api.exportCsv(this.filters()).subscribe({
      next: (blob) => {
        this.exporting.set(false);
        downloadBlob(`risk-scores${this.levelValue() ? '-' + this.levelValue() : ''}.csv`, blob);
      },
      error: (err) => {
        this.exporting.set(false);
        this.toast.error(errorMessage(err));
      },
    });
  }
}
