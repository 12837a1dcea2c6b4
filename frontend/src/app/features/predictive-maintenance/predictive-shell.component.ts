import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';

import { RISK_LEVELS } from '../../core/models';
import { PredictiveMaintenanceService } from '../../core/services/predictive-maintenance.service';
import { AppDatePipe } from '../../shared/pipes/app-date.pipe';
import { PredictiveRefresh } from './predictive-refresh';
import { LEVEL_LABELS } from './predictive-format';

/**
 * `/predictive-maintenance`: the level cards (critical / high / medium / low units on the last scoring
 * day) above four tabs — the preventive suggestions queue, the risk heatmap, the risk list and the
 * equipment register.
 */
@Component({
  selector: 'app-predictive-shell',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterOutlet, RouterLink, RouterLinkActive, AppDatePipe],
  providers: [PredictiveRefresh],
  template: `
    <div class="page">
      <header class="page-header">
        <div>
          <h1>Predictive Maintenance</h1>
          <div class="subtitle">
            Every unit's failure risk from its work-order history, equipment age, repeat issues and
            the season, scored weekly (Mondays 05:00 UTC).
            @if (summary.value()?.score_date; as d) {
              Last scored {{ d | appDate }}.
            }
          </div>
        </div>
      </header>

      <div class="levels" data-testid="level-cards">
        @for (l of levels; track l) {
          <a
            class="level lvl-{{ l }}"
            [attr.data-level]="l"
            routerLink="/predictive-maintenance/risk-scores"
            [queryParams]="{ level: l }"
          >
            <span class="label">{{ labels[l] }}</span>
            <span class="count num">
              @if (summary.hasValue()) {
                {{ summary.value().counts[l].toLocaleString('en-US') }}
              } @else if (summary.error()) {
                —
              } @else {
                …
              }
            </span>
          </a>
        }
      </div>

      <nav class="tabs" aria-label="Predictive maintenance">
        <a
          routerLink="/predictive-maintenance"
          routerLinkActive="on"
          [routerLinkActiveOptions]="{ exact: true }"
          data-tab="suggestions"
          >Suggestions
          @if (summary.value()?.pending_suggestions; as n) {
            <span class="pill-count">{{ n }}</span>
          }
        </a>
        <a
          routerLink="/predictive-maintenance/risk-heatmap"
          routerLinkActive="on"
          data-tab="heatmap"
          >Risk heatmap</a
        >
        <a routerLink="/predictive-maintenance/risk-scores" routerLinkActive="on" data-tab="scores"
          >Risk list</a
        >
        <a routerLink="/predictive-maintenance/equipment" routerLinkActive="on" data-tab="equipment"
          >Equipment</a
        >
      </nav>
      <router-outlet />
    </div>
  `,
  styles: `
    .levels {
      display: grid;
      grid-template-columns: repeat(4, minmax(0, 1fr));
      gap: 12px;
      margin-bottom: 18px;
    }
    .level {
      display: flex;
      flex-direction: column;
      gap: 4px;
      padding: 14px 16px;
      border-radius: var(--radius);
      border: 1px solid var(--border);
      background: var(--surface);
      border-left: 4px solid var(--border-strong);
      color: inherit;
      text-decoration: none;
    }
    .level .label {
      font-size: 12px;
      font-weight: 700;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      color: var(--muted);
    }
    .level .count {
      font-size: 26px;
      font-weight: 800;
    }
    .lvl-critical {
      border-left-color: #dc2626;
    }
    .lvl-high {
      border-left-color: #ea580c;
    }
    .lvl-medium {
      border-left-color: #eab308;
    }
    .lvl-low {
      border-left-color: #0d9488;
    }
    .tabs {
      display: flex;
      gap: 4px;
      border-bottom: 1px solid var(--border);
      margin-bottom: 16px;
      overflow-x: auto;
    }
    .tabs a {
      padding: 10px 14px;
      font-weight: 600;
      color: var(--muted);
      text-decoration: none;
      border-bottom: 2px solid transparent;
      white-space: nowrap;
    }
    .tabs a.on {
      color: var(--navy, #0f172a);
      border-bottom-color: var(--gold, #eab308);
    }
    .pill-count {
      display: inline-block;
      min-width: 20px;
      padding: 0 6px;
      margin-left: 4px;
      border-radius: 999px;
      background: var(--gold, #eab308);
      color: #0f172a;
      font-size: 12px;
      text-align: center;
    }
    @media (max-width: 720px) {
      .levels {
        grid-template-columns: repeat(2, minmax(0, 1fr));
      }
    }
  `,
})
export class PredictiveShellComponent {
  private readonly api = inject(PredictiveMaintenanceService);
  private readonly refresh = inject(PredictiveRefresh);
  protected readonly levels = RISK_LEVELS;
  protected readonly labels = LEVEL_LABELS;
  protected readonly summary = rxResource({
    params: () => this.refresh.version(),
    stream: () => this.api.summary(),
  });
}
