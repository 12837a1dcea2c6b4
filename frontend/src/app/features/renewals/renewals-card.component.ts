import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';

import { RenewalService } from '../../core/services/renewal.service';
import { StatCardComponent } from '../../shared/components/stat-card.component';

/** Dashboard widget (DASHBOARD_WIDGETS, spec 0.0 "1.2 Dashboard Renewals Widget"): Renewals Due. */
@Component({
  selector: 'app-renewals-card',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [StatCardComponent],
  host: { style: 'display: contents' },
  template: `
    @if (stats.error()) {
      <app-stat-card
        data-card="renewals"
        label="Renewals due"
        icon="renew"
        value="—"
        detail="Could not load renewals."
        link="/renewals"
        linkLabel="Open renewals"
      />
    } @else if (stats.hasValue()) {
      <app-stat-card
        data-card="renewals"
        label="Renewals due"
        icon="renew"
        [value]="pending()"
        [tone]="critical() > 0 ? 'amber' : 'teal'"
        [detail]="detail()"
        link="/renewals"
        linkLabel="Open renewals"
      >
        <div class="acc-row" data-testid="renewals-acceptance">
          <span class="acc-label">Acceptance</span>
          <span class="acc" aria-hidden="true"><span [style.width.%]="rate() ?? 0"></span></span>
          <span class="acc-value num">{{ rate() === null ? '—' : rate() + '%' }}</span>
        </div>
      </app-stat-card>
    } @else {
      <app-stat-card
        data-card="renewals"
        label="Renewals due"
        icon="renew"
        value="…"
        detail="Loading…"
      />
    }
  `,
  styles: `
    .acc-row {
      display: flex;
      align-items: center;
      gap: 8px;
      margin-top: 6px;
      font-size: 12px;
      color: var(--muted);
    }
    .acc {
      flex: 1;
      height: 5px;
      border-radius: 999px;
      background: #eef2f6;
      overflow: hidden;
    }
    .acc-value {
      font-weight: 600;
      color: var(--text-2);
    }
    .acc span {
      display: block;
      height: 100%;
      background: var(--teal);
    }
  `,
})
export class RenewalsCardComponent {
  private readonly renewals = inject(RenewalService);
  protected readonly stats = rxResource({ stream: () => this.renewals.getDashboardStats() });

  protected readonly pending = computed(() =>
    this.stats.hasValue() ? this.stats.value().total_pending.toLocaleString('en-US') : '—',
  );
  /** Accepted share of the answered offers; null before any tenant answered. */
  protected readonly rate = computed(() => {
    if (!this.stats.hasValue()) return null;
    const s = this.stats.value();
    return s.total_accepted + s.total_declined ? Math.round(s.acceptance_rate * 100) : null;
  });
  protected readonly critical = computed(() =>
    this.stats.hasValue()
      ? (this.stats.value().by_risk_level.critical ?? 0) +
        (this.stats.value().by_risk_level.high ?? 0)
      : 0,
  );
  protected readonly detail = computed(() => {
    if (!this.stats.hasValue()) return null;
    const s = this.stats.value();
    return `pending review · ${s.total_sent.toLocaleString('en-US')} sent · ${this.critical()} high/critical risk`;
  });
}
