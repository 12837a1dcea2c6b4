import { PercentPipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';

import { CommunicationsService } from '../../core/services/communications.service';
import { errorMessage } from '../../core/utils/api-error';
import {
  EmptyStateComponent,
  ErrorStateComponent,
  LoadingStateComponent,
} from '../../shared/components/state-views.component';
import { ToneBadgeComponent } from '../../shared/components/tone-badge.component';
import { riskTone, signed, sparklinePoints } from './communications-format';

/** Tenants whose messages put them at high or critical churn risk (the daily sentiment agent). */
@Component({
  selector: 'app-at-risk',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    PercentPipe,
    RouterLink,
    ToneBadgeComponent,
    LoadingStateComponent,
    EmptyStateComponent,
    ErrorStateComponent,
  ],
  template: `
    <div class="page">
      <div class="page-header">
        <div>
          <div class="breadcrumb"><a routerLink="/communications">Tenant inbox</a></div>
          <h1>At-risk tenants</h1>
          <p class="subtitle">
            From the last 30 days of messages, open repairs and balances (scored daily at 03:00
            UTC).
            @if (data.value(); as d) {
              <strong>{{ d.total_at_risk }}</strong> at risk: {{ d.critical }} critical,
              {{ d.high }} high.
            }
          </p>
        </div>
      </div>
      <section class="card">
        @if (data.isLoading() && !data.hasValue()) {
          <app-loading-state label="Loading…" />
        } @else if (data.error(); as err) {
          <app-error-state
            title="Could not load at-risk tenants"
            [message]="message(err)"
            (retry)="data.reload()"
          />
        } @else if (data.value(); as d) {
          @if (!d.at_risk_tenants.length) {
            <app-empty-state
              title="Nobody at risk"
              hint="No tenant's recent messages point to leaving."
            />
          } @else {
            <ul class="rows" data-testid="at-risk-list">
              @for (t of d.at_risk_tenants; track t.tenant_id) {
                <li class="row">
                  <div class="who">
                    <strong>{{ t.tenant_name }}</strong>
                    <span class="muted">{{ t.unit }} · {{ t.property }}</span>
                  </div>
                  <app-tone-badge
                    [text]="t.risk_level + ' ' + (t.churn_probability | percent)"
                    [tone]="riskTone(t.risk_level)"
                  />
                  <span class="trend">
                    {{ signed(t.sentiment_score) }}
                    <svg
                      width="80"
                      height="22"
                      viewBox="0 0 80 22"
                      role="img"
                      aria-label="Sentiment trend"
                    >
                      <polyline [attr.points]="points(t.sentiment_trend)" class="line" />
                    </svg>
                  </span>
                  <span class="action">{{ t.recommended_action }}</span>
                  @if (t.conversation_id) {
                    <a class="btn btn-sm" [routerLink]="['/communications', t.conversation_id]"
                      >Open thread</a
                    >
                  }
                </li>
              }
            </ul>
          }
        }
      </section>
    </div>
  `,
  styles: `
    .rows {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .row {
      display: grid;
      grid-template-columns: minmax(160px, 1.2fr) auto auto minmax(0, 2fr) auto;
      gap: 12px;
      align-items: center;
      padding: 10px 14px;
      border-bottom: 1px solid var(--border);
    }
    .who {
      display: grid;
    }
    .muted {
      color: var(--muted);
      font-size: 12px;
    }
    .trend {
      display: flex;
      gap: 6px;
      align-items: center;
      font-family: var(--font-mono);
      font-size: 12px;
    }
    .line {
      fill: none;
      stroke: var(--red);
      stroke-width: 2;
    }
    .action {
      font-size: 12.5px;
      color: var(--text-2);
    }
    @media (max-width: 720px) {
      .row {
        grid-template-columns: 1fr auto;
      }
      .action {
        grid-column: 1 / -1;
      }
    }
  `,
})
export class AtRiskComponent {
  private readonly api = inject(CommunicationsService);
  protected readonly data = rxResource({ stream: () => this.api.getAtRisk() });
  protected readonly riskTone = riskTone;
  protected readonly signed = signed;

  protected points(values: number[]): string {
    return sparklinePoints(values, 80, 22);
  }

  protected message(err: unknown): string {
    return errorMessage(err);
  }
}
